/* A module worker (Pyodide 314 has no classic-worker support). The calculators' Python runs here, off the page's
   thread. The build replaces the two paths below with the versioned Pyodide runtime and engine bundle. */
import { loadPyodide } from "__PYODIDE_DIR__pyodide.mjs";

const PYODIDE_DIR = "__PYODIDE_DIR__";
const ENGINE_ZIP = "__ENGINE_ZIP__";
const SNAPSHOT_PARTS = Number("__SNAPSHOT_PARTS__"); // snapshot.0.bin … ; 0: none was built
const LIB = "/lib/tisheng";

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
  const whole = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    whole.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
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
  // Files are not part of the memory snapshot; lazily imported modules (and data lookups) need them on disk.
  pyodide.unpackArchive(await engine, "zip", { extractDir: LIB });
  if (!restored) pyodide.runPython(`import sys; sys.path.insert(0, "${LIB}")`);
  self.postMessage({ type: "started", snapshot: restored });
  return { pyodide, api: pyodide.pyimport("tisheng.api") };
}

const ready = start();

const handlers = {
  async evaluate({ request }, { api }) {
    return { response: JSON.parse(api.evaluate_json(JSON.stringify(request))) };
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
    // A Python exception's message is its traceback: the page gets a sentence, the console keeps the details.
    const python = err && err.constructor && err.constructor.name === "PythonError";
    if (python) console.error("tisheng:", err.message);
    self.postMessage({ type: "reply", id: msg.id, error: python ?
      "计算引擎出现内部错误，请刷新页面后重试；若仍出错，请把所用的文件或链接反馈给网站管理员" :
      String((err && err.message) || err) });
  }
};
