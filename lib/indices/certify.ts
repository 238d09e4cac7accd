import { columnNames, isMissing, rawColumn, rowCount } from "../core/data";
import type { DataInput } from "../core/types";
import { fmt } from "./internal";

/** Comparison of a zone's value with a threshold. "between" is inclusive at both ends. */
export type CriterionOp = ">=" | "<=" | ">" | "<" | "between";

/** One threshold of a certification rule. */
export interface CertificationCriterion {
  /** Field of the zone record holding the value (e.g. "buildingArea"). */
  field: string;
  op: CriterionOp;
  /** Threshold, or [low, high] for "between". */
  value: number | [number, number];
  /** Unit of the threshold, and of the zone's value (e.g. "m²", "家", "亿元"); used in the Chinese reason. */
  unit: string;
  /** The unit in English for the English reason (e.g. "firms", "100 million yuan"); default `unit`. */
  unitEn?: string;
  /** What is measured, in Chinese (e.g. 建筑面积). */
  labelZh: string;
  /** What is measured, in English (e.g. "building area"). */
  labelEn: string;
  /** Where the threshold comes from (article and sentence). */
  source?: string;
}

/** The rule for one zone type. */
export interface ZoneTypeCriteria {
  labelZh: string;
  labelEn: string;
  criteria: CertificationCriterion[];
  source?: string;
}

/** Criteria as data: zone type → its rule. */
export type CertificationCriteria = Record<string, ZoneTypeCriteria>;

/** Options of {@link certify}. */
export interface CertifyOptions {
  /** Field naming the zone; default "name". */
  id?: string;
  /** Field giving the zone type (a key of the criteria); default "type". */
  type?: string;
  /**
   * Units the zones' fields are recorded in, field → unit. When given for a field, it must equal the
   * criterion's unit (no silent conversion).
   */
  units?: Record<string, string>;
}

/** Status of one zone on one criterion. */
export type CriterionStatus = "pass" | "fail" | "missing";

/** One zone × criterion result. */
export interface CertificationResult {
  zone: string;
  type: string;
  field: string;
  criterionZh: string;
  criterionEn: string;
  op: CriterionOp;
  /** The threshold (low end for "between"). */
  threshold: number;
  /** The high end for "between", else null. */
  thresholdHigh: number | null;
  unit: string;
  /** The unit in English (`unitEn`, else `unit`). */
  unitEn: string;
  /** The zone's value, or null when missing. */
  value: number | null;
  status: CriterionStatus;
  /**
   * Distance to the threshold in the criterion's unit, signed so that ≥ 0 is on the passing side:
   * value − threshold for ≥ and >, threshold − value for ≤ and <, min(value − low, high − value) for "between".
   * (For > and <, a margin of exactly 0 fails.) Null when missing.
   */
  margin: number | null;
  /** margin / |threshold| (null for "between", a zero threshold, or missing). */
  relativeMargin: number | null;
  reasonZh: string;
  reasonEn: string;
}

/** Overall verdict for one zone. */
export interface ZoneCertification {
  zone: string;
  type: string;
  /** "certified" when every criterion passes; "not certified" when any fails; "incomplete" when none fails but some are missing. */
  status: "certified" | "not certified" | "incomplete";
  passed: number;
  failed: number;
  missing: number;
  reasonZh: string;
  reasonEn: string;
}

/** Result of {@link certify}. */
export interface CertifyResult {
  /** One row per zone × criterion, zones in input order, criteria in rule order. */
  results: CertificationResult[];
  /** One row per zone, input order. */
  summary: ZoneCertification[];
}

const OPS: CriterionOp[] = [">=", "<=", ">", "<", "between"];
const OP_ZH: Record<Exclude<CriterionOp, "between">, string> = { ">=": "≥", "<=": "≤", ">": ">", "<": "<" };

