"""`make bench`: how long a teacher waits, measured against the floor of a bare `loadPyodide()` page.

Both pages are served by the same nginx with the site's own config and loaded in the same Chromium, in one run.
Prints medians of 5 (with every run, for the spread); never fails on speed. A phone profile (Chromium's own
throttling: 20 and 8 Mbps, 40 ms, CPU 4×) prints first answers and the bytes a first visit moves, worker fetches
included, and a tool page opened after the home page; the same build over https (HTTP/2, brotli, as
scripts/deploy/nginx/tisheng-https.conf serves it) where nginx's brotli module and openssl are installed. Also prints
search times and the start-up phases of one tool page from the marks its worker sets. `--baseline OTHER/site` times another build in the same run, taking turns
with this one (before/after on a machine whose load changes while it runs).
"""

from __future__ import annotations

import argparse
import functools
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_scale  # noqa: E402
from bench_phases import phase_runs, print_phases  # noqa: E402
import serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run"]
TOOL_URL = "/tools/hours/?profile=kaiyuan-2024&online=20&practice=30"
TOOL_URLS = [
    TOOL_URL,
    "/tools/points/?profile=kaiyuan-2024&mode=teacher&selected=A1,A3,B2",
    "/tools/grade/?profile=xx-school-2022&centralized=90&online=85&school_activities=80&showcase=88",
    "/tools/rollout/?mode=plan&years=2015,2016,2017&shares=30,35,35&groups=甲区:1200,乙区:800,丙区:455",
]
GUIDE_URLS = ["/", "/profiles/kaiyuan-2024/", "/guide/compare/", "/guide/catalog/", "/guide/conflicts/"]
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


DONE_WATCH = """(() => {
  new MutationObserver((_, obs) => {
    if (document.querySelector("#result[data-status], body[data-done]")) {
      window.__done = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-status", "data-done"] });
})();"""


def timed(page, url: str, selector: str) -> tuple[float, float]:
    """Seconds from navigation start to the answer in the DOM by the page's own clock (what a teacher waits), and
    by this script's wall clock around Playwright's calls (that adds the driver's round trips and `goto` waiting
    for the load event)."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(selector, state="attached", timeout=60_000)
    wall = time.perf_counter() - start
    page.wait_for_function("window.__done !== undefined", polling=10)
    return float(page.evaluate("window.__done")) / 1000, wall


FIELD_WATCH = """(() => {
  const field = %r;
  function poll() {
    const f = document.querySelector(field);
    if (f && f.offsetParent !== null && !f.disabled) { window.__fieldReady = performance.now(); return; }
    requestAnimationFrame(poll);
  }
  requestAnimationFrame(poll);
})();"""


def typing_ready(browser, variants: list[tuple[str, str]], url: str, field: str,
                 runs: int) -> dict[str, tuple[list[float], list[float]]]:
    """Navigation start → the first field is laid out and enabled (a frame shows it), by the page's own clock, while
    the engine is still loading in the worker; cold (fresh profile) and warm (same tab, a return visit), for each
    (name, base) in turn.

    Before each warm visit the previous visit's engine has finished starting: reloading while it still restores the
    snapshot on both cores measures this benchmark's haste, not a teacher's return to the page."""
    def once(page) -> float:
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.__fieldReady", polling=10)
        page.focus(field)
        page.keyboard.type("1")  # it does take the keystroke
        assert page.input_value(field).endswith("1")
        took = float(page.evaluate("window.__fieldReady")) / 1000
        page.wait_for_selector("html[data-engine=ready]", state="attached", timeout=60_000)
        return took

    def context(base):
        # Playwright polls wait_for_function's predicate with eval, which the pages' Content-Security-Policy refuses
        ctx = browser.new_context(base_url=base, bypass_csp=True)
        ctx.add_init_script(FIELD_WATCH % field)
        return ctx

    out: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name, _ in variants}
    tabs = {}
    for name, base in variants:
        ctx = context(base)
        tabs[name] = (ctx, ctx.new_page())
        once(tabs[name][1])
    for _ in range(runs):
        for name, base in variants:
            ctx = context(base)
            out[name][0].append(once(ctx.new_page()))
            ctx.close()
        for name, _ in variants:
            out[name][1].append(once(tabs[name][1]))
    for ctx, _ in tabs.values():
        ctx.close()
    return out


def guide_transfer(browser, base: str, url: str) -> tuple[int, bool, bool]:
    """Bytes over the wire (compressed) for a first visit to a guide page until its load event, whether it touched
    Pyodide by then (never: that would be the page's critical path), and whether it fetched the engine afterwards,
    once idle (prefetch.js: the next calculator's files)."""
    ctx = browser.new_context(base_url=base)
    page = ctx.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("document.documentElement.getAttribute('data-prefetch') !== 'fetching'", polling=100,
                           timeout=120_000)
    found = page.evaluate("""() => {
        const load = performance.getEntriesByType("navigation")[0].loadEventEnd;
        const all = performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"));
        const engine = (e) => /\\/assets\\/pyodide\\/|snapshot\\./.test(e.name);
        return { size: all.filter((e) => e.startTime <= load).reduce((n, e) => n + (e.transferSize || 0), 0),
                 before: all.some((e) => engine(e) && e.startTime <= load), after: all.some((e) => engine(e)) };
    }""")
    ctx.close()
    return int(found["size"]), bool(found["before"]), bool(found["after"])


def build_figures() -> tuple[float, int, int]:
    """Full `mkdocs build` (data, runtime bundle, snapshot, pages) into a scratch dir; site size with/without Pyodide."""
    import os
    import subprocess

    with tempfile.TemporaryDirectory(prefix="tisheng-bench-build-") as out:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TISHENG_BUILD=out + "/b")
        start = time.perf_counter()
        subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "-q", "-d", out + "/site"], cwd=ROOT,
                       env=env, check=True, capture_output=True)
        took = time.perf_counter() - start
        total = sum(p.stat().st_size for p in Path(out, "site").rglob("*") if p.is_file())
        pyodide = sum(p.stat().st_size for p in Path(out, "site", "assets", "pyodide").rglob("*") if p.is_file())
    return took, total, total - pyodide


