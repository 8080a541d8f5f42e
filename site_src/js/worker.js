/* A module worker (Pyodide 314 has no classic-worker support). The calculators' Python runs here, off the page's
   thread. The build replaces the two paths below with the versioned Pyodide runtime and engine bundle. */
import { loadPyodide } from "__PYODIDE_DIR__pyodide.mjs";

const PYODIDE_DIR = "__PYODIDE_DIR__";
const ENGINE_ZIP = "__ENGINE_ZIP__";
const SNAPSHOT_PARTS = Number("__SNAPSHOT_PARTS__"); // snapshot.0.bin … ; 0: none was built
const SNAPSHOT_BYTES = Number("__SNAPSHOT_BYTES__"); // the memory's size; what the parts leave out is zeros
const SNAPSHOT_PART = Number("__SNAPSHOT_PART__"); // every part but the last is this long
const SNAPSHOT_RUNS = "__SNAPSHOT_RUNS__"; // [offset, length] in memory of each stretch the parts hold, in order
const SNAPSHOT_XOR = "__SNAPSHOT_XOR__"; // [at in the snapshot, address in memory, length]: stored XOR the wasm's data
const STDLIB = "__STDLIB__"; // the standard library made with the snapshot: what it has not imported already
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

// Where each stretch starts in the parts laid end to end: [start there, offset in memory, length].
const STRETCHES = [];
if (Array.isArray(SNAPSHOT_RUNS)) {
  let at = 0;
  for (const [offset, length] of SNAPSHOT_RUNS) {
    STRETCHES.push([at, offset, length]);
    at += length;
  }
}
const PACKED_BYTES = STRETCHES.reduce((n, [, , length]) => n + length, 0);

// Bytes at position `at` of the parts laid end to end go to their places in memory (they may span stretches).
function place(whole, at, bytes) {
  let done = 0;
  for (const [start, offset, length] of STRETCHES) {
    if (done === bytes.length) break;
    if (at + done >= start + length) continue;
    const from = at + done - start;
    const n = Math.min(length - from, bytes.length - done);
    whole.set(bytes.subarray(done, done + n), offset + from);
    done += n;
  }
  if (done !== bytes.length) throw new Error("内存快照分块过长");
}

// Each part streams into its places in one buffer as it arrives: no second copy of the whole, no join at the end.
async function fetchPart(whole, n) {
  const url = `snapshot.${n}.bin`;
  const r = await fetch(url);
  if (!r.ok) throw new Error("文件加载失败：" + url + "（HTTP " + r.status + "）");
  const end = Math.min((n + 1) * SNAPSHOT_PART, PACKED_BYTES);
  let at = n * SNAPSHOT_PART;
  const reader = r.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.length > end) throw new Error("内存快照分块过长：" + url);
    place(whole, at, value);
    at += value.length;
  }
  if (at !== end) throw new Error("内存快照分块不完整：" + url);
}

// The build stores the stretch of the snapshot that the wasm's own data segments fill XOR those segments (what is
// unchanged is zeros, and not fetched twice): XOR it back with the instance's memory as instantiation left it.
function unmix(whole, memory) {
  const [at, address, length] = Array.isArray(SNAPSHOT_XOR) ? SNAPSHOT_XOR : [0, 0, 0];
  if (!length) return;
  const image = new Uint8Array(memory.buffer, address, length);
  const into = whole.subarray(at, at + length);
  let i = 0;
  if (at % 4 === 0 && address % 4 === 0) {
    const n = length >> 2;
    const a = new Uint32Array(whole.buffer, whole.byteOffset + at, n);
    const b = new Uint32Array(memory.buffer, address, n);
    for (; i < n; i++) a[i] ^= b[i];
    i = n << 2;
  }
  for (; i < length; i++) into[i] ^= image[i];
}

