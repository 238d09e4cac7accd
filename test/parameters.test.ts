/**
 * Parameterized runs (scripts/notebook-meta.mjs): reading the `parameters` cell, validating
 * `-p name=value` overrides, the injected override cell and the variant's file name. Expected
 * values follow from the papermill convention the README documents (worked by hand).
 */
import * as os from "node:os";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  coerceParameter,
  injectParameters,
  listNotebooks,
  notebookInfo,
  ParameterError,
  parameterTable,
  parseLiteral,
  parseOverrideArgs,
  parseParameters,
  resolveOverrides,
  selectNotebooks,
  variantName,
  type NotebookJSON,
} from "../scripts/notebook-meta.mjs";

function notebook(paramsSource: string | null, extra: Partial<NotebookJSON> = {}): NotebookJSON {
  const cells: NotebookJSON["cells"] = [
    { cell_type: "markdown", source: "# 03 · Financial agglomeration\n\n**Article:** 集聚区范文篇3 《金融集聚》\n", metadata: {} },
  ];
  if (paramsSource !== null) cells.push({ cell_type: "code", source: paramsSource, metadata: { tags: ["parameters"] }, outputs: [], execution_count: null });
  cells.push({ cell_type: "code", source: "console.log(k);", metadata: {}, outputs: [], execution_count: null });
  return Object.freeze({ cells, metadata: {}, ...extra }) as NotebookJSON;
}

const PARAMS = [
  'const weights: "queen" | "knn" = "queen";  // contiguity or k nearest neighbours',
  "const k: number = 4;",
  "const years: number[] = [2012, 2019];",
  "const dropMunicipalities = false;",
  "const label = 'base';",
  "const seed = 1e3;",
].join("\n");

describe("parameters cell", () => {
  it("reads every declaration with its name, type and default", () => {
    const ps = parseParameters(notebook(PARAMS));
    expect(ps.map((p) => [p.name, p.type, p.default])).toEqual([
      ["weights", '"queen" | "knn"', "queen"],
      ["k", "number", 4],
      ["years", "number[]", [2012, 2019]],
      ["dropMunicipalities", "boolean", false],
      ["label", "string", "base"],
      ["seed", "number", 1000],
    ]);
    expect(ps[0].allowed).toEqual(["queen", "knn"]);
  });

  it("parses TypeScript literals: numbers, booleans, both quote styles, arrays; anything else is undefined", () => {
    expect(parseLiteral("-2.5e-3")).toBe(-0.0025);
    expect(parseLiteral("true")).toBe(true);
    expect(parseLiteral('"a \\"b\\""')).toBe('a "b"');
    expect(parseLiteral("'it\\'s'")).toBe("it's");
    expect(parseLiteral('["a", "b,c"]')).toEqual(["a", "b,c"]);
    expect(parseLiteral("Math.PI")).toBeUndefined();
  });

  it("a notebook without a parameters cell has no parameters, and any -p is an error saying so", () => {
    const nb = notebook(null);
    expect(parseParameters(nb)).toEqual([]);
    expect(() => resolveOverrides(nb, [{ name: "k", raw: "3" }])).toThrow(/no `parameters` cell/);
  });
});

