"""Bundle what the calculators need in the browser into versioned, cache-forever paths.

    assets/pyodide/<pyodide version>/   the Pyodide runtime, copied from node_modules (npm ci)
    assets/tisheng/<content hash>/      the engine (tisheng.zip: package + data snapshot; it reads and writes .xlsx
                                        with the standard library), its memory snapshot, worker, page JS, CSS
    assets/echarts/<version>/           Apache ECharts, loaded only where a chart is shown
    assets/qrcode/<version>/            qrcode-generator, loaded only when a user asks for a link's QR code
    downloads/                          staff-list templates

A path changes whenever what is under it changes, so nginx can send `Cache-Control: immutable` for both.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import brotli  # noqa: E402
import page_modules  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_PKG = ROOT / "node_modules" / "pyodide"
ECHARTS_PKG = ROOT / "node_modules" / "echarts"
QRCODE_PKG = ROOT / "node_modules" / "qrcode-generator"
ENGINE_SRC = ROOT / "site_src" / "tisheng"
JS_SRC = ROOT / "site_src" / "js"
CSS_SRC = ROOT / "site_src" / "css"
OUT = Path(os.environ.get("TISHENG_BUILD", ROOT / "build")) / "runtime"

PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json")
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


class BundleError(RuntimeError):
    pass


SEARCH_LATER = JS_SRC / "workers" / "search-later.js"


def search_worker() -> str:
    """The file name of Material's search worker (it changes with every Material release)."""
    import material

    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    found = sorted(p.name for p in workers.glob("search.*.min.js"))
    if len(found) != 1:
        raise BundleError(f"Material 的搜索脚本应当只有一个，找到 {found}：请检查 mkdocs-material 的版本。")
    return found[0]


def search_later() -> tuple[str, bytes]:
    """The tool pages' search worker (site_src/js/workers/search-later.js): its name, with a content hash so nginx
    may cache it for good, and its text. It sits beside Material's worker, whose relative paths it keeps."""
    body = SEARCH_LATER.read_text(encoding="utf-8").replace("__SEARCH_WORKER__", search_worker()).encode()
    return f"search-later.{hashlib.sha256(body).hexdigest()[:8]}.min.js", body


def pyodide_version() -> str:
    pkg = PYODIDE_PKG / "package.json"
    if not pkg.exists():
        raise BundleError("找不到 node_modules/pyodide：请先运行 npm ci（make setup 会运行它）。")
    return str(json.loads(pkg.read_text(encoding="utf-8"))["version"])


# The command line's own modules stay out of the browser's bundle: the snapshot imports every module it is given, and
# the browser has no calamine (xlsxfast), while the command line's argparse and the rest added 2 MB of memory to
# every tool page's start (cli).
CLI_ONLY = ("xlsxfast.py", "cli.py", "__main__.py")


