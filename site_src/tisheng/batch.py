"""Whole staff lists: a file in, every teacher's verdict out, the same in the browser (Pyodide) and the CLI.

Bad rows (no name, text in a number column, negative hours, a name twice) are listed with their row numbers
while every good row is still checked.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import snapshot, tabular, xlsx
from .model import fmt
from .tools import hours


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    synonyms: tuple[str, ...] = ()
    number: bool = False
    required: bool = False

    def names(self) -> tuple[str, ...]:
        return (self.label, *self.synonyms)


NAME = Column("name", "姓名", ("教师姓名", "名字", "教师", "name"), required=True)
SCHOOL = Column("school", "学校", ("单位", "学校名称", "所在学校", "school"))
SUBJECT = Column("subject", "学科", ("任教学科", "科目", "subject"))
HOURS_COLUMNS = (
    NAME, SCHOOL, SUBJECT,
    Column("online", "线上学时", ("线上研修学时", "线上研修", "网络研修学时", "网络研修", "线上", "online"), True, True),
    Column("practice", "实践学时", ("实践应用学时", "实践应用", "线下实践学时", "线下实践", "实践", "practice"), True, True),
    Column("centralized", "集中培训学时", ("集中培训", "集中学时", "centralized"), True),
)
MAX_NUMBER = 10000.0


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("（", "(").replace("）", ")").lower()


def header_test(columns: Sequence[Column]) -> Callable[[list[str]], bool]:
    wanted = {_norm(n) for n in NAME.names()}
    return lambda cells: any(_norm(c) in wanted for c in cells)


def map_header(header: list[str], columns: Sequence[Column]) -> tuple[dict[str, int], list[str]]:
    """Which cell holds which column; and the labels of required columns that are missing."""
    index: dict[str, int] = {}
    normalised = [_norm(h) for h in header]
    for col in columns:
        for name in col.names():
            if _norm(name) in normalised:
                index[col.key] = normalised.index(_norm(name))
                break
    missing = [col.label for col in columns if col.required and col.key not in index]
    return index, missing


def parse_number(text: str) -> float | None:
    """'25', '25.0', '２５', '25学时' → 25.0; anything else → None."""
    try:
        value = float(text)
        return value if value == value and abs(value) != float("inf") else None
    except ValueError:
        pass
    t = unicodedata.normalize("NFKC", text).strip().removesuffix("学时").removesuffix("小时").strip()
    try:
        value = float(t)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _fail(message: str) -> dict[str, Any]:
    return {"ok": False, "errors": [{"field": "file", "message": message}]}


def run(tool: str, profile_id: str, data: bytes, filename: str) -> dict[str, Any]:
    """Read an uploaded file and check every row. Never raises."""
    columns = COLUMNS.get(tool)
    if columns is None:
        return _fail(f"批量处理暂不支持工具“{tool}”。")
    table = tabular.read(data, filename, header_test(columns))
    if table.errors:
        return {"ok": False, "errors": [{"field": "file", "message": m} for m in table.errors]}
    return run_table(tool, profile_id, table.header, table.rows, table.warnings, sheet=table.sheet)


def run_path(tool: str, profile_id: str, path: str, filename: str) -> str:
    """The browser worker's call: the upload was written to Pyodide's file system; JSON comes back."""
    with open(path, "rb") as fh:
        data = fh.read()
    global _last
    _last = run(tool, profile_id, data, filename)
    return json.dumps(_last, ensure_ascii=False)


_last: dict[str, Any] = {}


def run_table(
    tool: str,
    profile_id: str,
    header: list[str],
    rows: Sequence[tuple[int, list[str]]],
    warnings: Sequence[str] = (),
    sheet: str | None = None,
) -> dict[str, Any]:
    profile = snapshot.profile(profile_id)
    if profile is None:
        return {"ok": False, "errors": [{"field": "profile", "message": f"未知的政策“{profile_id}”。"}]}
    columns = COLUMNS[tool]
    index, missing = map_header(header, columns)
    if missing:
        found = "、".join(h for h in header if h) or "（无）"
        return _fail(f"表头缺少这些列：{'、'.join(missing)}。找到的列：{found}。请使用网站提供的模板。")
    result = RUNNERS[tool](profile, index, rows)
    result.update(
        ok=True,
        tool=tool,
        profile=profile_id,
        profile_title=profile.get("title"),
        file={"sheet": sheet, "rows": len(rows), "warnings": list(warnings)},
    )
    return result


def _getter(index: dict[str, int], key: str) -> Callable[[list[str]], str]:
    i = index.get(key)
    if i is None:
        return lambda cells: ""
    return lambda cells: cells[i].strip() if i < len(cells) else ""


def _run_hours(profile: dict[str, Any], index: dict[str, int], rows: Sequence[tuple[int, list[str]]]) -> dict[str, Any]:
    checks = hours.compile_rules(profile.get("hours") or {})
    labels = {c.key: c.label for c in HOURS_COLUMNS}
    kinds = [(k, _getter(index, k), labels[k]) for k in ("online", "practice", "centralized") if k in index]
    get_name, get_school, get_subject = _getter(index, "name"), _getter(index, "school"), _getter(index, "subject")
    seen: dict[tuple[str, str], int] = {}
    out: list[list[Any]] = []
    bad: list[dict[str, Any]] = []
    for number, cells in rows:
        name = get_name(cells)
        school = get_school(cells)
        problems: list[str] = []
        if not name:
            problems.append("缺少姓名")
        amounts: dict[str, float] = {}
        for kind, get, label in kinds:
            text = get(cells)
            if not text:
                if kind != "centralized":
                    problems.append(f"缺少{label}")
                continue
            value = parse_number(text)
            if value is None:
                problems.append(f"{label}“{text[:20]}”不是数字")
            elif value < 0:
                problems.append(f"{label}不能为负数（{text}）")
            elif value > MAX_NUMBER:
                problems.append(f"{label} {text} 超出合理范围")
            else:
                amounts[kind] = value
        key = (school, name)
        if name and key in seen:
            problems.append(f"与第 {seen[key]} 行重名（同一学校），请核对是否重复录入")
        elif name:
            seen[key] = number
        if problems:
            bad.append({"row": number, "name": name, "problems": problems})
            continue
        total = sum(amounts.values())
        gaps = [(c, c.gap(amounts, total)) for c in checks]
        short = "；".join(c.shortfall_text(g) for c, g in gaps if g)
        out.append([number, name, school, get_subject(cells), amounts.get("online", 0.0),
                    amounts.get("practice", 0.0), amounts.get("centralized", 0.0), total,
                    "fail" if short else "pass", f"还差 {short}" if short else ""])
    passed = sum(1 for r in out if r[8] == "pass")
    need = max((c.need for c in checks if c.kind == "total"), default=50.0)
    top = int(max(need + 10, 60) // 10 * 10)
    categories = [f"{lo}–{lo + 9}" for lo in range(0, top, 10)] + [f"{top} 以上"]
    dist_pass, dist_fail = [0] * len(categories), [0] * len(categories)
    for r in out:
        slot = min(int(r[7] // 10), len(categories) - 1)
        (dist_pass if r[8] == "pass" else dist_fail)[slot] += 1
    return {
        "status": "pass" if out and passed == len(out) and not bad else "fail",
        "columns": ["行号", "姓名", "学校", "学科", "线上研修", "实践应用", "集中培训", "总学时", "结果", "说明"],
        "rows": out,
        "bad_rows": bad,
        "summary": {"checked": len(out), "pass": passed, "fail": len(out) - passed, "bad": len(bad),
                    "pass_rate": round(passed / len(out), 4) if out else 0.0},
        "chart": {"title": "总学时分布", "categories": categories, "pass": dist_pass, "fail": dist_fail},
        "rules": [{"rule": c.rule_id, "text": _rule_text(c), "source": c.rule.get("source", {}),
                   "inherited_from": c.rule.get("inherited_from")} for c in checks],
    }


def _rule_text(check: hours.Check) -> str:
    if check.kind == "ratio":
        return f"实践应用学时不少于总学时的 {fmt(check.need * 100)}%"
    label = "总学时" if check.kind == "total" else hours.KINDS[check.kind] + "学时"
    return f"{label}不少于 {fmt(check.need)}"


COLUMNS: dict[str, Sequence[Column]] = {"hours": HOURS_COLUMNS}
RUNNERS: dict[str, Callable[[dict[str, Any], dict[str, int], Sequence[tuple[int, list[str]]]], dict[str, Any]]] = {
    "hours": _run_hours,
}
STATUS_LABEL = {"pass": "达标", "fail": "未达标"}


def safe_cell(value: Any) -> Any:
    """Spreadsheet formula injection: text that starts like a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"):
        return "'" + value
    return value