def measure(browser, variants: list[tuple[str, str, str, str]], runs: int) -> dict[str, tuple[list, list]]:
    """Seconds to first answer, (page clock, wall clock), for each (name, base, url, selector), cold (a fresh
    context: empty HTTP and code cache) and warm (one tab per variant, reloaded). Variants take turns within each
    round, so a neighbour's load on this shared machine falls on all of them alike."""
    out: dict[str, tuple[list, list]] = {name: ([], []) for name, *_ in variants}

    def context(base):
        ctx = browser.new_context(base_url=base)
        ctx.add_init_script(DONE_WATCH)
        return ctx

    tabs = {}
    for name, base, url, selector in variants:
        ctx = context(base)
        tabs[name] = (ctx, ctx.new_page())
        timed(tabs[name][1], url, selector)  # fill the cache
    for _ in range(runs):
        for name, base, url, selector in variants:
            ctx = context(base)
            out[name][0].append(timed(ctx.new_page(), url, selector))
            ctx.close()
        for name, base, url, selector in variants:
            out[name][1].append(timed(tabs[name][1], url, selector))
    for ctx, _ in tabs.values():
        ctx.close()
    return out


def line(name: str, values: list[float], unit: str = "s") -> str:
    return (f"  {name:<44} median {statistics.median(values):7.3f} {unit}   runs "
            + " ".join(f"{v:.3f}" for v in values))


