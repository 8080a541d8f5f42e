// Build step: start Pyodide in Node, import the engine with its data, answer one request per tool, and save the
// interpreter's memory. The browser worker restores it instead of starting Python from scratch.
//
//   node scripts/make_snapshot.mjs <pyodide dir> <tisheng.zip> <out file>
//
// `_makeSnapshot` / `makeMemorySnapshot` / `_loadSnapshot` are private Pyodide APIs: the snapshot is only valid for
// the exact pyodide build it was made with (the worker falls back to a plain start when a restore fails).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, engineZip, out] = process.argv.slice(2);
process.argv = [process.argv[0], "make_snapshot.mjs"]; // the interpreter's argv is saved too: no build-machine paths
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: path.resolve(pyodideDir) + "/", _makeSnapshot: true });
pyodide.unpackArchive(new Uint8Array(fs.readFileSync(engineZip)), "zip", { extractDir: "/lib/tisheng" });
// Everything the engine can import is imported now, so that no import after a restore depends on timing.
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
fs.writeFileSync(out, pyodide.makeMemorySnapshot());
