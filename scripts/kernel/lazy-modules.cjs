/**
 * Deferred loading of three of danfojs-node's dependencies in the notebook kernel.
 *
 * `import … from "danfojs-node"` (which every notebook does, through lib/'s `loadDataset`) loads
 * mathjs, xlsx and TensorFlow.js at once, because danfo's compiled modules require them at the top
 * (`var mathjs_1 = require("mathjs")`, `var xlsx_1 = require("xlsx")`, `require("@tensorflow/tfjs-node")`,
 * which this project maps to @tensorflow/tfjs: 6.9 MB of JavaScript, layers and WebGL included).
 * Together they cost about 1.1 s of CPU per kernel (mathjs 0.7 s, xlsx 0.2 s, tfjs 0.15 s), and a
 * notebook needs them only if it calls one of danfo's `std`, `var`, `median`, `mode`, `describe`,
 * group-by aggregations of these, `readExcel` / `toExcel`, or a tensor operation (`df.tensor`,
 * arithmetic between frames, `sample`); lib/ itself calls none of them.
 * danfo reads the modules only at call time, as properties (`(0, mathjs_1.std)(values)`), so a
 * require from inside danfojs-node is answered with a stand-in object that loads the real module
 * on the first property read (or `in`, key listing, descriptor lookup) and forwards to it from
 * then on. The result of every call is the real module's; only the moment of loading moves.
 *
 * One read happens at every DataFrame or Series construction: `data instanceof tf.Tensor`. For it
 * the stand-in of TensorFlow.js answers `Tensor`, while the module is not loaded, with a class
 * whose `instanceof` is false (without the module no tensor can exist), unless TensorFlow.js has
 * been loaded meanwhile by another require, e.g. a cell's own: then with the real `Tensor`.
 *
 * Only requires whose caller is a file of danfojs-node are deferred: a cell's own
 * `import * as math from "mathjs"` gets the real module, as before. WB_KERNEL_LAZY_MODULES=0
 * turns it off.
 */
"use strict";
const path = require("path");
const Module = require("module");

/** The modules deferred when danfojs-node requires them. */
const DEFERRED = new Set(["mathjs", "xlsx", "@tensorflow/tfjs-node"]);
/** The deferred module whose `Tensor` is asked for before it is needed (see the header). */
const TENSORFLOW = "@tensorflow/tfjs-node";

/** True when `filename` is a file of the danfojs-node package (its own node_modules excluded). */
function isDanfoFile(filename) {
  if (typeof filename !== "string") return false;
  const parts = path.normalize(filename).split(path.sep);
  const at = parts.lastIndexOf("danfojs-node");
  return at > 0 && parts[at - 1] === "node_modules" && !parts.slice(at + 1).includes("node_modules");
}

/**
 * A stand-in for a module: every reflective operation loads the real module (once, through
 * `load`) and is forwarded to it. Not a function, so only object operations are trapped.
 * `early[key]()`, if given, answers a read of `key` while the module is not loaded.
 */
function deferredModule(load, early = {}) {
  let real = null;
  const target = () => {
    if (real === null) real = load();
    return real;
  };
  return new Proxy(
    {},
    {
      get: (_, key) => (real === null && Object.hasOwn(early, key) ? early[key]() : Reflect.get(target(), key)),
      has: (_, key) => Reflect.has(target(), key),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(target(), key);
        // A proxy may not report a non-configurable property its target lacks.
        return d === undefined ? undefined : { ...d, configurable: true };
      },
      getPrototypeOf: () => Reflect.getPrototypeOf(target()),
      set: (_, key, value) => Reflect.set(target(), key, value),
      defineProperty: (_, key, d) => Reflect.defineProperty(target(), key, d),
      deleteProperty: (_, key) => Reflect.deleteProperty(target(), key),
    },
  );
}

let installed = false;
/** The deferred modules handed out so far (request → { loaded() }), for tests and measurements. */
const handedOut = new Map();

/**
 * Install the deferral (once per process). Returns false when WB_KERNEL_LAZY_MODULES=0.
 */
function installLazyModules() {
  if (process.env.WB_KERNEL_LAZY_MODULES === "0") return false;
  if (installed) return true;
  installed = true;
  const realLoad = Module._load;
  Module._load = function _load(request, parent, isMain) {
    if (DEFERRED.has(request) && parent && isDanfoFile(parent.filename)) {
      let loaded = false;
      const load = () => {
        loaded = true;
        return realLoad.call(Module, request, parent, isMain);
      };
      const early = {};
      if (request === TENSORFLOW) {
        // Loaded meanwhile by another require (it is then in the cache): the real class.
        const loadedElsewhere = () => {
          try {
            return Boolean(Module._cache[Module._resolveFilename(request, parent, isMain)]);
          } catch {
            return false;
          }
        };
        // danfo reads `tf.Tensor` anew at each construction, so this class is only ever asked
        // while no tensor can exist.
        const NotYetLoadedTensor = class Tensor {
          static [Symbol.hasInstance]() {
            return false;
          }
        };
        early.Tensor = () => (loadedElsewhere() ? load().Tensor : NotYetLoadedTensor);
      }
      const stand = deferredModule(load, early);
      handedOut.set(request, { loaded: () => loaded });
      return stand;
    }
    return realLoad.call(this, request, parent, isMain);
  };
  return true;
}

module.exports = { installLazyModules, isDanfoFile, deferredModule, handedOut, DEFERRED };
