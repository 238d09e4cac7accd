/**
 * `npm run datasets` — rebuild every tidy file under `datasets/` from the read-only sources in
 * `../shared/data/` and fail if a rebuilt file differs from the committed one.
 *
 *   npm run datasets             check mode: rebuild in memory, compare, exit 1 on any difference
 *   npm run datasets -- --write  (re)write the files
 *
 * Sources are read from the RAW files where practical (GB18030 CSV exports, XLS/XLSX via the npm
 * `xlsx` package, ECharts-compressed geometry via our decoder in lib/data/echartsGeo.ts) and then
 * cross-checked cell by cell against shared's own tidy copies and `province_panel_wide.csv`.
 * Also checks every CSV in a `datasets/article-NN-…` folder that has a `sentence` column: each sentence must occur
 * verbatim (whitespace removed on both sides) in shared/articles/agglomeration-zones-10-articles.txt.
 * Where `../shared` is absent (set AGGLO_SHARED_DIR to point elsewhere) it says so and exits 0.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as XLSX from "xlsx";
import { parseCsv, formatCsv, formatNumber } from "../lib/data/csv";
import { datasetsPath, sharedPath } from "../lib/data/paths";
import { decodeEChartsGeo, type FeatureCollection, type GeoFeature } from "../lib/data/echartsGeo";
import { parseNbsTable, type SourceCell } from "../lib/data/nbsTable";
import { provinceResolver, type ProvinceNames } from "../lib/data/names";
import { buildJilinPrefectures } from "./datasets-prefectures";
import { parseNbsApi } from "../lib/data/nbsApi";
// lib/data/provinceDerived (→ lib/indices → danfojs-node, slow to load) is imported lazily in main()
type Derive = typeof import("../lib/data/provinceDerived");
let derive: Derive;

const WRITE = process.argv.includes("--write");
const QUIET = process.argv.includes("--quiet");
const DATA = sharedPath("data");
const ARTICLES = sharedPath("articles", "agglomeration-zones-10-articles.txt");

/** Files this script owns, relative to datasets/, with their rebuilt content. */
const outputs = new Map<string, string>();
/** Folders whose every non-README file must be produced by this script. */
const OWNED_FOLDERS = ["china-provinces", "china-geo", "regions", "ports", "china-major-cities", "jilin-prefectures"];
const problems: string[] = [];

function fail(msg: string): never {
  throw new Error(`datasets: ${msg}`);
}
function log(msg: string) {
  if (!QUIET) console.log(msg);
}

// ---------------------------------------------------------------- reading sources

function readText(file: string): string {
  const bytes = fs.readFileSync(file);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

const workbooks = new Map<string, XLSX.WorkBook>();

function readGrid(file: string, sheet?: string): SourceCell[][] {
  if (/\.xlsx?$/i.test(file)) {
    let wb = workbooks.get(file);
    if (!wb) { wb = XLSX.read(fs.readFileSync(file), { type: "buffer" }); workbooks.set(file, wb); }
    const name = sheet ?? wb.SheetNames[0];
    if (!wb.Sheets[name]) fail(`${path.basename(file)}: no sheet "${name}" (sheets: ${wb.SheetNames.join(", ")})`);
    return XLSX.utils.sheet_to_json<SourceCell[]>(wb.Sheets[name], { header: 1, raw: true, defval: null });
  }
  return parseCsv(readText(file));
}

function readCsvObjects(file: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readText(file));
  return rows.filter((r) => r.some((c) => c !== "")).map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ""])));
}

const num = (s: string): number => (s.trim() === "" ? NaN : Number(s));

// ---------------------------------------------------------------- provinces

const PANEL_FIRST_YEAR = 2000; // first year of year-end population, the per-capita denominator
const PANEL_LAST_YEAR = 2024;

interface NbsSource {
  file: string;
  variable: string;
  /** the indicator line as printed, or null for files without one (identified as PROVENANCE.md says) */
  indicator: string | null;
}

