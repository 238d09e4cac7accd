/**
 * Reader of a raw response of the NBS data API (data.stats.gov.cn, `easyquery.htm`, e.g. database
 * `fsnd` = annual by province): `{"returncode":200,"returndata":{"datanodes":[{"code":
 * "zb.A02010D_reg.110000_sj.2022","data":{"data":8061.6,"strdata":"8061.6","dotcount":1,"hasdata":true}},…],
 * "wdnodes":[{"wdcode":"zb","nodes":[{"code":"A02010D","cname":"金融业增加值","unit":"亿元"}]},…]}}`.
 */

/** One cell of an NBS API response. */
export interface NbsApiRecord {
  /** region code (`reg.…`, a 6-digit adcode for provinces) */
  region: string;
  /** year (`sj.…`) */
  year: number;
  /** the value at NBS's displayed precision (`strdata`), or null where `hasdata` is false */
  value: number | null;
}

/** A parsed NBS API response: its single indicator and its cells. */
export interface NbsApiTable {
  /** indicator code, e.g. "A02010D" */
  indicatorCode: string;
  /** indicator name as NBS prints it, e.g. "金融业增加值" */
  indicatorName: string;
  /** unit, e.g. "亿元" */
  unit: string;
  records: NbsApiRecord[];
}

interface RawNode { code: string; data: { data: number; strdata: string; dotcount: number; hasdata: boolean } }
interface RawWd { wdcode: string; nodes: { code: string; cname?: string; name?: string; unit?: string }[] }

/** Round half away from zero at `digits` decimals, in decimal (not binary) arithmetic. */
function roundDecimal(x: number, digits: number): string {
  const [int, frac = ""] = Math.abs(x).toFixed(Math.min(20, digits + 6)).split(".");
  const kept = BigInt(int + frac.slice(0, digits)) + (Number(frac[digits] ?? "0") >= 5 ? 1n : 0n);
  const s = kept.toString().padStart(digits + 1, "0");
  const out = digits === 0 ? s : `${s.slice(0, -digits)}.${s.slice(-digits)}`;
  return (x < 0 && Number(out) !== 0 ? "-" : "") + out;
}

/**
 * Parse one NBS API response with a single indicator.
 * Values are taken from `strdata`, the value at NBS's displayed precision (`dotcount` decimals), as in NBS's
 * own table exports; the parser checks that `data` rounds (half up) to `strdata` in every cell.
 * @param json the parsed JSON of the response
 * @param file a name for error messages
 * @returns indicator code, name, unit and one record per data node
 * @throws `parseNbsApi: <file>: …` when returncode ≠ 200, the response holds several indicators, a code is not
 *   `zb.…_reg.…_sj.…`, or `data` does not round to `strdata`
 * @example
 * parseNbsApi(JSON.parse(text), "金融业增加值.json").records[0]
 * // { region: "110000", year: 2023, value: null }
 */
export function parseNbsApi(json: unknown, file: string): NbsApiTable {
  const fn = `parseNbsApi: ${file}`;
  const r = json as { returncode?: number; returndata?: { datanodes?: RawNode[]; wdnodes?: RawWd[] } };
  if (r?.returncode !== 200 || !r.returndata?.datanodes) throw new Error(`${fn}: not a successful API response (returncode ${r?.returncode})`);
  const zb = r.returndata.wdnodes?.find((w) => w.wdcode === "zb")?.nodes ?? [];
  if (zb.length !== 1) throw new Error(`${fn}: expected one indicator, found ${zb.length}`);
  const records: NbsApiRecord[] = r.returndata.datanodes.map((n) => {
    const m = /^zb\.([^_]+)_reg\.([^_]+)_sj\.(\d{4})$/.exec(n.code);
    if (!m) throw new Error(`${fn}: unexpected node code "${n.code}"`);
    if (m[1] !== zb[0].code) throw new Error(`${fn}: node ${n.code} is not indicator ${zb[0].code}`);
    if (!n.data.hasdata) return { region: m[2], year: Number(m[3]), value: null };
    if (roundDecimal(n.data.data, n.data.dotcount) !== n.data.strdata) {
      throw new Error(`${fn}: ${n.code}: data ${n.data.data} does not round to strdata "${n.data.strdata}"`);
    }
    return { region: m[2], year: Number(m[3]), value: Number(n.data.strdata) };
  });
  return { indicatorCode: zb[0].code, indicatorName: zb[0].cname ?? zb[0].name ?? "", unit: zb[0].unit ?? "", records };
}