def tool_figures(browser, base: str, baseline: str | None, runs: int, tools: list[str] | None) -> None:
    """Time to first answer of each tool page against the bare loadPyodide() page, in one run, by two clocks."""
    from playwright.sync_api import Error as PlaywrightError

    print(f"Time to first answer (navigation start → answer in the page, by the page's clock), "
          f"Chromium headless, nginx on loopback, median of {runs} (cold: fresh profile, empty "
          "caches; warm: same tab, reloaded; variants take turns):", flush=True)
    variants = [("bare loadPyodide() page", base, "/__bench/bare.html", "body[data-done]")]
    urls = [u for u in TOOL_URLS if not tools or u.split("/")[2] in tools]
    variants += [(url.split("?")[0], base, url, "#result[data-status]") for url in urls]
    if baseline:
        variants += [(f"baseline {url.split('?')[0]}", baseline, url, "#result[data-status]")
                     for url in urls]
    try:
        results = measure(browser, variants, runs)
    except PlaywrightError as err:
        print(f"  no answer within 60 s (page not built?): {err}")
        results = {}
    if results:
        def page_clock(v):
            return [a for a, _ in v]

        def wall_clock(v):
            return [b for _, b in v]

        bare_cold, bare_warm = results.pop(variants[0][0])
        print(line("bare loadPyodide() page, cold", page_clock(bare_cold)))
        print(line("bare loadPyodide() page, warm", page_clock(bare_warm)), flush=True)
        for name, (cold, warm) in results.items():
            print(line(f"{name} with query, cold", page_clock(cold)))
            print(line(f"{name} with query, warm", page_clock(warm)))
            print(f"  {'':<44} ratio to bare: cold "
                  f"{statistics.median(page_clock(cold)) / statistics.median(page_clock(bare_cold)):.2f}"
                  f", warm {statistics.median(page_clock(warm)) / statistics.median(page_clock(bare_warm)):.2f}",
                  flush=True)
        print("  The same runs by the wall clock around Playwright's calls (driver round trips included):")
        bare_c, bare_w = statistics.median(wall_clock(bare_cold)), statistics.median(wall_clock(bare_warm))
        print(f"  {'bare loadPyodide() page':<44} cold {bare_c:6.3f} s   warm {bare_w:6.3f} s")
        for name, (cold, warm) in results.items():
            c, w = statistics.median(wall_clock(cold)), statistics.median(wall_clock(warm))
            print(f"  {name:<44} cold {c:6.3f} s   warm {w:6.3f} s   ratio cold {c / bare_c:.2f}, "
                  f"warm {w / bare_w:.2f}", flush=True)


# ---- The phone a teacher has: Chromium's own throttling (CDP), a first visit's bytes from every fetch, the worker's too.

PHONE_URLS = [u.replace("practice=30", "practice=28") for u in TOOL_URLS]
PHONE_NETS = [(20, 40), (8, 40)]  # (Mbps down, ms latency); the second only for the hours page and the bare page
PHONE_CPU = 4
HTTPS = "https, brotli: "
RESOURCE_BYTES = """(until) => performance.getEntriesByType("resource").concat(performance.getEntriesByType("navigation"))
  .filter((e) => e.responseEnd <= until).reduce((n, e) => n + (e.transferSize || 0), 0)"""
WORKER_ORIGIN = "() => performance.timeOrigin"


def throttle(ctx, page, mbps: float, latency: int, cpu: float):
    """Chromium's own throttling of this tab (DevTools' network and CPU emulation). The network conditions also
    hold for the tab's dedicated workers (their fetches take as long as the bandwidth says); the CPU rate slows the
    page's main thread. Returns the tab's DevTools session."""
    cdp = ctx.new_cdp_session(page)
    rate = mbps * 1e6 / 8
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": latency, "downloadThroughput": rate,
                                                  "uploadThroughput": rate})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    return cdp


def cpu_rate(cdp, rate: float) -> None:
    """A tab under CPU throttling keeps most of a core busy even when idle (0.9 core-seconds a second, measured for
    an idle tool page): the tabs kept for the warm visits are let go between their visits, or the tab being measured
    shares the machine with them (a bare page once took 57 s)."""
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})


def wire_bytes(page, until_ms: float) -> int:
    """Bytes over the wire (headers and compressed bodies; 0 for what a cache gave) of every fetch that had ended by
    `until_ms` on the page's clock: the page's and its workers' (each worker keeps its own resource timing)."""
    total = int(page.evaluate(RESOURCE_BYTES, until_ms))
    origin = float(page.evaluate("performance.timeOrigin"))
    for worker in page.workers:
        try:
            shift = float(worker.evaluate(WORKER_ORIGIN)) - origin
            total += int(worker.evaluate(RESOURCE_BYTES, until_ms - shift))
        except Exception:  # noqa: BLE001 - a worker that has gone (search) took its bytes with it
            pass
    return total