const NBS_SOURCES: NbsSource[] = [
  { file: "nbs_gdp_100m_cny_2006-2024_release2025__RenJiyi163.csv", variable: "gdp_100m_cny", indicator: "地区生产总值(亿元)" },
  { file: "nbs_gdp_100m_cny_2001-2019_release2020__nwljy.csv", variable: "gdp_100m_cny", indicator: "地区生产总值(亿元)" },
  { file: "nbs_en_gdp_100m_cny_2004-2022_release2023__Miao-Liao.xlsx", variable: "gdp_100m_cny", indicator: "Gross regional domestic product(100 million yuan)" },
  { file: "nbs_gdp_100m_cny_2005-2023_release2024__xiaoqi737.xls", variable: "gdp_100m_cny", indicator: null },
  { file: "nbs_gdp_100m_cny_1993-2017_release2018__Tobby-star.csv", variable: "gdp_100m_cny", indicator: "地区生产总值(亿元)" },
  { file: "nbs_en_yearend_population_10k_2000-2020__yinthan.csv", variable: "population_yearend_10k_persons", indicator: null },
  { file: "nbs_yearend_resident_population_10k_2015-2024__1lmq.csv", variable: "population_yearend_10k_persons", indicator: "年末常住人口(万人)" },
  { file: "nbs_en_local_general_budget_expenditure_100m_cny_2005-2022__Miao-Liao.xls", variable: "local_general_budget_expenditure_100m_cny", indicator: "Local General Budget Expenditure (in 100 million yuan)" },
  { file: "nbs_local_general_budget_expenditure_100m_cny_2011-2024__tec_expenditure.csv", variable: "local_general_budget_expenditure_100m_cny", indicator: null },
  { file: "nbs_en_per_capita_disposable_income_cny_2006-2022__Miao-Liao.xls", variable: "per_capita_disposable_income_cny", indicator: "Per capita disposable income of all residents (Yuan)" },
  { file: "nbs_urban_unit_employment_10k_2008-2024__RenJiyi163.csv", variable: "urban_unit_employment_10k_persons", indicator: "城镇单位就业人员(万人)" },
  { file: "nbs_private_individual_employment_10k_2006-2019__RenJiyi163.csv", variable: "private_and_individual_employment_10k_persons", indicator: "私营企业和个体就业人员(万人)" },
  { file: "nbs_patent_applications_2011-2024__tec_expenditure.csv", variable: "patent_applications_count", indicator: null },
  { file: "nbs_patents_granted_2011-2024__tec_expenditure.csv", variable: "patents_granted_count", indicator: null },
  { file: "nbs_invention_patent_applications_2011-2024__tec_expenditure.csv", variable: "invention_patent_applications_count", indicator: null },
  { file: "nbs_invention_patents_granted_2011-2024__tec_expenditure.csv", variable: "invention_patents_granted_count", indicator: null },
  { file: "nbs_fiscal_sci_tech_expenditure_100m_cny_2011-2023__tec_expenditure.csv", variable: "local_fiscal_sci_tech_expenditure_100m_cny", indicator: null },
  { file: "nbs_technology_market_turnover_100m_cny_2011-2024__tec_expenditure.csv", variable: "technology_market_turnover_100m_cny", indicator: null },
];
const PBOC_FILE = "pboc_rmb_loans_deposits_100m_cny_2003-2023_via_wind__Yumanlou.csv";

/** Panel columns and the raw files merged into each (overlaps must agree exactly). */
const PANEL_COLUMNS: { name: string; files: string[] }[] = [
  { name: "gdp_100m_cny", files: ["nbs_gdp_100m_cny_2006-2024_release2025__RenJiyi163.csv"] },
  {
    name: "gdp_100m_cny_release2020_2024",
    files: [
      "nbs_gdp_100m_cny_2001-2019_release2020__nwljy.csv",
      "nbs_en_gdp_100m_cny_2004-2022_release2023__Miao-Liao.xlsx",
      "nbs_gdp_100m_cny_2005-2023_release2024__xiaoqi737.xls",
    ],
  },
  { name: "gdp_100m_cny_release2018", files: ["nbs_gdp_100m_cny_1993-2017_release2018__Tobby-star.csv"] },
  { name: "population_yearend_10k_persons", files: ["nbs_en_yearend_population_10k_2000-2020__yinthan.csv", "nbs_yearend_resident_population_10k_2015-2024__1lmq.csv"] },
  {
    name: "local_general_budget_expenditure_100m_cny",
    files: ["nbs_en_local_general_budget_expenditure_100m_cny_2005-2022__Miao-Liao.xls", "nbs_local_general_budget_expenditure_100m_cny_2011-2024__tec_expenditure.csv"],
  },
  { name: "per_capita_disposable_income_cny", files: ["nbs_en_per_capita_disposable_income_cny_2006-2022__Miao-Liao.xls"] },
  { name: "urban_unit_employment_10k_persons", files: ["nbs_urban_unit_employment_10k_2008-2024__RenJiyi163.csv"] },
  { name: "private_and_individual_employment_10k_persons", files: ["nbs_private_individual_employment_10k_2006-2019__RenJiyi163.csv"] },
  { name: "patent_applications_count", files: ["nbs_patent_applications_2011-2024__tec_expenditure.csv"] },
  { name: "patents_granted_count", files: ["nbs_patents_granted_2011-2024__tec_expenditure.csv"] },
  { name: "invention_patent_applications_count", files: ["nbs_invention_patent_applications_2011-2024__tec_expenditure.csv"] },
  { name: "invention_patents_granted_count", files: ["nbs_invention_patents_granted_2011-2024__tec_expenditure.csv"] },
  { name: "local_fiscal_sci_tech_expenditure_100m_cny", files: ["nbs_fiscal_sci_tech_expenditure_100m_cny_2011-2023__tec_expenditure.csv"] },
  { name: "technology_market_turnover_100m_cny", files: ["nbs_technology_market_turnover_100m_cny_2011-2024__tec_expenditure.csv"] },
  { name: "rmb_loans_outstanding_yearend_100m_cny", files: [`${PBOC_FILE}#loans`] },
  { name: "rmb_deposits_outstanding_yearend_100m_cny", files: [`${PBOC_FILE}#deposits`] },
  { name: "financial_value_added_100m_cny", files: ["api#A02010D"] },
  { name: "va_secondary_100m_cny", files: ["api#A020103"] },
  { name: "va_tertiary_100m_cny", files: ["api#A020104"] },
];

