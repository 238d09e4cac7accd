import { describe, it, expect, beforeAll, afterAll } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import {
  loadDataset, loadColumns, loadGeoJSON, listDatasets, parseCsv, formatCsv, csvNumber as formatNumber,
  decodeEChartsRing, decodeEChartsGeo, parseNbsTable, provinceResolver, deriveProvinceVariables,
  ratioLocationQuotientByYear, repoRoot, sharedPath,
} from "../lib/data";

const ROOT = repoRoot();
const SHARED_PRESENT = fs.existsSync(sharedPath("data"));
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

interface RunResult { status: number | null; out: string }

/** Run `scripts/datasets.ts` in a child process (asynchronously, so the three runs below overlap). */
function runDatasets(env: Record<string, string> = {}, args: string[] = []): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX, path.join(ROOT, "scripts", "datasets.ts"), ...args], {
      cwd: ROOT, env: { ...process.env, ...env },
    });
    let out = "";
    child.stdout.on("data", (d) => { out += String(d); });
    child.stderr.on("data", (d) => { out += String(d); });
    child.on("close", (status) => resolve({ status, out }));
  });
}

const nums = (c: unknown) => c as number[];
const strs = (c: unknown) => c as (string | null)[];

describe("npm run datasets (rebuild check)", () => {
  let scratch = "";
  let runs: { check: RunResult; absent: RunResult; broken: RunResult | null };

  beforeAll(async () => {
    // scratch datasets/ folder: one committed file altered and one article sentence that is not in the text
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "datasets-check-"));
    fs.mkdirSync(path.join(scratch, "regions"));
    const text = fs.readFileSync(path.join(ROOT, "datasets", "regions", "regions.csv"), "utf8");
    fs.writeFileSync(path.join(scratch, "regions", "regions.csv"), text.replace("Jilin", "Kirin"));
    fs.mkdirSync(path.join(scratch, "article-99-test"));
    fs.writeFileSync(path.join(scratch, "article-99-test", "figures.csv"),
      formatCsv([["article", "value", "sentence"], ["99", "1", "这一句话不在任何一篇文章里出现过。"]]));
    const [check, absent, broken] = await Promise.all([
      runDatasets({}, ["--quiet"]),
      runDatasets({ AGGLO_SHARED_DIR: path.join(os.tmpdir(), "no-such-shared-dir-xyz") }),
      SHARED_PRESENT ? runDatasets({ AGGLO_DATASETS_DIR: scratch }) : Promise.resolve(null),
    ]);
    runs = { check, absent, broken };
  }, 360_000); // three full rebuilds from the xlsx sources: ~25 s on a quiet machine, over 120 s at load 10

  afterAll(() => {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("reproduces every committed file from ../shared/data and passes all cross-checks", () => {
    expect(runs.check.out).not.toMatch(/problem|differs|missing/);
    expect(runs.check.status).toBe(0);
  });

  it("says so and exits 0 when ../shared is absent", () => {
    expect(runs.absent.status).toBe(0);
    expect(runs.absent.out).toMatch(/not found — the shared source folder is absent, skipping/);
  });

  it.runIf(SHARED_PRESENT)("fails when a committed file differs from its rebuild, and names file and row of an article sentence not verbatim in the article text", () => {
    const r = runs.broken!;
    expect(r.status).toBe(1);
    expect(r.out).toContain("datasets/regions/regions.csv differs from its rebuild");
    expect(r.out).toContain("datasets/article-99-test/figures.csv row 2: sentence not found verbatim");
  });
});

