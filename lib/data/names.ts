/**
 * Province names → 6-digit adcode, for the spellings found in the NBS exports and the PBoC/Wind
 * file: full Chinese (`吉林省`), short Chinese (`吉林`), English (`Jilin`) and the variants the
 * sources print (`Mongolia` and `Neimenggu` for 内蒙古, `Chongqin` for 重庆, `Xizang` for 西藏;
 * see shared/data/PROVENANCE.md §2.2).
 */

/** One row of the province lookup (datasets/regions/regions.csv). */
export interface ProvinceNames {
  adcode: string;
  name_zh: string;
  name_zh_short: string;
  name_en: string;
  echarts_name: string;
}

/** Source spellings that are not in the lookup, mapped to the lookup's English name. */
export const PROVINCE_NAME_VARIANTS: Readonly<Record<string, string>> = Object.freeze({
  Mongolia: "Inner Mongolia",
  Neimenggu: "Inner Mongolia",
  Chongqin: "Chongqing",
  Xizang: "Tibet",
});

/**
 * Build a resolver from any known spelling of a province to its adcode.
 * @param lookup the 31 provinces with their names
 * @returns `resolve(name)` → adcode or undefined
 * @throws `provinceResolver: name "吉林" maps to both 220000 and 220001` for an ambiguous lookup
 * @example provinceResolver(lookup)("Chongqin") // "500000"
 */
export function provinceResolver(lookup: readonly ProvinceNames[]): (name: string) => string | undefined {
  const map = new Map<string, string>();
  const add = (k: string, code: string) => {
    const prev = map.get(k);
    if (prev !== undefined && prev !== code) throw new Error(`provinceResolver: name "${k}" maps to both ${prev} and ${code}`);
    map.set(k, code);
  };
  for (const p of lookup) {
    for (const k of [p.name_zh, p.name_zh_short, p.name_en, p.echarts_name]) add(k.trim(), p.adcode);
  }
  for (const [variant, en] of Object.entries(PROVINCE_NAME_VARIANTS)) {
    const code = map.get(en);
    if (code === undefined) throw new Error(`provinceResolver: variant "${variant}" points to unknown name "${en}"`);
    add(variant, code);
  }
  return (name: string) => map.get(name.replace(/\s+/g, " ").trim());
}