/** NBS API responses (PROVENANCE.md §6.2): file → indicator code and name they must hold. */
const NBS_API_FILES: { file: string; code: string; name: string }[] = [
  { file: "nbs_fsnd_金融业增加值_2014-2022__pntehan.json", code: "A02010D", name: "金融业增加值" },
  { file: "nbs_fsnd_第二产业增加值_2014-2022__pntehan.json", code: "A020103", name: "第二产业增加值" },
  { file: "nbs_fsnd_第三产业增加值_2014-2022__pntehan.json", code: "A020104", name: "第三产业增加值" },
  { file: "nbs_fsnd_地区生产总值_2014-2022__pntehan.json", code: "A020101", name: "地区生产总值" },
];

type CellMap = Map<string, number>; // key `${adcode}|${year}` → value (present cells only)
const key = (adcode: string, year: number) => `${adcode}|${year}`;

const REGION_3BELT_ZH: Record<string, string> = { East: "东部", Central: "中部", West: "西部" };
const REGION_4ZONE_ZH: Record<string, string> = { East: "东部", Central: "中部", West: "西部", Northeast: "东北" };

interface LookupRow extends ProvinceNames {
  region_3belt: string;
  region_4zone: string;
}

function buildProvinces() {
  const lookup = readCsvObjects(path.join(DATA, "china_provinces", "provinces_lookup.csv")) as unknown as LookupRow[];
  if (lookup.length !== 31) fail(`provinces_lookup.csv has ${lookup.length} rows, expected 31`);
  lookup.sort((a, b) => a.adcode.localeCompare(b.adcode));
  const resolve = provinceResolver(lookup);
  const isProvince = (name: string) => resolve(name) !== undefined;

  // --- regions dataset (groupings as data)
  const regionRows: string[][] = [[
    "adcode", "name_zh", "name_zh_short", "name_en", "echarts_name",
    "region_3belt", "region_3belt_zh", "region_4zone", "region_4zone_zh", "is_municipality",
  ]];
  for (const p of lookup) {
    const z3 = REGION_3BELT_ZH[p.region_3belt];
    const z4 = REGION_4ZONE_ZH[p.region_4zone];
    if (!z3 || !z4) fail(`provinces_lookup.csv: unknown region code for ${p.adcode} (${p.region_3belt}/${p.region_4zone})`);
    // 直辖市: the province-level units whose official name ends in 市
    const muni = p.name_zh.endsWith("市") ? "1" : "0";
    regionRows.push([p.adcode, p.name_zh, p.name_zh_short, p.name_en, p.echarts_name, p.region_3belt, z3, p.region_4zone, z4, muni]);
  }
  outputs.set("regions/regions.csv", formatCsv(regionRows));

  // --- raw NBS files
  const bySource = new Map<string, CellMap>();
  for (const src of NBS_SOURCES) {
    const file = path.join(DATA, "china_provinces", "raw", src.file);
    const table = parseNbsTable(readGrid(file), isProvince);
    if (table.indicator !== src.indicator) fail(`${src.file}: indicator "${table.indicator}", expected "${src.indicator}"`);
    if (table.regions.length !== 31) fail(`${src.file}: ${table.regions.length} provinces, expected 31`);
    const cells: CellMap = new Map();
    for (const r of table.records) {
      if (r.value === null) continue;
      const code = resolve(r.region)!;
      const k = key(code, r.year);
      if (cells.has(k)) fail(`${src.file}: duplicate cell ${k}`);
      cells.set(k, r.value);
    }
    bySource.set(src.file, cells);
    crossCheckTidy(src.file, src.variable, cells);
  }
  // --- PBoC via Wind
  {
    const rows = readCsvObjects(path.join(DATA, "china_provinces", "raw", PBOC_FILE));
    const loans: CellMap = new Map();
    const deposits: CellMap = new Map();
    for (const r of rows) {
      const code = resolve(r.province);
      if (!code) fail(`${PBOC_FILE}: unknown province "${r.province}"`);
      const y = Number(r.year);
      const l = num(r.wind_loan_balance_100m_cny);
      const d = num(r.wind_deposit_balance_100m_cny);
      // integrity check documented in PROVENANCE.md: the file's own ratio equals loan/deposit
      if (Math.abs(l / d - num(r.wind_loan_deposit_ratio)) > 1e-12) fail(`${PBOC_FILE}: ratio check fails for ${r.province} ${y}`);
      if (!Number.isNaN(l)) loans.set(key(code, y), l);
      if (!Number.isNaN(d)) deposits.set(key(code, y), d);
    }
    bySource.set(`${PBOC_FILE}#loans`, loans);
    bySource.set(`${PBOC_FILE}#deposits`, deposits);
    crossCheckTidy(PBOC_FILE, "rmb_loans_outstanding_yearend_100m_cny", loans);
    crossCheckTidy(PBOC_FILE, "rmb_deposits_outstanding_yearend_100m_cny", deposits);
  }

  // --- NBS API responses (2014–2022, 4th-census vintage)
  for (const a of NBS_API_FILES) {
    const t = parseNbsApi(JSON.parse(fs.readFileSync(path.join(DATA, "china_provinces", "raw_nbs_api", a.file), "utf8")), a.file);
    if (t.indicatorCode !== a.code || t.indicatorName !== a.name || t.unit !== "亿元") fail(`${a.file}: indicator ${t.indicatorCode} ${t.indicatorName} (${t.unit}), expected ${a.code} ${a.name} (亿元)`);
    const cells: CellMap = new Map();
    for (const r of t.records) {
      if (!lookup.some((p) => p.adcode === r.region)) fail(`${a.file}: unknown region ${r.region}`);
      if (r.value !== null) cells.set(key(r.region, r.year), r.value);
    }
    if (cells.size !== 31 * 9) fail(`${a.file}: ${cells.size} values, expected 31 provinces × 2014–2022`);
    bySource.set(`api#${a.code}`, cells);
  }
  // vintage rule: the API's GDP must equal the release 2020–2024 GDP in every cell, else its sector series are another vintage
  for (const [k, v] of bySource.get("api#A020101")!) {
    const release = PANEL_COLUMNS.find((c) => c.name === "gdp_100m_cny_release2020_2024")!.files.map((f) => bySource.get(f)!.get(k)).find((x) => x !== undefined);
    if (release !== v) problems.push(`NBS API GDP ${k} = ${v} differs from gdp_100m_cny_release2020_2024 = ${release}: not the same vintage`);
  }

  // --- merge into the panel
  const merged = new Map<string, CellMap>();
  for (const col of PANEL_COLUMNS) {
    const out: CellMap = new Map();
    for (const f of col.files) {
      for (const [k, v] of bySource.get(f)!) {
        const prev = out.get(k);
        if (prev !== undefined && prev !== v) fail(`${col.name}: sources disagree at ${k}: ${prev} vs ${v} (${f})`);
        out.set(k, v);
      }
    }
    merged.set(col.name, out);
  }
  const years: number[] = [];
  for (let y = PANEL_FIRST_YEAR; y <= PANEL_LAST_YEAR; y++) years.push(y);
  const header = ["adcode", "province_zh", "province_en", "region_3belt", "region_4zone", "is_municipality", "year", ...PANEL_COLUMNS.map((c) => c.name)];
  const panelRows: string[][] = [header];
  const cols: Record<string, number[]> = Object.fromEntries(PANEL_COLUMNS.map((c) => [c.name, [] as number[]]));
  const adcodes: string[] = [];
  const yearCol: number[] = [];
  for (const p of lookup) {
    for (const y of years) {
      const values = PANEL_COLUMNS.map((c) => merged.get(c.name)!.get(key(p.adcode, y)) ?? NaN);
      PANEL_COLUMNS.forEach((c, j) => cols[c.name].push(values[j]));
      adcodes.push(p.adcode);
      yearCol.push(y);
      panelRows.push([p.adcode, p.name_zh, p.name_en, p.region_3belt, p.region_4zone, p.name_zh.endsWith("市") ? "1" : "0", String(y), ...values.map(formatNumber)]);
    }
  }
  outputs.set("china-provinces/panel.csv", formatCsv(panelRows));
  crossCheckWidePanel(panelRows);

  // --- derived variables (lib/data/provinceDerived.ts)
  const { deriveProvinceVariables, PROVINCE_DERIVED_COLUMNS } = derive;
  const derived = deriveProvinceVariables({
    adcode: adcodes,
    year: yearCol,
    gdp_100m_cny: cols.gdp_100m_cny,
    gdp_100m_cny_release2020_2024: cols.gdp_100m_cny_release2020_2024,
    population_yearend_10k_persons: cols.population_yearend_10k_persons,
    rmb_loans_outstanding_yearend_100m_cny: cols.rmb_loans_outstanding_yearend_100m_cny,
    rmb_deposits_outstanding_yearend_100m_cny: cols.rmb_deposits_outstanding_yearend_100m_cny,
    per_capita_disposable_income_cny: cols.per_capita_disposable_income_cny,
    local_general_budget_expenditure_100m_cny: cols.local_general_budget_expenditure_100m_cny,
    financial_value_added_100m_cny: cols.financial_value_added_100m_cny,
  });
  const derivedRows: string[][] = [["adcode", "year", ...PROVINCE_DERIVED_COLUMNS]];
  for (let i = 0; i < adcodes.length; i++) {
    derivedRows.push([adcodes[i], String(yearCol[i]), ...PROVINCE_DERIVED_COLUMNS.map((c) => formatNumber(derived[c][i]))]);
  }
  outputs.set("china-provinces/derived.csv", formatCsv(derivedRows));
  return lookup;
}