describe("loadDataset('china-provinces')", () => {
  const df = loadDataset("china-provinces");
  const c = loadColumns("china-provinces");

  it("has 775 rows = 31 provinces × 2000–2024, one per province-year, adcode as string and year as int", () => {
    expect(df.shape).toEqual([775, 43]);
    const adcode = strs(c.adcode);
    const year = nums(c.year);
    expect(new Set(adcode).size).toBe(31);
    expect(Math.min(...year)).toBe(2000);
    expect(Math.max(...year)).toBe(2024);
    expect(new Set(adcode.map((a, i) => `${a}|${year[i]}`)).size).toBe(775);
    expect(typeof adcode[0]).toBe("string");
    expect(adcode[0]).toBe("110000");
    const dtypes = Object.fromEntries(df.columns.map((name, j) => [name, df.dtypes[j]]));
    expect(dtypes.adcode).toBe("string");
    expect(dtypes.year).toBe("int32");
    expect(dtypes.gdp_100m_cny).toBe("float32");
  });

  // Year ranges per column from shared/data/PROVENANCE.md §2.1 ("years (31 prov.)"); inside its range a
  // column is complete except 西藏 (540000) technology-market turnover 2011–2016 (PROVENANCE.md §2.1).
  const RANGES: Record<string, [number, number]> = {
    gdp_100m_cny: [2006, 2024],
    gdp_100m_cny_release2020_2024: [2001, 2023],
    gdp_100m_cny_release2018: [2000, 2017],
    population_yearend_10k_persons: [2000, 2024],
    local_general_budget_expenditure_100m_cny: [2005, 2024],
    per_capita_disposable_income_cny: [2006, 2022],
    urban_unit_employment_10k_persons: [2008, 2024],
    private_and_individual_employment_10k_persons: [2006, 2019],
    patent_applications_count: [2011, 2024],
    patents_granted_count: [2011, 2024],
    invention_patent_applications_count: [2011, 2024],
    invention_patents_granted_count: [2011, 2024],
    local_fiscal_sci_tech_expenditure_100m_cny: [2011, 2023],
    technology_market_turnover_100m_cny: [2011, 2024],
    rmb_loans_outstanding_yearend_100m_cny: [2003, 2023],
    rmb_deposits_outstanding_yearend_100m_cny: [2003, 2023],
    // PROVENANCE.md §6.2: "31 provinces × 2014-2022" (2023 empty in the API responses)
    financial_value_added_100m_cny: [2014, 2022],
    va_secondary_100m_cny: [2014, 2022],
    va_tertiary_100m_cny: [2014, 2022],
  };

  it("has a value in every cell of each source column's documented year range and none outside it", () => {
    const year = nums(c.year);
    const adcode = strs(c.adcode);
    for (const [col, [from, to]] of Object.entries(RANGES)) {
      const v = nums(c[col]);
      const bad: string[] = [];
      v.forEach((x, i) => {
        const inRange = year[i] >= from && year[i] <= to;
        const tibetGap = col === "technology_market_turnover_100m_cny" && adcode[i] === "540000" && year[i] <= 2016;
        if (inRange && !tibetGap && Number.isNaN(x)) bad.push(`${adcode[i]} ${year[i]} missing`);
        if ((!inRange || tibetGap) && !Number.isNaN(x)) bad.push(`${adcode[i]} ${year[i]} unexpected`);
      });
      expect(bad, col).toEqual([]);
    }
  });

  it("holds the source values (checked against cells of the raw files in ../shared/data/china_provinces/raw)", () => {
    const year = nums(c.year);
    const adcode = strs(c.adcode);
    const at = (col: string, code: string, y: number) => nums(c[col])[adcode.findIndex((a, i) => a === code && year[i] === y)];
    // nbs_yearend_resident_population_10k_2015-2024__1lmq.csv, 吉林省 2019 (PROVENANCE.md: "吉林 2019 = 2448")
    expect(at("population_yearend_10k_persons", "220000", 2019)).toBe(2448);
    // pboc_…__Yumanlou.csv, Shanghai deposits 2014 and 2015 (the 2015 definition break)
    expect(at("rmb_deposits_outstanding_yearend_100m_cny", "310000", 2014)).toBe(69549.14);
    expect(at("rmb_deposits_outstanding_yearend_100m_cny", "310000", 2015)).toBe(98266.5);
    // nbs_gdp_100m_cny_2006-2024_release2025__RenJiyi163.csv, 北京市 2024
    expect(at("gdp_100m_cny", "110000", 2024)).toBe(49670.2);
    // nbs_gdp_100m_cny_1993-2017_release2018__Tobby-star.csv, 北京市 2017
    expect(at("gdp_100m_cny_release2018", "110000", 2017)).toBe(28014.94);
    // nbs_en_gdp_100m_cny_2004-2022_release2023__Miao-Liao.xlsx, Xinjiang 2019
    expect(at("gdp_100m_cny_release2020_2024", "650000", 2019)).toBe(13597.1);
    // nbs_fsnd_金融业增加值_2014-2022__pntehan.json; PROVENANCE.md §6.2: "吉林 金融业增加值 2015 = 683.1",
    // its vintage: "吉林 GDP 2015 = 10018.0, not the pre-revision 14063.13"
    expect(at("financial_value_added_100m_cny", "220000", 2015)).toBe(683.1);
    expect(at("gdp_100m_cny_release2020_2024", "220000", 2015)).toBe(10018);
    expect(at("gdp_100m_cny_release2018", "220000", 2015)).toBe(14063.13);
    // same file, 北京市 2022 (the example node of PROVENANCE.md §6.2: "zb.A02010D_reg.110000_sj.2022" … 8061.6)
    expect(at("financial_value_added_100m_cny", "110000", 2022)).toBe(8061.6);
  });

  it("divides financial value added only by GDP of its own (release 2020–2024) vintage, and its LQ has GDP-weighted mean 1", () => {
    const fva = nums(c.financial_value_added_100m_cny);
    const gdp20 = nums(c.gdp_100m_cny_release2020_2024);
    const share = nums(c.financial_va_share_release2020_2024_derived);
    const lq = nums(c.financial_va_lq_release2020_2024_derived);
    const year = nums(c.year);
    fva.forEach((x, i) => expect(share[i]).toBe(Number.isNaN(x) ? NaN : x / gdp20[i]));
    for (let y = 2014; y <= 2022; y++) {
      let num = 0, den = 0;
      year.forEach((yy, i) => { if (yy === y) { num += lq[i] * gdp20[i]; den += gdp20[i]; } });
      expect(num / den).toBeCloseTo(1, 12);
    }
    nums(c.ln_financial_value_added_100m_cny_derived).forEach((x, i) => expect(x).toBe(Math.log(fva[i])));
  });

  it("computes GDP per capita as GDP × 1e4 / year-end population and the LQ so that its GDP-weighted mean is 1 each year", () => {
    const gdp = nums(c.gdp_100m_cny);
    const pop = nums(c.population_yearend_10k_persons);
    const pc = nums(c.gdp_per_capita_cny_derived);
    for (let i = 0; i < gdp.length; i++) {
      if (Number.isNaN(gdp[i])) expect(pc[i]).toBeNaN();
      else expect(pc[i]).toBe((gdp[i] * 1e4) / pop[i]);
    }
    const lq = nums(c.financial_depth_lq_release2020_2024_derived);
    const gdp20 = nums(c.gdp_100m_cny_release2020_2024);
    const year = nums(c.year);
    for (let y = 2003; y <= 2023; y++) {
      let num = 0, den = 0;
      year.forEach((yy, i) => { if (yy === y) { num += lq[i] * gdp20[i]; den += gdp20[i]; } });
      expect(num / den).toBeCloseTo(1, 12);
    }
    const lnpc = nums(c.ln_gdp_per_capita_cny_derived);
    pc.forEach((x, i) => { if (!Number.isNaN(x)) expect(lnpc[i]).toBe(Math.log(x)); });
  });

  // Notebook 06's samples: every variable it uses is present for all 31 provinces in every year of its windows, so each
  // window is a balanced panel (2012–2019: 31 × 8 = 248; 2014–2019: 186; 2014–2022: 279; 2011–2023: 403). The year ranges
  // are those of the source columns above (PROVENANCE.md §2.1, §6.2); the derived columns must inherit them.
  it("is balanced on notebook 06's windows: its derived and source variables are complete for 31 provinces", () => {
    const year = nums(c.year);
    const windows: [string[], number, number][] = [
      [["ln_gdp_per_capita_cny_release2020_2024_derived", "ln_loans_plus_deposits_100m_cny_derived", "financial_depth_lq_release2020_2024_derived",
        "ln_local_general_budget_expenditure_100m_cny_derived", "patents_granted_count", "urban_unit_employment_10k_persons"], 2011, 2023],
      [["ln_gdp_per_capita_cny_derived", "financial_depth_lq_derived"], 2011, 2023],
      [["ln_financial_value_added_100m_cny_derived", "financial_va_lq_release2020_2024_derived"], 2014, 2022],
    ];
    for (const [cols, from, to] of windows) {
      for (const col of cols) {
        const v = nums(c[col]);
        const rows = year.flatMap((y, i) => (y >= from && y <= to ? [i] : []));
        expect(rows.length, col).toBe(31 * (to - from + 1));
        // a log column must be finite; a level the notebook logs (counts, LQs) must be positive
        const bad = rows.filter((i) => !Number.isFinite(v[i]) || (!col.startsWith("ln_") && v[i] <= 0));
        expect(bad.map((i) => `${strs(c.adcode)[i]} ${year[i]}`), col).toEqual([]);
      }
    }
    // financial value added starts in 2014 (PROVENANCE.md §5: not available before): the 2013 lag of 2014 is missing
    expect(nums(c.ln_financial_value_added_100m_cny_derived).filter((x, i) => year[i] === 2013 && !Number.isNaN(x))).toEqual([]);
  });

  it("returns fresh arrays on every call (a caller's mutation does not leak into the next load)", () => {
    const a = loadColumns("china-provinces", { file: "panel" });
    nums(a.gdp_100m_cny)[600] = -1;
    const b = loadColumns("china-provinces", { file: "panel" });
    expect(nums(b.gdp_100m_cny)[600]).not.toBe(-1);
  });
});

