import { describe, it, expect } from "vitest";
import { DataFrame } from "danfojs-node";
import { certify, type CertificationCriteria } from "../lib/indices";

// Thresholds transcribed from 集聚区范文篇10 §二(一)4 (county-level rule): "以上" (at least) → ">=",
// "超过" (more than) → ">". Only three of its eight zone types are used here. The zones are illustrative
// (made up for the test); expected margins are worked by hand.
const criteria: CertificationCriteria = Object.freeze({
  cbd: {
    labelZh: "中央商务区", labelEn: "central business district",
    criteria: [
      { field: "buildingArea", op: ">=", value: 14000, unit: "m²", labelZh: "建筑面积", labelEn: "building area", source: "篇10: 建筑面积1.4万平方米以上" },
      { field: "firms", op: ">=", value: 10, unit: "家", labelZh: "区内注册企业", labelEn: "registered firms", source: "篇10: 区内注册企业10家以上" },
      { field: "revenue", op: ">", value: 5.6, unit: "亿元", labelZh: "年营业收入", labelEn: "annual revenue", source: "篇10: 年营业收入超过5.6亿元" },
    ],
  },
  education: {
    labelZh: "科教集聚区", labelEn: "education cluster",
    criteria: [
      { field: "schools", op: ">=", value: 4, unit: "所", labelZh: "区内学校", labelEn: "schools", source: "篇10: 区内学校4所以上" },
      { field: "students", op: ">=", value: 20000, unit: "人", labelZh: "在校学生", labelEn: "students", source: "篇10: 在校学生2万人以上" },
      { field: "serviceProjects", op: ">=", value: 7, unit: "个", labelZh: "配套服务项目", labelEn: "service projects", source: "篇10: 配套服务项目7个以上" },
    ],
  },
  software: {
    labelZh: "软件园", labelEn: "software park",
    criteria: [
      { field: "buildingArea", op: ">=", value: 14000, unit: "m²", labelZh: "建筑面积", labelEn: "building area", source: "篇10" },
      { field: "firms", op: ">=", value: 7, unit: "家", labelZh: "软件及相关企业", labelEn: "software firms", source: "篇10" },
      { field: "revenue", op: ">", value: 1.4, unit: "亿元", labelZh: "年营业收入", labelEn: "annual revenue", source: "篇10" },
    ],
  },
}) as CertificationCriteria;

const zones = Object.freeze([
  { name: "Z-A (illustrative)", type: "cbd", buildingArea: 20000, firms: 12, revenue: 6.1 },
  { name: "Z-B (illustrative)", type: "cbd", buildingArea: 14000, firms: 10, revenue: 5.6 },
  { name: "Z-C (illustrative)", type: "education", schools: 5, serviceProjects: 9 },
  { name: "Z-D (illustrative)", type: "education", schools: 3, students: null, serviceProjects: 7 },
  { name: "Z-E (illustrative)", type: "software", buildingArea: 9000, firms: 20, revenue: 2 },
]);