// Restore the build's memory snapshot (engine and data already imported): much faster than starting Python.
// Pyodide would wait for the whole snapshot before it even compiles its wasm; it only needs the size that early
// (known from the build) and the bytes when it restores them. So the wasm compiles while the parts arrive, and the
// compiled instance is handed over once they are all in. It is a private Pyodide API: any failure (a missing or
// corrupt part, a build mismatch) falls back to the ordinary start.
//
// The order of the requests matters: over plain http a browser opens at most six connections to the server, and
// the rest wait. The runtime's script and wasm are needed first, so they are asked for first; the parts follow
// Pyodide's own requests (wasm, package list), which it has made by the time it calls createPyodideModule; the
// engine's files and the standard library come after the first answer (start()).
async function restore(indexURL) {
  if (!SNAPSHOT_PARTS || !STRETCHES.length) return null;
  const runtime = import(PYODIDE_DIR + "pyodide.asm.mjs");
  const whole = new Uint8Array(SNAPSHOT_BYTES);
  async function createPyodideModule(settings) {
    const filled = Promise.all(Array.from({ length: SNAPSHOT_PARTS }, (_, n) => fetchPart(whole, n)))
      .then(() => mark("snapshot-fetched"));
    filled.catch(() => {}); // a failed part is reported where it is awaited, below
    const instantiate = settings.instantiateWasm;
    if (!instantiate && Array.isArray(SNAPSHOT_XOR) && SNAPSHOT_XOR[2]) throw new Error("没有 instantiateWasm，无法还原快照");
    if (instantiate) {
      settings.instantiateWasm = (imports, receive) => {
        mark("wasm-start");
        return instantiate(imports, (instance, module) => {
          mark("wasm-end");
          filled.then(() => {
            unmix(whole, instance.exports.memory);
            receive(instance, module);
          }, () => {});
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
  // Pyodide fetches the standard library itself, but no answer needs it (the snapshot has imported all an answer
  // uses): it gets an empty archive, and the real one comes after the first answer (engineFiles).
  const stdLibURL = new URL(STDLIB, self.location.href).href;
  const network = self.fetch;
  self.fetch = (url, options) => String(url) === stdLibURL ? Promise.resolve(new Response(EMPTY_ZIP))
    : network.call(self, url, options);
  try {
    return await loadPyodide({ indexURL, _loadSnapshot: whole, createPyodideModule, stdLibURL });
  } catch (err) {
    console.warn("tisheng: memory snapshot not used:", err);
    return null;
  } finally {
    self.fetch = network;
  }
}

const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 5, 6, ...new Array(18).fill(0)]); // a zip archive with no entries

async function start() {
  const indexURL = new URL(PYODIDE_DIR, self.location.href).href;
  let pyodide = await restore(indexURL);
  const restored = pyodide !== null;
  pyodide ??= await loadPyodide({ indexURL });
  mark("python");
  if (restored) {
    // What the snapshot leaves on the network: the engine's files (uploads, exports and lazy imports read them) and
    // the standard library (what no answer has imported: the codecs of a GBK file, say). Fetched after the first
    // answer, or as soon as a message needs them (engineFiles).
    later = () => Promise.allSettled([fetchBytes(ENGINE_ZIP), fetchBytes(STDLIB)]).then((got) => {
      const failed = got.find((one) => one.status === "rejected");
      if (failed) throw failed.reason;
      const [engine, stdlib] = got.map((one) => one.value);
      unpack(pyodide, engine);
      const archive = pyodide.runPython('next(p for p in __import__("sys").path if p.endswith(".zip"))');
      pyodide.FS.writeFile(archive, new Uint8Array(stdlib));
      pyodide.runPython("import zipimport; zipimport._zip_directory_cache.clear()"); // read afresh at the next import
      mark("unpacked");
    });
  } else {
    unpack(pyodide, await fetchBytes(ENGINE_ZIP));
    pyodide.runPython(`import sys; sys.path.insert(0, "${LIB}")`);
    files = Promise.resolve();
  }
  self.postMessage({ type: "started", snapshot: restored });
  const api = pyodide.pyimport("tisheng.api");
  mark("ready");
  return { pyodide, api };
}

function unpack(pyodide, bytes) {
  pyodide.unpackArchive(bytes, "zip", { extractDir: LIB });
}

let later = null;
let files = null;
function engineFiles() {
  files ??= later();
  return files;
}

const PART = 4000;
// What one tab holds: a 323,100-row list (a province) peaks near 2 GB in this tab; past this the engine refuses the
// list and names the command line, instead of the tab running out of memory.
const MAX_ROWS = 400000;

// The answer's long lists that are not packed in columns (below): the bad rows, and the rows of a list whose page
// does not ask for them packed (the evidence tool's). These go in parts of PART items.
function longLists(response) {
  const out = [];
  if (Array.isArray(response.rows) && response.rows.length > PART) out.push([["rows"], response.rows]);
  if (Array.isArray(response.bad_rows) && response.bad_rows.length > PART) out.push([["bad_rows"], response.bad_rows]);
  return out;
}
// The answer's tables of rows: the results table and the sign-off sheets' rows. The staff-list pages ask for them
// packed in columns (table.js), which the page takes in at almost no cost; an export brings them back packed, and they
// are unpacked here for the engine.
const tableCode = () => import("./table.js");

async function packTables(response) {
  const T = await tableCode();
  const transfer = [];
  const rows = T.pack(response.rows);
  if (rows) {
    response.rows = rows;
    transfer.push(...T.buffers(rows));
  }
  const schools = ((response.signoff && response.signoff.schools) || []).filter((s) => Array.isArray(s.rows));
  const sheets = T.packTogether(schools.map((s) => s.rows));
  if (sheets) {
    schools.forEach((school, k) => { school.rows = sheets[k]; });
    transfer.push(...T.buffers(sheets[0]));
  }
  return transfer;
}

async function unpackTables(answer) {
  const schools = (answer.signoff && Array.isArray(answer.signoff.schools) && answer.signoff.schools) || [];
  const holders = [answer, ...schools].filter((holder) => holder && holder.rows && holder.rows.packed);
  if (!holders.length) return;
  const T = await tableCode();
  for (const holder of holders) holder.rows = T.unpack(holder.rows);
}

const ready = start();
let firstEvaluate = true;

/* The page's messages, one per door of tisheng.api (a file's bytes cross as an ArrayBuffer, transferred both ways):
     evaluate        {request}                  → {response}
     batch           {request, bytes, packed?}  → {response}           request: {tool, profile, filename, options}
                                                                       packed: the tables of rows come packed
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
  async batch({ id, request, bytes, packed }, { pyodide, api }) {
    const data = toPy(pyodide, bytes);
    const progress = (done, total) => self.postMessage({ type: "progress", id, done, total });
    let text;
    try {
      text = api.batch_json(JSON.stringify({ max_rows: MAX_ROWS, ...request }), data, progress);
    } finally {
      if (data) data.destroy();
    }
    const response = JSON.parse(text);
    const transfer = packed && response.ok ? await packTables(response) : [];
    let parts = 0;
    for (const [path, list] of longLists(response)) {
      for (let i = 0; i < list.length; i += PART) {
        self.postMessage({ type: "part", id, path, items: list.slice(i, i + PART) });
        parts += 1;
      }
      list.length = 0;
    }
    return { response, parts, transfer };
  },
  async export({ request, bytes }, { pyodide, api }) {
    if (request && request.result && typeof request.result === "object") await unpackTables(request.result);
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
  // A file she imports: read here, no more of it than the engine asks for, and checked as the command line checks it.
  async import_local_file({ file }, { api }) {
    const reader = new FileReaderSync();
    const read = (offset, n) => new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, offset + n)));
    const size = file && typeof file.size === "number" ? file.size : -1;
    return { response: JSON.parse(api.import_local_file_json(read, size)) };
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
    // Only the first answer comes from the snapshot alone; later messages wait for the engine's files and the whole
    // standard library. Those that read a file fail without them; an answer is given anyway (it needs neither).
    if (!(msg.type === "evaluate" && firstEvaluate)) {
      const loaded = engineFiles();
      await (msg.type === "evaluate" || msg.type === "check_local" ? loaded.catch(() => {}) : loaded);
    }
    const { transfer = [], ...reply } = await handler(msg, engine);
    if (reply.bytes) transfer.push(reply.bytes.buffer);
    self.postMessage({ type: "reply", id: msg.id, ...reply }, transfer);
    engineFiles().catch(() => {}); // after the first answer; a failure is reported to the message that needs them
  } catch (err) {
    // A Python exception's message is its traceback: the page gets a sentence, the console keeps the details.
    const python = err && err.constructor && err.constructor.name === "PythonError";
    if (python) console.error("tisheng:", err.message);
    self.postMessage({ type: "reply", id: msg.id, error: python ?
      "计算引擎出现内部错误，请刷新页面后重试；若仍出错，请把所用的文件或链接反馈给网站管理员" :
      String((err && err.message) || err) });
  }
};
