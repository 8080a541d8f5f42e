"""`make bench`: how long a teacher waits, measured against the floor of a bare `loadPyodide()` page.

Both pages are served by the same nginx with the site's own config and loaded in the same Chromium, in one run.
Prints medians of 5; never fails on speed.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run"]
TOOL_URL = "/tools/hours/?profile=kaiyuan-2024&online=20&practice=30"
BARE_HTML = """<!doctype html><html lang="zh"><meta charset="utf-8"><title>bare loadPyodide</title>
<body><p id="out">loading</p><script type="module">
import {{ loadPyodide }} from "/{pyodide}pyodide.mjs";
const py = await loadPyodide({{ indexURL: "/{pyodide}" }});
document.getElementById("out").textContent = py.runPython("1 + 1");
document.body.dataset.done = "1";
</script></body></html>
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def timed(page, url: str, selector: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(selector, timeout=180_000)
    return time.perf_counter() - start


def measure(browser, base: str, url: str, selector: str, runs: int) -> tuple[list[float], list[float]]:
    cold = []
    for _ in range(runs):
        ctx = browser.new_context(base_url=base)  # a fresh context has an empty HTTP and code cache
        cold.append(timed(ctx.new_page(), url, selector))
        ctx.close()
    ctx = browser.new_context(base_url=base)
    page = ctx.new_page()
    timed(page, url, selector)  # fill the cache
    warm = [timed(page, url, selector) for _ in range(runs)]
    ctx.close()
    return cold, warm


ROSTER_ROWS = 32_310  # Guang'an city's teacher count (seed 001)


def make_rosters(folder: Path) -> tuple[Path, Path]:
    import random

    import openpyxl

    rng = random.Random(32310)
    header = ["姓名", "学校", "学科", "线上学时", "实践学时"]
    subjects = ["语文", "数学", "英语", "科学", "音乐", "体育", "美术", "道德与法治"]
    rows = [[f"教师{i:05d}", f"第{i % 400 + 1}小学", subjects[i % 8], rng.randint(10, 40), rng.randint(10, 40)]
            for i in range(ROSTER_ROWS)]
    csv_path, xlsx_path = folder / "roster.csv", folder / "roster.xlsx"
    csv_path.write_text("\n".join(",".join(map(str, r)) for r in [header, *rows]) + "\n", encoding="utf-8")
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("教师名单")
    for r in [header, *rows]:
        sheet.append(r)
    book.save(xlsx_path)
    return csv_path, xlsx_path


def browser_batch(browser, base: str, path: Path, runs: int) -> tuple[list[float], list[float]]:
    """File chosen → first page of results shown (measured in the page), and the longest main-thread task."""
    times, longest = [], []
    data = path.read_bytes()
    for _ in range(runs):
        ctx = browser.new_context(base_url=base)
        page = ctx.new_page()
        page.goto("/tools/batch/?profile=kaiyuan-2024")
        page.wait_for_selector("html[data-engine=ready]", timeout=180_000)
        page.evaluate("""() => { window.__longest = 0; new PerformanceObserver((list) => {
            for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
            .observe({ type: "longtask", buffered: false }); }""")
        page.set_input_files("#file", files=[{"name": path.name, "mimeType": "application/octet-stream",
                                               "buffer": data}])
        page.wait_for_selector("#result[data-ms]", timeout=180_000)
        times.append(int(page.get_attribute("#result", "data-ms")) / 1000)
        longest.append(page.evaluate("window.__longest") / 1000)
        ctx.close()
    return times, longest


def cli_batch(path: Path, runs: int) -> list[float]:
    import subprocess

    out = path.with_suffix(".report.xlsx")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(ROOT / ".venv" / "bin" / "tisheng"), "batch", str(path), "--profile", "kaiyuan-2024",
                        "--out", str(out)], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    pyodide_dir = "assets/pyodide/" + next((SITE / "assets" / "pyodide").iterdir()).name + "/"
    with tempfile.TemporaryDirectory(prefix="tisheng-bench-") as work:
        Path(work).chmod(0o755)  # nginx's workers run as another user and must read the bare page
        bare = Path(work) / "bare.html"
        bare.write_text(BARE_HTML.format(pyodide=pyodide_dir), encoding="utf-8")
        port = free_port()
        extra = f'location = /__bench/bare.html {{ alias {bare}; add_header Cache-Control "no-cache"; }}'
        proc = serve.start_nginx(SITE, "127.0.0.1", port, Path(work) / "nginx", extra)
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                bare_cold, bare_warm = measure(browser, base, "/__bench/bare.html", "body[data-done]", args.runs)
                tool_cold, tool_warm = measure(browser, base, TOOL_URL, "#result[data-status]", args.runs)
                csv_path, xlsx_path = make_rosters(Path(work))
                csv_times, csv_long = browser_batch(browser, base, csv_path, args.runs)
                xlsx_times, xlsx_long = browser_batch(browser, base, xlsx_path, args.runs)
                browser.close()
            cli_csv, cli_xlsx = cli_batch(csv_path, args.runs), cli_batch(xlsx_path, args.runs)
        finally:
            proc.terminate()
            proc.wait(timeout=10)

    def line(name: str, values: list[float]) -> str:
        return f"  {name:<34} median {statistics.median(values):6.3f} s   runs " + " ".join(f"{v:.3f}" for v in values)

    print(f"Time to first answer, Chromium headless, nginx on loopback, median of {args.runs}:")
    print(line("bare loadPyodide() page, cold", bare_cold))
    print(line("bare loadPyodide() page, warm", bare_warm))
    print(line(f"{TOOL_URL.split('?')[0]} with query, cold", tool_cold))
    print(line(f"{TOOL_URL.split('?')[0]} with query, warm", tool_warm))
    rc = statistics.median(tool_cold) / statistics.median(bare_cold)
    rw = statistics.median(tool_warm) / statistics.median(bare_warm)
    print(f"  ratio tool / bare: cold {rc:.2f}, warm {rw:.2f}")
    print(f"Batch hours check of a {ROSTER_ROWS}-row staff list (/tools/batch/, engine ready; file chosen → first page):")
    print(line("browser, CSV", csv_times))
    print(line("browser, XLSX", xlsx_times))
    print(line("longest main-thread task, CSV", csv_long))
    print(line("longest main-thread task, XLSX", xlsx_long))
    print(line("CLI tisheng batch, CSV (whole run)", cli_csv))
    print(line("CLI tisheng batch, XLSX (whole run)", cli_xlsx))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