def phone_visit(page, url: str, selector: str) -> tuple[float, int]:
    page.goto(url, wait_until="commit")
    page.wait_for_selector(selector, state="attached", timeout=180_000)
    page.wait_for_function("window.__done !== undefined", polling=50)
    done = float(page.evaluate("window.__done"))
    return done / 1000, wire_bytes(page, done)


def phone_context(browser, base: str):
    # No service worker: a school's plain-http server gets none (sw.js needs https or localhost), and its precaching
    # would share the throttled line with the next visit.
    ctx = browser.new_context(base_url=base, service_workers="block", viewport={"width": 390, "height": 844},
                              is_mobile=True, has_touch=True, device_scale_factor=3)
    ctx.add_init_script(DONE_WATCH)
    return ctx


def phone_measure(browser, variants, runs: int, net: tuple[int, int]) -> dict[str, dict[str, list]]:
    """Cold (fresh context) and warm (same tab, reloaded) first answers and bytes, variants taking turns."""
    out = {name: {"cold": [], "warm": [], "cold_b": [], "warm_b": []} for name, *_ in variants}
    tabs = {}
    for name, base, url, selector in variants:
        ctx = phone_context(browser, base)
        page = ctx.new_page()
        cdp = throttle(ctx, page, *net, PHONE_CPU)
        phone_visit(page, url, selector)
        cpu_rate(cdp, 1)
        tabs[name] = (ctx, page, cdp)
    for _ in range(runs):
        for name, base, url, selector in variants:
            ctx = phone_context(browser, base)
            page = ctx.new_page()
            throttle(ctx, page, *net, PHONE_CPU)
            t, b = phone_visit(page, url, selector)
            out[name]["cold"].append(t)
            out[name]["cold_b"].append(b)
            ctx.close()
        for name, base, url, selector in variants:
            _, page, cdp = tabs[name]
            cpu_rate(cdp, PHONE_CPU)
            t, b = phone_visit(page, url, selector)
            cpu_rate(cdp, 1)
            out[name]["warm"].append(t)
            out[name]["warm_b"].append(b)
    for ctx, _, _ in tabs.values():
        ctx.close()
    return out


def second_page(browser, base: str, url: str, net: tuple[int, int]) -> tuple[float, int]:
    """The home page first (read until the browser has gone quiet: the idle-time fetches, if any, are over), then
    the tool page: its first answer and its bytes."""
    ctx = phone_context(browser, base)
    page = ctx.new_page()
    throttle(ctx, page, *net, PHONE_CPU)
    page.goto("/", wait_until="load")
    page.wait_for_load_state("networkidle", timeout=180_000)
    page.wait_for_function("!document.documentElement.hasAttribute('data-prefetch')"
                           " || document.documentElement.getAttribute('data-prefetch') !== 'fetching'",
                           polling=100, timeout=180_000)
    result = phone_visit(page, url, "#result[data-status]")
    ctx.close()
    return result


def phone_figures(browser, base: str, baseline: str | None, runs: int, tools: list[str] | None,
                  secure: str | None = None) -> None:
    """`secure`: this build over https (HTTP/2, brotli), where a school has a certificate."""
    from playwright.sync_api import Error as PlaywrightError

    urls = [u for u in PHONE_URLS if not tools or u.split("/")[2] in tools]
    builds = [("", base)] + ([("baseline ", baseline)] if baseline else []) + ([(HTTPS, secure)] if secure else [])
    for mbps, latency in PHONE_NETS:
        print(f"Phone profile: {mbps} Mbps down, {latency} ms latency, CPU {PHONE_CPU}× slower (Chromium's DevTools "
              f"throttling), no service worker; first answer by the page's clock and bytes over the wire by then "
              f"(page and worker fetches), median of {runs} (cold: fresh profile; warm: same tab, reloaded):",
              flush=True)
        pages = [("bare loadPyodide() page", "/__bench/bare.html", "body[data-done]")]
        pages += [(u.split("?")[0], u, "#result[data-status]") for u in (urls if mbps == PHONE_NETS[0][0] else urls[:1])]
        variants = [(f"{who}{name}", b, url, sel) for name, url, sel in pages for who, b in builds
                    if not (who == "baseline " and url.startswith("/__bench/"))]
        try:
            found = phone_measure(browser, variants, runs, (mbps, latency))
        except PlaywrightError as err:
            print(f"  no answer within 180 s: {err}")
            continue
        print(f"  {'page':<44}{'cold s':>9}{'cold MB':>9}{'warm s':>9}{'warm MB':>9}   runs (cold s)")
        for name, f in found.items():
            med = statistics.median
            print(f"  {name:<44}{med(f['cold']):9.2f}{med(f['cold_b']) / 1e6:9.2f}{med(f['warm']):9.2f}"
                  f"{med(f['warm_b']) / 1e6:9.2f}   " + " ".join(f"{v:.2f}" for v in f["cold"]), flush=True)
    net = PHONE_NETS[0]
    print(f"Phone profile, {net[0]} Mbps: the home page first (until the network is quiet), then {PHONE_URLS[0]}; "
          f"first answer and bytes of the tool page, median of {runs}:", flush=True)
    got = {who: ([], []) for who, _ in builds}
    for _ in range(runs):
        for who, b in builds:
            t, n = second_page(browser, b, PHONE_URLS[0], net)
            got[who][0].append(t)
            got[who][1].append(n)
    for who, (ts, ns) in got.items():
        print(f"  {who + 'home → /tools/hours/':<44}{statistics.median(ts):9.2f} s{statistics.median(ns) / 1e6:9.2f} MB"
              "   runs " + " ".join(f"{v:.2f}" for v in ts), flush=True)


