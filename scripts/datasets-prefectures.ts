/**
 * Part of `npm run datasets`: `datasets/jilin-prefectures/panel.csv`, Jilin's prefecture-level units
 * 2003–2023, from the city panels in `../shared/data/china_prefectures/raw/` (PROVENANCE.md §6.1).
 *
 * Known problems are handled in the open (datasets/jilin-prefectures/README.md): nothing is smoothed,
 * interpolated or "corrected"; a value is either the source's or empty, and the `flags` column says why.
 */
import * as path from "node:path";
import { formatCsv, csvNumber } from "../lib/data/csv";
import { cleanFloat32 } from "../lib/data/float32";
import type { SourceCell } from "../lib/data/nbsTable";

export interface PrefectureContext {
  dataDir: string;
  readGrid(file: string, sheet?: string): SourceCell[][];
  outputs: Map<string, string>;
  problems: string[];
  fail(msg: string): never;
  log(msg: string): void;
  /** adcode → romanised name of Jilin's nine units */
  namesEn: Record<string, string>;
}

const RAW = ["china_prefectures", "raw"];
export const PREFECTURE_FILES = {
  loans: "city_gdp_loans_deposits_10k_cny_2003-2023__biechouwo-coder.xlsx",
  sectors: "city_gdp_sector_value_added_100m_cny_2000-2023__biechouwo-coder.xlsx",
  fdi: "city_fdi_million_usd_1996-2023__biechouwo-coder.xlsx",
  density: "city_population_density_1998-2024__biechouwo-coder.xlsx",
} as const;

const FIRST_YEAR = 2003;
const LAST_YEAR = 2023;
/** from this year the city values are on the post-census revised basis (PROVENANCE.md §6.1) */
const REVISION_YEAR = 2019;
/** FDI falling to less than 40% of the previous year's value is flagged as a suspected definition break */
const FDI_BREAK_RATIO = 0.4;
/** 四平 2019 deposits (PROVENANCE.md §6.1: "about 10× too large"), dropped; checked to be ≥ 5× both neighbours */
const DROPPED_DEPOSITS = { adcode: "220300", year: 2019 };

export const PREFECTURE_COLUMNS = [
  "adcode", "name_zh", "name_en", "year",
  "gdp_100m_cny", "gdp_100m_cny_sectorfile", "va_primary_100m_cny", "va_secondary_100m_cny", "va_tertiary_100m_cny",
  "loans_yearend_100m_cny", "deposits_yearend_100m_cny", "fdi_million_usd",
  "land_area_km2", "resident_population_10k_persons", "post_revision_2019", "flags",
] as const;

type Cells = Map<string, number>;
const k = (code: string, year: number) => `${code}|${year}`;

function cellNumber(c: SourceCell, where: string, fail: (m: string) => never): number {
  if (c === null || c === undefined || c === "") return NaN;
  const v = typeof c === "number" ? c : Number(String(c).trim());
  if (!Number.isFinite(v)) fail(`${where}: "${String(c)}" is not a number`);
  return cleanFloat32(v);
}

function header(grid: SourceCell[][], expected: string[], file: string, fail: (m: string) => never) {
  const h = (grid[0] ?? []).slice(0, expected.length).map((c) => String(c ?? "").trim());
  if (h.join("|") !== expected.join("|")) fail(`${file}: header ${h.join(",")}, expected ${expected.join(",")}`);
}