describe("the other datasets", () => {
  it("regions: 31 provinces, three belts 11/8/12, four zones 10/6/12/3, four municipalities", () => {
    const c = loadColumns("regions");
    const count = (col: string) => strs(c[col]).reduce<Record<string, number>>((m, v) => ({ ...m, [v!]: (m[v!] ?? 0) + 1 }), {});
    expect(strs(c.adcode).length).toBe(31);
    expect(count("region_3belt")).toEqual({ East: 11, Central: 8, West: 12 });
    expect(count("region_4zone")).toEqual({ East: 10, Central: 6, West: 12, Northeast: 3 });
    const muni = strs(c.name_zh).filter((_, i) => nums(c.is_municipality)[i] === 1);
    expect(muni).toEqual(["北京市", "天津市", "上海市", "重庆市"]);
  });

  it("ports: 158 rows (105 of them WSC2020, PROVENANCE.md §4), every row with a value and a source", () => {
    const c = loadColumns("ports");
    const v = nums(c.container_throughput_million_teu);
    expect(v.length).toBe(158);
    expect(v.every((x) => Number.isFinite(x) && x > 0)).toBe(true);
    expect(strs(c.source_id).filter((s) => s === "WSC2020").length).toBe(105);
    expect(strs(c.source_id).every((s) => s !== null)).toBe(true);
  });

  it("china-major-cities: 148 rows (36 cities × 2015–2018 + 4 municipalities in 2019), 长春 present", () => {
    const c = loadColumns("china-major-cities");
    const city = strs(c.city_zh);
    const year = nums(c.year);
    expect(city.length).toBe(148);
    expect(new Set(city).size).toBe(36);
    expect(city.filter((_, i) => year[i] === 2019).sort()).toEqual(["上海", "北京", "天津", "重庆"].sort());
    expect(year.filter((_, i) => city[i] === "长春").sort()).toEqual([2015, 2016, 2017, 2018]);
    expect(nums(c.gdp_100m_cny).every((x) => Number.isFinite(x))).toBe(true);
  });

  it("geometry: 34 province features (31 in the panel, 台湾/香港/澳门 flagged) and 9 Jilin units, rings closed", () => {
    const china = loadGeoJSON("china-provinces");
    expect(china.features.length).toBe(34);
    const notInPanel = china.features.filter((f) => f.properties.in_panel === false).map((f) => f.properties.adcode);
    expect(notInPanel).toEqual(["710000", "810000", "820000"]);
    const jilin = loadGeoJSON("jilin-prefectures");
    expect(jilin.features.map((f) => f.properties.adcode)).toEqual(
      ["220100", "220200", "220300", "220400", "220500", "220600", "220700", "220800", "222400"]);
    for (const f of [...china.features, ...jilin.features]) {
      const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const ring of polys.flat()) {
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        for (const [x, y] of ring) {
          // 4-decimal rounding of the 1/1024° grid is invertible (datasets/china-geo/README.md)
          expect(Math.abs(Math.round(x * 1024) / 1024 - x)).toBeLessThanOrEqual(5e-5 + 1e-12);
          expect(Math.abs(Math.round(y * 1024) / 1024 - y)).toBeLessThanOrEqual(5e-5 + 1e-12);
        }
      }
    }
  });

  it("pilot-ftz: 31 provinces, the seven rollout rounds 1/3/7/1/6/3/1 by approval year, nine never treated, a source on every row", () => {
    // rounds as printed by the State Council documents and news pages cited in datasets/pilot-ftz/README.md
    const c = loadColumns("pilot-ftz");
    const year = nums(c.ftz_approval_year);
    expect(strs(c.adcode)).toEqual(strs(loadColumns("regions").adcode));
    const byYear = year.filter((y) => Number.isFinite(y)).reduce<Record<number, number>>((m, y) => ({ ...m, [y]: (m[y] ?? 0) + 1 }), {});
    expect(byYear).toEqual({ 2013: 1, 2015: 3, 2017: 7, 2018: 1, 2019: 6, 2020: 3, 2023: 1 });
    const never = strs(c.province_zh).filter((_, i) => !Number.isFinite(year[i]));
    expect(never).toEqual(["山西省", "内蒙古自治区", "吉林省", "江西省", "贵州省", "西藏自治区", "甘肃省", "青海省", "宁夏回族自治区"]);
    const at = (zh: string) => year[strs(c.province_zh).indexOf(zh)];
    expect([at("上海市"), at("海南省"), at("北京市"), at("新疆维吾尔自治区")]).toEqual([2013, 2018, 2020, 2023]);
    const batch = nums(c.ftz_batch);
    expect(year.every((y, i) => Number.isFinite(y) === Number.isFinite(batch[i]))).toBe(true);
    expect(strs(c.source_url).every((u) => u !== null && /^https?:\/\//.test(u))).toBe(true);
  });

  it("every CSV of every dataset folder loads, with no column that is entirely empty", () => {
    for (const d of listDatasets()) {
      for (const file of d.files) {
        const cols = loadColumns(d.name, { file });
        for (const [name, values] of Object.entries(cols)) {
          const present = (values as unknown[]).some((v) => v !== null && !(typeof v === "number" && Number.isNaN(v)));
          expect(present, `${d.name}/${file}.csv column ${name}`).toBe(true);
        }
      }
    }
  });

  it("listDatasets lists the real-data folders with their default files", () => {
    const byName = Object.fromEntries(listDatasets().map((d) => [d.name, d]));
    expect(byName["china-provinces"].defaultFile).toBe("panel+derived");
    expect(byName["china-provinces"].files).toEqual(["derived", "panel"]);
    expect(byName["china-geo"].geojson).toEqual(["china-provinces", "jilin-prefectures"]);
    expect(byName.regions.defaultFile).toBe("regions");
  });
});

describe("loader errors", () => {
  it("names the dataset, the file and the alternatives", () => {
    expect(() => loadDataset("no-such-thing")).toThrow(/loadDataset: no dataset "no-such-thing" \(datasets: .*china-provinces/);
    expect(() => loadDataset("china-provinces", { file: "nope" })).toThrow(/has no file "nope" \(files: derived, panel\)/);
    expect(() => loadDataset("../lib")).toThrow(/no dataset/);
    expect(() => loadGeoJSON("world")).toThrow(/loadGeoJSON: no GeoJSON "world" \(available: china-provinces, jilin-prefectures\)/);
  });
});

describe("readers and decoders", () => {
  it("parseCsv handles quotes, doubled quotes, CRLF and a BOM; formatCsv round-trips", () => {
    const rows = parseCsv('\ufeffa,b\r\n"x, ""y""",2\r\n,\n');
    expect(rows).toEqual([["a", "b"], ['x, "y"', "2"], ["", ""]]);
    expect(parseCsv(formatCsv(rows))).toEqual(rows);
    expect(() => parseCsv('a\n"open')).toThrow(/unterminated quoted field starting on line 2/);
    expect(formatNumber(NaN)).toBe("");
    expect(formatNumber(Number("33106.0"))).toBe("33106");
  });

  it("decodeEChartsRing applies the zig-zag deltas from the offset (brute force on a hand-made ring)", () => {
    // '@' = 64 → 0; 'B' = 66 → 2 → +1; 'A' = 65 → 1 → −1
    expect(decodeEChartsRing("@@BBAA", [100, 200])).toEqual([[100, 200], [101, 201], [100, 200]]);
    expect(() => decodeEChartsRing("@@B", [0, 0])).toThrow(/odd length 3/);
    const fc = decodeEChartsGeo({
      UTF8Encoding: true,
      features: [{ id: "1", properties: { name: "t" }, geometry: { type: "Polygon", coordinates: ["@@B@@B"], encodeOffsets: [[1024, 2048]] } }],
    });
    expect(fc.features[0].geometry.coordinates).toEqual([[[1, 2], [1 + 1 / 1024, 2], [1 + 1 / 1024, 2 + 1 / 1024], [1, 2]]]);
    expect(() => decodeEChartsGeo({ features: [] })).toThrow(/not UTF8-encoded/);
  });

  it("parseNbsTable reads the indicator, the year header and stops at the notes", () => {
    const t = parseNbsTable([
      ["数据库：分省年度数据"], ["指标：地区生产总值(亿元)"], ["地区\t", "2020年\t", "2019年\t", ""],
      ["北京市\t", "\t", "35445.1"], ["注：…"], ["数据来源：国家统计局"],
    ], (r) => r === "北京市");
    expect(t.indicator).toBe("地区生产总值(亿元)");
    expect(t.years).toEqual([2020, 2019]);
    expect(t.records).toEqual([{ region: "北京市", year: 2020, value: null }, { region: "北京市", year: 2019, value: 35445.1 }]);
    expect(() => parseNbsTable([["x"]], () => true)).toThrow(/no header row/);
    expect(() => parseNbsTable([["地区", "2019年"], ["北京市", "1.2.3"]], () => true)).toThrow(/region "北京市" year 2019: "1.2.3" is not a number/);
  });

  it("provinceResolver maps the source spellings (Mongolia, Neimenggu, Chongqin, Xizang) to adcodes", () => {
    const resolve = provinceResolver([
      { adcode: "150000", name_zh: "内蒙古自治区", name_zh_short: "内蒙古", name_en: "Inner Mongolia", echarts_name: "内蒙古" },
      { adcode: "500000", name_zh: "重庆市", name_zh_short: "重庆", name_en: "Chongqing", echarts_name: "重庆" },
      { adcode: "540000", name_zh: "西藏自治区", name_zh_short: "西藏", name_en: "Tibet", echarts_name: "西藏" },
    ]);
    expect(["Mongolia", "Neimenggu", "Chongqin", "Xizang", "内蒙古自治区 "].map(resolve)).toEqual(["150000", "150000", "500000", "540000", "150000"]);
    expect(resolve("Atlantis")).toBeUndefined();
  });

  it("ratioLocationQuotientByYear matches the definition and refuses partial years", () => {
    expect(ratioLocationQuotientByYear([1, 3], [2, 2], [2000, 2000], ["a", "b"])).toEqual([0.5, 1.5]);
    const partial = ratioLocationQuotientByYear([1, NaN, 2, 2], [1, 1, 1, 1], [2000, 2000, 2001, 2001], ["a", "b", "a", "b"]);
    expect(partial.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(partial.slice(2)).toEqual([1, 1]);
  });

  it("deriveProvinceVariables refuses the log of a non-positive value, naming region and year", () => {
    const one = (x: number) => Object.freeze([x]);
    expect(() => deriveProvinceVariables({
      adcode: Object.freeze(["110000"]), year: one(2010), gdp_100m_cny: one(0), gdp_100m_cny_release2020_2024: one(1),
      population_yearend_10k_persons: one(1), rmb_loans_outstanding_yearend_100m_cny: one(1),
      rmb_deposits_outstanding_yearend_100m_cny: one(1), per_capita_disposable_income_cny: one(1),
      local_general_budget_expenditure_100m_cny: one(1), financial_value_added_100m_cny: one(1),
    })).toThrow(/log of non-positive gdp_100m_cny = 0 \(110000, 2010\)/);
  });
});

describe("loadDataset('jilin-prefectures')", () => {
  const c = loadColumns("jilin-prefectures");
  const adcode = strs(c.adcode);
  const year = nums(c.year);
  const flags = strs(c.flags);
  const at = (col: string, code: string, y: number) => nums(c[col])[adcode.findIndex((a, i) => a === code && year[i] === y)];
  const CITIES = ["220100", "220200", "220300", "220400", "220500", "220600", "220700", "220800"];
  const flagged = (flag: string) => adcode.flatMap((a, i) => (flags[i] ?? "").split(";").includes(flag) ? [`${a} ${year[i]}`] : []);

  it("has the eight cities in every year 2003–2023 and 延边 (222400) only in 2020, 2021 and 2023 (PROVENANCE.md §6.1)", () => {
    expect(adcode.length).toBe(171);
    for (const code of CITIES) expect(year.filter((_, i) => adcode[i] === code)).toEqual(Array.from({ length: 21 }, (_, j) => 2003 + j));
    expect(year.filter((_, i) => adcode[i] === "222400")).toEqual([2020, 2021, 2023]);
    expect(nums(c.loans_yearend_100m_cny).filter((_, i) => adcode[i] === "222400").every(Number.isNaN)).toBe(true);
  });

  it("is complete for the eight cities 2006–2019 in GDP, value added and loans, and in deposits except 四平 2019", () => {
    const cols = ["gdp_100m_cny", "va_secondary_100m_cny", "va_tertiary_100m_cny", "loans_yearend_100m_cny", "deposits_yearend_100m_cny"];
    const gaps = cols.flatMap((col) => adcode.flatMap((a, i) =>
      a !== "222400" && year[i] >= 2006 && year[i] <= 2019 && Number.isNaN(nums(c[col])[i]) ? [`${col} ${a} ${year[i]}`] : []));
    expect(gaps).toEqual(["deposits_yearend_100m_cny 220300 2019"]);
  });

  it("holds source cells (raw xlsx files of PROVENANCE.md §6.1, converted 万元 → 亿元)", () => {
    // loans file, 长春 2006 GDP 17411922 万元; PROVENANCE.md: "长春 GDP 2015 = 5530.03 … 2006 = 1741.19 and 2012 = 4456.64"
    expect(at("gdp_100m_cny", "220100", 2006)).toBe(1741.1922);
    expect(at("gdp_100m_cny_sectorfile", "220100", 2015)).toBe(5530.03);
    expect(at("gdp_100m_cny_sectorfile", "220100", 2012)).toBe(4456.64);
    // PROVENANCE.md: "长春 2018 = 7175.7, 2019 = 5904.1; 吉林市 2019 = 1416.6" (post-census break)
    expect(at("gdp_100m_cny_sectorfile", "220100", 2018)).toBe(7175.71);
    expect(at("gdp_100m_cny_sectorfile", "220100", 2019)).toBe(5904.1375);
    expect(at("gdp_100m_cny_sectorfile", "220200", 2019)).toBe(1416.5563);
    expect(at("post_revision_2019", "220100", 2018)).toBe(0);
    expect(at("post_revision_2019", "220100", 2019)).toBe(1);
    // FDI file stores 长春 2008 as float32 2035.56005859375 (written 2035.56), 2009 = 635.010009765625
    expect(at("fdi_million_usd", "220100", 2008)).toBe(2035.56);
    expect(at("fdi_million_usd", "220100", 2009)).toBe(635.01);
  });

  it("flags instead of fixing: 四平 2019 deposits dropped, 长春's FDI breaks of 2009 and 2018, GDP 2017 from the sector file", () => {
    expect(flagged("deposits_dropped_10x")).toEqual(["220300 2019"]);
    expect(at("deposits_yearend_100m_cny", "220300", 2019)).toBeNaN();
    expect(flagged("fdi_break_suspected").filter((s) => s.startsWith("220100"))).toEqual(["220100 2009", "220100 2018"]);
    expect(flagged("gdp_2017_from_sectorfile")).toEqual(CITIES.map((a) => `${a} 2017`));
    expect(flagged("gdp_files_disagree")).toEqual(["220500 2020", "220600 2019"]);
  });

  it("the two source files agree on GDP within rounding (2 decimals to 2018, whole 亿元 from 2019) except in the flagged cells", () => {
    const a = nums(c.gdp_100m_cny), b = nums(c.gdp_100m_cny_sectorfile);
    const off = adcode.flatMap((code, i) => {
      if (Number.isNaN(a[i]) || Number.isNaN(b[i])) return [];
      return Math.abs(a[i] - b[i]) <= (year[i] >= 2019 ? 0.5 : 0.005) + 1e-9 ? [] : [`${code} ${year[i]}`];
    });
    expect(off).toEqual(flagged("gdp_files_disagree"));
  });

  it("长春 agrees with NBS's 主要城市年度数据 (china-major-cities) in 2015–2018, the years both have", () => {
    const m = loadColumns("china-major-cities");
    const rows = strs(m.city_zh).flatMap((city, i) => (city === "长春" ? [[nums(m.year)[i], nums(m.gdp_100m_cny)[i]]] : []));
    expect(rows.length).toBe(4);
    for (const [y, v] of rows) expect(at("gdp_100m_cny_sectorfile", "220100", y)).toBe(v);
    expect(at("gdp_100m_cny", "220100", 2017)).toBe(6530.03);
  });

  it.runIf(SHARED_PRESENT)("agrees with the independent cross-check compilation (andyhsi2023-cq) on loans and deposits, and on GDP except its interpolated 2017", () => {
    const file = sharedPath("data", "china_prefectures", "raw", "city_panel_1990-2023_crosscheck__andyhsi2023-cq.csv");
    const [h, ...rows] = parseCsv(fs.readFileSync(file, "utf8"));
    const j = (name: string) => h.indexOf(name);
    const other = new Map(rows.filter((r) => CITIES.includes(r[j("city_code")])).map((r) => [`${r[j("city_code")]}|${r[j("year")]}`, r]));
    const off: string[] = [];
    adcode.forEach((code, i) => {
      const r = other.get(`${code}|${year[i]}`);
      if (!r) return;
      const cmp = (ours: number, col: string, tol: number) => {
        const v = Number(r[j(col)]);
        if (!Number.isNaN(ours) && Math.abs(ours - v) > tol) off.push(`${col} ${code} ${year[i]}`);
      };
      cmp(nums(c.loans_yearend_100m_cny)[i], "loan_balance_100m", 1e-9);
      cmp(nums(c.deposits_yearend_100m_cny)[i], "deposit_balance_100m", 1e-9);
      cmp(nums(c.gdp_100m_cny)[i], "gdp_100m", year[i] >= 2019 ? 0.5 : 0.005);
      if (year[i] === 2017) expect(Number(r[j("gdp_100m")])).toBeCloseTo((at("gdp_100m_cny", code!, 2016) + at("gdp_100m_cny", code!, 2018)) / 2, 3);
    });
    expect(off.filter((s) => !s.endsWith(" 2017"))).toEqual([]);
    // the cross-check file carries the same 10× 四平 2019 deposit value (PROVENANCE.md §6.1)
    expect(Number(other.get("220300|2019")![j("deposit_balance_100m")])).toBe(15999.7622);
  });
});