SEARCH_QUERIES = ["学时", "能力点", "成绩", "签名表", "名额", "材料", "河北", "能力点 维度", "学情分析 微能力点"]
SEARCH_PAGES = ["/guide/compare/", "/tools/points/"]  # a guide page, and a tool page whose engine is starting
META = ".md-search-result__meta"
SEARCH_EMPTY, SEARCH_FOUND = "键入以开始搜索", "符合条件的结果"  # the theme's Chinese words for an empty box, for a count


def search_times(browser, base: str, url: str) -> tuple[float, list[tuple[str, float]]]:
    """One fresh visit: the first query (which waits for the index), then each query in turn, from the last key to
    the result count changing (Material's search runs in its own worker). Wall clock around the driver."""
    ctx = browser.new_context(base_url=base, locale="zh-CN", service_workers="block", bypass_csp=True)  # eval: see typing_ready
    page = ctx.new_page()
    page.goto(url)
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    times: list[tuple[str, float]] = []
    for query in SEARCH_QUERIES:
        if times:  # the box emptied first, so that the count shown next is this query's
            box.fill("")
            box.press("End")
            page.wait_for_function("([sel, text]) => document.querySelector(sel).textContent === text",
                                   arg=[META, SEARCH_EMPTY])
        box.fill(query)
        started = time.perf_counter()
        box.press("End")  # Material listens for key events
        page.wait_for_function("([sel, text]) => document.querySelector(sel).textContent.includes(text)",
                               arg=[META, SEARCH_FOUND], timeout=60_000)
        times.append((query, time.perf_counter() - started))
    ctx.close()
    return times[0][1], times[1:]


