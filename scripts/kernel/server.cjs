/**
 * The Jupyter side of the project's tslab kernel (started by scripts/tslab-kernel.cjs): tslab 1.0.22's
 * compiler (converter) and executor, behind a message handler that follows the Jupyter messaging
 * protocol 5.3 where tslab does not:
 *
 *   - a failing cell sends an iopub `error` message and an `execute_reply` with status "error",
 *     `ename`, `evalue` and a traceback of the analyst's frames only (scripts/kernel/traceback.cjs);
 *     a cell that does not compile likewise (ename "TypeScriptError"); nothing goes to stderr;
 *   - the last value of a cell is an `execute_result` (short text forms: scripts/kernel/display-value.cjs);
 *   - `execute_input` is published, `silent` and `store_history` are honoured;
 *   - after an error, only the execute requests that had already reached the kernel are answered
 *     `aborted` (as ipykernel does, when the failing request has `stop_on_error`, the default), with
 *     a line on stderr saying which cell failed; a request sent after the error reply runs normally. tslab instead dropped every request of the
 *     next 200 ms (`execQueue.reset(200)`) with an invalid status "abort";
 *   - `kernel_info_reply` has `status` and the TypeScript version that compiles the cells (tslab
 *     reported "3.7.2"); `comm_info_reply` has its own type (tslab answered `complete_reply`);
 *     `history_request` (tail, range, search) and `interrupt_request` are answered; `shutdown_reply`
 *     echoes `restart`; `is_complete` also reports "invalid" for code that cannot parse;
 *   - `clear_output`: tslab's module gets `clearOutput(wait = false)`;
 *   - the kernel exits when the process that started it is gone (no orphan kernels).
 */
"use strict";
const path = require("path");
const Module = require("module");
const util = require("util");
const crypto = require("crypto");
const { cellFileName, registerCell, runtimeError, compileError } = require("./traceback.cjs");
const { mimeBundle } = require("./display-value.cjs");

const PROTOCOL_VERSION = "5.3";
/** How long the kernel keeps reading requests that were already waiting when a cell failed. */
const DRAIN_LIMIT_MS = 100;
/** How often the kernel checks that the process that started it is still there. */
const ORPHAN_CHECK_MS = 1000;

/** The format string tslab's executor prints a diagnostic with (see tslab/dist/executor.js printDiagnostics). */
const DIAGNOSTIC_FORMAT = "%s%d:%d - %s";

/**
 * Start the kernel.
 * @param {object} o
 * @param {string} o.configPath the connection file
 * @param {string} o.tslabDir tslab's package directory
 * @param {object} o.ts the TypeScript module tslab compiles with
 * @param {(count: number, source: string) => void} o.beforeCell called before each cell runs
 * @param {(count: number) => ((line: number, column: number) => number | null) | null} o.lineMapper
 *   after a cell ran: the mapper from the code that ran to the cell's lines, or null
 */
