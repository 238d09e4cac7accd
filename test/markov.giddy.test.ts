import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { markov, transitionChiSquare } from "../lib/dynamics/markov";
import { spatialMarkov } from "../lib/dynamics/spatialMarkov";
import { lisaMarkov } from "../lib/dynamics/lisaMarkov";
import { classify, quantileBreaks } from "../lib/dynamics/classify";
import { fromGAL } from "../lib/weights/gal";
import { csrMatVec } from "../lib/linalg/csr";
import { RTOL, expectClose } from "./tolerances";

// giddy's documented example: US per-capita incomes of the 48 lower states 1929–2009 (libpysal example "us_income",
// usjoin.csv) and the rook contiguity that ships with it (states48.gal), both copied unchanged into
// test/fixtures/us-income/ (see the README there). Expected values are the ones PRINTED in the docstrings of
// giddy/markov.py (pysal/giddy @ 324f289, 2025-02-22): Markov, Spatial_Markov, chi2 and LISA_Markov. numpy prints
// 8 decimals, so each value is checked to half a unit in the 8th decimal (3 decimals where the docstring formats
// "%.3f"; "%8.3f" for LISA_Markov's chi-square); counts are exact.

const fixtures = join(__dirname, "fixtures/us-income");
const lines = readFileSync(join(fixtures, "usjoin.csv"), "utf8").trim().split(/\r?\n/);
const years = lines[0].split(",").slice(2).map(Number);
/** pci[i][t]: state i (csv order = GAL ids 0..47), year t. */
const pci = Object.freeze(lines.slice(1).map((l) => Object.freeze(l.split(",").slice(2).map(Number))));
const w = fromGAL(readFileSync(join(fixtures, "states48.gal"), "utf8")).standardize("W"); // giddy: w.transform = 'r'
/** Relative income: pci / the year's mean over the 48 states (giddy: rpci = pci / pci.mean(axis=0)). */
const rpci = Object.freeze(pci.map((row) => Object.freeze(row.map((v, t) => v / (pci.reduce((s, r) => s + r[t], 0) / pci.length)))));

/** |actual − printed| ≤ half a unit in the last printed decimal (plus rounding noise). */
function expectPrinted(actual: number, printed: number, decimals: number, what: string) {
  expectClose(actual, printed, 0, what, 0.5 * 10 ** -decimals * (1 + 1e-9) + 1e-15);
}
function expectMatrix(actual: number[][], printed: number[][], decimals: number, what: string) {
  expect(actual.length).toBe(printed.length);
  printed.forEach((row, i) => row.forEach((v, j) => expectPrinted(actual[i][j], v, decimals, `${what}[${i}][${j}]`)));
}
function expectVector(actual: ArrayLike<number>, printed: number[], decimals: number, what: string) {
  expect(actual.length).toBe(printed.length);
  printed.forEach((v, j) => expectPrinted(actual[j], v, decimals, `${what}[${j}]`));
}

describe("the us_income fixture", () => {
  it("has 48 states × 81 years (1929–2009) and the GAL's 48 regions in csv order", () => {
    expect(pci.length).toBe(48);
    expect(years[0]).toBe(1929);
    expect(years.length).toBe(81);
    expect(w.ids).toEqual(Array.from({ length: 48 }, (_, i) => String(i)));
    expect(w.islands.length).toBe(0);
  });
});

