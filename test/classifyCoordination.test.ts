import { describe, it, expect } from "vitest";
import { classifyCoordination, COORDINATION_CLASSES, COORDINATION_CLASSES_RIGHT_CLOSED, couplingCoordination } from "../lib/indices";

// Class table: ten levels of width 0.1 (Liao Chongbin 1999; labels as in Tian Shenzhen et al. 2021, Table 1).
describe("classifyCoordination", () => {
  it("the default table has ten levels from 极度失调 to 优质协调 tiling [0, 1]", () => {
    const c = COORDINATION_CLASSES.classes;
    expect(c.length).toBe(10);
    expect(c[0].zh).toBe("极度失调");
    expect(c[9].zh).toBe("优质协调");
    expect(c.map((x) => x.zh)).toEqual(["极度失调", "严重失调", "中度失调", "轻度失调", "濒临失调", "勉强协调", "初级协调", "中级协调", "良好协调", "优质协调"]);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("D exactly at a class boundary goes to the upper class when intervals are closed on the left", () => {
    const r = classifyCoordination([0.5, 0.4, 0.9, 1, 0], [0.1, 0.1, 0.1, 0.1, 0.1], [0.1, 0.1, 0.1, 0.1, 0.1]);
    expect(r.map((x) => x.levelZh)).toEqual(["勉强协调", "濒临失调", "优质协调", "优质协调", "极度失调"]);
    expect(r.map((x) => x.level)).toEqual([6, 5, 10, 10, 1]);
  });

  it("D exactly at a class boundary goes to the lower class when intervals are closed on the right", () => {
    const r = classifyCoordination([0.5, 0.4, 0.9, 1, 0], [0.1, 0.1, 0.1, 0.1, 0.1], [0.1, 0.1, 0.1, 0.1, 0.1], { classes: COORDINATION_CLASSES_RIGHT_CLOSED });
    expect(r.map((x) => x.levelZh)).toEqual(["濒临失调", "轻度失调", "良好协调", "优质协调", "极度失调"]);
  });

  it("treats a D one rounding error below a boundary as on the boundary", () => {
    // √(C·T) with C = 1, T = 0.25 is exactly 0.5; 0.5 − 1e-16 is what accumulated rounding can give.
    const d = couplingCoordination({ u1: [0.25], u2: [0.25] }).D[0];
    expect(d).toBe(0.5);
    const r = classifyCoordination([0.49999999999999994, 0.4999], [0.2, 0.2], [0.2, 0.2]);
    expect(r[0].levelZh).toBe("勉强协调");
    expect(r[1].levelZh).toBe("濒临失调");
  });

  it("types: U1 < U2 is 金融滞后型, U1 > U2 is 经济滞后型, equal is 同步型 (default names from 篇3)", () => {
    const r = classifyCoordination([0.55, 0.55, 0.55], [0.3, 0.6, 0.45], [0.6, 0.3, 0.45]);
    expect(r.map((x) => x.typeZh)).toEqual(["金融滞后型", "经济滞后型", "同步型"]);
    expect(r.map((x) => x.typeEn)).toEqual(["finance lagging", "economy lagging", "synchronous"]);
    expect(r.map((x) => x.lagging)).toEqual(["u1", "u2", "none"]);
    expect(r[0].labelZh).toBe("勉强协调·金融滞后型");
    expect(r[0].labelEn).toBe("barely coordinated, finance lagging");
  });

  it("a synchronous band and custom names are options", () => {
    const r = classifyCoordination([0.75, 0.75], [0.5, 0.5], [0.55, 0.65], {
      syncTolerance: 0.1, names: { u1: { zh: "生态", en: "ecology" }, u2: { zh: "经济", en: "economy" } },
    });
    expect(r.map((x) => x.typeZh)).toEqual(["同步型", "生态滞后型"]);
    expect(r[0].levelEn).toBe("intermediate coordination");
  });

  it("refuses D outside [0, 1], unequal lengths, missing values and a table with a gap", () => {
    expect(() => classifyCoordination([1.2], [0.1], [0.1])).toThrow(/classifyCoordination: D is 1.2 at row 0, outside \[0, 1\]/);
    expect(() => classifyCoordination([0.2, 0.3], [0.1], [0.1, 0.2])).toThrow(/D, u1 and u2 have 2, 1 and 2 values/);
    expect(() => classifyCoordination([0.2, null], [0.1, 0.1], [0.1, 0.2])).toThrow(/column "D" has 1 missing value/);
    const gap = { ...COORDINATION_CLASSES, classes: [COORDINATION_CLASSES.classes[0], ...COORDINATION_CLASSES.classes.slice(2)] };
    expect(() => classifyCoordination([0.2], [0.1], [0.1], { classes: gap })).toThrow(/gap or overlap between "极度失调" and "中度失调"/);
    expect(() => classifyCoordination([0.2], [0.1], [0.1], { syncTolerance: -1 })).toThrow(/syncTolerance/);
  });
});
