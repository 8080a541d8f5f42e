/* A module worker (Pyodide 314 has no classic-worker support). The calculators' Python runs here, off the page's
   thread. The build replaces the two paths below with the versioned Pyodide runtime and engine bundle. */
import { loadPyodide } from "__PYODIDE_DIR__pyodide.mjs";

const PYODIDE_DIR = "__PYODIDE_DIR__";
const ENGINE_ZIP = "__ENGINE_ZIP__";
const SNAPSHOT_PARTS = Number("__SNAPSHOT_PARTS__"); // snapshot.0.bin … ; 0: none was built
const SNAPSHOT_BYTES = Number("__SNAPSHOT_BYTES__"); // all parts together; every part but the last is PART long
const SNAPSHOT_PART = Number("__SNAPSHOT_PART__");
const LIB = "/lib/tisheng";

/* Start-up phases on the worker's timeline, read by `make bench` (a few marks per start; nothing while in use). */
const mark = (name) => performance.mark("tisheng:" + name);
mark("worker");

function fetchBytes(url) {
  return fetch(url).then((r) => {
    if (!r.ok) throw new Error("文件加载失败：" + url + "（HTTP " + r.status + "）");
    return r.arrayBuffer();
  });
}

// Each part streams into its place in one buffer as it arrives: no second copy of the whole, no join at the end.
async function fetchPart(whole, n) {
  const url = `snapshot.${n}.bin`;
  const r = await fetch(url);
  if (!r.ok) throw new Error("文件加载失败：" + url + "（HTTP " + r.status + "）");
  const end = Math.min((n + 1) * SNAPSHOT_PART, SNAPSHOT_BYTES);
  let at = n * SNAPSHOT_PART;
  const reader = r.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.length > end) throw new Error("内存快照分块过长：" + url);
    whole.set(value, at);
    at += value.length;
  }
  if (at !== end) throw new Error("内存快照分块不完整：" + url);
}