describe("markov on giddy's US income example (giddy.markov.Markov docstring)", () => {
  it("quintiles of each year's nominal income: transitions, P and steady state", () => {
    // giddy: q5 = np.array([mc.Quantiles(y).yb for y in pci]).transpose(); m = Markov(q5)
    const byYear = years.map((_, t) => classify(pci.map((r) => r[t]), quantileBreaks(pci.map((r) => r[t]), 5)));
    const q5 = pci.map((_, i) => byYear.map((c) => c[i]));
    const m = markov(q5);
    expect(m.counts).toEqual([[729, 71, 1, 0, 0], [72, 567, 80, 3, 0], [0, 81, 631, 86, 2], [0, 3, 86, 573, 56], [0, 0, 1, 57, 741]]);
    expectMatrix(m.P, [
      [0.91011236, 0.0886392, 0.00124844, 0, 0],
      [0.09972299, 0.78531856, 0.11080332, 0.00415512, 0],
      [0, 0.10125, 0.78875, 0.1075, 0.0025],
      [0, 0.00417827, 0.11977716, 0.79805014, 0.07799443],
      [0, 0, 0.00125156, 0.07133917, 0.92740926],
    ], 8, "P");
    expectVector(m.ergodic!, [0.20774716, 0.18725774, 0.20740537, 0.18821787, 0.20937187], 8, "steady_state");
  });

  it("pooled quintiles of relative income: transitions and steady state", () => {
    // giddy: rq = mc.Quantiles(rpci.flatten()).yb.reshape(pci.shape); mq = Markov(rq)
    const breaks = quantileBreaks(rpci.flat(), 5);
    const rq = rpci.map((r) => Array.from(classify(r, breaks)));
    const mq = markov(rq);
    expect(mq.counts).toEqual([[707, 58, 7, 1, 0], [50, 629, 80, 1, 1], [4, 79, 610, 73, 2], [0, 7, 72, 650, 37], [0, 0, 0, 48, 724]]);
    expectVector(mq.ergodic!, [0.17957376, 0.21631443, 0.21499942, 0.21134662, 0.17776576], 8, "steady_state");
  });
});

