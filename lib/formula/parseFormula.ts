/**
 * Wilkinson–Rogers model formulas (the notation of R's `lm`, Chambers & Hastie 1992,
 * "Statistical Models in S", ch. 2): `y ~ x1 + log(x2) + I(x3^2) + x1:x2 + factor(region) - 1`.
 *
 * The parser turns the text into a response, an ordered list of terms and an intercept flag.
 * A term is a product (interaction) of variables; a variable is either a numeric expression
 * (a column name, `log(x)`, `exp(x)`, `sqrt(x)`, `abs(x)`, `I(arithmetic)`) or a categorical
 * `factor(column)`. Formula operators: `+` adds terms, `-` removes them, `:` interacts,
 * `a*b` expands to `a + b + a:b`, `(...)` groups, `1`/`0`/`-1` control the intercept.
 * The `.` shorthand and `^` on terms are not supported (an error says so).
 */

/** Arithmetic expression tree of a numeric variable. */
export type Expr =
  | { type: "num"; value: number }
  | { type: "col"; name: string }
  | { type: "call"; fn: "log" | "exp" | "sqrt" | "abs" | "I"; arg: Expr }
  | { type: "neg"; arg: Expr }
  | { type: "bin"; op: "+" | "-" | "*" | "/" | "^"; left: Expr; right: Expr };

/** A variable in the R sense: one numeric column expression or one categorical `factor(col)`. */
export type Variable =
  | { kind: "numeric"; label: string; expr: Expr }
  | { kind: "factor"; label: string; column: string };

/** A model term: the interaction (product) of one or more variables, named like R (`x1:log(x2)`). */
export interface Term {
  /** Term label as R writes it: variables joined by ":". */
  name: string;
  /** The variables multiplied in this term (one for a main effect). */
  variables: Variable[];
}

/** A parsed formula. */
export interface Formula {
  /** The formula text as given. */
  text: string;
  /** The left-hand side (always a single numeric variable). */
  response: Term;
  /** Right-hand side terms in model-matrix order (R's order: by interaction degree, then as written). */
  terms: Term[];
  /** Whether the model has an intercept, named `(Intercept)` in the model matrix. */
  intercept: boolean;
}

const FUNCTIONS = new Set(["log", "exp", "sqrt", "abs", "I"]);

type Token =
  | { t: "id"; v: string; pos: number }
  | { t: "num"; v: number; raw: string; pos: number }
  | { t: "op"; v: string; pos: number };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") { i++; continue; }
    if (c === "`") {
      const end = text.indexOf("`", i + 1);
      if (end < 0) throw new Error(`parseFormula: unclosed backtick at position ${i} in "${text}"`);
      out.push({ t: "id", v: text.slice(i + 1, end), pos: i });
      i = end + 1;
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
      const m = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i));
      const raw = m![0];
      out.push({ t: "num", v: Number(raw), raw, pos: i });
      i += raw.length;
      continue;
    }
    if (/[A-Za-z_.\u0080-\uffff]/.test(c)) {
      const m = /^[A-Za-z_.\u0080-\uffff][A-Za-z0-9_.\u0080-\uffff]*/.exec(text.slice(i));
      const raw = m![0];
      out.push({ t: "id", v: raw, pos: i });
      i += raw.length;
      continue;
    }
    if ("~+-*/^:()".includes(c)) { out.push({ t: "op", v: c, pos: i }); i++; continue; }
    throw new Error(`parseFormula: unexpected character "${c}" at position ${i} in "${text}"`);
  }
  return out;
}

/** R-style deparse of an expression: spaces around + - *, none around / and ^. */
export function deparse(e: Expr, parentPrec = 0): string {
  const prec: Record<string, number> = { "+": 1, "-": 1, "*": 2, "/": 2, "^": 4 };
  switch (e.type) {
    case "num": return String(e.value);
    case "col": return /^[A-Za-z.][A-Za-z0-9_.]*$/.test(e.name) ? e.name : `\`${e.name}\``;
    case "call": return `${e.fn}(${deparse(e.arg)})`;
    case "neg": {
      const s = `-${deparse(e.arg, 3)}`;
      return parentPrec > 3 ? `(${s})` : s;
    }
    case "bin": {
      const p = prec[e.op];
      // left-associative except ^ (right-associative)
      const left = deparse(e.left, e.op === "^" ? p + 1 : p);
      const right = deparse(e.right, e.op === "^" ? p : p + 1);
      const s = e.op === "/" || e.op === "^" ? `${left}${e.op}${right}` : `${left} ${e.op} ${right}`;
      return p < parentPrec ? `(${s})` : s;
    }
  }
}

/** Column names an expression reads. */
export function expressionColumns(e: Expr, out: string[] = []): string[] {
  switch (e.type) {
    case "col": if (!out.includes(e.name)) out.push(e.name); break;
    case "call": case "neg": expressionColumns(e.arg, out); break;
    case "bin": expressionColumns(e.left, out); expressionColumns(e.right, out); break;
    default: break;
  }
  return out;
}