def search_figures(browser, base: str, runs: int) -> None:
    print("Search (last key → result count shown; the first query of a visit waits for the index), median of "
          f"{runs} fresh visits:", flush=True)
    for url in SEARCH_PAGES:
        firsts, later = [], {}
        for _ in range(runs):
            first, rest = search_times(browser, base, url)
            firsts.append(first)
            for q, t in rest:
                later.setdefault(q, []).append(t)
        print(line(f"{url} first query ({SEARCH_QUERIES[0]})", firsts))
        worst = max(later.items(), key=lambda kv: statistics.median(kv[1]))
        print(line(f"{url} later queries, all", [t for ts in later.values() for t in ts]))
        print(line(f"{url} slowest later query ({worst[0]})", worst[1]), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip", nargs="*", default=[],
                        choices=["tools", "phone", "phases", "typing", "guide", "search", "batch", "readers", "build"])
    parser.add_argument("--sizes", type=lambda t: tuple(int(x) for x in t.split(",")), default=bench_scale.SIZES,
                        help="staff-list sizes for the batch table, e.g. 3231,32310")
    parser.add_argument("--tools", nargs="*", help="only these tool pages (hours points grade rollout)")
    parser.add_argument("--phone-runs", type=int, default=3, help="runs of the phone profile (each is slow)")
    parser.add_argument("--baseline", type=Path, help="another build's site/ to time in the same run (before/after)")
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
        secure, chromium_args, procs = None, list(CHROMIUM_ARGS), [proc]
        why_not = serve.https_ready()
        if why_not is None and "phone" not in args.skip:
            cert, key, spki = serve.self_signed(Path(work) / "tls")
            port_s = free_port()
            procs.append(serve.start_nginx(SITE, "127.0.0.1", port_s, Path(work) / "nginx-s", extra, (cert, key)))
            secure = f"https://127.0.0.1:{port_s}"
            chromium_args.append(f"--ignore-certificate-errors-spki-list={spki}")  # trusted: cached like any site
        elif why_not:
            print(f"Phone profile over https: not measured ({why_not}).")
        baseline = None
        if args.baseline:
            port_b = free_port()
            proc_b = serve.start_nginx(args.baseline.resolve(), "127.0.0.1", port_b, Path(work) / "nginx-b")
            baseline = f"http://127.0.0.1:{port_b}"
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=chromium_args)
                if "tools" not in args.skip:
                    tool_figures(browser, base, baseline, args.runs, args.tools)
                if "phone" not in args.skip:
                    phone_figures(browser, base, baseline, args.phone_runs, args.tools, secure)
                if "phases" not in args.skip:
                    print(f"Start-up phases of {TOOL_URL.split('?')[0]}, median of {args.runs} (marks posted by "
                          "the worker, resource timing of its fetches):", flush=True)
                    print_phases(*phase_runs(browser, base, TOOL_URL, args.runs))
                    if baseline:
                        print("  baseline (marks only where its worker sets them):")
                        print_phases(*phase_runs(browser, baseline, TOOL_URL, args.runs))
                    if "phone" not in args.skip:
                        mbps, latency = PHONE_NETS[0]
                        print(f"The same phases on the phone profile ({mbps} Mbps, {latency} ms, CPU {PHONE_CPU}×), "
                              f"median of {args.phone_runs}:", flush=True)
                        on_phone = functools.partial(throttle, mbps=mbps, latency=latency, cpu=PHONE_CPU)
                        print_phases(*phase_runs(browser, base, TOOL_URL, args.phone_runs, on_phone))
                        if baseline:
                            print("  baseline:")
                            print_phases(*phase_runs(browser, baseline, TOOL_URL, args.phone_runs, on_phone))
                if "typing" not in args.skip:
                    print("Form takes typing (navigation → first field shown and enabled, engine still loading):")
                    found = typing_ready(browser, [("", base)] + ([("baseline ", baseline)] if baseline else []),
                                         TOOL_URL, "#online", args.runs)
                    for name, (cold, warm) in found.items():
                        print(line(f"{name}/tools/hours/ #online, cold", cold))
                        print(line(f"{name}/tools/hours/ #online, warm", warm), flush=True)
                if "guide" not in args.skip:
                    print("Guide pages, first visit: bytes transferred (compressed) until the load event, Pyodide "
                          "fetched by then?, engine fetched afterwards once idle (prefetch.js)?")
                    for url in GUIDE_URLS:
                        size, touched, later = guide_transfer(browser, base, url)
                        print(f"  {url:<44} {size / 1024:7.1f} KB   Pyodide before load: "
                              f"{'YES' if touched else 'no'}   engine fetched once idle: {'yes' if later else 'no'}",
                              flush=True)
                if "search" not in args.skip:
                    search_figures(browser, base, args.runs)
                if "batch" not in args.skip:
                    bench_scale.report(browser, base, Path(work), args.runs, args.sizes)
                browser.close()
            if "readers" not in args.skip:
                bench_scale.readers(Path(work), args.runs, args.sizes[1:])
        finally:
            for one in procs:
                one.terminate()
                one.wait(timeout=10)
            if baseline:
                proc_b.terminate()
                proc_b.wait(timeout=10)
    if "build" not in args.skip:
        took, total, without = build_figures()
        print(f"Build: mkdocs build (data, bundle, memory snapshot, pages) {took:.1f} s on {os.cpu_count()} CPUs; "
              f"site {total / 1e6:.1f} MB, without Pyodide {without / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
