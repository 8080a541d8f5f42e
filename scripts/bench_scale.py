"""Batch at a county's, a city's and a province's size: 3,231, 32,310 and 323,100 rows.

One table: for the hours and the grade list, CSV and XLSX, the browser (file chosen → first page of results, the
longest main-thread task, the tab's peak memory: page and worker share one renderer process, whose VmHWM is read
from /proc) and the command line (whole process, its peak RSS). Figures only; nothing here asserts on time.
"""

from __future__ import annotations

import csv
import io
import os
import random
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SIZES = (3_231, 32_310, 323_100)
SUBJECTS = ["语文", "数学", "英语", "科学", "音乐", "体育", "美术", "道德与法治"]
LISTS = {  # tool: (page, profile, header, one row)
    "hours": ("/tools/batch/", "kaiyuan-2024", ["姓名", "学校", "学科", "线上学时", "实践学时"],
              lambda i, rng: [rng.randint(10, 40), rng.randint(10, 40)]),
    "grade": ("/tools/grade-batch/", "xx-school-2022",
              ["姓名", "学校", "学科", "学校集中培训", "线上自主学习", "校本研修活动", "成果打磨展示"],
              lambda i, rng: [rng.randint(40, 100) for _ in range(4)]),
}


def make_list(folder: Path, tool: str, rows: int) -> tuple[Path, Path]:
    import openpyxl

    rng = random.Random(rows)
    _, _, header, tail = LISTS[tool]
    body = [[f"教师{i:06d}", f"第{i % 400 + 1}小学", SUBJECTS[i % 8], *tail(i, rng)] for i in range(rows)]
    csv_path, xlsx_path = folder / f"{tool}-{rows}.csv", folder / f"{tool}-{rows}.xlsx"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *body])
    csv_path.write_text(buf.getvalue(), encoding="utf-8")
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("教师名单")
    for r in [header, *body]:
        sheet.append(r)
    book.save(xlsx_path)
    return csv_path, xlsx_path


def _renderers() -> dict[int, int]:
    """Chromium renderer processes: pid → peak resident set (VmHWM, bytes)."""
    out: dict[int, int] = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"--type=renderer" not in cmd:
                continue
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    out[int(pid)] = int(line.split()[1]) * 1024
        except OSError:
            continue
    return out


# The longest main-thread task from the file's choice to the page settled (the chart drawn, and two frames later,
# so that the layout and paint of what was drawn last are counted too).
LONGEST = """() => { window.__longest = 0; window.__longTasks = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); });
    window.__longTasks.observe({ type: "longtask", buffered: false }); }"""
SETTLED_LONGEST = """() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {
    for (const e of window.__longTasks.takeRecords()) window.__longest = Math.max(window.__longest, e.duration);
    done(window.__longest); }, 0))))"""


def browser_run(browser, base: str, tool: str, path: Path) -> dict[str, Any]:
    page_url, profile, _, _ = LISTS[tool]
    before = set(_renderers())
    ctx = browser.new_context(base_url=base, reduced_motion="reduce")
    try:
        page = ctx.new_page()
        page.goto(f"{page_url}?profile={profile}")
        page.wait_for_selector("html[data-engine=ready]", timeout=120_000)
        page.evaluate(LONGEST)
        # By its path, as a file chosen in the dialog: given as bytes, Playwright would decode them in the page, a
        # long task of its own that no user's page has.
        page.set_input_files("#file", str(path))
        page.wait_for_selector("#result[data-ms], #result[data-status=error]", timeout=900_000)
        ms = page.get_attribute("#result", "data-ms")
        status = page.get_attribute("#result", "data-status")
        if status != "error":
            page.wait_for_selector(".ts-chart svg", state="attached", timeout=60_000)
        longest = page.evaluate(SETTLED_LONGEST) / 1000
        peak = max((v for pid, v in _renderers().items() if pid not in before), default=0)
        return {"s": int(ms) / 1000 if ms else None, "status": status, "longest": longest, "peak": peak}
    finally:
        ctx.close()


def cli_run(tool: str, path: Path) -> dict[str, Any]:
    _, profile, _, _ = LISTS[tool]
    out = path.with_suffix(".report.csv")
    start = time.perf_counter()
    proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "tisheng"), "batch", str(path), "--tool", tool,
                             "--profile", profile, "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, code, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    return {"s": took, "rc": os.waitstatus_to_exitcode(code), "peak": usage.ru_maxrss * 1024}


def _median(runs: list[dict[str, Any]], key: str) -> float:
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else float("nan")


def report(browser, base: str, folder: Path, runs: int, sizes: tuple[int, ...] = SIZES) -> None:
    print(f"Batch at scale (median of {runs} below 100,000 rows, one run above; browser: file chosen → first page "
          "of results; tab peak = renderer VmHWM; CLI: whole process, peak RSS):", flush=True)
    print(f"  {'list':<22} {'browser s':>9} {'per 1k':>7} {'longest task':>12} {'tab peak':>9}   "
          f"{'CLI s':>7} {'per 1k':>7} {'CLI peak':>9}")
    for tool in LISTS:
        for rows in sizes:
            paths = make_list(folder, tool, rows)
            n = runs if rows < 100_000 else 1
            for path in paths:
                b = [browser_run(browser, base, tool, path) for _ in range(n)]
                c = [cli_run(tool, path) for _ in range(n)]
                bs, cs = _median(b, "s"), _median(c, "s")
                note = "" if all(r["status"] != "error" for r in b) else "  (the page refused the list)"
                print(f"  {tool} {rows:>7,} {path.suffix[1:].upper():<5}    {bs:9.3f} {bs / rows * 1000:7.3f} "
                      f"{_median(b, 'longest'):11.3f}s {_median(b, 'peak') / 2**20:7.0f}MB   {cs:7.3f} "
                      f"{cs / rows * 1000:7.3f} {_median(c, 'peak') / 2**20:7.0f}MB{note}", flush=True)
            for path in paths:
                path.unlink()


def readers(folder: Path, runs: int, sizes: tuple[int, ...]) -> None:
    """The command line's Excel reading: calamine (kept) against openpyxl and the standard-library reader."""
    import sys

    sys.path.insert(0, str(ROOT / "site_src"))
    import openpyxl
    from tisheng.io import tabular

    def is_header(cells: list[str]) -> bool:
        return "姓名" in cells

    def std(data: bytes) -> int:
        fast, tabular._fast = tabular._fast, None
        try:
            return len(tabular.read(data, "名单.xlsx", is_header).rows)
        finally:
            tabular._fast = fast

    def pyxl(data: bytes) -> int:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return sum(1 for _ in book.worksheets[0].iter_rows(values_only=True)) - 1

    ways = {"calamine (kept)": lambda d: len(tabular.read(d, "名单.xlsx", is_header).rows),
            "openpyxl read-only": pyxl, "standard library (browser's)": std}
    print(f"Excel list → rows, in one process (median of {runs}; {'calamine available' if tabular._fast else 'NO calamine'}):")
    for rows in sizes:
        _, xlsx_path = make_list(folder, "hours", rows)
        data = xlsx_path.read_bytes()
        for name, way in ways.items():
            took = []
            for _ in range(runs if rows < 100_000 else 1):
                start = time.perf_counter()
                got = way(data)
                took.append(time.perf_counter() - start)
            print(f"  {rows:>7,} rows  {name:<30} {statistics.median(took):7.3f} s   ({got:,} rows)", flush=True)
        xlsx_path.unlink()
        xlsx_path.with_suffix(".csv").unlink()