describe("spatialMarkov on giddy's US income example (giddy.markov.Spatial_Markov docstring)", () => {
  it("(1) k = 5, m = 5 pooled quintiles: cutoffs, the five conditional P, the pooled P", () => {
    const sm = spatialMarkov(rpci, w, { k: 5, m: 5 });
    expectVector(sm.breaks, [0.83999133, 0.94707545, 1.03242697, 1.14911154], 8, "cutoffs");
    expectVector(sm.lagBreaks, [0.88973386, 0.95891917, 1.01469758, 1.1183566], 8, "lag_cutoffs");
    const P = [
      [[0.96341463, 0.0304878, 0.00609756, 0, 0], [0.06040268, 0.83221477, 0.10738255, 0, 0], [0, 0.14, 0.74, 0.12, 0], [0, 0.03571429, 0.32142857, 0.57142857, 0.07142857], [0, 0, 0, 0.16666667, 0.83333333]],
      [[0.79831933, 0.16806723, 0.03361345, 0, 0], [0.0754717, 0.88207547, 0.04245283, 0, 0], [0.00537634, 0.06989247, 0.8655914, 0.05913978, 0], [0, 0, 0.06372549, 0.90196078, 0.03431373], [0, 0, 0, 0.19444444, 0.80555556]],
      [[0.84693878, 0.15306122, 0, 0, 0], [0.08133971, 0.78947368, 0.1291866, 0, 0], [0.00518135, 0.0984456, 0.79274611, 0.0984456, 0.00518135], [0, 0, 0.09411765, 0.87058824, 0.03529412], [0, 0, 0, 0.10204082, 0.89795918]],
      [[0.8852459, 0.09836066, 0, 0.01639344, 0], [0.03875969, 0.81395349, 0.13953488, 0, 0.00775194], [0.0049505, 0.09405941, 0.77722772, 0.11881188, 0.0049505], [0, 0.02339181, 0.12865497, 0.75438596, 0.09356725], [0, 0, 0, 0.09661836, 0.90338164]],
      [[0.33333333, 0.66666667, 0, 0, 0], [0.0483871, 0.77419355, 0.16129032, 0.01612903, 0], [0.01149425, 0.16091954, 0.74712644, 0.08045977, 0], [0, 0.01036269, 0.06217617, 0.89637306, 0.03108808], [0, 0, 0, 0.02352941, 0.97647059]],
    ];
    P.forEach((p, l) => expectMatrix(sm.conditionalP[l], p, 8, `P[lag ${l}]`));
    expectMatrix(sm.P, [
      [0.91461837, 0.07503234, 0.00905563, 0.00129366, 0],
      [0.06570302, 0.82654402, 0.10512484, 0.00131406, 0.00131406],
      [0.00520833, 0.10286458, 0.79427083, 0.09505208, 0.00260417],
      [0, 0.00913838, 0.09399478, 0.84856397, 0.04830287],
      [0, 0, 0, 0.06217617, 0.93782383],
    ], 8, "p");
  });

  it("(1) homogeneity: LR 170.659, Q 200.624, dof 60, both p 0.000 (printed with %.3f)", () => {
    const h = spatialMarkov(rpci, w, { k: 5, m: 5 }).homogeneity;
    expectPrinted(h.LR, 170.659, 3, "LR");
    expectPrinted(h.Q, 200.624, 3, "Q");
    expect(h.df).toBe(60);
    expectPrinted(h.pLR, 0, 3, "LR p");
    expectPrinted(h.pQ, 0, 3, "Q p");
  });

  it("(1) conditional steady states S and first mean passage times F (printed rounded to 8 decimals)", () => {
    const sm = spatialMarkov(rpci, w, { k: 5, m: 5 });
    const S = [
      [0.43509425, 0.2635327, 0.20363044, 0.06841983, 0.02932278],
      [0.13391287, 0.33993305, 0.25153036, 0.23343016, 0.04119356],
      [0.12124869, 0.21137444, 0.2635101, 0.29013417, 0.1137326],
      [0.0776413, 0.19748806, 0.25352636, 0.22480415, 0.24654013],
      [0.01776781, 0.19964349, 0.19009833, 0.25524697, 0.3372434],
    ];
    S.forEach((s, l) => expectVector(sm.conditionalErgodic[l]!, s, 8, `S[${l}]`));
    const F = [
      [[2.29835259, 28.95614035, 46.14285714, 80.80952381, 279.42857143], [33.86549708, 3.79459555, 22.57142857, 57.23809524, 255.85714286], [43.60233918, 9.73684211, 4.91085714, 34.66666667, 233.28571429], [46.62865497, 12.76315789, 6.25714286, 14.61564626, 198.61904762], [52.62865497, 18.76315789, 12.25714286, 6, 34.1031746]],
      [[7.46754205, 9.70574606, 25.76785714, 74.53116883, 194.23446197], [27.76691978, 2.94175577, 24.97142857, 73.73474026, 193.4380334], [53.57477715, 28.48447637, 3.97566318, 48.76331169, 168.46660482], [72.03631562, 46.94601483, 18.46153846, 4.28393653, 119.70329314], [77.17917276, 52.08887197, 23.6043956, 5.14285714, 24.27564033]],
      [[8.24751154, 6.53333333, 18.38765432, 40.70864198, 112.76732026], [47.35040872, 4.73094099, 11.85432099, 34.17530864, 106.23398693], [69.42288828, 24.76666667, 3.794921, 22.32098765, 94.37966594], [83.72288828, 39.06666667, 14.3, 3.44668119, 76.36702977], [93.52288828, 48.86666667, 24.1, 9.8, 8.79255406]],
      [[12.87974382, 13.34847151, 19.83446328, 28.47257282, 55.82395142], [99.46114206, 5.06359731, 10.54545198, 23.05133495, 49.68944423], [117.76777159, 23.03735526, 3.94436301, 15.0843986, 43.57927247], [127.89752089, 32.4393006, 14.56853107, 4.44831643, 31.63099455], [138.24752089, 42.7893006, 24.91853107, 10.35, 4.05613474]],
      [[56.2815534, 1.5, 10.57236842, 27.02173913, 110.54347826], [82.9223301, 5.00892857, 9.07236842, 25.52173913, 109.04347826], [97.17718447, 19.53125, 5.26043557, 21.42391304, 104.94565217], [127.1407767, 48.74107143, 33.29605263, 3.91777427, 83.52173913], [169.6407767, 91.24107143, 75.79605263, 42.5, 2.96521739]],
    ];
    F.forEach((f, l) => expectMatrix(sm.conditionalMeanFirstPassage[l]!, f, 8, `F[${l}]`));
  });

  it("(2) k = 5, m = 4: lag cutoffs, the four conditional P, LR 172.105, Q 321.128, dof 45", () => {
    const sm = spatialMarkov(rpci, w, { k: 5, m: 4 });
    expectVector(sm.breaks, [0.83999133, 0.94707545, 1.03242697, 1.14911154], 8, "cutoffs");
    expectVector(sm.lagBreaks, [0.91440247, 0.98583079, 1.08698351], 8, "lag_cutoffs");
    const P = [
      [[0.95708955, 0.03544776, 0.00746269, 0, 0], [0.05825243, 0.83980583, 0.10194175, 0, 0], [0, 0.1294964, 0.76258993, 0.10791367, 0], [0, 0.01538462, 0.18461538, 0.72307692, 0.07692308], [0, 0, 0, 0.14285714, 0.85714286]],
      [[0.7421875, 0.234375, 0.0234375, 0, 0], [0.08550186, 0.85130112, 0.06319703, 0, 0], [0.00865801, 0.06926407, 0.86147186, 0.05627706, 0.004329], [0, 0, 0.05363985, 0.92337165, 0.02298851], [0, 0, 0, 0.13432836, 0.86567164]],
      [[0.95145631, 0.04854369, 0, 0, 0], [0.06, 0.79, 0.145, 0, 0.005], [0.00358423, 0.10394265, 0.7921147, 0.09677419, 0.00358423], [0, 0.01630435, 0.13586957, 0.75543478, 0.0923913], [0, 0, 0, 0.10204082, 0.89795918]],
      [[0.16666667, 0.66666667, 0, 0.16666667, 0], [0.03488372, 0.80232558, 0.15116279, 0.01162791, 0], [0.00840336, 0.13445378, 0.70588235, 0.1512605, 0], [0, 0.01171875, 0.08203125, 0.87109375, 0.03515625], [0, 0, 0, 0.03434343, 0.96565657]],
    ];
    P.forEach((p, l) => expectMatrix(sm.conditionalP[l], p, 8, `P[lag ${l}]`));
    expectPrinted(sm.homogeneity.LR, 172.105, 3, "LR");
    expectPrinted(sm.homogeneity.Q, 321.128, 3, "Q");
    expect(sm.homogeneity.df).toBe(45);
  });

  it("(3) user cutoffs 0.8, 0.9, 1, 1.2: empty rows stay 0, or p_ii = 1 with fillEmpty (giddy fill_empty_classes)", () => {
    const cc = [0.8, 0.9, 1, 1.2];
    // Lag class 1, row 4: the docstring prints [0, 0, 0, 0, 0], but giddy's own unit test (giddy/tests/test_markov.py,
    // test_cutoff, the same call without fill_empty_classes) has [0, 0, 0, 0, 1], and so do we: Illinois is above 1.2
    // with neighbours' mean in (0.8, 0.9] in 1932–1934 and 1936 and stays above 1.2 (4 transitions). We follow the
    // unit test, which runs in giddy's CI on every environment (the docstrings only on 3.12-dev).
    const P = [
      [[0.96703297, 0.03296703, 0, 0, 0], [0.10638298, 0.68085106, 0.21276596, 0, 0], [0, 0.14285714, 0.7755102, 0.08163265, 0], [0, 0, 0.5, 0.5, 0], [0, 0, 0, 0, 0]],
      [[0.88636364, 0.10606061, 0.00757576, 0, 0], [0.04402516, 0.89308176, 0.06289308, 0, 0], [0, 0.05882353, 0.8627451, 0.07843137, 0], [0, 0, 0.13846154, 0.86153846, 0], [0, 0, 0, 0, 1]],
      [[0.78082192, 0.17808219, 0.02739726, 0.01369863, 0], [0.03488372, 0.90406977, 0.05813953, 0.00290698, 0], [0, 0.05919003, 0.84735202, 0.09034268, 0.00311526], [0, 0, 0.05811623, 0.92985972, 0.01202405], [0, 0, 0, 0.14285714, 0.85714286]],
      [[0.82692308, 0.15384615, 0, 0.01923077, 0], [0.0703125, 0.7890625, 0.125, 0.015625, 0], [0.00295858, 0.06213018, 0.82248521, 0.10946746, 0.00295858], [0, 0.00185529, 0.07606679, 0.88497217, 0.03710575], [0, 0, 0, 0.07803468, 0.92196532]],
      [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0.06666667, 0.9, 0.03333333, 0], [0, 0, 0.05660377, 0.90566038, 0.03773585], [0, 0, 0, 0.03932584, 0.96067416]],
    ];
    const sm = spatialMarkov(rpci, w, { breaks: cc, lagBreaks: cc });
    P.forEach((p, l) => expectMatrix(sm.conditionalP[l], p, 8, `P[lag ${l}]`));
    expect(sm.conditionalEmpty[0]).toEqual([4]);
    expect(sm.conditionalCounts[1][4]).toEqual([0, 0, 0, 0, 4]);
    expect(sm.conditionalEmpty[4]).toEqual([0, 1]);
    const filled = spatialMarkov(rpci, w, { breaks: cc, lagBreaks: cc, fillEmpty: true });
    expect(filled.conditionalP[0][4]).toEqual([0, 0, 0, 0, 1]);
    expect(filled.conditionalP[4][0]).toEqual([1, 0, 0, 0, 0]);
    expect(filled.conditionalP[4][1]).toEqual([0, 1, 0, 0, 0]);
    expectMatrix(filled.conditionalP[2], P[2], 8, "filled P[lag 2]");
    // giddy: sm.S[2] = [0.03607655, 0.22667277, 0.25883041, 0.43607249, 0.04234777] (an irreducible conditional chain)
    expectVector(filled.conditionalErgodic[2]!, [0.03607655, 0.22667277, 0.25883041, 0.43607249, 0.04234777], 8, "S[2]");
    // giddy prints two steady states for lag class 0 (two recurrent classes once the empty row is filled);
    // our defined behaviour: a chain that is not irreducible has no ergodic distribution (null), not a choice among them.
    expect(filled.conditionalErgodic[0]).toBeNull();
  });

  it("default k = m = 4: the lag-class-0 counts and the pooled counts (giddy.markov.chi2 docstring)", () => {
    const sm = spatialMarkov(rpci, w, { k: 4 });
    expect(sm.conditionalCounts[0]).toEqual([[562, 22, 1, 0], [12, 201, 22, 0], [0, 17, 97, 4], [0, 0, 3, 19]]);
    expect(sm.counts).toEqual([[884, 77, 4, 0], [68, 794, 87, 3], [1, 92, 815, 51], [1, 0, 60, 903]]);
  });
});

