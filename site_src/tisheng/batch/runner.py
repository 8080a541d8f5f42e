"""A file in, every teacher's verdict out: read the table, map its header, run the tool's runner on every row."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..core import readings as readings_mod
from ..core import snapshot
from ..io import tabular
from ..tools import grade as engine
from ..tools.grade import batch as grade
from ..tools.hours import batch as hours
from .columns import COLUMNS, grade_columns, header_test, map_header

RUNNERS: dict[str, Callable[..., dict[str, Any]]] = {
    "hours": hours.run,
    "grade": grade.run,
}


def _fail(message: str) -> dict[str, Any]:
    return {"ok": False, "errors": [{"field": "file", "message": message}]}


def run(tool: str, profile_id: str, data: bytes, filename: str, options: dict[str, Any] | None = None,
        profile: dict[str, Any] | None = None, progress: Callable[[int, int], Any] | None = None,
        max_rows: int | None = None) -> dict[str, Any]:
    """Read an uploaded file and check every row. Never raises. ``profile``: a resolved one not in the snapshot
    (a user's own file, tisheng.local); ``progress(done, total)`` is told every few thousand rows; ``max_rows``:
    the caller's limit (the browser's, at what a tab can hold), past which the list is refused naming the CLI."""
    try:
        with _no_cycle_collection():
            return _run(tool, profile_id, data, filename, options, profile, progress, max_rows)
    except Exception:  # noqa: BLE001 - whatever a file holds, the page shows a Chinese sentence, never a traceback
        return _fail("检查这个文件时出现内部错误。请在 Excel/WPS 中打开它并重新另存为 .xlsx 或 CSV 后再试；"
                     "若仍出错，请把文件反馈给网站管理员。")


def _run(tool: str, profile_id: str, data: bytes, filename: str, options: dict[str, Any] | None,
         profile: dict[str, Any] | None, progress: Callable[[int, int], Any] | None = None,
         max_rows: int | None = None) -> dict[str, Any]:
    columns = COLUMNS.get(tool)
    if columns is None:
        return _fail(f"批量处理暂不支持工具“{tool}”。")
    limit = max_rows or tabular.MAX_ROWS
    table = tabular.read(data, filename, header_test(columns), limit, TOO_MANY.format(limit=limit))
    if table.errors:
        # "unreadable": not a table at all (the CLI says so with the file's name and exits 3)
        return {"ok": False, "errors": [{"field": "file", "message": m, "unreadable": True} for m in table.errors]}
    rows = Progress(table.rows, progress) if progress else table.rows
    return run_table(tool, profile_id, table.header, rows, table.warnings, sheet=table.sheet, options=options,
                     profile=profile)


TOO_MANY = ("名单超过 {limit:,} 行，超出了浏览器一次能处理的范围。请按学校或区县分成几个文件分别上传；"
            "也可以请网站管理员用本站的命令行工具一次处理整份名单（见“部署到校内服务器”页的“用命令行处理整份名单”）。")


class Progress(Sequence[tuple[int, list[str]]]):
    """The rows, telling ``report(done, total)`` as a runner goes through them (at the start, every STEP rows and
    at the end), so the page can show a progress bar; the runners see an ordinary sequence."""

    STEP = 2000

    def __init__(self, rows: Sequence[tuple[int, list[str]]], report: Callable[[int, int], Any]):
        self.rows, self.report = rows, report

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i: Any) -> Any:
        return self.rows[i]

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        total = len(self.rows)
        self.report(0, total)
        for done, row in enumerate(self.rows):
            if done and done % self.STEP == 0:
                self.report(done, total)
            yield row
        self.report(total, total)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """A list's rows and answers are hundreds of thousands of small dicts that form no cycles; CPython's collector would scan
    all of them again each time a generation fills, so the cost grew faster than the rows (3.0 s at 32,310 rows,
    20.4 s at 100,000). Reference counting still frees everything; the collector runs once afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _hours_readings(profile: dict[str, Any], options: dict[str, Any]
                    ) -> tuple[dict[str, Any], list[readings_mod.Group], list[dict[str, str]]]:
    """The hours runner checks under the chosen reading (the grade runner passes its reading to the engine per row)."""
    errors: list[dict[str, str]] = []
    chosen = readings_mod.choose(profile, "hours", {}, {"reading": options["reading"]} if options.get("reading")
                                 else {}, errors)
    return readings_mod.apply(profile, chosen), chosen, errors


def run_table(
    tool: str,
    profile_id: str,
    header: list[str],
    rows: Sequence[tuple[int, list[str]]],
    warnings: Sequence[str] = (),
    sheet: str | None = None,
    options: dict[str, Any] | None = None,
    profile: dict[str, Any] | None = None,
) -> dict[str, Any]:
    profile = profile or snapshot.profile(profile_id)
    if profile is None:
        return {"ok": False, "errors": [{"field": "profile", "message": f"未知的政策“{profile_id}”。"}]}
    columns = COLUMNS[tool]
    if tool == "grade":
        if engine.mode(profile) is None:
            title = profile.get("short_title") or profile.get("title")
            return {"ok": False, "errors": [{"field": "profile", "message": f"《{title}》没有规定成绩计算办法，请选择其他文件。"}]}
        columns = grade_columns(profile)
    index, missing = map_header(header, columns)
    if missing:
        found = "、".join(h for h in header if h) or "（无）"
        return _fail(f"表头缺少这些列：{'、'.join(missing)}。找到的列：{found}。请使用网站提供的模板。")
    options = dict(options or {})
    chosen: list[readings_mod.Group] = []
    if tool == "hours":
        profile, chosen, errors = _hours_readings(profile, options)
        if errors:
            return {"ok": False, "errors": errors}
    result = RUNNERS[tool](profile, index, rows, options)
    if result.get("ok") is False:
        return result
    if chosen:
        result["readings"] = [{"title": g.title, "reading": g.chosen, "label": g.label(g.chosen), "by_user": g.by_user}
                              for g in chosen]
    result.update(ok=True, tool=tool, profile=profile_id, profile_title=profile.get("title"),
                  file={"sheet": sheet, "rows": len(rows), "warnings": list(warnings)})
    return result