/** Our parse of a raw file must equal shared's tidy copy of it, cell for cell. */
function crossCheckTidy(rawFile: string, variable: string, ours: CellMap) {
  const tidyFile = path.join(DATA, "china_provinces", "tidy", rawFile.replace(/\.(csv|xlsx?)$/i, ".tidy.csv"));
  const theirs: CellMap = new Map();
  for (const r of readCsvObjects(tidyFile)) {
    if (!(variable in r)) fail(`${path.basename(tidyFile)} has no column ${variable}`);
    const v = num(r[variable]);
    if (!Number.isNaN(v)) theirs.set(key(r.adcode, Number(r.year)), v);
  }
  for (const [k, v] of ours) {
    if (theirs.get(k) !== v) problems.push(`cross-check ${rawFile} ${variable} ${k}: raw ${v}, shared tidy ${theirs.get(k)}`);
  }
  for (const k of theirs.keys()) if (!ours.has(k)) problems.push(`cross-check ${rawFile} ${variable} ${k}: in shared tidy, not in raw`);
}

/** Our panel must equal shared's province_panel_wide.csv in every cell of the columns both have. */
function crossCheckWidePanel(ours: string[][]) {
  const wide = readCsvObjects(path.join(DATA, "china_provinces", "province_panel_wide.csv"));
  const header = ours[0];
  if (wide.length !== ours.length - 1) problems.push(`province_panel_wide.csv has ${wide.length} rows, ours ${ours.length - 1}`);
  const byKey = new Map(wide.map((r) => [key(r.adcode, Number(r.year)), r]));
  const shared = Object.keys(wide[0] ?? {});
  for (const c of shared) if (!header.includes(c)) problems.push(`province_panel_wide.csv column ${c} missing from our panel`);
  for (const row of ours.slice(1)) {
    const w = byKey.get(key(row[0], Number(row[header.indexOf("year")])));
    if (!w) { problems.push(`province_panel_wide.csv lacks ${row[0]} ${row[6]}`); continue; }
    header.forEach((c, j) => {
      if (!(c in w)) return;
      const a = row[j], b = w[c];
      const same = a === b || (a !== "" && b !== "" && Number(a) === Number(b));
      if (!same) problems.push(`province_panel_wide.csv ${row[0]} ${w.year} ${c}: ours "${a}", shared "${b}"`);
    });
  }
}