function startKernel({ configPath, tslabDir, ts, beforeCell, lineMapper }) {
  const req = Module.createRequire(path.join(tslabDir, "package.json"));
  const { createConverter, isCompleteCode } = req("./dist/converter.js");
  const { createExecutor } = req("./dist/executor.js");
  const jupyter = req("./dist/jupyter.js");
  const { printQuickInfo } = req("./dist/inspect.js");
  const tslabPublic = req("./dist/public.js");
  const tslabVersion = req("./package.json").version;

  const realStdoutWrite = process.stdout.write.bind(process.stdout);
  const realStderrWrite = process.stderr.write.bind(process.stderr);
  /** The kernel's own log (the Jupyter server's console), never a cell's output. */
  const log = (...args) => realStderrWrite(`[tslab-kernel] ${util.format(...args)}\n`);

  // --- tslab's compiler and executor, with a console that hands us what tslab would print.
  const converters = {};
  const convs = {
    get node() {
      return (converters.node ??= createConverter({ isJS: false, isBrowser: false }));
    },
    get browser() {
      return (converters.browser ??= createConverter({ isJS: false, isBrowser: true }));
    },
    close() {
      for (const c of Object.values(converters)) c.close();
    },
  };
  convs.node; // warm up, as tslab does
  /** What the executor reported for the cell being run. */
  let outcome = null;
  const executorConsole = {
    log: (value) => {
      if (outcome) outcome.value = { value };
    },
    error: (first, ...rest) => {
      if (!outcome) return log("executor:", first, ...rest);
      if (first === DIAGNOSTIC_FORMAT) {
        const [fileName, line, column, message] = rest;
        outcome.diagnostics.push({ fileName: fileName ? String(fileName).trim() : "", line, column, message: String(message) });
      } else if (!outcome.thrown) {
        outcome.thrown = { value: first };
      }
    },
  };
  const executor = createExecutor(process.cwd(), convs, executorConsole);

  // --- where a cell's output goes (the request that is running, or the last one that ran).
  // Until the first cell runs, output (e.g. a warning while tslab starts) goes to the kernel's log.
  const sinks = { stream: (name, text) => (name === "stdout" ? realStdoutWrite : realStderrWrite)(text), display: () => {}, clear: () => {} };
  const toSink = (name) => (chunk, encoding, callback) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    sinks.stream(name, text);
    const cb = typeof encoding === "function" ? encoding : callback;
    if (typeof cb === "function") cb();
    return true;
  };
  process.stdout.write = toSink("stdout");
  process.stderr.write = toSink("stderr");
  tslabPublic.clearOutput = (wait = false) => sinks.clear(Boolean(wait));

  let server;
  let executionCount = 0;
  /** Executed inputs for history_request: { line, source, output }. */
  const history = [];
  const HISTORY_SESSION = 1;
  let arrivals = 0;
  let abortThrough = 0;
  let abortedBy = "";
  let queue = Promise.resolve();

  function publish(parent, msgType, content) {
    const m = parent.createReply();
    m.header.msg_type = msgType;
    m.content = content;
    m.signAndSend(server.connInfo.key, server.iopub);
  }
  function reply(sock, parent, msgType, content, metadata) {
    const m = parent.createReply();
    m.header.msg_type = msgType;
    m.content = content;
    if (metadata) m.metadata = metadata;
    m.signAndSend(server.connInfo.key, sock);
  }

  /** Run one cell through tslab: { ok, value?, error? , warnings }. */
  async function runCell(code, count) {
    outcome = { value: null, thrown: null, diagnostics: [] };
    const name = cellFileName(count);
    beforeCell(count, code);
    let ok;
    try {
      ok = await executor.execute(code);
    } catch (e) {
      // tslab itself failed (not the cell): show everything, it is a kernel bug.
      const o = outcome;
      outcome = null;
      return {
        ok: false,
        error: { ename: "KernelError", evalue: String(e && e.message ? e.message : e), traceback: [String(e && e.stack ? e.stack : e)] },
        warnings: o.diagnostics,
      };
    }
    const o = outcome;
    outcome = null;
    registerCell(name, code, lineMapper(count));
    if (ok) return { ok: true, value: o.value, warnings: o.diagnostics };
    if (o.diagnostics.length) return { ok: false, error: compileError(o.diagnostics, code, name), warnings: [] };
    if (o.thrown) return { ok: false, error: runtimeError(o.thrown.value), warnings: [] };
    return { ok: false, error: { ename: "Error", evalue: "the cell failed", traceback: ["Error: the cell failed"] }, warnings: [] };
  }

  /** Let requests already waiting on the shell socket reach the queue (so they can be aborted). */
  async function drainShell() {
    const t0 = Date.now();
    for (let i = 0; i < 1000 && Date.now() - t0 < DRAIN_LIMIT_MS; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!server.shell.readable) break;
    }
  }

  async function execute(sock, msg, seq) {
    server.publishStatus("busy", msg);
    try {
      const c = msg.content || {};
      const code = typeof c.code === "string" ? c.code : "";
      if (seq <= abortThrough) {
        // Say so in the cell (ipykernel leaves it blank), and send no execution_count: Notebook
        // would label this cell with the failed cell's number.
        if (!c.silent) publish(msg, "stream", { name: "stderr", text: `Not run: ${abortedBy} failed while this cell was waiting to run.\n` });
        reply(sock, msg, "execute_reply", { status: "aborted" }, { status: "aborted" });
        return;
      }
      const silent = Boolean(c.silent);
      const storeHistory = !silent && c.store_history !== false;
      if (storeHistory) executionCount += 1;
      const count = executionCount;
      if (!silent) publish(msg, "execute_input", { code, execution_count: count });
      if (silent) {
        sinks.stream = sinks.display = sinks.clear = () => {};
      } else {
        sinks.stream = (name, text) => publish(msg, "stream", { name, text });
        sinks.display = (data, update) => publish(msg, update ? "update_display_data" : "display_data", data);
        sinks.clear = (wait) => publish(msg, "clear_output", { wait });
      }
      jupyter.lastWriteDisplayData = (data, update) => sinks.display(data, update);

      const result = await runCell(code, count);
      for (const w of result.warnings) sinks.stream("stderr", `${w.fileName || cellFileName(count)}, line ${w.line}, column ${w.column}: ${w.message}\n`);
      const userExpressions = {};
      for (const key of Object.keys(c.user_expressions || {})) {
        userExpressions[key] = { status: "error", ename: "NotSupported", evalue: "user_expressions are not evaluated by this kernel", traceback: [] };
      }
      if (result.ok) {
        let plain = null;
        if (result.value && !silent) {
          let data;
          try {
            data = mimeBundle(result.value.value);
          } catch (e) {
            data = { "text/plain": `(the value could not be shown: ${e && e.message ? e.message : e})` };
          }
          plain = data["text/plain"];
          publish(msg, "execute_result", { execution_count: count, data, metadata: {} });
        }
        if (storeHistory) history.push({ line: count, source: code, output: plain });
        reply(sock, msg, "execute_reply", { status: "ok", execution_count: count, payload: [], user_expressions: userExpressions }, { status: "ok" });
        return;
      }
      if (storeHistory) history.push({ line: count, source: code, output: null });
      if (c.stop_on_error !== false) {
        await drainShell();
        abortThrough = arrivals;
        abortedBy = silent ? "an earlier request" : cellFileName(count);
      }
      if (!silent) publish(msg, "error", result.error);
      reply(sock, msg, "execute_reply", { status: "error", execution_count: count, ...result.error, user_expressions: userExpressions }, { status: "error" });
    } finally {
      server.publishStatus("idle", msg);
    }
  }

  function historyReply(c) {
    const entry = (h) => [HISTORY_SESSION, h.line, c.output ? [h.source, h.output] : h.source];
    const n = typeof c.n === "number" && c.n > 0 ? c.n : null;
    let items;
    if (c.hist_access_type === "tail") {
      items = n === null ? history.slice() : history.slice(-n);
    } else if (c.hist_access_type === "range") {
      const session = typeof c.session === "number" ? c.session : 0;
      if (session !== 0 && session !== HISTORY_SESSION) {
        items = [];
      } else {
        const start = typeof c.start === "number" ? c.start : 0;
        const stop = typeof c.stop === "number" && c.stop > 0 ? c.stop : Infinity;
        items = history.filter((h) => h.line >= start && h.line < stop);
      }
    } else if (c.hist_access_type === "search") {
      const glob = typeof c.pattern === "string" ? c.pattern : "*";
      const re = new RegExp(
        `^${glob
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*/g, "[\\s\\S]*")
          .replace(/\?/g, "[\\s\\S]")}$`,
      );
      let found = history.filter((h) => re.test(h.source));
      if (c.unique) {
        const seen = new Set();
        found = found
          .reverse()
          .filter((h) => (seen.has(h.source) ? false : (seen.add(h.source), true)))
          .reverse();
      }
      items = n === null ? found : found.slice(-n);
    } else {
      items = [];
    }
    return { status: "ok", history: items.map(entry) };
  }

  function isComplete(code) {
    const r = isCompleteCode(code);
    if (!r.completed) return { status: "incomplete", indent: r.indent };
    if (/(^|\n)\s*\n\s*$/.test(code)) return { status: "complete" };
    const sf = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    return sf.parseDiagnostics && sf.parseDiagnostics.length > 0 ? { status: "invalid" } : { status: "complete" };
  }

  function kernelInfo() {
    return {
      status: "ok",
      protocol_version: PROTOCOL_VERSION,
      implementation: "tslab",
      implementation_version: tslabVersion,
      language_info: {
        name: "typescript",
        version: ts.version,
        mimetype: "text/typescript",
        file_extension: ".ts",
        pygments_lexer: "typescript",
        // As tslab: enables TypeScript highlighting in Notebook 6 and JupyterLab.
        codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
      },
      banner: `TypeScript ${ts.version} (tslab ${tslabVersion}, Node.js ${process.version})`,
      debugger: false,
      help_links: [{ text: "tslab", url: "https://github.com/yunabe/tslab" }],
    };
  }

  class ConformantServer extends jupyter.ZmqServer {
    async handleShellMessage(sock, ...frames) {
      let msg;
      try {
        msg = this.parse(frames);
      } catch (e) {
        log("dropped a message:", e && e.message ? e.message : e);
        return;
      }
      const type = msg.header.msg_type;
      if (type === "execute_request") {
        const seq = ++arrivals;
        queue = queue.then(() => execute(sock, msg, seq)).catch((e) => log("execute failed:", e && e.stack ? e.stack : e));
        return;
      }
      this.publishStatus("busy", msg);
      let terminate = false;
      try {
        const c = msg.content || {};
        switch (type) {
          case "kernel_info_request":
            reply(sock, msg, "kernel_info_reply", kernelInfo());
            break;
          case "is_complete_request":
            reply(sock, msg, "is_complete_reply", isComplete(String(c.code ?? "")));
            break;
          case "inspect_request": {
            const info = executor.inspect(String(c.code ?? ""), Number(c.cursor_pos ?? 0));
            reply(
              sock,
              msg,
              "inspect_reply",
              info
                ? { status: "ok", found: true, data: { "text/plain": printQuickInfo(info) }, metadata: {} }
                : { status: "ok", found: false, data: {}, metadata: {} },
            );
            break;
          }
          case "complete_request": {
            const info = executor.complete(String(c.code ?? ""), Number(c.cursor_pos ?? 0));
            reply(sock, msg, "complete_reply", { status: "ok", matches: info.candidates, cursor_start: info.start, cursor_end: info.end, metadata: {} });
            break;
          }
          case "history_request":
            reply(sock, msg, "history_reply", historyReply(c));
            break;
          case "comm_info_request":
            reply(sock, msg, "comm_info_reply", { status: "ok", comms: {} });
            break;
          case "interrupt_request":
            executor.interrupt();
            reply(sock, msg, "interrupt_reply", { status: "ok" });
            break;
          case "shutdown_request":
            reply(sock, msg, "shutdown_reply", { status: "ok", restart: Boolean(c.restart) });
            terminate = true;
            break;
          default:
            log(`unsupported message type ${type} (ignored)`);
        }
      } catch (e) {
        log(`${type} failed:`, e && e.stack ? e.stack : e);
      } finally {
        this.publishStatus("idle", msg);
      }
      if (terminate) {
        this.close();
        // Whatever a cell left running (timers, servers) must not keep a shut-down kernel alive.
        setTimeout(() => process.exit(0), 2000).unref();
      }
    }

    parse(frames) {
      return Message.parse(frames, this.connInfo);
    }
  }

  server = new ConformantServer({ close: () => executor.close() }, configPath);
  // A kernel whose parent (the notebook server, nbclient, a test) died without shutting it down
  // is reparented; it then exits instead of living on as an orphan (one kept a core busy).
  const parentPid = process.ppid;
  setInterval(() => {
    if (process.ppid !== parentPid) {
      log(`parent process ${parentPid} is gone; exiting`);
      process.exit(0);
    }
  }, ORPHAN_CHECK_MS).unref();
  process.on("SIGINT", () => executor.interrupt());
  process.on("uncaughtException", (err) => {
    const e = runtimeError(err);
    sinks.stream("stderr", `Uncaught exception outside a cell's run:\n${e.traceback.join("\n")}\n`);
  });
  process.on("unhandledRejection", (reason) => {
    const e = runtimeError(reason);
    sinks.stream("stderr", `Unhandled promise rejection:\n${e.traceback.join("\n")}\n`);
  });
  server.init().catch((e) => {
    log("could not start:", e && e.stack ? e.stack : e);
    process.exit(1);
  });
  return server;
}

