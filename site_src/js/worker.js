/* A module worker (Pyodide 314 supports no classic workers). The calculators' Python runs here, off the page's thread. The build replaces the two paths below with the
   versioned locations of the Pyodide runtime and of the engine bundle (the tisheng package and its data). */
import { loadPyodide } from "__PYODIDE_DIR__pyodide.mjs";

const PYODIDE_DIR = "__PYODIDE_DIR__";
const ENGINE_ZIP = "__ENGINE_ZIP__";

async function start() {
  const engine = fetch(ENGINE_ZIP).then((r) => {
    if (!r.ok) throw new Error("引擎文件加载失败（HTTP " + r.status + "）");
    return r.arrayBuffer();
  });
  const pyodide = await loadPyodide({ indexURL: new URL(PYODIDE_DIR, self.location.href).href });
  pyodide.unpackArchive(await engine, "zip", { extractDir: "/lib/tisheng" });
  pyodide.runPython("import sys; sys.path.insert(0, '/lib/tisheng')");
  return pyodide.pyimport("tisheng.api").evaluate_json;
}

const ready = start();
ready.then(
  () => self.postMessage({ type: "ready" }),
  (err) => self.postMessage({ type: "failed", message: String((err && err.message) || err) }),
);

self.onmessage = async (event) => {
  const { id, request } = event.data;
  try {
    const evaluate = await ready;
    self.postMessage({ type: "result", id, response: JSON.parse(evaluate(JSON.stringify(request))) });
  } catch (err) {
    self.postMessage({ type: "failed", id, message: String((err && err.message) || err) });
  }
};