// ---------------------------------------------------------------- geometry

/** Romanised (pinyin) forms of the official names of Jilin's nine prefecture-level units. */
const JILIN_NAME_EN: Record<string, string> = {
  "220100": "Changchun", "220200": "Jilin City", "220300": "Siping", "220400": "Liaoyuan", "220500": "Tonghua",
  "220600": "Baishan", "220700": "Songyuan", "220800": "Baicheng", "222400": "Yanbian Korean Autonomous Prefecture",
};

const GEO_DECIMALS = 4; // 1e-4° < half the 1/1024° grid: rounding is invertible (checked below)

function roundCoordinates(fc: FeatureCollection, scale: number): FeatureCollection {
  const f = 10 ** GEO_DECIMALS;
  const r = (v: number) => {
    const out = Math.round(v * f) / f;
    if (Math.round(out * scale) !== v * scale) fail(`geometry rounding is not invertible at ${v}`);
    return out;
  };
  const ring = (pts: [number, number][]) => pts.map(([x, y]) => [r(x), r(y)] as [number, number]);
  return {
    type: "FeatureCollection",
    features: fc.features.map((ft) => ({
      ...ft,
      geometry: ft.geometry.type === "Polygon"
        ? { type: "Polygon", coordinates: ft.geometry.coordinates.map(ring) }
        : { type: "MultiPolygon", coordinates: ft.geometry.coordinates.map((p) => p.map(ring)) },
    })),
  };
}