describe("overrides", () => {
  const nb = notebook(PARAMS);
  const params = parseParameters(nb);
  const p = (name: string) => params.find((x) => x.name === name)!;

  it("convert command-line strings to the declared type", () => {
    expect(coerceParameter(p("k"), "7", params)).toBe(7);
    expect(coerceParameter(p("weights"), "knn", params)).toBe("knn");
    expect(coerceParameter(p("weights"), '"knn"', params)).toBe("knn");
    expect(coerceParameter(p("years"), "2010,2019", params)).toEqual([2010, 2019]);
    expect(coerceParameter(p("years"), "[2010, 2015]", params)).toEqual([2010, 2015]);
    expect(coerceParameter(p("dropMunicipalities"), "true", params)).toBe(true);
    expect(coerceParameter(p("label"), "robust check", params)).toBe("robust check");
  });

  it("an unknown parameter name is an error listing the allowed parameters and their types", () => {
    let message = "";
    try {
      resolveOverrides(nb, [{ name: "kk", raw: "4" }]);
    } catch (e) {
      expect(e).toBeInstanceOf(ParameterError);
      message = (e as Error).message;
    }
    expect(message).toContain('unknown parameter "kk"');
    expect(message).toContain('weights: "queen" | "knn" (default "queen")');
    expect(message).toContain("k: number (default 4)");
    expect(message).toContain("years: number[]");
  });

  it("a value of the wrong type is an error naming the parameter, the expectation and the allowed parameters", () => {
    expect(() => resolveOverrides(nb, [{ name: "k", raw: "four" }])).toThrow(/k=four: expected a number; allowed parameters: weights/);
    expect(() => resolveOverrides(nb, [{ name: "weights", raw: "rook" }])).toThrow(/must be one of "queen" \| "knn"/);
    expect(() => resolveOverrides(nb, [{ name: "dropMunicipalities", raw: "yes" }])).toThrow(/expected true or false/);
    expect(() => resolveOverrides(nb, [{ name: "years", raw: "2010,x" }])).toThrow(/list of numbers/);
    expect(() => resolveOverrides(nb, [{ name: "k", raw: "1" }, { name: "k", raw: "2" }])).toThrow(/given twice/);
  });

  it("-p needs name=value", () => {
    expect(parseOverrideArgs(["k=4", "label=a=b"])).toEqual([
      { name: "k", raw: "4" },
      { name: "label", raw: "a=b" },
    ]);
    expect(() => parseOverrideArgs(["k"])).toThrow(/name=value/);
  });

  it("the override cell is inserted right after the parameters cell, keeps type annotations, and leaves the input unchanged", () => {
    const resolved = resolveOverrides(nb, parseOverrideArgs(["weights=knn", "k=6"]));
    const before = JSON.stringify(nb);
    const out = injectParameters(nb, resolved);
    expect(JSON.stringify(nb)).toBe(before);
    expect(out.cells.length).toBe(nb.cells.length + 1);
    const injected = out.cells[2];
    expect(injected.metadata?.tags).toEqual(["injected-parameters"]);
    const src = String(injected.source);
    expect(src).toContain('const weights: "queen" | "knn" = "knn";');
    expect(src).toContain("const k: number = 6;");
    expect(out.cells[3].source).toBe("console.log(k);");
  });

  it("the variant is named after its parameters in the order given", () => {
    const resolved = resolveOverrides(nb, parseOverrideArgs(["weights=knn", "k=4"]));
    expect(variantName("03-financial-agglomeration", resolved)).toBe("03-financial-agglomeration__weights=knn_k=4");
    expect(variantName("03-x", resolveOverrides(nb, parseOverrideArgs(["years=2010,2019"])))).toBe("03-x__years=2010,2019");
    expect(variantName("03-x", resolveOverrides(nb, parseOverrideArgs(["label=a b/c"])))).toMatch(/^03-x__label=a-b-c~[0-9a-f]{10}$/);
    expect(variantName("03-x", [])).toBe("03-x");
  });

  it("variant names stay distinct for non-ASCII values and short for long ones (no ENAMETOOLONG)", () => {
    const name = (v: string) => variantName("03-x", resolveOverrides(nb, parseOverrideArgs([`label=${v}`])));
    expect(name("上海")).not.toBe(name("深圳"));
    expect(name("上海")).toMatch(/^03-x__label=-~[0-9a-f]{10}$/);
    const long = "a".repeat(300);
    expect(name(long).length).toBeLessThanOrEqual("03-x__".length + 80);
    expect(name(long)).not.toBe(name(long.slice(0, 299) + "b"));
    expect(name("a b/c")).not.toBe(name("a-b-c")); // the readable part alone would collide
    const dir = path.join(os.tmpdir(), `variant-${process.pid}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name("x".repeat(300))}.html`), ""); // a file system accepts it
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the parameter table marks the overridden rows and shows both value and default", () => {
    const rows = parameterTable(nb, resolveOverrides(nb, parseOverrideArgs(["k=6"])));
    expect(rows.find((r) => r.name === "k")).toEqual({ name: "k", type: "number", value: "6", default: "4", changed: true });
    expect(rows.find((r) => r.name === "weights")?.changed).toBe(false);
  });
});

describe("notebook facts for the index page", () => {
  it("title and article come from metadata when present, else from the first markdown cell", () => {
    expect(notebookInfo(notebook(PARAMS))).toEqual({ title: "03 · Financial agglomeration", article: "集聚区范文篇3 《金融集聚》" });
    const withMeta = notebook(PARAMS, { metadata: { article: "集聚区范文篇6", title: "06 · Growth" } });
    expect(notebookInfo(withMeta)).toEqual({ title: "06 · Growth", article: "集聚区范文篇6" });
  });

  it("a prefix selects the notebooks whose file name starts with it", () => {
    const files = ["/n/00-a.ipynb", "/n/03-b.ipynb", "/n/03-c.ipynb", "/n/10-d.ipynb"];
    expect(selectNotebooks(files, ["03"])).toEqual(["/n/03-b.ipynb", "/n/03-c.ipynb"]);
    expect(selectNotebooks(files, ["00", "10"])).toEqual(["/n/00-a.ipynb", "/n/10-d.ipynb"]);
    expect(selectNotebooks(files, [])).toEqual(files);
  });
});

describe("committed notebooks", () => {
  const files = listNotebooks(path.resolve(__dirname, "..", "notebooks"));
  it("there is at least the getting-started notebook", () => {
    expect(files.map((f) => path.basename(f))).toContain("00-getting-started.ipynb");
  });
  for (const file of files) {
    it(`${path.basename(file)}: its parameters cell parses, and every default is a literal the command line can override`, () => {
      const nb = JSON.parse(fs.readFileSync(file, "utf8")) as NotebookJSON;
      const params = parseParameters(nb);
      for (const p of params) {
        expect(p.type, `${p.name} = ${p.defaultSource}`).not.toBe("expression");
        // Round trip: the default, written as on the command line, is accepted.
        const raw = Array.isArray(p.default) ? (p.default as unknown[]).join(",") : String(p.default);
        expect(coerceParameter(p, raw, params), p.name).toEqual(p.default);
      }
    });
  }
});
