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
                browser.close()
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