function checkCriteria(fn: string, criteria: CertificationCriteria): void {
  if (criteria === null || typeof criteria !== "object" || Object.keys(criteria).length === 0) throw new Error(`${fn}: criteria must be an object of zone type → { labelZh, labelEn, criteria: [...] }`);
  for (const [type, rule] of Object.entries(criteria)) {
    if (!rule || !Array.isArray(rule.criteria) || rule.criteria.length === 0) throw new Error(`${fn}: zone type "${type}" has no criteria`);
    for (const c of rule.criteria) {
      const where = `zone type "${type}", criterion "${c?.field}"`;
      if (typeof c?.field !== "string" || c.field === "") throw new Error(`${fn}: ${where}: "field" must be a non-empty string`);
      if (!OPS.includes(c.op)) throw new Error(`${fn}: ${where}: unknown comparison ${JSON.stringify(c.op)}; use ${OPS.map((o) => `"${o}"`).join(", ")}`);
      if (typeof c.unit !== "string") throw new Error(`${fn}: ${where}: "unit" must be a string (use "" for a pure number)`);
      if (c.unitEn !== undefined && typeof c.unitEn !== "string") throw new Error(`${fn}: ${where}: "unitEn" must be a string`);
      if (c.op === "between") {
        const v = c.value;
        if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === "number" && Number.isFinite(x)) || v[0] > v[1]) {
          throw new Error(`${fn}: ${where}: "between" needs value [low, high] with low ≤ high`);
        }
      } else if (typeof c.value !== "number" || !Number.isFinite(c.value)) {
        throw new Error(`${fn}: ${where}: threshold must be a finite number`);
      }
    }
  }
}

type Row = Record<string, unknown>;

function toRows(fn: string, zones: DataInput | Row[]): { rows: Row[]; fields: string[] } {
  if (Array.isArray(zones)) {
    const fields = new Set<string>();
    zones.forEach((z, i) => {
      if (z === null || typeof z !== "object") throw new Error(`${fn}: zone ${i} is not an object`);
      Object.keys(z).forEach((k) => fields.add(k));
    });
    return { rows: zones, fields: [...fields] };
  }
  const fields = columnNames(zones);
  const n = rowCount(zones, fn);
  const cols = fields.map((f) => rawColumn(zones, f, fn));
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const r: Row = {};
    fields.forEach((f, j) => { r[f] = cols[j][i]; });
    rows.push(r);
  }
  return { rows, fields };
}

function show(x: number, unit: string): string {
  return unit === "" ? fmt(x) : `${fmt(x)} ${unit}`;
}

/**
 * Threshold test, pure core: evaluate one value against one certification criterion; the margin is signed so
 * that ≥ 0 is on the passing side (see {@link CertificationResult.margin}).
 * Source: the conjunctive threshold rules of 集聚区范文篇9/篇10 — see {@link certify}.
 * @throws never (no validation: see {@link certify})
 * @example
 * evaluateCriterion(12, { field: "f", op: ">", value: 10, unit: "", labelZh: "", labelEn: "" }) // { pass: true, margin: 2 }
 */
export function evaluateCriterion(value: number, c: CertificationCriterion): { pass: boolean; margin: number } {
  if (c.op === "between") {
    const [lo, hi] = c.value as [number, number];
    const margin = Math.min(value - lo, hi - value);
    return { pass: margin >= 0, margin };
  }
  const t = c.value as number;
  switch (c.op) {
    case ">=": return { pass: value >= t, margin: value - t };
    case ">": return { pass: value > t, margin: value - t };
    case "<=": return { pass: value <= t, margin: t - value };
    default: return { pass: value < t, margin: t - value };
  }
}

