import { columnNames, idColumn, numericColumn, rawColumn, rowCount } from "../core/data";
import type { DataInput } from "../core/types";
import type { CertificationCriteria, CriterionOp } from "../indices/certify";

const OPS: readonly CriterionOp[] = [">=", "<=", ">", "<"];
const REQUIRED = ["zone_type", "zone_type_zh", "zone_type_en", "criterion", "criterion_zh", "criterion_en", "comparison", "threshold", "unit"];

/** Options of {@link criteriaFromTable}. */
export interface CriteriaFromTableOptions {
  /**
   * Zone types that a row with `zone_type` = "any" applies to (a rule that names no form, like article 9's
   * thresholds for every service-cluster form). Required when such rows exist.
   */
  anyTypes?: ReadonlyArray<{ type: string; labelZh: string; labelEn: string }>;
}

/**
 * Certification criteria from a long table (one row per zone type × threshold), the form in which the articles'
 * threshold tables are stored in `datasets/article-09-…/criteria.csv` and `datasets/article-10-…/criteria.csv`,
 * turned into the object that `certify` takes. Keeping the thresholds as rows of data (each with the sentence it
 * comes from) and converting them here means no threshold is typed into a notebook.
 *
 * Columns: `zone_type, zone_type_zh, zone_type_en, criterion, criterion_zh, criterion_en, comparison (>=, <=, >, <),
 * threshold, unit`, and optionally `article` and `sentence` (kept as the criterion's `source`).
 *
 * @param table danfo DataFrame or object of columns
 * @param options `anyTypes` expands rows whose zone type is "any"
 * @returns zone type → `{ labelZh, labelEn, criteria: [{ field, op, value, unit, labelZh, labelEn, source }] }`
 * @throws `criteriaFromTable: no column "unit" (...)`; `criteriaFromTable: row 3 has unknown comparison "=>"`;
 *   `criteriaFromTable: zone type "cbd" lists criterion "firms" twice`; `criteriaFromTable: rows with zone_type "any"
 *   need options.anyTypes`
 * @example
 * criteriaFromTable({ zone_type: ["cbd"], zone_type_zh: ["中央商务区"], zone_type_en: ["Central business district"],
 *   criterion: ["firms"], criterion_zh: ["区内注册企业"], criterion_en: ["number of firms"], comparison: [">="],
 *   threshold: [10], unit: ["firms"] }).cbd.criteria[0]
 * // { field: "firms", op: ">=", value: 10, unit: "firms", labelZh: "区内注册企业", labelEn: "number of firms", source: undefined }
 */
export function criteriaFromTable(table: DataInput, options: CriteriaFromTableOptions = {}): CertificationCriteria {
  const fn = "criteriaFromTable";
  const n = rowCount(table, fn);
  for (const c of REQUIRED) rawColumn(table, c, fn);
  const text = (name: string) => idColumn(table, name, fn);
  const type = text("zone_type");
  const typeZh = text("zone_type_zh");
  const typeEn = text("zone_type_en");
  const field = text("criterion");
  const fieldZh = text("criterion_zh");
  const fieldEn = text("criterion_en");
  const comparison = text("comparison");
  const unit = text("unit");
  const threshold = numericColumn(table, "threshold", fn);
  const names = columnNames(table);
  const sentence = names.includes("sentence") ? rawColumn(table, "sentence", fn) : null;
  const article = names.includes("article") ? rawColumn(table, "article", fn) : null;

  const out: CertificationCriteria = {};
  for (let i = 0; i < n; i++) {
    const op = comparison[i] as CriterionOp;
    if (!OPS.includes(op)) {
      throw new Error(`${fn}: row ${i} has unknown comparison ${JSON.stringify(comparison[i])} (use ${OPS.join(", ")})`);
    }
    const source = sentence ? `article ${article ? String(article[i]) : "?"}: ${String(sentence[i])}` : undefined;
    let targets: ReadonlyArray<{ type: string; labelZh: string; labelEn: string }>;
    if (type[i] === "any") {
      if (!options.anyTypes || options.anyTypes.length === 0) throw new Error(`${fn}: rows with zone_type "any" need options.anyTypes`);
      targets = options.anyTypes;
    } else {
      targets = [{ type: type[i], labelZh: typeZh[i], labelEn: typeEn[i] }];
    }
    for (const t of targets) {
      const rule = (out[t.type] ??= { labelZh: t.labelZh, labelEn: t.labelEn, criteria: [] });
      if (rule.criteria.some((c) => c.field === field[i])) {
        throw new Error(`${fn}: zone type "${t.type}" lists criterion "${field[i]}" twice`);
      }
      rule.criteria.push({ field: field[i], op, value: threshold[i], unit: unit[i], labelZh: fieldZh[i], labelEn: fieldEn[i], source });
    }
  }
  return out;
}

/**
 * A copy of certification criteria with thresholds scaled by a factor — a looser (factor < 1) or stricter
 * (factor > 1) version of the same rule, for asking how sensitive verdicts are to where the bars sit — or with some
 * thresholds replaced by given values. The input is not modified.
 *
 * @param criteria the rule, zone type → `{ labelZh, labelEn, criteria }` (as from {@link criteriaFromTable})
 * @param change `{ factor }` multiplies every threshold (both ends of a "between"); `{ values: { field: value } }` sets
 *   the threshold of every criterion on that field (in every zone type) to the value given
 * @returns the new criteria (deep copy; `source` kept, with " (scaled ×f)" or " (threshold set to v)" appended)
 * @throws when the factor is not a finite number > 0, a value is not finite, or `values` names a field no criterion uses
 * @example
 * scaleCriteria({ cbd: { labelZh: "中央商务区", labelEn: "CBD", criteria: [{ field: "firms", op: ">=", value: 10, unit: "firms",
 *   labelZh: "企业", labelEn: "firms" }] } }, { factor: 0.5 }).cbd.criteria[0].value
 * // 5
 */
export function scaleCriteria(criteria: CertificationCriteria, change: { factor: number } | { values: Record<string, number> }): CertificationCriteria {
  const fn = "scaleCriteria";
  if (criteria === null || typeof criteria !== "object") throw new Error(`${fn}: criteria must be an object of zone type → rule`);
  const byFactor = "factor" in change;
  if (byFactor && (typeof change.factor !== "number" || !Number.isFinite(change.factor) || change.factor <= 0)) {
    throw new Error(`${fn}: factor must be a finite number > 0 (got ${String(change.factor)})`);
  }
  const values = byFactor ? {} : change.values;
  const used = new Set<string>();
  for (const [f, v] of Object.entries(values)) if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${fn}: value for "${f}" must be a finite number (got ${String(v)})`);
  const out: CertificationCriteria = {};
  for (const [type, rule] of Object.entries(criteria)) {
    out[type] = {
      ...rule,
      criteria: rule.criteria.map((c) => {
        if (byFactor) {
          const f = change.factor;
          const value: number | [number, number] = Array.isArray(c.value) ? [c.value[0] * f, c.value[1] * f] : (c.value as number) * f;
          return { ...c, value, source: c.source === undefined ? undefined : `${c.source} (scaled ×${f})` };
        }
        if (!Object.hasOwn(values, c.field)) return { ...c, value: Array.isArray(c.value) ? [c.value[0], c.value[1]] as [number, number] : c.value };
        used.add(c.field);
        const v = values[c.field];
        return { ...c, value: v, source: c.source === undefined ? undefined : `${c.source} (threshold set to ${v})` };
      }),
    };
  }
  for (const f of Object.keys(values)) if (!used.has(f)) throw new Error(`${fn}: no criterion uses the field "${f}"`);
  return out;
}
