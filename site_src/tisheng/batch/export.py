"""A checked list as the school downloads it: CSV (UTF-8 with BOM) or XLSX with the problem rows, school summary,
sign-off sheet and the rules' sources. Built from the result alone, so the page can pass back what it was shown."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from ..io import xlsx
from ..io.signoff import as_sheet
from ..core.model import fmt
from ..tools import grade as engine
from ..tools.hours.batch import STATUS_LABELS as STATUS_LABEL  # a result without its own words is an hours list's

SCHOOL_HEADER = ["学校", "人数", "优秀", "合格", "不合格", "合格率", "优秀率", "学校层面检查"]
Sheet = tuple[str, Sequence[str], Sequence[Sequence[Any]], Sequence[int] | None]


def safe_cell(value: Any) -> Any:
    """Spreadsheet formula injection: text that starts like a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"):
        return "'" + value
    return value


def _export_rows(result: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    col = int(result.get("status_col", 8))
    labels = result.get("status_labels") or STATUS_LABEL
    rows = [[*r[:col], labels.get(r[col], r[col]), *r[col + 1:]] for r in result.get("rows", [])]
    return list(result.get("columns", [])), rows


def _csv_value(value: Any, fixed: bool) -> Any:
    if isinstance(value, float):
        return engine.show(value) if fixed else fmt(value)
    return safe_cell(value)


def to_csv(result: dict[str, Any]) -> bytes:
    """UTF-8 with BOM so that Excel and WPS open the Chinese text correctly."""
    header, rows = _export_rows(result)
    fixed = set(result.get("fixed_cols") or [])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_value(v, i in fixed) for i, v in enumerate(row)])
    if result.get("bad_rows"):
        writer.writerow([])
        writer.writerow(["问题行", "姓名", "问题"])
        for b in result["bad_rows"]:
            writer.writerow([b["row"], safe_cell(b["name"]), safe_cell("；".join(b["problems"]))])
    if result.get("schools"):
        writer.writerow([])
        writer.writerow(SCHOOL_HEADER)
        for s in result["schools"]:
            writer.writerow([safe_cell(s["school"]), s["count"], s["excellent"], s["pass"], s["fail"],
                             f"{fmt(s['pass_rate'] * 100)}%", f"{fmt(s['excellent_rate'] * 100)}%",
                             safe_cell(" ".join(c["message"] for c in s["checks"]))])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _basis(result: dict[str, Any]) -> list[list[Any]]:
    """The 依据 sheet: each rule with its document, section and quote; then the figures."""
    basis = [[r["text"], r["source"].get("title", ""), r["source"].get("section", ""),
              r["source"].get("quote", ""), "沿用上级文件" if r.get("inherited_from") else "本文件"]
             for r in result.get("rules", [])]
    s = result.get("summary", {})
    if result.get("stats"):
        basis += [[], ["政策", result.get("profile_title", "")], *[[k, v] for k, v in result["stats"]]]
    else:
        basis += [[], ["政策", result.get("profile_title", "")], ["已检查", s.get("checked", 0)],
                  ["达标", s.get("pass", 0)], ["未达标", s.get("fail", 0)], ["问题行", s.get("bad", 0)],
                  ["达标率", f"{fmt(s.get('pass_rate', 0) * 100)}%"]]
    return basis


def _school_sheet(schools: list[dict[str, Any]]) -> Sheet:
    rows = [[x["school"], x["count"], x["excellent"], x["pass"], x["fail"], f"{fmt(x['pass_rate'] * 100)}%",
             f"{fmt(x['excellent_rate'] * 100)}%", "\n".join(c["message"] for c in x["checks"]) or "（本文件未规定）"]
            for x in schools]
    return ("学校汇总", SCHOOL_HEADER, rows, [18, 6, 6, 6, 6, 8, 8, 60])


def to_xlsx(result: dict[str, Any]) -> bytes:
    header, rows = _export_rows(result)
    bad = [[b["row"], b["name"], "；".join(b["problems"])] for b in result.get("bad_rows", [])]
    widths = [6, 10, 18, 8, *[10 if result.get("tool") == "grade" else 9] * (len(header) - 5), 36]
    sheets: list[Sheet] = [
        ("检查结果" if result.get("tool") != "grade" else "成绩", header, rows, widths),
        ("问题行", ["行号", "姓名", "问题"], bad, [6, 12, 60]),
    ]
    if result.get("schools"):
        sheets.append(_school_sheet(result["schools"]))
    if result.get("signoff"):
        sheets.append(as_sheet(result["signoff"]))
    sheets.append(("依据", ["规则", "文件", "条款", "原文", "来源"], _basis(result), [30, 36, 16, 40, 12]))
    return xlsx.write(sheets)