describe("certify", () => {
  const out = certify(zones as never, criteria);

  it("passes a zone that meets every threshold, with margins in the criterion's unit", () => {
    const a = out.results.filter((r) => r.zone === "Z-A (illustrative)");
    expect(a.map((r) => r.status)).toEqual(["pass", "pass", "pass"]);
    expect(a[0].margin).toBe(6000); // 20000 − 14000 m²
    expect(a[1].margin).toBe(2); // 12 − 10 firms
    expect(a[2].margin).toBeCloseTo(0.5, 12); // 6.1 − 5.6 亿元
    expect(a[0].relativeMargin).toBeCloseTo(6000 / 14000, 12);
    expect(a[0].unit).toBe("m²");
    expect(out.summary[0]).toMatchObject({ status: "certified", passed: 3, failed: 0, missing: 0 });
  });

  it("distinguishes 以上 (≥, a value equal to the threshold passes) from 超过 (>, equal fails)", () => {
    const b = out.results.filter((r) => r.zone === "Z-B (illustrative)");
    expect(b.map((r) => r.status)).toEqual(["pass", "pass", "fail"]);
    expect(b[2].margin).toBe(0);
    expect(b[2].reasonEn).toMatch(/annual revenue 5.6 亿元 fails > 5.6 亿元 \(short by 0 亿元: equal to the threshold, which must be exceeded\)/);
    expect(b[2].reasonZh).toMatch(/恰好等于门槛,须严格超过/);
    expect(out.summary[1]).toMatchObject({ status: "not certified", failed: 1 });
  });

  it("marks a criterion whose field is absent or null as missing, and the zone incomplete (not failed)", () => {
    const c = out.results.filter((r) => r.zone === "Z-C (illustrative)");
    expect(c.map((r) => r.status)).toEqual(["pass", "missing", "pass"]);
    expect(c[1].value).toBeNull();
    expect(c[1].margin).toBeNull();
    expect(c[1].reasonEn).toBe('missing students (field "students"): cannot check ≥ 20000 人');
    expect(c[1].reasonZh).toBe("缺少“在校学生”(字段 students),无法判断是否满足 ≥ 20000 人");
    expect(out.summary[2]).toMatchObject({ status: "incomplete", passed: 2, failed: 0, missing: 1, reasonEn: "incomplete: missing students" });
  });

  it("a zone that fails one criterion and misses another is not certified, and says both", () => {
    expect(out.summary[3]).toMatchObject({ status: "not certified", passed: 1, failed: 1, missing: 1 });
    expect(out.summary[3].reasonEn).toBe("not certified: fails schools; also missing students");
    expect(out.summary[3].reasonZh).toBe("未通过:区内学校;另缺:在校学生");
  });

  it("reports the shortfall in words", () => {
    const e = out.results.find((r) => r.zone === "Z-E (illustrative)" && r.field === "buildingArea")!;
    expect(e.status).toBe("fail");
    expect(e.margin).toBe(-5000);
    expect(e.reasonEn).toBe("building area 9000 m² fails ≥ 14000 m² (short by 5000 m²)");
    expect(e.reasonZh).toBe("建筑面积 9000 m²,未满足 ≥ 14000 m²(差 5000 m²)");
  });

  it("supports ≤, < and between (inclusive), with margins ≥ 0 on the passing side", () => {
    const rule: CertificationCriteria = {
      t: { labelZh: "t", labelEn: "t", criteria: [
        { field: "a", op: "<=", value: 10, unit: "", labelZh: "a", labelEn: "a" },
        { field: "b", op: "<", value: 10, unit: "", labelZh: "b", labelEn: "b" },
        { field: "c", op: "between", value: [2, 8], unit: "km²", labelZh: "c", labelEn: "c" },
      ] },
    };
    const r = certify([{ name: "x", type: "t", a: 10, b: 10, c: 7 }, { name: "y", type: "t", a: 12, b: 4, c: 1 }], rule).results;
    expect(r.map((x) => [x.status, x.margin])).toEqual([["pass", 0], ["fail", 0], ["pass", 1], ["fail", -2], ["pass", 6], ["fail", -1]]);
    expect(r[2].thresholdHigh).toBe(8);
    expect(r[2].reasonEn).toBe("c 7 km² meets between 2 km² and 8 km² (margin 1 km²)");
  });

  it("accepts a danfo DataFrame with NaN as missing", () => {
    const df = new DataFrame({ name: ["p", "q"], type: ["cbd", "cbd"], buildingArea: [15000, 16000], firms: [11, NaN], revenue: [6, 7] });
    const s = certify(df, criteria).summary;
    expect(s.map((x) => x.status)).toEqual(["certified", "incomplete"]);
  });

  it("refuses an unknown zone type, naming it and the known types", () => {
    expect(() => certify([{ name: "Z", type: "harbour" }], criteria)).toThrow('certify: zone "Z" has unknown zone type "harbour" (known types: cbd, education, software)');
  });

  it("refuses non-numeric values, duplicate zones, absent id/type fields, unit mismatches and malformed criteria", () => {
    expect(() => certify([{ name: "Z", type: "cbd", buildingArea: "big", firms: 1, revenue: 1 }], criteria)).toThrow(/zone "Z" field "buildingArea" is not a finite number \("big"\)/);
    expect(() => certify([{ name: "Z", type: "cbd" }, { name: "Z", type: "cbd" }], criteria)).toThrow(/zone "Z" appears twice/);
    expect(() => certify([{ id: "Z", type: "cbd" }], criteria)).toThrow(/no id field "name"/);
    expect(() => certify([{ name: "Z", type: "cbd", buildingArea: 1.5, firms: 11, revenue: 6 }], criteria, { units: { buildingArea: "万m²" } }))
      .toThrow(/field "buildingArea" is recorded in "万m²" but the criterion for zone type "cbd" is in "m²"/);
    expect(() => certify([{ name: "Z", type: "t" }], { t: { labelZh: "", labelEn: "", criteria: [{ field: "a", op: "=>" as never, value: 1, unit: "", labelZh: "", labelEn: "" }] } }))
      .toThrow(/unknown comparison "=>"/);
    expect(() => certify([{ name: "Z", type: "t" }], { t: { labelZh: "", labelEn: "", criteria: [{ field: "a", op: "between", value: [5, 1], unit: "", labelZh: "", labelEn: "" }] } }))
      .toThrow(/"between" needs value \[low, high\] with low ≤ high/);
  });

  it("words the English reason with unitEn when given", () => {
    const rule: CertificationCriteria = { t: { labelZh: "园区", labelEn: "park", criteria: [
      { field: "firms", op: ">=", value: 7, unit: "家", unitEn: "firms", labelZh: "入驻企业", labelEn: "resident firms" }] } };
    const r = certify([{ name: "x", type: "t", firms: 5 }], rule).results[0];
    expect(r.reasonEn).toBe("resident firms 5 firms fails ≥ 7 firms (short by 2 firms)");
    expect(r.reasonZh).toBe("入驻企业 5 家,未满足 ≥ 7 家(差 2 家)");
    expect(r.unitEn).toBe("firms");
  });
});