const DELIMITER = Buffer.from("<IDS|MSG>");

/** The signature of a message's four JSON parts, as the connection file's scheme says ("" without a key). */
function sign(connInfo, parts) {
  if (!connInfo.key) return "";
  const scheme = String(connInfo.signature_scheme || "hmac-sha256");
  const hmac = crypto.createHmac(scheme.replace(/^hmac-/, ""), connInfo.key);
  for (const p of parts) hmac.update(p);
  return hmac.digest("hex");
}

/**
 * A Jupyter wire-protocol message (identities, delimiter, signature, header, parent header,
 * metadata, content), with the two methods tslab's ZmqServer uses on one: createReply, signAndSend.
 */
class Message {
  static parse(frames, connInfo) {
    const at = frames.findIndex((f) => Buffer.from(f).equals(DELIMITER));
    if (at < 0) throw new Error("message without <IDS|MSG> delimiter");
    const parts = frames.slice(at + 2, at + 6).map((f) => Buffer.from(f));
    if (parts.length < 4) throw new Error("message with fewer than four parts");
    const signature = Buffer.from(frames[at + 1]).toString();
    const want = sign(connInfo, parts);
    if (want && !(signature.length === want.length && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(want)))) {
      throw new Error("message with a wrong signature");
    }
    const m = new Message();
    m.connInfo = connInfo;
    m.identity = frames.slice(0, at);
    [m.header, m.parent, m.metadata, m.content] = parts.map((p) => JSON.parse(p.toString("utf8")));
    return m;
  }

  createReply() {
    const r = new Message();
    r.connInfo = this.connInfo;
    r.identity = this.identity;
    r.header = {
      msg_id: crypto.randomUUID(),
      username: this.header.username ?? "kernel",
      session: this.header.session ?? "",
      date: new Date().toISOString(),
      msg_type: this.header.msg_type,
      version: PROTOCOL_VERSION,
    };
    r.parent = this.header;
    r.metadata = {};
    r.content = {};
    return r;
  }

  signAndSend(key, socket) {
    const parts = [this.header, this.parent, this.metadata, this.content].map((x) => JSON.stringify(x));
    const signature = sign(this.connInfo ?? { key }, parts);
    socket.send([...this.identity, DELIMITER, signature, ...parts]);
  }
}

module.exports = { startKernel };
