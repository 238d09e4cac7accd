/**
 * Comma-separated values (RFC 4180) read and write, as used by every file under `datasets/`.
 * Fields are quoted only when they contain a comma, a double quote or a line break; a quote
 * inside a quoted field is doubled. Lines end with `\n`; a trailing newline ends the file.
 */

/**
 * Parse CSV text into rows of string cells (RFC 4180: quoted fields, doubled quotes, CRLF or LF).
 * A UTF-8 byte-order mark at the start is dropped; a final empty line is not a row.
 * @param text the file's text
 * @returns rows of cells, the header included
 * @throws `parseCsv: unterminated quoted field starting on line 3` for an open quote at end of input
 * @example parseCsv('a,b\n1,"x, y"\n') // [["a", "b"], ["1", "x, y"]]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let quoteLine = 0;
  let inQuotes = false;
  let fieldStarted = false;
  const n = text.length;
  for (; i < n; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else inQuotes = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === "") { inQuotes = true; quoteLine = line; fieldStarted = true; continue; }
    if (c === ",") { row.push(field); field = ""; fieldStarted = true; continue; }
    if (c === "\r" && text[i + 1] === "\n") continue;
    if (c === "\n" || c === "\r") {
      row.push(field); rows.push(row); row = []; field = ""; fieldStarted = false; line++;
      continue;
    }
    field += c; fieldStarted = true;
  }
  if (inQuotes) throw new Error(`parseCsv: unterminated quoted field starting on line ${quoteLine}`);
  if (fieldStarted || field !== "" || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Format rows as CSV text (quotes only where needed, `\n` line ends, trailing newline).
 * @param rows rows of cells (strings; format numbers before calling, see `csvNumber`)
 * @example formatCsv([["a", "b"], ["1", "x, y"]]) // 'a,b\n1,"x, y"\n'
 */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quote).join(",")).join("\n") + "\n";
}

/**
 * Write a number the way every tidy file does: JavaScript's shortest round-trip decimal
 * (`33106.0` in a source becomes `33106`, `199.90` becomes `199.9`); missing (NaN/null) is the empty string.
 * (Display formatting is lib/report's `formatNumber`; this is the CSV writer's.)
 * @example csvNumber(199.9) // "199.9"; csvNumber(NaN) // ""
 */
export function csvNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "";
  if (!Number.isFinite(x)) throw new Error(`csvNumber: infinite value ${x}`);
  return String(x);
}

/** @deprecated the CSV writer's number format is {@link csvNumber}; `formatNumber` is lib/report's display format. */
export const formatNumber = csvNumber;
