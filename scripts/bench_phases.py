"""The start-up of one tool page in phases, cold and warm: marks the worker posts, the resource timing of its
fetches, and the moment the answer is drawn (see scripts/bench.py)."""

from __future__ import annotations

import statistics

DRAWN_WATCH = """(() => {
  new MutationObserver((_, obs) => {
    const r = document.getElementById("result");
    if (r && r.hasAttribute("data-status")) { window.__drawn = performance.now(); obs.disconnect(); }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-status"] });
})();"""
WORKER_TIMELINE = """() => ({
  origin: performance.timeOrigin,
  marks: Object.fromEntries(performance.getEntriesByType("mark").filter((m) => m.name.startsWith("tisheng:"))
    .map((m) => [m.name.slice(8), m.startTime])),
  resources: performance.getEntriesByType("resource").map((e) => ({ name: e.name, start: e.startTime,
    end: e.responseEnd, transfer: e.transferSize, encoded: e.encodedBodySize })),
})"""
# (label, start, end) on the page's clock from navigation start; names refer to worker marks, resources or the page
PHASES = [
    ("navigation → worker created", "nav", "worker-origin"),
    ("worker + pyodide.mjs fetched, module runs", "worker-origin", "worker"),
    ("runtime fetch: pyodide.asm.mjs", "res:pyodide.asm.mjs", "res-end:pyodide.asm.mjs"),
    ("runtime fetch: pyodide.asm.wasm", "res:pyodide.asm.wasm", "res-end:pyodide.asm.wasm"),
    ("snapshot parts fetched", "res:snapshot.", "snapshot-fetched"),
    ("pyodide.asm.mjs imported and run", "res:pyodide.asm.mjs", "runtime"),
    ("wasm compile + instantiate", "wasm-start", "wasm-end"),
    ("runtime init (exports, symbols)", "wasm-end", "restore-start"),
    ("snapshot copied into wasm memory", "restore-start", "memory-copied"),
    ("interpreter bootstrap after the restore", "memory-copied", "python"),
    ("snapshot restore + bootstrap", "wasm-end", "python"),
    ("import tisheng.api", "python", "ready"),
    ("first evaluate", "evaluate-start", "evaluate-end"),
    ("after it: engine files and standard library", "evaluate-end", "unpacked"),
    ("result drawn (reply → #result[data-status])", "evaluate-end", "drawn"),
]


def timeline(page, worker) -> dict[str, float]:
    """Milliseconds from navigation start for each point named in PHASES (worker clock mapped onto the page's)."""
    w = worker.evaluate(WORKER_TIMELINE)
    p = page.evaluate("({ origin: performance.timeOrigin, drawn: window.__drawn })")
    shift = w["origin"] - p["origin"]
    points = {"nav": 0.0, "worker-origin": shift, "drawn": p["drawn"]}
    points.update({k: v + shift for k, v in w["marks"].items()})
    for r in w["resources"]:
        name = r["name"].rsplit("/", 1)[-1]
        key = "snapshot." if name.startswith("snapshot.") else name
        points[f"res:{key}"] = min(points.get(f"res:{key}", 1e12), r["start"] + shift)
        points[f"res-end:{key}"] = max(points.get(f"res-end:{key}", 0.0), r["end"] + shift)
        points[f"bytes:{key}"] = points.get(f"bytes:{key}", 0) + r["transfer"]
    return points


def phase_runs(browser, base: str, url: str, runs: int, prepare=None) -> tuple[list[dict], list[dict]]:
    """The start-up timeline of one tool page, `runs` cold (fresh context) and `runs` warm (same tab, reloaded).
    `prepare(context, page)`, if given, sets up each new tab first (the phone profile's throttling)."""
    def once(page) -> dict[str, float]:
        with page.expect_worker(lambda w: "/assets/tisheng/" in w.url, timeout=180_000) as info:
            page.goto(url)
        page.wait_for_selector("#result[data-status]", timeout=180_000)
        page.wait_for_function("window.__drawn !== undefined")
        return timeline(page, info.value)

    def context():
        ctx = browser.new_context(base_url=base)
        ctx.add_init_script(DRAWN_WATCH)
        return ctx

    def tab(ctx):
        page = ctx.new_page()
        if prepare:
            prepare(ctx, page)
        return page

    cold = []
    for _ in range(runs):
        ctx = context()
        cold.append(once(tab(ctx)))
        ctx.close()
    ctx = context()
    page = tab(ctx)
    once(page)
    warm = [once(page) for _ in range(runs)]
    ctx.close()
    return cold, warm


def print_phases(cold: list[dict], warm: list[dict]) -> None:
    def span(points: dict, a: str, b: str) -> tuple[float, float] | None:
        return (points[a], points[b]) if a in points and b in points else None

    print(f"  {'phase (ms from navigation; median start → end, duration [min–max])':<46}"
          f"{'cold':>28}{'warm':>30}")
    for label, a, b in PHASES:
        cells = []
        for runs in (cold, warm):
            spans = [x for x in (span(p, a, b) for p in runs) if x]
            if not spans:
                cells.append(f"{'—':>28}")
                continue
            d = [e - s for s, e in spans]
            cells.append(f"{statistics.median(s for s, _ in spans):6.0f} → {statistics.median(e for _, e in spans):5.0f}"
                         f" {statistics.median(d):5.0f} [{min(d):.0f}–{max(d):.0f}]".rjust(28))
        print(f"  {label:<46}{cells[0]}{cells[1]}")
    for key, label in (("bytes:pyodide.asm.wasm", "wasm bytes over the wire"),
                       ("bytes:snapshot.", "snapshot bytes over the wire")):
        c = statistics.median(p.get(key, 0) for p in cold) / 1e6
        w = statistics.median(p.get(key, 0) for p in warm) / 1e6
        print(f"  {label:<46}{c:22.2f} MB{w:27.2f} MB")
