// Build step: start Pyodide in Node, import the engine with its data, answer one request per tool, and save the
// interpreter's memory. The browser worker restores it instead of starting Python from scratch.
//
//   node scripts/make_snapshot.mjs <pyodide dir> <tisheng.zip> <out file> [<standard library out file>]
//
// With a fourth path, it also writes the standard library the snapshot is to be restored with: Pyodide's
// python_stdlib.zip less every module already imported (they are in the snapshot's memory) and less tools no page
// uses (test runners, debuggers, servers, mail clients). The restored interpreter reads that file's directory afresh
// at its first import from it, so the zip it finds then is the one it uses.
//
// `_makeSnapshot` / `makeMemorySnapshot` / `_loadSnapshot` are private Pyodide APIs: the snapshot is only valid for
// the exact pyodide build it was made with (the worker falls back to a plain start when a restore fails).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, engineZip, out, stdlibOut] = process.argv.slice(2);
process.argv = [process.argv[0], "make_snapshot.mjs"]; // the interpreter's argv is saved too: no build-machine paths
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);

// How the interpreter is started; the restored one keeps it. Each makes the memory smaller over the wire:
// - no docstrings (and no asserts: the engine's only narrow types for mypy), as `python -OO`: 0.45 MB less gzip;
// - no column positions in code objects' line tables (tracebacks keep their line numbers): 0.39 MB less;
// - a fixed string-hash seed, so that the same sources make the same snapshot, byte for byte (its bytes vary by about
//   0.1 MB with the seed otherwise). The seed is no secret either way: every visitor gets the snapshot's.
const ENV = { PYTHONOPTIMIZE: "2", PYTHONNODEBUGRANGES: "1", PYTHONHASHSEED: "0" };

// Everything the engine can import is imported now, so that no import after a restore depends on timing.
async function engineImported() {
  const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + "/", _makeSnapshot: true, env: ENV });
  pyodide.unpackArchive(new Uint8Array(fs.readFileSync(engineZip)), "zip", { extractDir: "/lib/tisheng" });
  pyodide.runPython(`
import importlib, json, pkgutil, sys
sys.path.insert(0, "/lib/tisheng")
import tisheng
for mod in pkgutil.walk_packages(tisheng.__path__, "tisheng."):
    if not mod.name.endswith("__main__"):
        importlib.import_module(mod.name)
from tisheng import api
from tisheng.core import snapshot
snapshot.load()
for tool in ("hours", "points", "grade", "rollout"):
    api.evaluate_json(json.dumps({"tool": tool, "profile": "national-2019", "input": {}}))
`);
  return pyodide;
}

const TRIM = `
import io, re, sys, zipfile
UNUSED = {"__hello__", "__phello__", "_pyrepl", "antigravity", "bdb", "cProfile", "cmd", "compileall", "doctest",
          "ftplib", "getpass", "idlelib", "imaplib", "lib2to3", "mailbox", "modulefinder", "multiprocessing", "netrc",
          "pdb", "pickletools", "poplib", "profile", "pstats", "pty", "py_compile", "pyclbr", "pydoc", "pydoc_data",
          "rlcompleter", "smtplib", "socketserver", "sqlite3", "symtable", "tabnanny", "this", "timeit", "tkinter",
          "trace", "tracemalloc", "tty", "turtle", "turtledemo", "unittest", "venv", "ensurepip", "webbrowser",
          "wsgiref", "xmlrpc", "zipapp", "_pyio", "_pydatetime",
          # mail and HTTP clients (with importlib.metadata, urllib.request and logging.handlers, which need them)
          "email", "http"}
# Of the codecs, those a staff list or a workbook may come in (the engine reads UTF-8, UTF-16 and GB 18030) and the
# other East Asian ones; not the hundred single-byte tables of other scripts.
CODECS = re.compile(r"encodings/(__init__|aliases|utf_\\w+|ascii|latin_1|cp1252|charmap|idna|punycode|\\w*_escape"
                    r"|\\w+_codec|mbcs|oem|undefined|gb\\w+|hz|big5\\w*|cp9(32|36|49|50)|euc_\\w+|iso2022_\\w+"
                    r"|shift_jis\\w*|johab)\\.py$")
archive = next(p for p in sys.path if p.endswith(".zip"))
imported = {m.__file__[len(archive) + 1:] for m in list(sys.modules.values())
            if (getattr(m, "__file__", None) or "").startswith(archive + "/")}
buf = io.BytesIO()
with zipfile.ZipFile(archive) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
    for info in src.infolist():
        if (info.filename in imported or info.filename.split("/")[0].removesuffix(".py") in UNUSED
                or info.filename.startswith("encodings/") and not CODECS.match(info.filename)):
            continue
        info.compress_type = zipfile.ZIP_DEFLATED
        dst.writestr(info, src.read(info.filename))
buf.getvalue()
`;

// The trimmed standard library is made by an interpreter of its own: reading and writing zips leaves freed memory
// that is not zeros, which the snapshot would carry (2 MB more over the wire).
let trimmed = null;
if (stdlibOut) {
  const first = await engineImported();
  const proxy = first.runPython(TRIM);
  trimmed = proxy.toJs();
  proxy.destroy();
  fs.writeFileSync(stdlibOut, trimmed);
}
const pyodide = await engineImported();
if (trimmed) {
  // The file the restored interpreter will find; its directory is read afresh at the first import from it.
  const archive = pyodide.runPython('next(p for p in __import__("sys").path if p.endswith(".zip"))');
  pyodide.FS.writeFile(archive, trimmed);
  pyodide.runPython("import zipimport; zipimport._zip_directory_cache.clear()");
}
// Memory that was used and freed keeps its old bytes, which compress about as badly as live objects: a fifth of the
// engine's heap by then, and the dead frames below the stack pointer. Given back as zeros, which the worker need not
// fetch or which gzip all but removes (0.5 MB less over the wire). Every free block of the allocator (dlmalloc; this
// Python has no pymalloc of its own) is taken, largest first, zeroed and freed again, with the allocator barred from
// growing the heap meanwhile, so that only free blocks are handed out.
function zeroFreeMemory(pyodide) {
  pyodide.runPython("import gc, sys; gc.collect(); sys._clear_internal_caches()");
  const M = pyodide._module;
  const needed = ["_malloc", "_free", "_malloc_usable_size", "_malloc_footprint", "_malloc_footprint_limit",
                  "_malloc_set_footprint_limit", "_emscripten_stack_get_end", "_emscripten_stack_get_current"];
  if (!needed.every((name) => typeof M[name] === "function")) return; // a changed Pyodide: a bigger snapshot, no harm
  const limit = M._malloc_footprint_limit() >>> 0;
  M._malloc_set_footprint_limit(M._malloc_footprint());
  const taken = [];
  try {
    for (let size = 1 << 24; size >= 8; size >>= 1) {
      for (let p; (p = M._malloc(size) >>> 0); taken.push(p)) {
        M.HEAPU8.fill(0, p, p + (M._malloc_usable_size(p) >>> 0));
      }
    }
  } finally {
    for (const p of taken) M._free(p);
    M._malloc_set_footprint_limit(limit === 0 ? -1 : limit); // -1 (the largest size): no limit, as it was
  }
  const stackEnd = M._emscripten_stack_get_end() >>> 0; // the stack grows down towards this address
  M.HEAPU8.fill(0, stackEnd, (M._emscripten_stack_get_current() >>> 0) - 1024);
}

zeroFreeMemory(pyodide);
fs.writeFileSync(out, pyodide.makeMemorySnapshot());