// Restore the build's memory snapshot (engine and data already imported): much faster than starting Python.
// Pyodide would wait for the whole snapshot before it even compiles its wasm; it only needs the size that early
// (known from the build) and the bytes when it restores them. So the wasm compiles while the parts arrive, and the
// compiled instance is handed over once they are all in. It is a private Pyodide API: any failure (a missing or
// corrupt part, a build mismatch) falls back to the ordinary start.
async function restore(indexURL) {
  if (!SNAPSHOT_PARTS) return null;
  const whole = new Uint8Array(SNAPSHOT_BYTES);
  const filled = Promise.all(Array.from({ length: SNAPSHOT_PARTS }, (_, n) => fetchPart(whole, n)))
    .then(() => mark("snapshot-fetched"));
  filled.catch(() => {}); // a failed part is reported where it is awaited, below
  const runtime = import(PYODIDE_DIR + "pyodide.asm.mjs");
  async function createPyodideModule(settings) {
    const instantiate = settings.instantiateWasm;
    if (instantiate) {
      settings.instantiateWasm = (imports, receive) => {
        mark("wasm-start");
        return instantiate(imports, (instance, module) => {
          mark("wasm-end");
          filled.then(() => receive(instance, module), () => {});
        });
      };
    } else {
      await filled;
    }
    const make = (await runtime).default;
    mark("runtime");
    // A part that fails rejects at once instead of leaving the instance waiting for bytes that never come.
    const module = await Promise.race([make(settings), filled.then(() => new Promise(() => {}))]);
    const api = settings.API;
    const restoreSnapshot = api.restoreSnapshot;
    api.restoreSnapshot = (bytes) => {
      mark("restore-start");
      const out = restoreSnapshot(bytes);
      mark("memory-copied");
      return out;
    };
    return module;
  }
  try {
    return await loadPyodide({ indexURL, _loadSnapshot: whole, createPyodideModule });
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
  // The engine's files on disk (they are not part of the memory snapshot): a plain start imports from them; after a
  // restore every engine module is imported already and the data loaded, so only later uploads, lazy imports and
  // exports need them, and they are written after the first answer (`files`, awaited by those handlers).
  const unpack = (bytes) => {
    pyodide.unpackArchive(bytes, "zip", { extractDir: LIB });
    mark("unpacked");
  };
  if (restored) {
    files = engine.then((bytes) => new Promise((done) => setTimeout(() => done(unpack(bytes)), 0)));
    files.catch(() => {}); // reported by the handlers that need them
  } else {
    unpack(await engine);
    pyodide.runPython(`import sys; sys.path.insert(0, "${LIB}")`);
    files = Promise.resolve();
  }
  self.postMessage({ type: "started", snapshot: restored });
  const api = pyodide.pyimport("tisheng.api");
  mark("ready");
  return { pyodide, api };
}

let files = null;
const PART = 4000;
// What one tab holds: a 323,100-row list (a province) peaks near 2 GB in this tab; past this the engine refuses the
// list and names the command line, instead of the tab running out of memory.
const MAX_ROWS = 400000;

// The answer's lists that grow with the rows: the table, the bad rows, each school's sign-off sheet.
function longLists(response) {
  const out = [];
  if (Array.isArray(response.rows) && response.rows.length > PART) out.push([["rows"], response.rows]);
  if (Array.isArray(response.bad_rows) && response.bad_rows.length > PART) out.push([["bad_rows"], response.bad_rows]);
  ((response.signoff && response.signoff.schools) || []).forEach((school, k) => {
    if (Array.isArray(school.rows) && school.rows.length > PART) out.push([["signoff", "schools", k, "rows"], school.rows]);
  });
  return out;
}
const ready = start();
let firstEvaluate = true;

/* The page's messages, one per door of tisheng.api (a file's bytes cross as an ArrayBuffer, transferred both ways):
     evaluate        {request}                  → {response}
     batch           {request, bytes}           → {response}           request: {tool, profile, filename, options}
     export          {request, bytes?}          → {response, bytes?}   response: {ok, filename, …} | {ok: false, errors}
     upload_catalog  {filename, bytes}          → {response}
   Nothing is kept here between messages: an export carries back what it exports. */
const toPy = (pyodide, bytes) => (bytes ? pyodide.toPy(new Uint8Array(bytes)) : undefined);

const handlers = {
  async evaluate({ request }, { api }) {
    if (firstEvaluate) mark("evaluate-start");
    const response = JSON.parse(api.evaluate_json(JSON.stringify(request)));
    if (firstEvaluate) mark("evaluate-end");
    firstEvaluate = false;
    return { response };
  },
  // A staff list: progress as it goes, then the long lists of the answer in parts of PART rows, each its own message,
  // so that no single task on the page has to take in a province's rows at once (one message is one task there).
  async batch({ id, request, bytes }, { pyodide, api }) {
    await files;
    const data = toPy(pyodide, bytes);
    const progress = (done, total) => self.postMessage({ type: "progress", id, done, total });
    let text;
    try {
      text = api.batch_json(JSON.stringify({ max_rows: MAX_ROWS, ...request }), data, progress);
    } finally {
      if (data) data.destroy();
    }
    const response = JSON.parse(text);
    let parts = 0;
    for (const [path, list] of longLists(response)) {
      for (let i = 0; i < list.length; i += PART) {
        self.postMessage({ type: "part", id, path, items: list.slice(i, i + PART) });
        parts += 1;
      }
      list.length = 0;
    }
    return { response, parts };
  },
  async export({ request, bytes }, { pyodide, api }) {
    await files;
    const data = toPy(pyodide, bytes);
    const out = api.export_json(JSON.stringify(request), data);
    try {
      const [meta, body] = out.toJs();
      return { response: JSON.parse(meta), bytes: body || undefined };
    } finally {
      out.destroy();
      if (data) data.destroy();
    }
  },
  async upload_catalog({ filename, bytes }, { pyodide, api }) {
    await files;
    const data = toPy(pyodide, bytes);
    try {
      return { response: JSON.parse(api.upload_catalog_json(String(filename || ""), data)) };
    } finally {
      if (data) data.destroy();
    }
  },
  // A classroom clip's duration: the File stays in the browser; only the header boxes the reader asks for are read.
  async clip_duration({ file }, { pyodide, api }) {
    const reader = new FileReaderSync();
    const read = (offset, n) => new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, offset + n)));
    const size = file && typeof file.size === "number" ? file.size : -1;
    return { response: JSON.parse(api.clip_duration_json(read, size)) };
  },
  // A user's own document on the rules page: the form checked as she types, a file she imports.
  async check_local({ profile }, { api }) {
    return { response: JSON.parse(api.check_local_json(JSON.stringify(profile === undefined ? null : profile))) };
  },
  async import_local({ text }, { api }) {
    return { response: JSON.parse(api.import_local_json(String(text == null ? "" : text))) };
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
    const handler = Object.hasOwn(handlers, msg.type) && handlers[msg.type];
    if (!handler) throw new Error("unknown message: " + msg.type);
    const reply = await handler(msg, engine);
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