/** Rings with fewer than 3 distinct points enclose no area. */
function degenerate(ring: [number, number][]): boolean {
  return new Set(ring.map(([x, y]) => `${x},${y}`)).size < 3;
}

/**
 * Drop zero-area polygons (outer ring with < 3 distinct points: 2-point islets in the ECharts source)
 * and zero-area holes, so every ring has the ≥ 4 positions GeoJSON requires (GEOS/sf reject them).
 * Contiguity is unchanged (checked: the 68 queen links of the 31 provinces are identical).
 */
function dropDegenerate(fc: FeatureCollection): { fc: FeatureCollection; dropped: number } {
  let dropped = 0;
  const clean = (poly: [number, number][][]): [number, number][][] | null => {
    if (degenerate(poly[0])) { dropped++; return null; }
    const holes = poly.slice(1).filter((r) => (degenerate(r) ? (dropped++, false) : true));
    return [poly[0], ...holes];
  };
  const features = fc.features.map((ft) => {
    if (ft.geometry.type === "Polygon") {
      const p = clean(ft.geometry.coordinates);
      if (!p) fail(`geometry: feature ${ft.id} has only a degenerate polygon`);
      return { ...ft, geometry: { type: "Polygon" as const, coordinates: p } };
    }
    const polys = ft.geometry.coordinates.map(clean).filter((p): p is [number, number][][] => p !== null);
    if (polys.length === 0) fail(`geometry: feature ${ft.id} has only degenerate polygons`);
    return { ...ft, geometry: { type: "MultiPolygon" as const, coordinates: polys } };
  });
  return { fc: { type: "FeatureCollection", features }, dropped };
}

/** One feature per line: diff-friendly and compact. */
function formatGeoJSON(fc: FeatureCollection): string {
  return `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(",\n")}\n]}\n`;
}

function crossCheckGeo(ours: FeatureCollection, sharedFile: string) {
  const theirs = JSON.parse(fs.readFileSync(path.join(DATA, "geo", sharedFile), "utf8")) as FeatureCollection;
  if (theirs.features.length !== ours.features.length) { problems.push(`${sharedFile}: ${theirs.features.length} features, ours ${ours.features.length}`); return; }
  ours.features.forEach((f, i) => {
    const g = theirs.features[i];
    if (String(g.properties.adcode) !== String(f.id)) problems.push(`${sharedFile}: feature ${i} adcode ${g.properties.adcode} vs ${f.id}`);
    if (JSON.stringify(g.geometry) !== JSON.stringify(f.geometry)) problems.push(`${sharedFile}: feature ${i} (${f.id}) geometry differs from our decoding`);
  });
}

function buildGeo(lookup: LookupRow[]) {
  const raw = (f: string) => JSON.parse(fs.readFileSync(path.join(DATA, "geo", "echarts-4.9.0-raw", f), "utf8"));
  const byCode = new Map(lookup.map((p) => [p.adcode, p]));

  const chinaRaw = raw("china.json");
  const china = decodeEChartsGeo(chinaRaw);
  crossCheckGeo(china, "china_provinces_echarts.geojson");
  const chinaOut: FeatureCollection = {
    type: "FeatureCollection",
    features: china.features
      .map((f): GeoFeature => {
        const code = String(f.id);
        const p = byCode.get(code);
        const cp = f.properties.cp as [number, number];
        return {
          type: "Feature",
          id: code,
          properties: {
            adcode: code,
            name: f.properties.name,
            name_zh: p ? p.name_zh : f.properties.name,
            name_en: p ? p.name_en : null,
            in_panel: p !== undefined,
            cp_lon: cp[0],
            cp_lat: cp[1],
          },
          geometry: f.geometry,
        };
      })
      .sort((a, b) => String(a.id).localeCompare(String(b.id))),
  };
  if (chinaOut.features.filter((f) => f.properties.in_panel).length !== 31) fail("china.json: not all 31 panel provinces found");
  for (const p of lookup) {
    const f = chinaOut.features.find((x) => x.id === p.adcode);
    if (!f || f.properties.name !== p.echarts_name) fail(`china.json: ${p.adcode} name ${f?.properties.name} ≠ lookup echarts_name ${p.echarts_name}`);
  }
  const chinaClean = dropDegenerate(chinaOut);
  log(`datasets: china.json: dropped ${chinaClean.dropped} zero-area rings`);
  outputs.set("china-geo/china-provinces.geojson", formatGeoJSON(roundCoordinates(chinaClean.fc, chinaRaw.UTF8Scale ?? 1024)));

  const jilinRaw = raw("jilin.json");
  const jilin = decodeEChartsGeo(jilinRaw);
  crossCheckGeo(jilin, "jilin_prefectures_echarts.geojson");
  const jilinOut: FeatureCollection = {
    type: "FeatureCollection",
    features: jilin.features
      .map((f): GeoFeature => {
        const code = String(f.id);
        const en = JILIN_NAME_EN[code];
        if (!en) fail(`jilin.json: unexpected unit ${code} ${f.properties.name}`);
        const cp = f.properties.cp as [number, number];
        return {
          type: "Feature",
          id: code,
          properties: { adcode: code, name_zh: f.properties.name, name_en: en, cp_lon: cp[0], cp_lat: cp[1] },
          geometry: f.geometry,
        };
      })
      .sort((a, b) => String(a.id).localeCompare(String(b.id))),
  };
  if (jilinOut.features.length !== 9) fail(`jilin.json: ${jilinOut.features.length} units, expected 9`);
  const jilinClean = dropDegenerate(jilinOut);
  log(`datasets: jilin.json: dropped ${jilinClean.dropped} zero-area rings`);
  outputs.set("china-geo/jilin-prefectures.geojson", formatGeoJSON(roundCoordinates(jilinClean.fc, jilinRaw.UTF8Scale ?? 1024)));
}

