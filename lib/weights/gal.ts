import { SpatialWeights } from "./SpatialWeights";

/**
 * GAL files: the neighbour-list text format of GeoDa, read and written by spdep's `read.gal` /
 * `write.nb.gal` (Anselin, Syabri & Kho 2006, "GeoDa: an introduction to spatial data analysis").
 *
 * Layout: a header line, either `n` or `0 n <layer> <idfield>`; then, per region, a line
 * `<id> <count>` followed by a line with the `count` neighbour ids. Ids are free tokens (no spaces).
 */

/**
 * Read a GAL file into binary spatial weights (style "B").
 * Region order is the order of the region lines; neighbour ids are looked up among the region ids.
 * Asymmetric lists are kept as written (use `isSymmetric()` to check).
 * @param text the file contents
 * @throws `fromGAL: header says 49 regions but the file has 48`, `fromGAL: region "5" lists unknown
 *   neighbour "77"`, `fromGAL: region "5" says 3 neighbours but lists 2`, duplicate region ids
 * @example
 * const w = fromGAL("3\n1 1\n2\n2 2\n1 3\n3 1\n2\n");
 * w.neighbors; // [[1], [0, 2], [1]]
 */
export function fromGAL(text: string): SpatialWeights {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length === 0) throw new Error("fromGAL: empty file");
  const header = lines[0].split(/\s+/);
  let n: number;
  if (header.length === 1) n = Number(header[0]);
  else if (header.length >= 2) n = Number(header[1]);
  else n = NaN;
  if (!Number.isInteger(n) || n < 0) throw new Error(`fromGAL: cannot read the number of regions from header "${lines[0]}"`);
  const ids: string[] = [];
  const nbIds: string[][] = [];
  let li = 1;
  while (li < lines.length) {
    const head = lines[li].split(/\s+/);
    if (head.length !== 2) throw new Error(`fromGAL: line ${li + 1} should be "<id> <count>", got "${lines[li]}"`);
    const id = head[0];
    const count = Number(head[1]);
    if (!Number.isInteger(count) || count < 0) throw new Error(`fromGAL: region "${id}" has a bad neighbour count "${head[1]}"`);
    li++;
    let list: string[] = [];
    if (count > 0) {
      if (li >= lines.length) throw new Error(`fromGAL: region "${id}" says ${count} neighbours but the file ends`);
      list = lines[li].split(/\s+/);
      li++;
      if (list.length !== count) throw new Error(`fromGAL: region "${id}" says ${count} neighbours but lists ${list.length}`);
    }
    ids.push(id);
    nbIds.push(list);
  }
  if (ids.length !== n) throw new Error(`fromGAL: header says ${n} regions but the file has ${ids.length}`);
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (index.has(id)) throw new Error(`fromGAL: duplicate region id "${id}"`);
    index.set(id, i);
  });
  const neighbors = nbIds.map((list, i) => list.map((t) => {
    const j = index.get(t);
    if (j === undefined) throw new Error(`fromGAL: region "${ids[i]}" lists unknown neighbour "${t}"`);
    return j;
  }));
  return new SpatialWeights(ids, neighbors);
}

/**
 * Write the neighbour structure as a GAL file (weights are not part of the format; only links are written).
 * The header is the single number `n`, as spdep's `write.nb.gal(oldstyle = TRUE)` writes it.
 * @throws `toGAL: id "a b" contains white space` (the format cannot hold it)
 * @example toGAL(new SpatialWeights(["a", "b"], [[1], [0]])) // "2\na 1\nb\nb 1\na\n"
 */
export function toGAL(w: SpatialWeights): string {
  const out: string[] = [String(w.n)];
  for (let i = 0; i < w.n; i++) {
    const id = w.ids[i];
    if (/\s/.test(id) || id.length === 0) throw new Error(`toGAL: id "${id}" contains white space or is empty`);
    out.push(`${id} ${w.neighbors[i].length}`);
    out.push(w.neighbors[i].map((j) => w.ids[j]).join(" "));
  }
  return out.join("\n") + "\n";
}

/**
 * Spatial weights from a dense matrix given as rows (`rows[i][j]` = weight of j in row i; zero = no link).
 * Style is "B" when every non-zero entry is 1, "custom" otherwise.
 * @param rows n rows of n numbers
 * @param ids region ids (default "1".."n")
 * @throws `fromMatrix: row 2 has 4 entries, expected 5`, a non-zero diagonal, non-finite entries
 * @example fromMatrix([[0, 1], [1, 0]], ["a", "b"]).neighbors // [[1], [0]]
 */
export function fromMatrix(rows: ArrayLike<ArrayLike<number>>, ids?: ArrayLike<string | number>): SpatialWeights {
  const n = rows.length;
  const idList = ids === undefined ? Array.from({ length: n }, (_, i) => String(i + 1)) : Array.from(ids, String);
  if (idList.length !== n) throw new Error(`fromMatrix: ${n} rows but ${idList.length} ids`);
  const nb: number[][] = [];
  const wt: number[][] = [];
  let binary = true;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row.length !== n) throw new Error(`fromMatrix: row ${i} has ${row.length} entries, expected ${n}`);
    const a: number[] = [];
    const b: number[] = [];
    for (let j = 0; j < n; j++) {
      const v = row[j];
      if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`fromMatrix: entry [${i}, ${j}] is not a finite number`);
      if (v === 0) continue;
      if (i === j) throw new Error(`fromMatrix: diagonal entry [${i}, ${i}] ("${idList[i]}") is ${v}; must be 0`);
      a.push(j);
      b.push(v);
      if (v !== 1) binary = false;
    }
    nb.push(a);
    wt.push(b);
  }
  return new SpatialWeights(idList, nb, wt, binary ? "B" : "custom");
}