def engine_zip() -> bytes:
    """The tisheng package with its snapshot, byte-for-byte reproducible (fixed dates, sorted names)."""
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(ENGINE_SRC.rglob("*")):
            if path.is_dir() or "__pycache__" in path.parts or path.suffix not in (".py", ".json", ".typed"):
                continue
            if path.name in CLI_ONLY:
                continue
            info = zipfile.ZipInfo("tisheng/" + path.relative_to(ENGINE_SRC).as_posix(), ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    return buf.getvalue()


def package_version(pkg: Path) -> str:
    return str(json.loads((pkg / "package.json").read_text(encoding="utf-8"))["version"])


def echarts_version() -> str:
    return package_version(ECHARTS_PKG)


def templates(out: Path) -> None:
    """Downloadable staff-list templates, made with pandas so WPS and Excel open them as ordinary workbooks."""
    import pandas as pd

    sys_path = str(ENGINE_SRC.parent)
    import sys

    if sys_path not in sys.path:
        sys.path.insert(0, sys_path)
    from tisheng import api

    target = out / "downloads"
    target.mkdir(parents=True, exist_ok=True)
    for tool, blank in api.templates().items():
        frame = pd.DataFrame(blank["rows"], columns=blank["header"])
        frame.to_excel(target / f"{tool}-template.xlsx", index=False, sheet_name="教师名单")
        (target / f"{tool}-template.csv").write_bytes(("\ufeff" + frame.to_csv(index=False)).encode("utf-8"))


def build(out: Path = OUT) -> dict[str, str]:
    version = pyodide_version()
    pyodide_rel = f"assets/pyodide/{version}/"
    files: dict[str, bytes] = {
        "tisheng.zip": engine_zip(),
    }
    # The page scripts: each page's own module joined with what it imports (page_modules.py), every module also as
    # it is; the worker is templated.
    for path in sorted(JS_SRC.glob("*.js")):
        if path.name != "worker.js":
            files[path.name] = path.read_bytes()
    # One stylesheet for the site's own additions (calculators, policy tables, badges), in file-name order.
    files["site.css"] = b"\n".join(p.read_bytes() for p in sorted(CSS_SRC.glob("*.css")))
    # The QR code of a tool's link (qrcode-generator, MIT) lives at its own versioned path, like ECharts; share.js
    # loads it only when a user asks for a QR code.
    qr_rel = f"assets/qrcode/{package_version(QRCODE_PKG)}/"
    files["share.js"] = files["share.js"].replace(b"__QRCODE_JS__", f"../../../{qr_rel}qrcode.js".encode())
    try:
        page_modules.join_pages(files)
    except page_modules.ModuleError as exc:
        raise BundleError(str(exc)) from None
    worker = (JS_SRC / "worker.js").read_text(encoding="utf-8")
    worker = worker.replace("__PYODIDE_DIR__", f"../../pyodide/{version}/").replace("__ENGINE_ZIP__", "tisheng.zip")
    files["worker.js"] = worker.encode()
    digest = hashlib.sha256(version.encode())  # the memory snapshot below is only valid for this Pyodide build
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
    later, body = search_later()
    (out / "assets" / "javascripts" / "workers").mkdir(parents=True)
    (out / "assets" / "javascripts" / "workers" / later).write_bytes(body)
    (out / qr_rel).mkdir(parents=True)
    shutil.copy2(QRCODE_PKG / "dist" / "qrcode.js", out / qr_rel / "qrcode.js")
    charts = f"assets/echarts/{echarts_version()}/"
    (out / charts).mkdir(parents=True)
    shutil.copy2(ECHARTS_PKG / "dist" / "echarts.common.min.js", out / charts / "echarts.min.js")
    parts, size, runs, xor = memory_snapshot(out / pyodide_rel, out / tisheng_rel)
    worker_js = out / tisheng_rel / "worker.js"
    worker_js.write_text(worker_js.read_text(encoding="utf-8").replace("__SNAPSHOT_PARTS__", str(parts))
                         .replace("__SNAPSHOT_BYTES__", str(size)).replace("__SNAPSHOT_PART__", str(SNAPSHOT_PART))
                         .replace('"__SNAPSHOT_RUNS__"', json.dumps(runs, separators=(",", ":")))
                         .replace('"__SNAPSHOT_XOR__"', json.dumps(xor))
                         .replace("__STDLIB__", STDLIB if parts else ""),
                         encoding="utf-8")
    engine_files = ["worker.js", "tisheng.zip", *(f"snapshot.{n}.bin" for n in range(parts)),
                    *([STDLIB] if parts else []),
                    *(f"../../pyodide/{version}/{name}" for name in PYODIDE_FILES
                      if not (parts and name == "python_stdlib.zip"))]
    for script in ("hover.js", "prefetch.js"):
        path = out / tisheng_rel / script
        path.write_text(path.read_text(encoding="utf-8").replace("__FILES__", json.dumps(engine_files)),
                        encoding="utf-8")
    templates(out)
    return {"pyodide": pyodide_rel, "tisheng": tisheng_rel, "echarts": charts, "pyodide_version": version,
            "search_worker": search_worker(), "search_later": later}


SNAPSHOT_PART = 4 << 20
# The standard library a restored snapshot is given (scripts/make_snapshot.mjs): Pyodide's less what the snapshot has
# imported already and what no page uses (2.5 MB → about 0.6 MB on a first visit). A plain start, which imports
# everything afresh, keeps Pyodide's own python_stdlib.zip.
STDLIB = "stdlib.zip"
SNAPSHOT_BLOCK = 64 << 10  # a wasm page: the unit in which stretches of zeros are left out


def nonzero_runs(data: bytes, block: int = SNAPSHOT_BLOCK) -> list[list[int]]:
    """[offset, length] of each stretch of `data` that is not all zeros, in whole blocks (the last may be short)."""
    runs: list[list[int]] = []
    zero = bytes(block)
    for at in range(0, len(data), block):
        chunk = data[at:at + block]
        if chunk == zero[:len(chunk)]:
            continue
        if runs and runs[-1][0] + runs[-1][1] == at:
            runs[-1][1] += len(chunk)
        else:
            runs.append([at, len(chunk)])
    return runs


def memory_snapshot(pyodide_dir: Path, bundle: Path) -> tuple[int, int, list[list[int]], list[int]]:
    """Pyodide's memory with the engine and data already imported (see scripts/make_snapshot.mjs). A third of it is
    zeros (memory the interpreter has not touched): those stretches are left out, and the rest, end to end, is
    written as snapshot.<n>.bin parts of 4 MiB: browsers keep small files in their HTTP cache where they would drop
    one big file (Chromium's in-memory cache refuses entries over about 1/8 of its size). Returns the number of
    parts, the memory's whole size (the worker allocates it, zeroed, before the parts arrive), where each
    stretch goes in it and the stretch stored as a difference from the wasm's own data (xor_data_image); (0, 0, [],
    [0, 0, 0]) if Node cannot make it, and then the worker starts Python the ordinary way, only slower."""
    node = shutil.which("node")
    target = bundle / "snapshot.bin"
    if node is None:
        print("build_runtime: node not found, no memory snapshot (tool pages start more slowly)", file=sys.stderr)
        return 0, 0, [], [0, 0, 0]
    stdlib = bundle / STDLIB
    proc = subprocess.run([node, str(ROOT / "scripts" / "make_snapshot.mjs"), str(pyodide_dir),
                           str(bundle / "tisheng.zip"), str(target), str(stdlib)],
                          capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 or not target.exists() or not stdlib.exists():
        target.unlink(missing_ok=True)
        stdlib.unlink(missing_ok=True)
        lines = (proc.stderr or proc.stdout).strip().splitlines()
        tail = [ln for ln in lines if re.match(r"^\w*(Error|Exception)\b", ln)][-2:] or lines[-3:]
        print("build_runtime: memory snapshot failed, tool pages will start without it:", *tail, sep="\n  ",
              file=sys.stderr)
        return 0, 0, [], [0, 0, 0]
    data = bytearray(target.read_bytes())
    target.unlink()
    xor = xor_data_image(data, pyodide_dir / "pyodide.asm.wasm")
    runs = nonzero_runs(data)
    packed = b"".join(data[at:at + n] for at, n in runs)
    parts = [packed[i:i + SNAPSHOT_PART] for i in range(0, len(packed), SNAPSHOT_PART)]
    for n, part in enumerate(parts):
        (bundle / f"snapshot.{n}.bin").write_bytes(part)
    return len(parts), len(data), runs, xor


def _leb(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def wasm_data_image(wasm: bytes) -> tuple[int, bytes] | None:
    """Where the wasm's active data segments put their bytes in memory at instantiation: (first address, the bytes
    from there to the last segment's end, zeros between segments); None if the module is not of the plain form read
    here (every segment at a constant address)."""
    if wasm[:4] != b"\0asm":
        return None
    at, segments = 8, []
    while at < len(wasm):
        section = wasm[at]
        size, at = _leb(wasm, at + 1)
        end = at + size
        if section == 11:
            count, q = _leb(wasm, at)
            for _ in range(count):
                flag, q = _leb(wasm, q)
                if flag == 1:  # passive: copied only when the code asks, not at instantiation
                    length, q = _leb(wasm, q)
                    q += length
                    continue
                if flag != 0 or wasm[q] != 0x41:  # only `i32.const N; end` offsets into memory 0
                    return None
                offset, q = _leb(wasm, q + 1)
                if wasm[q] != 0x0B or offset >= 1 << 31:
                    return None
                length, q = _leb(wasm, q + 1)
                segments.append((offset, wasm[q:q + length]))
                q += length
        at = end
    if not segments:
        return None
    lo = min(o for o, _ in segments)
    image = bytearray(max(o + len(b) for o, b in segments) - lo)
    for offset, body in segments:
        image[offset - lo:offset - lo + len(body)] = body
    return lo, bytes(image)


def xor_data_image(snapshot: bytearray, wasm: Path) -> list[int]:
    """The snapshot repeats most of the wasm's data segments (the interpreter's constant tables, unchanged since
    instantiation), and a phone would fetch those bytes twice. The stretch of memory they fill is stored XOR the
    instance's memory as it is right after instantiation (the worker XORs it back then): what is unchanged becomes
    zeros, which the precompressed parts hardly carry (1.5 MB less over the wire). Returns [offset in the snapshot
    file, address in memory, length], or [0, 0, 0] when it does not pay (a changed Pyodide)."""
    found = wasm_data_image(wasm.read_bytes())
    header = int.from_bytes(snapshot[4:8], "little") if snapshot[1:4] == b"snp" else 0
    if not found or not header or header + found[0] + len(found[1]) > len(snapshot):
        return [0, 0, 0]
    lo, image = found
    at = header + lo
    stretch = snapshot[at:at + len(image)]
    mixed = (int.from_bytes(stretch, "little") ^ int.from_bytes(image, "little")).to_bytes(len(image), "little")
    if mixed.count(0) < len(image) // 2:
        return [0, 0, 0]
    snapshot[at:at + len(image)] = mixed
    return [at, lo, len(image)]


# Brotli results by content hash, shared by every build on this machine (a checkout's, a test's copy, the bench's):
# the wasm's takes half a minute and changes with Pyodide only. An entry no build has used for a month goes.
BROTLI_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tisheng" / "brotli"
BROTLI_KEEP = 30 * 86400
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm", ".bin"}


def precompress_site(site: Path) -> None:
    """`name.gz` and `name.br` beside every file nginx would compress (1 KB and more, as gzip_min_length), for its
    gzip_static and brotli_static: compressed once at build, not on every request, so at each format's best level
    (gzip 9: the wasm 20 KB and the snapshot parts 130 KB smaller than level 6; brotli 11 with a 16 MiB window: the
    7.36 MB of wasm and snapshot as gzip are 5.57 MB as brotli). Browsers ask for brotli only over https, and there
    nginx's brotli module sends a file without a .br uncompressed (google/ngx_brotli#116): so every file has both."""
    paths = sorted(p for p in site.rglob("*") if p.suffix in COMPRESSIBLE and p.is_file() and p.stat().st_size >= 1024)
    BROTLI_CACHE.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]
    todo = {key: path for key, path in zip(keys, paths) if not (BROTLI_CACHE / f"{key}.br").exists()}
    todo = dict(sorted(todo.items(), key=lambda item: -item[1].stat().st_size))  # the wasm and snapshot not last
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:  # zlib and brotli let go of the GIL
        for key, body in zip(todo, pool.map(_brotli, todo.values())):
            with tempfile.NamedTemporaryFile(dir=BROTLI_CACHE, suffix=".part", delete=False) as part:
                part.write(body)
            os.replace(part.name, BROTLI_CACHE / f"{key}.br")  # whole or not at all, whoever else builds
        list(pool.map(_gzip, paths))
    for key, path in zip(keys, paths):
        shutil.copyfile(BROTLI_CACHE / f"{key}.br", path.with_name(path.name + ".br"))
        os.utime(BROTLI_CACHE / f"{key}.br")  # used: kept another month
        for packed in (path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")):
            os.utime(packed, (path.stat().st_mtime, path.stat().st_mtime))  # nginx's Last-Modified: the file's
    now = time.time()
    for old in BROTLI_CACHE.iterdir():
        with contextlib.suppress(FileNotFoundError):
            if now - old.stat().st_mtime > BROTLI_KEEP:
                old.unlink()


def _gzip(path: Path) -> None:
    with path.open("rb") as src, gzip.open(path.with_name(path.name + ".gz"), "wb", compresslevel=9) as dst:
        shutil.copyfileobj(src, dst, 1 << 20)


def _brotli(path: Path) -> bytes:
    return brotli.compress(path.read_bytes(), quality=11, lgwin=24)



TOOL_PAGES = ("tools/hours/", "tools/batch/", "tools/points/", "tools/grade/", "tools/grade-batch/", "tools/rollout/",
              "tools/evidence/", "tools/evidence-batch/", "tools/me/")


def service_worker(site: Path) -> None:
    """site/sw.js: precaches the tool pages and everything they load, so they keep working offline (see sw.js)."""
    files: list[str] = [p for p in TOOL_PAGES if (site / p / "index.html").exists()]
    patterns = ("assets/pyodide/*/*", "assets/tisheng/*/*", "assets/echarts/*/*", "assets/qrcode/*/*", "assets/stylesheets/*.css",
                "assets/javascripts/bundle.*.js", "assets/javascripts/workers/*.js", "assets/images/*",
                "downloads/*", "search/search_index.json")
    skip = {".gz", ".br", ".map"}
    for pattern in patterns:
        files += sorted(p.relative_to(site).as_posix() for p in site.glob(pattern)
                        if p.is_file() and p.suffix not in skip and p.name not in ("package.json", "README.md"))
    digest = hashlib.sha256()
    for rel in files:
        path = site / rel / "index.html" if rel.endswith("/") else site / rel
        digest.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    body = (ROOT / "site_src" / "sw.js").read_text(encoding="utf-8")
    body = body.replace("__VERSION__", digest.hexdigest()[:12]).replace("__PRECACHE__", json.dumps(files, indent=1))
    (site / "sw.js").write_text(body, encoding="utf-8")


def install(site_dir: Path, out: Path = OUT) -> None:
    """Copy the bundle into the built site (called after MkDocs has written its pages)."""
    shutil.copytree(out, site_dir, dirs_exist_ok=True)