// ---------------------------------------------------------------- major cities, ports

function buildMajorCities() {
  const file = path.join(DATA, "china_major_cities", "raw", "nbs_major_cities_gdp_100m_cny_2015-2019_release2020__2020-data-integration.xls");
  const table = parseNbsTable(readGrid(file), (name) => name !== "" && !/^(注|数据来源)/.test(name));
  if (table.indicator !== "国内生产总值(亿元)") fail(`major cities: indicator "${table.indicator}"`);
  const rows: string[][] = [["city_zh", "year", "gdp_100m_cny"]];
  const ours = new Map<string, number>();
  for (const r of table.records) {
    if (r.value === null) continue;
    rows.push([r.region, String(r.year), formatNumber(r.value)]);
    ours.set(`${r.region}|${r.year}`, r.value);
  }
  outputs.set("china-major-cities/gdp.csv", formatCsv(rows));
  const theirs = readCsvObjects(path.join(DATA, "china_major_cities", "nbs_major_cities_gdp_100m_cny_2015-2019.tidy.csv"));
  if (theirs.length !== ours.size) problems.push(`major cities: shared tidy has ${theirs.length} rows, ours ${ours.size}`);
  for (const t of theirs) {
    if (ours.get(`${t.city_zh}|${t.year}`) !== num(t.gdp_100m_cny)) problems.push(`major cities ${t.city_zh} ${t.year}: shared ${t.gdp_100m_cny}, raw ${ours.get(`${t.city_zh}|${t.year}`)}`);
  }
}

function buildPorts() {
  const all = readCsvObjects(path.join(DATA, "ports", "container_port_throughput_teu.csv"));
  const wsc = readCsvObjects(path.join(DATA, "ports", "container_port_throughput_wsc_2014-2018.csv"));
  const cols = ["source_id", "port", "country", "year", "container_throughput_million_teu", "scope_note", "source_title", "source_url"];
  for (const r of all) {
    for (const c of cols) if (!(c in r)) fail(`ports: column ${c} missing`);
    if (!Number.isFinite(num(r.container_throughput_million_teu))) fail(`ports: ${r.port} ${r.year} ${r.source_id}: no value`);
  }
  const sorted = [...all].sort((a, b) =>
    a.source_id.localeCompare(b.source_id) || a.port.localeCompare(b.port) || Number(a.year) - Number(b.year) ||
    a.scope_note.localeCompare(b.scope_note));
  const seen = new Set<string>();
  for (const r of sorted) {
    const k = `${r.source_id}|${r.port}|${r.year}|${r.scope_note}`;
    if (seen.has(k)) fail(`ports: duplicate ${k}`);
    seen.add(k);
  }
  const rows = [cols, ...sorted.map((r) => cols.map((c) => (c === "container_throughput_million_teu" ? formatNumber(num(r[c])) : r[c])))];
  outputs.set("ports/container-throughput.csv", formatCsv(rows));
  // the WSC block file must be exactly the WSC2020 rows of the long file
  const wscLong = new Map(all.filter((r) => r.source_id === "WSC2020").map((r) => [`${r.port}|${r.year}`, num(r.container_throughput_million_teu)]));
  if (wscLong.size !== wsc.length) problems.push(`ports: WSC file has ${wsc.length} rows, long file ${wscLong.size} WSC2020 rows`);
  for (const r of wsc) {
    if (wscLong.get(`${r.port}|${r.year}`) !== num(r.container_throughput_million_teu)) problems.push(`ports: WSC ${r.port} ${r.year} differs between the two shared files`);
  }
}