export function buildJilinPrefectures(ctx: PrefectureContext) {
  const { fail, problems } = ctx;
  const file = (f: string) => path.join(ctx.dataDir, ...RAW, f);
  const units = Object.keys(ctx.namesEn).sort();
  const nameZh = new Map<string, string>();
  const jilin = (code: number | string) => units.includes(String(code));

  // --- GDP, loans, deposits (万元 → 亿元)
  const ld = ctx.readGrid(file(PREFECTURE_FILES.loans));
  header(ld, ["年份", "省份", "城市", "省份代码", "城市代码", "所属地域", "地区生产总值(万元)", "年末金融机构各项贷款余额(万元)", "年末金融机构存款余额(万元)"], PREFECTURE_FILES.loans, fail);
  const gdpL: Cells = new Map(), loans: Cells = new Map(), deposits: Cells = new Map();
  for (const r of ld.slice(1)) {
    if (r[0] === null || !jilin(r[4] as number)) continue;
    const code = String(r[4]), y = Number(r[0]);
    nameZh.set(code, String(r[2]));
    const at = (j: number) => cellNumber(r[j], `${PREFECTURE_FILES.loans} ${code} ${y}`, fail) / 1e4;
    for (const [m, v] of [[gdpL, at(6)], [loans, at(7)], [deposits, at(8)]] as const) if (!Number.isNaN(v)) m.set(k(code, y), v);
  }
  // --- GDP and sector value added (亿元); the "2023" sheet must repeat the panel's 2023 rows
  const sv = ctx.readGrid(file(PREFECTURE_FILES.sectors), "面板数据2000-2023");
  const svHeader = ["年度标识", "城市名称", "城市代码", "城市类别", "省份名称", "gdp（亿元人民币）", "第一产业增加值（亿元人民币）", "第二产业增加值", "第三产业增加值"];
  header(sv, svHeader, PREFECTURE_FILES.sectors, fail);
  const gdpS: Cells = new Map(), va1: Cells = new Map(), va2: Cells = new Map(), va3: Cells = new Map();
  for (const r of sv.slice(1)) {
    if (r[0] === null || !jilin(r[2] as number)) continue;
    const code = String(r[2]), y = Number(r[0]);
    if (!nameZh.has(code)) nameZh.set(code, String(r[1]));
    const at = (j: number) => cellNumber(r[j], `${PREFECTURE_FILES.sectors} ${code} ${y}`, fail);
    for (const [m, v] of [[gdpS, at(5)], [va1, at(6)], [va2, at(7)], [va3, at(8)]] as const) if (!Number.isNaN(v)) m.set(k(code, y), v);
  }
  const sheet2023 = ctx.readGrid(file(PREFECTURE_FILES.sectors), "2023");
  header(sheet2023, svHeader, `${PREFECTURE_FILES.sectors} sheet 2023`, fail);
  for (const r of sheet2023.slice(1)) {
    if (r[0] === null || !jilin(r[2] as number)) continue;
    [gdpS, va1, va2, va3].forEach((m, j) => {
      const v = cellNumber(r[5 + j], "sheet 2023", fail);
      if (m.get(k(String(r[2]), 2023)) !== v) problems.push(`jilin-prefectures: ${PREFECTURE_FILES.sectors} sheet "2023" ≠ panel sheet at ${r[2]} column ${svHeader[5 + j]}`);
    });
  }
  // --- FDI (百万美元): the file names cities by short name only
  const fdiGrid = ctx.readGrid(file(PREFECTURE_FILES.fdi));
  header(fdiGrid, ["year", "地级市", "外商直接投资", "单位"], PREFECTURE_FILES.fdi, fail);
  const shortToCode = new Map(units.map((c) => [(nameZh.get(c) ?? "").replace(/(市|朝鲜族自治州)$/, ""), c]));
  const fdi: Cells = new Map();
  for (const r of fdiGrid.slice(1)) {
    const code = shortToCode.get(String(r[1] ?? ""));
    if (!code) continue;
    if (r[3] !== "百万美元") fail(`${PREFECTURE_FILES.fdi}: ${r[1]} ${r[0]} unit "${r[3]}"`);
    const v = cellNumber(r[2], `${PREFECTURE_FILES.fdi} ${r[1]} ${r[0]}`, fail);
    if (!Number.isNaN(v)) fdi.set(k(code, Number(r[0])), v);
  }
  // --- land area and resident population; the compiler's interpolated population and density are not used
  const pd = ctx.readGrid(file(PREFECTURE_FILES.density));
  header(pd, ["年份", "省份", "城市", "省份代码", "城市代码", "行政区域土地面积(平方公里)", "常住人口（万人）", "插值_常住人口（万人）"], PREFECTURE_FILES.density, fail);
  const area: Cells = new Map(), pop: Cells = new Map();
  for (const r of pd.slice(1)) {
    if (r[0] === null || !jilin(r[4] as number)) continue;
    const code = String(r[4]), y = Number(r[0]);
    const a = cellNumber(r[5], `${PREFECTURE_FILES.density} ${code} ${y}`, fail);
    const p = cellNumber(r[6], `${PREFECTURE_FILES.density} ${code} ${y}`, fail);
    if (!Number.isNaN(a)) area.set(k(code, y), a);
    if (!Number.isNaN(p)) pop.set(k(code, y), p);
  }

  // --- the two GDP series. Agreement within rounding: the sector file has 2 decimals; the loans file rounds to
  // whole 亿元 from 2019. A disagreement is flagged, never resolved. The missing 2017 GDP of the loans file is
  // taken from the sector file for a city only if the two files agree in every other year of the same
  // (pre-revision) basis, 2003–2018.
  const fill2017 = new Set<string>();
  const disagree = new Set<string>();
  for (const code of units) {
    let preAgree = true;
    for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
      const a = gdpL.get(k(code, y)), b = gdpS.get(k(code, y));
      if (a === undefined || b === undefined) continue;
      if (Math.abs(a - b) <= (y >= REVISION_YEAR ? 0.5 : 0.005) + 1e-9) continue;
      disagree.add(k(code, y));
      if (y < REVISION_YEAR) preAgree = false;
    }
    if (preAgree && !gdpL.has(k(code, 2017)) && gdpS.has(k(code, 2017))) fill2017.add(code);
  }
  // --- the dropped deposit cell: it must still be the ≥ 5× outlier PROVENANCE.md describes
  const dk = k(DROPPED_DEPOSITS.adcode, DROPPED_DEPOSITS.year);
  const dv = deposits.get(dk)!;
  for (const y of [DROPPED_DEPOSITS.year - 1, DROPPED_DEPOSITS.year + 1]) {
    if (!(dv >= 5 * deposits.get(k(DROPPED_DEPOSITS.adcode, y))!)) fail(`jilin-prefectures: deposits ${dk} = ${dv} is no longer ≥ 5× its neighbour ${y}; revisit the drop`);
  }
  deposits.delete(dk);

  const rows: string[][] = [[...PREFECTURE_COLUMNS]];
  let count = 0;
  for (const code of units) {
    for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
      const key = k(code, y);
      const flags: string[] = [];
      let gdp = gdpL.get(key) ?? NaN;
      if (y === 2017 && fill2017.has(code)) { gdp = gdpS.get(key)!; flags.push("gdp_2017_from_sectorfile"); }
      if (disagree.has(key)) flags.push("gdp_files_disagree");
      if (key === dk) flags.push("deposits_dropped_10x");
      const f = fdi.get(key), fPrev = fdi.get(k(code, y - 1));
      if (f !== undefined && fPrev !== undefined && f < FDI_BREAK_RATIO * fPrev) flags.push("fdi_break_suspected");
      const values = [gdp, gdpS.get(key), va1.get(key), va2.get(key), va3.get(key), loans.get(key), deposits.get(key), f, area.get(key), pop.get(key)]
        .map((v) => v ?? NaN);
      const sourced = values.some((v) => !Number.isNaN(v)) || key === dk;
      if (!sourced) continue;
      count++;
      rows.push([code, nameZh.get(code) ?? fail(`jilin-prefectures: no name for ${code}`), ctx.namesEn[code], String(y), ...values.map(csvNumber),
        y >= REVISION_YEAR ? "1" : "0", flags.join(";")]);
    }
  }
  ctx.outputs.set("jilin-prefectures/panel.csv", formatCsv(rows));
  ctx.log(`datasets: jilin-prefectures: ${count} rows, GDP 2017 taken from the sector file for ${fill2017.size} cities, the two GDP files disagree in ${disagree.size} cells (${[...disagree].join(", ")})`);
}