/**
 * Certify zones against threshold rules (集聚区认定): criteria are data — zone type → list of
 * `{ field, op, value, unit, labelZh, labelEn }` with op ≥, ≤, >, < or "between" (inclusive) — as in the
 * municipal rule of 集聚区范文篇9 (building area 1万 m² 以上, 30 firms 以上) and the county rule of 篇10
 * (per zone type: CBD, logistics park, commodity market, tech incubator, tourism, software park, creative park,
 * education cluster). Chinese rules write "以上" (at least, ≥) and "超过" (more than, >): choose op accordingly.
 *
 * For each zone and each criterion of its type: pass / fail, the margin to the threshold (in the criterion's
 * unit, ≥ 0 on the passing side), and the reason in words (Chinese and English). A zone without a value
 * for a field its criteria need (field absent, null, NaN or "") gets status "missing" on that criterion — it is
 * neither passed nor failed — and the zone is "incomplete" unless another criterion fails ("not certified").
 *
 * Source: 集聚区范文篇9 §二 and 篇10 §二(一) (the rules); the method is a plain conjunctive threshold rule.
 *
 * @param zones array of zone records, or a danfo DataFrame / object of columns, with an id field, a type
 *   field and the measured fields
 * @param criteria the rules, zone type → {@link ZoneTypeCriteria}
 * @param options `id` (default "name"), `type` (default "type"), `units` (field → unit, checked against the criteria)
 * @returns `{ results, summary }`: one row per zone × criterion and one verdict per zone
 * @throws on an unknown zone type (naming the known types), a missing id or type, a duplicate zone id, a
 *   non-numeric value in a needed field, malformed criteria, a unit that differs from the criterion's, a criterion
 *   field that no zone has (`certify: criterion "building area" of zone type "cbd" reads field "aera", which no zone
 *   has (did you mean "area"?)`), or no zones at all (`certify: no zones to certify`)
 * @example
 * certify([{ name: "Z1", type: "cbd", area: 15000, firms: 8 }],
 *   { cbd: { labelZh: "中央商务区", labelEn: "CBD", criteria: [
 *     { field: "area", op: ">=", value: 14000, unit: "m²", labelZh: "建筑面积", labelEn: "building area" },
 *     { field: "firms", op: ">=", value: 10, unit: "家", unitEn: "firms", labelZh: "注册企业数", labelEn: "registered firms" }] } }).summary[0]
 * // { zone: "Z1", type: "cbd", status: "not certified", passed: 1, failed: 1, missing: 0,
 * //   reasonZh: "未通过:注册企业数", reasonEn: "not certified: fails registered firms" }
 */
/** Same letters up to one transposition, insertion, deletion or substitution (catches "aera" for "area"). */
function closeName(a: string, b: string): boolean {
  const x = a.toLowerCase(), y = b.toLowerCase();
  if (Math.abs(x.length - y.length) > 1) return false;
  if (x.length === y.length) {
    const diff: number[] = [];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff.push(i);
    return diff.length <= 1 || (diff.length === 2 && diff[1] === diff[0] + 1 && x[diff[0]] === y[diff[1]] && x[diff[1]] === y[diff[0]]);
  }
  const [s, l] = x.length < y.length ? [x, y] : [y, x];
  for (let i = 0; i < l.length; i++) if (l.slice(0, i) + l.slice(i + 1) === s) return true;
  return false;
}

