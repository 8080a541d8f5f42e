/* A module worker (Pyodide 314 has no classic-worker support). The calculators' Python runs here, off the page's
   thread. The build replaces the two paths below with the versioned Pyodide runtime and engine bundle. */
import { loadPyodide } from "__PYODIDE_DIR__pyodide.mjs";

const PYODIDE_DIR = "__PYODIDE_DIR__";
const ENGINE_ZIP = "__ENGINE_ZIP__";
const SNAPSHOT_PARTS = Number("__SNAPSHOT_PARTS__"); // snapshot.0.bin … ; 0: none was built
const LIB = "/lib/tisheng";

/* Start-up phases on the worker's timeline, read by `make bench` (a few marks per start; nothing while in use). */
const mark = (name) => performance.mark("tisheng:" + name);
mark("worker");
for (const fn of ["instantiate", "instantiateStreaming"]) {
  const original = WebAssembly[fn];
  WebAssembly[fn] = async function (...args) {
    mark("wasm-start");
    try {
      return await original.apply(this, args);
    } finally {
      mark("wasm-end");
    }
  };
}

function fetchBytes(url) {
  return fetch(url).then((r) => {
    if (!r.ok) throw new Error("文件加载失败：" + url + "（HTTP " + r.status + "）");
    return r.arrayBuffer();
  });
}

// Restore the build's memory snapshot (engine and data already imported): much faster than starting Python.
// It is a private Pyodide API, so any failure falls back to the ordinary start.
async function snapshot() {
  const parts = await Promise.all(Array.from({ length: SNAPSHOT_PARTS }, (_, n) => fetchBytes(`snapshot.${n}.bin`)));
  mark("snapshot-fetched");
  const whole = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    whole.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  mark("snapshot-joined");
  return whole;
}

async function restore(indexURL) {
  if (!SNAPSHOT_PARTS) return null;
  try {
    return await loadPyodide({ indexURL, _loadSnapshot: snapshot() });
  } catch (err) {
    console.warn("tisheng: memory snapshot not used:", err);
    return null;
  }
}

async function start() {
  const indexURL = new URL(PYODIDE_DIR, self.location.href).href;
  const engine = fetchBytes(ENGINE_ZIP);
  let pyodide = await restore(indexURL);
  const restored = pyodide !== null;
  pyodide ??= await loadPyodide({ indexURL });
  mark("python");
  // Files are not part of the memory snapshot; lazily imported modules (and data lookups) need them on disk.
  pyodide.unpackArchive(await engine, "zip", { extractDir: LIB });
  mark("unpacked");
  if (!restored) pyodide.runPython(`import sys; sys.path.insert(0, "${LIB}")`);
  self.postMessage({ type: "started", snapshot: restored });
  const api = pyodide.pyimport("tisheng.api");
  mark("ready");
  return { pyodide, api };
}

const ready = start();
let firstEvaluate = true;

const handlers = {
  async evaluate({ request }, { api }) {
    if (firstEvaluate) mark("evaluate-start");
    const response = JSON.parse(api.evaluate_json(JSON.stringify(request)));
    if (firstEvaluate) mark("evaluate-end");
    firstEvaluate = false;
    return { response };
  },
  async batch({ tool, profile, filename, bytes }, { pyodide }) {
    const data = new Uint8Array(bytes);
    pyodide.FS.writeFile("/tmp/upload", data);
    const batch = pyodide.pyimport("tisheng.batch");
    try {
      return { json: batch.run_path(tool, profile, "/tmp/upload", filename) };
    } finally {
      pyodide.FS.unlink("/tmp/upload");
      batch.destroy();
    }
  },
  // Any engine function that takes and returns a JSON string: tisheng.<module>.<func>(arg).
  async call({ module, func, arg }, { pyodide }) {
    if (!/^[a-z_]+(\.[a-z_]+)*$/.test(module) || !/^[a-z_]+$/.test(func)) throw new Error("unknown call");
    const mod = pyodide.pyimport("tisheng." + module);
    try {
      return { json: mod[func](arg) };
    } finally {
      mod.destroy();
    }
  },
  async export({ format }, { pyodide }) {
    const batch = pyodide.pyimport("tisheng.batch");
    const proxy = batch.export_last(format);
    try {
      return { bytes: proxy.toJs() };
    } finally {
      proxy.destroy();
      batch.destroy();
    }
  },
};

ready.then(
  () => self.postMessage({ type: "ready" }),
  (err) => self.postMessage({ type: "failed", message: String((err && err.message) || err) }),
);

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    const engine = await ready;
    const reply = await handlers[msg.type](msg, engine);
    const transfer = reply.bytes ? [reply.bytes.buffer] : [];
    self.postMessage({ type: "reply", id: msg.id, ...reply }, transfer);
  } catch (err) {
    self.postMessage({ type: "reply", id: msg.id, error: String((err && err.message) || err) });
  }
};