describe("lisaMarkov on giddy's US income example (giddy.markov.LISA_Markov docstring)", () => {
  // giddy: lm = LISA_Markov(pci, w) on nominal incomes; Moran_Local row-standardizes w; classes 1 = HH, 2 = LH, 3 = LL, 4 = HL.
  const lm = lisaMarkov(pci, w);
  it("transitions, P and steady state", () => {
    expect(lm.states).toEqual(["HH", "LH", "LL", "HL"]);
    expect(lm.counts).toEqual([[1087, 44, 4, 34], [41, 470, 36, 1], [5, 34, 1422, 39], [30, 1, 40, 552]]);
    expectMatrix(lm.P, [
      [0.92985458, 0.03763901, 0.00342173, 0.02908469],
      [0.07481752, 0.85766423, 0.06569343, 0.00182482],
      [0.00333333, 0.02266667, 0.948, 0.026],
      [0.04815409, 0.00160514, 0.06420546, 0.88603531],
    ], 8, "p");
    expectVector(lm.ergodic!, [0.28561505, 0.14190226, 0.40493672, 0.16754598], 8, "steady_state");
  });
  it("the 1929 quadrants of the first five states: lm.q[0:5, 0] = [3, 2, 3, 1, 4]", () => {
    expect(lm.quadrants.slice(0, 5).map((q) => q[0])).toEqual(["LL", "LH", "LL", "HH", "HL"]);
  });
});