// A set of terms during formula algebra; each term is a list of variables (unique by label).
interface TermSet { terms: Variable[][]; intercept: "yes" | "no" | "default" }

class Parser {
  private i = 0;
  /** Variable labels in order of first appearance (R orders variables inside a term this way). */
  readonly seen: string[] = [];
  constructor(private readonly toks: Token[], private readonly text: string) {}

  private peek(): Token | undefined { return this.toks[this.i]; }
  private isOp(v: string): boolean { const t = this.peek(); return t !== undefined && t.t === "op" && t.v === v; }
  private fail(msg: string): never {
    const t = this.peek();
    const where = t ? ` at position ${t.pos}` : " at end";
    throw new Error(`parseFormula: ${msg}${where} in "${this.text}"`);
  }
  private expectOp(v: string): void { if (!this.isOp(v)) this.fail(`expected "${v}"`); this.i++; }
  atEnd(): boolean { return this.i >= this.toks.length; }

  // ---- arithmetic inside I(), log(), ... ----
  arith(): Expr {
    let left = this.arithTerm();
    while (this.isOp("+") || this.isOp("-")) {
      const op = (this.toks[this.i++] as { v: string }).v as "+" | "-";
      left = { type: "bin", op, left, right: this.arithTerm() };
    }
    return left;
  }
  private arithTerm(): Expr {
    let left = this.arithUnary();
    while (this.isOp("*") || this.isOp("/")) {
      const op = (this.toks[this.i++] as { v: string }).v as "*" | "/";
      left = { type: "bin", op, left, right: this.arithUnary() };
    }
    return left;
  }
  private arithUnary(): Expr {
    if (this.isOp("-")) { this.i++; return { type: "neg", arg: this.arithUnary() }; }
    if (this.isOp("+")) { this.i++; return this.arithUnary(); }
    return this.arithPow();
  }
  private arithPow(): Expr {
    const base = this.arithAtom();
    if (this.isOp("^")) { this.i++; return { type: "bin", op: "^", left: base, right: this.arithUnary() }; }
    return base;
  }
  private arithAtom(): Expr {
    const t = this.peek();
    if (!t) this.fail("unexpected end of expression");
    if (t.t === "num") { this.i++; return { type: "num", value: t.v }; }
    if (t.t === "op" && t.v === "(") { this.i++; const e = this.arith(); this.expectOp(")"); return e; }
    if (t.t === "id") {
      this.i++;
      if (this.isOp("(")) return this.call(t.v);
      return { type: "col", name: t.v };
    }
    return this.fail(`unexpected "${t.v}"`);
  }
  private call(fn: string): Expr {
    if (fn === "factor") this.fail("factor() can only appear as a term, not inside an expression");
    if (!FUNCTIONS.has(fn)) this.fail(`unsupported function "${fn}" (supported: log, exp, sqrt, abs, I, factor)`);
    this.expectOp("(");
    const arg = this.arith();
    this.expectOp(")");
    return { type: "call", fn: fn as "log" | "exp" | "sqrt" | "abs" | "I", arg };
  }

  // ---- formula algebra ----
  variable(): Variable {
    const t = this.peek();
    if (!t) this.fail("unexpected end of formula");
    if (t.t === "id" && t.v === "factor" && this.toks[this.i + 1]?.t === "op" && (this.toks[this.i + 1] as { v: string }).v === "(") {
      this.i += 2;
      const c = this.peek();
      if (!c || c.t !== "id") this.fail("factor() takes one column name");
      this.i++;
      this.expectOp(")");
      const column = (c as { v: string }).v;
      const label = `factor(${deparse({ type: "col", name: column })})`;
      if (!this.seen.includes(label)) this.seen.push(label);
      return { kind: "factor", label, column };
    }
    if (t.t === "id") {
      this.i++;
      if (t.v === ".") this.fail('the "." shorthand is not supported; list the columns');
      const expr: Expr = this.isOp("(") ? this.call(t.v) : { type: "col", name: t.v };
      const label = deparse(expr);
      if (!this.seen.includes(label)) this.seen.push(label);
      return { kind: "numeric", label, expr };
    }
    return this.fail(`expected a column name or function, found "${t.t === "num" ? t.raw : t.v}"`);
  }

