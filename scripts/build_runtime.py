"""Bundle what the calculators need in the browser into versioned, cache-forever paths.

    assets/pyodide/<pyodide version>/   the Pyodide runtime, copied from node_modules (npm ci)
    assets/tisheng/<content hash>/      the engine (tisheng.zip: package + data snapshot), worker, page JS, CSS

A path changes whenever what is under it changes, so nginx can send `Cache-Control: immutable` for both.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_PKG = ROOT / "node_modules" / "pyodide"
ENGINE_SRC = ROOT / "site_src" / "tisheng"
JS_SRC = ROOT / "site_src" / "js"
CSS_SRC = ROOT / "site_src" / "css"
OUT = ROOT / "build" / "runtime"

PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json")
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


class BundleError(RuntimeError):
    pass


def pyodide_version() -> str:
    pkg = PYODIDE_PKG / "package.json"
    if not pkg.exists():
        raise BundleError("找不到 node_modules/pyodide：请先运行 npm ci（make setup 会运行它）。")
    return str(json.loads(pkg.read_text(encoding="utf-8"))["version"])


def engine_zip() -> bytes:
    """The tisheng package with its snapshot, byte-for-byte reproducible (fixed dates, sorted names)."""
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(ENGINE_SRC.rglob("*")):
            if path.is_dir() or "__pycache__" in path.parts or path.suffix not in (".py", ".json", ".typed"):
                continue
            info = zipfile.ZipInfo("tisheng/" + path.relative_to(ENGINE_SRC).as_posix(), ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    return buf.getvalue()


def build(out: Path = OUT) -> dict[str, str]:
    version = pyodide_version()
    pyodide_rel = f"assets/pyodide/{version}/"
    files: dict[str, bytes] = {
        "tisheng.zip": engine_zip(),
    }
    # Page scripts as they are (tools.js binds calculators; others serve single pages); the worker is templated.
    for path in sorted(JS_SRC.glob("*.js")):
        if path.name != "worker.js":
            files[path.name] = path.read_bytes()
    # One stylesheet for the site's own additions (calculators, policy tables, badges), in file-name order.
    files["site.css"] = b"\n".join(p.read_bytes() for p in sorted(CSS_SRC.glob("*.css")))
    worker = (JS_SRC / "worker.js").read_text(encoding="utf-8")
    worker = worker.replace("__PYODIDE_DIR__", f"../../pyodide/{version}/").replace("__ENGINE_ZIP__", "tisheng.zip")
    files["worker.js"] = worker.encode()
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name])
    tisheng_rel = f"assets/tisheng/{digest.hexdigest()[:10]}/"

    if out.exists():
        shutil.rmtree(out)
    (out / pyodide_rel).mkdir(parents=True)
    for name in PYODIDE_FILES:
        shutil.copy2(PYODIDE_PKG / name, out / pyodide_rel / name)
    (out / tisheng_rel).mkdir(parents=True)
    for name, body in files.items():
        (out / tisheng_rel / name).write_bytes(body)
    return {"pyodide": pyodide_rel, "tisheng": tisheng_rel, "pyodide_version": version}


def install(site_dir: Path, out: Path = OUT) -> None:
    """Copy the bundle into the built site (called after MkDocs has written its pages)."""
    shutil.copytree(out, site_dir, dirs_exist_ok=True)
