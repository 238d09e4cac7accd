/**
 * Reader for the region × year tables exported by the NBS database (data.stats.gov.cn,
 * 分省年度数据 / 主要城市年度数据), in any of the layouts found in shared/data: Chinese or English
 * header lines (`指标：…`, `Index: …`), a header row `地区,2024年,…` or `province,2022,…`,
 * cells padded with tabs, trailing empty columns, and notes (`注：…`, `数据来源：…`) below the table.
 */

/** One cell of a source table: text from a CSV, or a string/number/null from a spreadsheet. */
export type SourceCell = string | number | null | undefined;

/** One value of an NBS table: region as printed, year, value (null = empty cell). */
export interface NbsRecord {
  region: string;
  year: number;
  value: number | null;
}

/** A parsed NBS export. */
export interface NbsTable {
  /** The indicator line's text after `指标：`/`Index:`/`Indicator:`, or null when the file has none. */
  indicator: string | null;
  /** Years in the header row, in the order printed. */
  years: number[];
  /** Regions in the order printed. */
  regions: string[];
  /** One record per region × year (empty cells included with value null). */
  records: NbsRecord[];
}

const HEADER_FIRST = new Set(["地区", "province", "region"]);

function text(c: SourceCell): string {
  if (c === null || c === undefined) return "";
  return String(c).replace(/\s+/g, " ").trim();
}

function yearOf(c: SourceCell): number | null {
  const m = /^(\d{4})(年)?$/.exec(text(c));
  return m ? Number(m[1]) : null;
}

/**
 * Parse an NBS region × year export.
 * @param rows the file's rows (CSV cells or spreadsheet cells)
 * @param isRegion tells a table row (a region name) from a note row; the table ends at the
 *   first non-region row after the header
 * @returns indicator, years, regions and records
 * @throws `parseNbsTable: no header row (地区/province/Region followed by years)`;
 *   `parseNbsTable: region "北京市" year 2019: "1,2x" is not a number`
 * @example parseNbsTable([["指标：地区生产总值(亿元)"], ["地区", "2019年"], ["北京市", "35445.1"]], (r) => r === "北京市")
 * // { indicator: "地区生产总值(亿元)", years: [2019], regions: ["北京市"], records: [{ region: "北京市", year: 2019, value: 35445.1 }] }
 */
export function parseNbsTable(rows: readonly (readonly SourceCell[])[], isRegion: (name: string) => boolean): NbsTable {
  let indicator: string | null = null;
  let h = -1;
  for (let i = 0; i < rows.length; i++) {
    const first = text(rows[i][0]);
    const m = /^(指标|Index|Indicator)\s*[：:]\s*(.*)$/i.exec(first);
    if (m && indicator === null) indicator = m[2].trim();
    if (HEADER_FIRST.has(first.toLowerCase()) && rows[i].slice(1).some((c) => yearOf(c) !== null)) { h = i; break; }
  }
  if (h < 0) throw new Error("parseNbsTable: no header row (地区/province/Region followed by years)");
  const header = rows[h];
  const yearCols: { col: number; year: number }[] = [];
  for (let j = 1; j < header.length; j++) {
    const y = yearOf(header[j]);
    if (y !== null) yearCols.push({ col: j, year: y });
    else if (text(header[j]) !== "") throw new Error(`parseNbsTable: header cell ${j} "${text(header[j])}" is not a year`);
  }
  const regions: string[] = [];
  const records: NbsRecord[] = [];
  for (let i = h + 1; i < rows.length; i++) {
    const name = text(rows[i][0]);
    if (!isRegion(name)) break;
    regions.push(name);
    for (const { col, year } of yearCols) {
      const raw = rows[i][col];
      let value: number | null;
      if (typeof raw === "number") value = raw;
      else {
        const s = text(raw).replace(/,/g, "");
        if (s === "") value = null;
        else {
          value = Number(s);
          if (!Number.isFinite(value)) throw new Error(`parseNbsTable: region "${name}" year ${year}: "${text(raw)}" is not a number`);
        }
      }
      records.push({ region: name, year, value });
    }
  }
  return { indicator, years: yearCols.map((c) => c.year), regions, records };
}