// ---------------------------------------------------------------- article figures

const squash = (s: string) => s.replace(/\s+/g, "");

function checkArticleFigures() {
  const root = datasetsPath();
  if (!fs.existsSync(root)) return;
  const folders = fs.readdirSync(root).filter((d) => d.startsWith("article-") && fs.statSync(path.join(root, d)).isDirectory());
  if (folders.length === 0) return;
  const articles = squash(fs.readFileSync(ARTICLES, "utf8"));
  let checked = 0;
  for (const d of folders) {
    for (const f of fs.readdirSync(path.join(root, d)).filter((x) => x.endsWith(".csv"))) {
      const [header, ...rows] = parseCsv(fs.readFileSync(path.join(root, d, f), "utf8"));
      const j = header.indexOf("sentence");
      if (j < 0) continue;
      rows.forEach((r, i) => {
        if (r.every((c) => c === "")) return;
        const s = squash(r[j] ?? "");
        checked++;
        if (s === "") problems.push(`datasets/${d}/${f} row ${i + 2}: empty sentence`);
        else if (!articles.includes(s)) problems.push(`datasets/${d}/${f} row ${i + 2}: sentence not found verbatim in ${path.basename(ARTICLES)}: "${(r[j] ?? "").slice(0, 60)}…"`);
      });
    }
  }
  log(`datasets: checked ${checked} quoted sentences in ${folders.length} article folders`);
}

/** Every file under datasets/ needs a README row: ours in datasets/README.md, article folders in their own README. */
function checkReadmeRows() {
  const root = datasetsPath();
  const index = fs.existsSync(path.join(root, "README.md")) ? fs.readFileSync(path.join(root, "README.md"), "utf8") : "";
  for (const d of fs.readdirSync(root)) {
    const dir = path.join(root, d);
    if (!fs.statSync(dir).isDirectory()) continue;
    const own = path.join(dir, "README.md");
    if (!fs.existsSync(own)) { problems.push(`datasets/${d}/ has no README.md`); continue; }
    const readme = fs.readFileSync(own, "utf8");
    if (!index.includes(`${d}/`)) problems.push(`datasets/README.md does not link datasets/${d}/`);
    for (const f of fs.readdirSync(dir)) {
      if (f === "README.md" || fs.statSync(path.join(dir, f)).isDirectory()) continue;
      const listed = d.startsWith("article-") ? readme.includes(f) : index.includes(`${d}/${f}`) && readme.includes(f);
      if (!listed) problems.push(`datasets/${d}/${f} has no README row`);
      else if (d.startsWith("article-") && !index.includes(`${d}/${f}`)) {
        console.warn(`datasets: warning: datasets/${d}/${f} has a row in its folder README but none in datasets/README.md`);
      }
    }
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  if (!fs.existsSync(DATA)) {
    console.log(`datasets: ${DATA} not found — the shared source folder is absent, skipping the rebuild check.`);
    return 0;
  }
  derive = await import("../lib/data/provinceDerived");
  const t0 = Date.now();
  const lookup = buildProvinces();
  buildGeo(lookup);
  buildMajorCities();
  buildPorts();
  buildJilinPrefectures({ dataDir: DATA, readGrid, outputs, problems, fail, log, namesEn: JILIN_NAME_EN });

  let differ = 0;
  for (const [rel, content] of outputs) {
    const file = datasetsPath(rel);
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
    if (current === content) continue;
    if (WRITE) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      log(`datasets: wrote datasets/${rel}`);
    } else {
      differ++;
      problems.push(current === null ? `datasets/${rel} is missing (run npm run datasets -- --write)` : `datasets/${rel} differs from its rebuild from ../shared/data`);
    }
  }
  for (const folder of OWNED_FOLDERS) {
    const dir = datasetsPath(folder);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir)) {
      if (f !== "README.md" && !outputs.has(`${folder}/${f}`)) problems.push(`datasets/${folder}/${f} is not produced by npm run datasets`);
    }
  }
  checkArticleFigures();
  checkReadmeRows();
  log(`datasets: ${outputs.size} files rebuilt from ${DATA} in ${Date.now() - t0} ms${WRITE ? " (write mode)" : `, ${differ} differ`}`);
  if (problems.length > 0) {
    console.error(`datasets: ${problems.length} problem(s):\n  ${problems.slice(0, 50).join("\n  ")}`);
    return 1;
  }
  log("datasets: OK");
  return 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { console.error((e as Error).message); process.exitCode = 1; },
);