  private sumExpr(): TermSet {
    let left: TermSet = this.isOp("-") ? { terms: [], intercept: "default" } : this.prodExpr();
    while (this.isOp("+") || this.isOp("-")) {
      const op = (this.toks[this.i++] as { v: string }).v;
      const right = this.prodExpr();
      if (op === "+") {
        left = { terms: union(left.terms, right.terms), intercept: right.intercept === "default" ? left.intercept : right.intercept };
      } else {
        const keys = new Set(right.terms.map(termKey));
        left = {
          terms: left.terms.filter((t) => !keys.has(termKey(t))),
          intercept: right.intercept === "yes" ? "no" : right.intercept === "no" ? "yes" : left.intercept,
        };
      }
    }
    return left;
  }
  private prodExpr(): TermSet {
    let left = this.interExpr();
    while (this.isOp("*")) {
      this.i++;
      const right = this.interExpr();
      left = { terms: union(union(left.terms, right.terms), crossTerms(left.terms, right.terms)), intercept: "default" };
    }
    return left;
  }
  private interExpr(): TermSet {
    let left = this.atomExpr();
    while (this.isOp(":")) {
      this.i++;
      const right = this.atomExpr();
      left = { terms: crossTerms(left.terms, right.terms), intercept: "default" };
    }
    return left;
  }
  private atomExpr(): TermSet {
    const t = this.peek();
    if (!t) this.fail("unexpected end of formula");
    if (t.t === "op" && t.v === "(") {
      this.i++;
      const s = this.sumExpr();
      this.expectOp(")");
      return s;
    }
    if (t.t === "num") {
      this.i++;
      if (t.v === 1) return { terms: [], intercept: "yes" };
      if (t.v === 0) return { terms: [], intercept: "no" };
      this.fail(`a number (${t.raw}) is only allowed as 0 or 1 outside I()`);
    }
    if (t.t === "op" && t.v === "^") this.fail("the ^ operator on terms is not supported; write the interactions out");
    return { terms: [[this.variable()]], intercept: "default" };
  }

  rhs(): TermSet {
    const s = this.sumExpr();
    if (this.isOp("^")) this.fail("the ^ operator on terms is not supported; write I(x^2) for a power");
    if (!this.atEnd()) this.fail(`unexpected "${(this.peek() as { v: string }).v}"`);
    return s;
  }
}

function termKey(t: Variable[]): string { return t.map((v) => v.label).sort().join("\u0000"); }

function union(a: Variable[][], b: Variable[][]): Variable[][] {
  const keys = new Set(a.map(termKey));
  const out = [...a];
  for (const t of b) if (!keys.has(termKey(t))) { out.push(t); keys.add(termKey(t)); }
  return out;
}

function crossTerms(a: Variable[][], b: Variable[][]): Variable[][] {
  const out: Variable[][] = [];
  for (const x of a) {
    for (const y of b) {
      const merged = [...x];
      for (const v of y) if (!merged.some((m) => m.label === v.label)) merged.push(v);
      out.push(merged);
    }
  }
  return union([], out);
}

/**
 * Parse a model formula.
 *
 * Long name: Wilkinson–Rogers model formula parser (R `terms.formula` semantics, Chambers & Hastie 1992).
 * Terms keep R's order: main effects first, then two-way interactions, and so on, each group
 * in the order written. Variables inside an interaction are ordered by their first appearance
 * in the formula, as R does (`y ~ factor(g) + x:factor(g)` has the term `factor(g):x`).
 * @param text formula such as `"lngdp ~ lnfin + log(DIS) + I(x^2) + x1:x2 - 1"`
 * @returns `{ text, response, terms, intercept }`
 * @throws `parseFormula: ...` for a missing `~`, an unsupported function, `.`, a stray number,
 *   unbalanced parentheses, or a formula with no terms and no intercept
 * @example
 * parseFormula("y ~ a*b - 1").terms.map((t) => t.name) // ["a", "b", "a:b"]
 * parseFormula("y ~ a*b - 1").intercept                 // false
 */
export function parseFormula(text: string): Formula {
  if (typeof text !== "string") throw new Error("parseFormula: formula must be a string like \"y ~ x1 + x2\"");
  const tilde = text.indexOf("~");
  if (tilde < 0) throw new Error(`parseFormula: formula "${text}" has no "~" (write "y ~ x1 + x2")`);
  if (text.indexOf("~", tilde + 1) >= 0) throw new Error(`parseFormula: formula "${text}" has more than one "~"`);
  const lhsText = text.slice(0, tilde);
  const rhsText = text.slice(tilde + 1);
  if (lhsText.trim() === "") throw new Error(`parseFormula: formula "${text}" has no response (left of "~")`);
  if (rhsText.trim() === "") throw new Error(`parseFormula: formula "${text}" has nothing right of "~"`);

  const lp = new Parser(tokenize(lhsText), text);
  const responseVar = lp.variable();
  if (!lp.atEnd()) {
    throw new Error(`parseFormula: the response of "${text}" must be one column or expression (wrap arithmetic in I())`);
  }
  if (responseVar.kind === "factor") throw new Error(`parseFormula: the response of "${text}" cannot be a factor`);

  const rp = new Parser(tokenize(rhsText), text);
  const set = rp.rhs();
  const order = (v: Variable) => rp.seen.indexOf(v.label);
  const intercept = set.intercept !== "no";
  // R orders terms by degree (stable within a degree)
  const ordered = set.terms
    .map((t, idx) => ({ t, idx }))
    .sort((a, b) => a.t.length - b.t.length || a.idx - b.idx)
    .map(({ t }) => [...t].sort((a, b) => order(a) - order(b)))
    .map((t) => ({ name: t.map((v) => v.label).join(":"), variables: t }));
  if (ordered.length === 0 && !intercept) {
    throw new Error(`parseFormula: formula "${text}" has no terms and no intercept`);
  }
  return {
    text,
    response: { name: responseVar.label, variables: [responseVar] },
    terms: ordered,
    intercept,
  };
}