describe("transitionChiSquare and the LISA Markov independence test (giddy chi2 and LISA_Markov.chi_2 docstrings)", () => {
  it("chi2(sm.T[0], sm.transitions) = (23.39728441473295, 0.005363116704861337, 9) for k = m = 4", () => {
    const sm = spatialMarkov(rpci, w, { k: 4 });
    const r = transitionChiSquare(sm.conditionalCounts[0], sm.counts);
    // printed with full repr (17 significant digits): checked to the project's RTOL
    expectClose(r.chi2, 23.39728441473295, RTOL, "chi2");
    expectClose(r.p, 0.005363116704861337, RTOL, "p");
    expect(r.df).toBe(9);
  });
  it("LISA_Markov: 'Chi2: 1058.208, p:  0.00, dof: 9' and expected_t, from giddy's construction of the two component chains", () => {
    // giddy computes the own and lag chains on the transposed array (LISA_Markov.__init__: y = y.transpose(), then
    // ybar = y.mean(axis=0) and Markov(r < 1)): each state relative to its OWN 1929–2009 mean, and the 2-state chains
    // counted across states within a year (years as units). We reproduce the printed numbers from that construction with
    // markov and transitionChiSquare; lisaMarkov's own `independence` uses the period means and transitions over time.
    const lm = lisaMarkov(pci, w);
    const csr = w.toCSR();
    const ownMean = pci.map((r) => r.reduce((a, b) => a + b, 0) / r.length);
    const lags = years.map((_, t) => csrMatVec(csr, Float64Array.from(pci, (r) => r[t])));
    const pOwn = markov(years.map((_, t) => pci.map((r, i) => (r[t] / ownMean[i] < 1 ? "L" : "H"))), { states: ["H", "L"] }).P;
    const pLag = markov(lags.map((l) => Array.from(l, (v, i) => (v / ownMean[i] < 1 ? "L" : "H"))), { states: ["H", "L"] }).P;
    const ab = [[0, 0], [1, 0], [1, 1], [0, 1]]; // HH, LH, LL, HL as (own, lag), 0 = H
    const t1 = ab.map(([a, b], s) => ab.map(([a2, b2]) => lm.counts[s].reduce((x, y) => x + y, 0) * pOwn[a][a2] * pLag[b][b2]));
    expectMatrix(t1, [
      [1123.2809778, 11.53773565, 0.34752216, 33.83376439],
      [3.50272664, 528.47388155, 15.917888, 0.10550381],
      [0.15387808, 23.21635562, 1466.90710117, 9.72266513],
      [9.60775143, 0.09868563, 6.23537392, 607.05818902],
    ], 8, "expected_t");
    const r = transitionChiSquare(lm.counts, t1);
    expectPrinted(r.chi2, 1058.208, 3, "chi2");
    expectPrinted(r.p, 0, 2, "p");
    expect(r.df).toBe(9);
  });

  it("lisaMarkov's independence test: expected n_i· (P_own ⊗ P_lag) from the period-mean chains, written out", () => {
    const lm = lisaMarkov(pci, w);
    const csr = w.toCSR();
    const own: string[][] = pci.map(() => []), lagged: string[][] = pci.map(() => []);
    years.forEach((_, t) => {
      const x = pci.map((r) => r[t]), m = x.reduce((a, b) => a + b, 0) / x.length, lag = csrMatVec(csr, Float64Array.from(x));
      x.forEach((v, i) => { own[i].push(v < m ? "L" : "H"); lagged[i].push(lag[i] < m ? "L" : "H"); });
    });
    const pOwn = markov(own, { states: ["H", "L"] }).P, pLag = markov(lagged, { states: ["H", "L"] }).P;
    const ab = [[0, 0], [1, 0], [1, 1], [0, 1]];
    ab.forEach(([a, b], s) => ab.forEach(([a2, b2], s2) => {
      const e = lm.counts[s].reduce((x, y) => x + y, 0) * pOwn[a][a2] * pLag[b][b2];
      expectClose(lm.independence.expected[s][s2], e, 1e-12, `expected[${s}][${s2}]`);
    }));
    expect(lm.independence.df).toBe(9);
    expect(lm.independence.p).toBeLessThan(1e-6); // own and lag moves are far from independent here too
  });

  it("refuses matrices of different sizes", () => {
    expect(() => transitionChiSquare([[1, 0], [0, 1]], [[1]])).toThrow(/transitionChiSquare: the matrices must both be k × k/);
  });
});