export function certify(zones: DataInput | Row[], criteria: CertificationCriteria, options: CertifyOptions = {}): CertifyResult {
  const fn = "certify";
  checkCriteria(fn, criteria);
  const idField = options.id ?? "name";
  const typeField = options.type ?? "type";
  const { rows, fields } = toRows(fn, zones);
  if (rows.length === 0) throw new Error(`${fn}: no zones to certify (the input has no rows)`);
  if (!fields.includes(idField)) throw new Error(`${fn}: no id field "${idField}" (fields: ${fields.join(", ")}); set { id: "..." }`);
  if (!fields.includes(typeField)) throw new Error(`${fn}: no zone-type field "${typeField}" (fields: ${fields.join(", ")}); set { type: "..." }`);
  const units = options.units ?? {};
  const results: CertificationResult[] = [];
  const summary: ZoneCertification[] = [];
  const seen = new Set<string>();
  rows.forEach((z, i) => {
    if (isMissing(z[idField])) throw new Error(`${fn}: zone ${i} has no id ("${idField}")`);
    const zone = String(z[idField]);
    if (seen.has(zone)) throw new Error(`${fn}: zone "${zone}" appears twice`);
    seen.add(zone);
    if (isMissing(z[typeField])) throw new Error(`${fn}: zone "${zone}" has no type ("${typeField}")`);
    const type = String(z[typeField]);
    const rule = criteria[type];
    if (rule === undefined || !Object.hasOwn(criteria, type)) {
      throw new Error(`${fn}: zone "${zone}" has unknown zone type "${type}" (known types: ${Object.keys(criteria).join(", ")})`);
    }
    let passed = 0;
    let failed = 0;
    let missing = 0;
    const failedZh: string[] = [];
    const failedEn: string[] = [];
    const missingZh: string[] = [];
    const missingEn: string[] = [];
    for (const c of rule.criteria) {
      if (units[c.field] !== undefined && units[c.field] !== c.unit) {
        throw new Error(`${fn}: field "${c.field}" is recorded in "${units[c.field]}" but the criterion for zone type "${type}" is in "${c.unit}"; convert it first`);
      }
      const raw = z[c.field];
      const lo = c.op === "between" ? (c.value as [number, number])[0] : (c.value as number);
      const hi = c.op === "between" ? (c.value as [number, number])[1] : null;
      const ruleZh = c.op === "between" ? `${show(lo, c.unit)}–${show(hi!, c.unit)}` : `${OP_ZH[c.op]} ${show(lo, c.unit)}`;
      const uEn = c.unitEn ?? c.unit;
      const ruleEn = c.op === "between" ? `between ${show(lo, uEn)} and ${show(hi!, uEn)}` : `${OP_ZH[c.op]} ${show(lo, uEn)}`;
      const base = { zone, type, field: c.field, criterionZh: c.labelZh, criterionEn: c.labelEn, op: c.op, threshold: lo, thresholdHigh: hi, unit: c.unit, unitEn: uEn };
      if (isMissing(raw)) {
        missing++;
        missingZh.push(c.labelZh);
        missingEn.push(c.labelEn);
        results.push({ ...base, value: null, status: "missing", margin: null, relativeMargin: null,
          reasonZh: `缺少“${c.labelZh}”(字段 ${c.field}),无法判断是否满足 ${ruleZh}`,
          reasonEn: `missing ${c.labelEn} (field "${c.field}"): cannot check ${ruleEn}` });
        continue;
      }
      if (typeof raw !== "number" || !Number.isFinite(raw)) {
        throw new Error(`${fn}: zone "${zone}" field "${c.field}" is not a finite number (${JSON.stringify(raw)})`);
      }
      const { pass, margin } = evaluateCriterion(raw, c);
      const relativeMargin = c.op === "between" || lo === 0 ? null : margin / Math.abs(lo);
      if (pass) passed++; else { failed++; failedZh.push(c.labelZh); failedEn.push(c.labelEn); }
      const reasonZh = pass
        ? `${c.labelZh} ${show(raw, c.unit)},满足 ${ruleZh}(余量 ${show(margin, c.unit)})`
        : `${c.labelZh} ${show(raw, c.unit)},未满足 ${ruleZh}(差 ${show(-margin, c.unit)}${margin === 0 ? ",恰好等于门槛,须严格超过" : ""})`;
      const reasonEn = pass
        ? `${c.labelEn} ${show(raw, uEn)} meets ${ruleEn} (margin ${show(margin, uEn)})`
        : `${c.labelEn} ${show(raw, uEn)} fails ${ruleEn} (short by ${show(-margin, uEn)}${margin === 0 ? ": equal to the threshold, which must be exceeded" : ""})`;
      results.push({ ...base, value: raw, status: pass ? "pass" : "fail", margin, relativeMargin, reasonZh, reasonEn });
    }
    const status: ZoneCertification["status"] = failed > 0 ? "not certified" : missing > 0 ? "incomplete" : "certified";
    const reasonZh = status === "certified" ? `全部 ${passed} 项达标`
      : status === "not certified" ? `未通过:${failedZh.join("、")}${missing > 0 ? `;另缺:${missingZh.join("、")}` : ""}`
        : `资料不全,缺:${missingZh.join("、")}`;
    const reasonEn = status === "certified" ? `certified: all ${passed} criteria met`
      : status === "not certified" ? `not certified: fails ${failedEn.join(", ")}${missing > 0 ? `; also missing ${missingEn.join(", ")}` : ""}`
        : `incomplete: missing ${missingEn.join(", ")}`;
    summary.push({ zone, type, status, passed, failed, missing, reasonZh, reasonEn });
  });
  // a criterion whose field no zone records is a misspelling (zones lacking a recorded field are "incomplete")
  const typesPresent = new Set(rows.map((z) => String(z[typeField])));
  for (const [type, rule] of Object.entries(criteria)) {
    if (!typesPresent.has(type)) continue;
    for (const c of rule.criteria) {
      if (fields.includes(c.field)) continue;
      const near = fields.find((f) => f.toLowerCase() === c.field.toLowerCase()) ?? fields.find((f) => closeName(f, c.field));
      throw new Error(`${fn}: criterion "${c.labelEn}" of zone type "${type}" reads field "${c.field}", which no zone has${near ? ` (did you mean "${near}"?)` : ""}; fields: ${fields.join(", ")}`);
    }
  }
  return { results, summary };
}