def _export_rows(result: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    rows = [[*r[:8], STATUS_LABEL.get(r[8], r[8]), r[9]] for r in result.get("rows", [])]
    return list(result.get("columns", [])), rows


def to_csv(result: dict[str, Any]) -> bytes:
    """UTF-8 with BOM so that Excel and WPS open the Chinese text correctly."""
    header, rows = _export_rows(result)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(fmt(v) if isinstance(v, float) else v) for v in row])
    if result.get("bad_rows"):
        writer.writerow([])
        writer.writerow(["问题行", "姓名", "问题"])
        for b in result["bad_rows"]:
            writer.writerow([b["row"], safe_cell(b["name"]), safe_cell("；".join(b["problems"]))])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(result: dict[str, Any]) -> bytes:
    header, rows = _export_rows(result)
    bad = [[b["row"], b["name"], "；".join(b["problems"])] for b in result.get("bad_rows", [])]
    basis = [[r["text"], r["source"].get("title") or r["source"].get("doc", ""), r["source"].get("section", ""),
              r["source"].get("quote", ""), "沿用上级文件" if r.get("inherited_from") else "本文件"]
             for r in result.get("rules", [])]
    s = result.get("summary", {})
    basis += [[], ["政策", result.get("profile_title", "")], ["已检查", s.get("checked", 0)],
              ["达标", s.get("pass", 0)], ["未达标", s.get("fail", 0)], ["问题行", s.get("bad", 0)],
              ["达标率", f"{fmt(s.get('pass_rate', 0) * 100)}%"]]
    return xlsx.write([
        ("检查结果", header, rows, [6, 10, 18, 8, 9, 9, 9, 8, 8, 36]),
        ("问题行", ["行号", "姓名", "问题"], bad, [6, 12, 60]),
        ("依据", ["规则", "文件", "条款", "原文", "来源"], basis, [30, 36, 16, 40, 12]),
    ])


def export_last(fmt_: str) -> bytes:
    """The browser asks for a download of the list it checked last; the result never leaves the page."""
    return to_xlsx(_last) if fmt_ == "xlsx" else to_csv(_last)


def template(tool: str) -> tuple[list[str], list[list[Any]]]:
    """The downloadable staff-list template: the header the reader expects and two example rows."""
    if tool != "hours":
        raise ValueError(tool)
    return (["姓名", "学校", "学科", "线上学时", "实践学时"],
            [["张老师（示例）", "某某小学", "语文", 25, 25], ["李老师（示例）", "某某小学", "数学", 20, 30]])
