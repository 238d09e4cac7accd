import { loadDataset, provinceWeights, featureCentroid, loadGeoJSON, weights, spatialPanel, panelLmTests, numbers, strings, panelFE } from "../lib";
const raw = loadDataset("china-provinces");
const win = raw.query(raw["year"].ge(2011).and(raw["year"].le(2019))).resetIndex();
const d: Record<string, unknown[]> = {
  adcode: strings(win, "adcode"), year: numbers(win, "year"),
  lngdp: numbers(win, "ln_gdp_per_capita_cny_release2020_2024_derived"),
  lnfin: numbers(win, "ln_loans_plus_deposits_100m_cny_derived"),
  lngov: numbers(win, "ln_local_general_budget_expenditure_100m_cny_derived"),
  lntech: numbers(win, "patents_granted_count").map(Math.log),
  lnlab: numbers(win, "urban_unit_employment_10k_persons").map(Math.log),
};
const f = "lngdp ~ lnfin + lntech + lngov + lnlab";
const queen = provinceWeights({ contiguity: "queen", hainan: "guangdong" }).standardize("W");
const geo = loadGeoJSON("china-provinces");
const cent = new Map(geo.features.filter((x: any) => x.properties.in_panel === true).map((x: any) => [String(x.properties.adcode), featureCentroid(x)]));
const pts = queen.ids.map((id) => cent.get(id)!);
const idw = weights.inverseDistance(pts, { ids: queen.ids, coordinates: "lonlat" }).standardize("W");
const meanY = queen.ids.map((id) => { const v = (d.lngdp as number[]).filter((_, i) => d.adcode[i] === id); return Math.exp(v.reduce((a, b) => a + b, 0) / v.length); });
const econ = weights.economicDistance(meanY, { ids: queen.ids }).standardize("W");
const nest = weights.nested(idw, econ, { phi: 0.5 }).standardize("W");
const o = { id: "adcode", time: "year", effects: "twoways" as const };
for (const [name, w] of [["queen", queen], ["idw", idw], ["econ", econ], ["nested", nest]] as const) {
  const lm = panelLmTests(d, f, w, { ...o });
  const sar = spatialPanel(d, f, w, { ...o, model: "lag" }), sem = spatialPanel(d, f, w, { ...o, model: "error" });
  const sdm = spatialPanel(d, f, w, { ...o, model: "lag", durbin: true }), sdem = spatialPanel(d, f, w, { ...o, model: "error", durbin: true });
  const imp = sdm.impacts({ simulations: 500, seed: 1 });
  console.log(name, "LMlag p", lm.lmLag.pValue.toFixed(3), "LMerr p", lm.lmError.pValue.toFixed(3), "RLMlag", lm.robustLmLag.pValue.toFixed(3), "RLMerr", lm.robustLmError.pValue.toFixed(3),
    "| rho", sdm.rho!.toFixed(3), "LR sdm-sar", (2 * (sdm.logLik - sar.logLik)).toFixed(2), "LR sdm-sem", (2 * (sdm.logLik - sem.logLik)).toFixed(2),
    "| lnfin direct", imp.rows[0].direct.toFixed(3), "ind", imp.rows[0].indirect.toFixed(3), "p", imp.inference!.indirectPValue[0].toFixed(3), "tot", imp.rows[0].total.toFixed(3));
}
for (const cut of [600, 900, 1200, 1600, 2200]) {
  try {
    const w = weights.inverseDistance(pts, { ids: queen.ids, coordinates: "lonlat", cutoff: cut }).standardize("W");
    const sdm = spatialPanel(d, f, w, { ...o, model: "lag", durbin: true });
    const imp = sdm.impacts({ simulations: 300, seed: 1 });
    console.log(cut, w.islands.length, imp.rows[0].indirect.toFixed(3), imp.inference!.indirectStdError[0].toFixed(3));
  } catch (e) { console.log(cut, String(e).slice(0, 120)); }
}
console.log(panelFE(d, f, o).coef("lnfin"));
