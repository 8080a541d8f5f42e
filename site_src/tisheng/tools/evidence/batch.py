"""材料自查 for a whole staff list: one row per teacher (counts and yes/no columns, never texts or files), a school
summary, and who is missing what. Read with ``tabular.read`` like every other list, exported as XLSX or CSV."""

from __future__ import annotations

import csv
import io
import unicodedata
from typing import Any

from ...core import snapshot
from ...io import tabular, xlsx
from ...io.signoff import as_sheet, sheets
from ..hours.batch import HOURS_COLUMNS
from . import evaluate, rules

FIXED = (("name", "姓名", ("教师姓名", "名字", "教师")), ("school", "学校", ("单位", "学校名称", "所在学校")),
         ("subject", "学科", ("任教学科", "科目")))
# Each field the check asks, as a column: (header, other names people write).
FIELD_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    **{c.key: (c.label, c.synonyms) for c in HOURS_COLUMNS if c.key in ("online", "practice")},
    "hours_done": ("已完成学时", ("完成学时", "学时")),  # read where a list has only the total; not in the template
    "packages": ("证据包个数", ("证据包", "证据包数")),
    "clip_minutes": ("课堂实录时长（分钟）", ("课堂实录时长", "视频时长", "实录时长")),
    "statement_chars": ("自述说明字数", ("说明字数", "自述字数")),
    "stages": ("阶段数", ("学校规定的阶段数",)),
    "peer_reviews": ("互评次数", ("互评", "评价他人次数")),
    "own_image": ("证据含本人影像", ("含本人影像", "本人影像")),
    "reviewed_first": ("提交前先评价他人", ("先评价他人", "先互评后提交")),
    "whiteboard": ("通过白板考核", ("白板考核", "电子白板考核")),
    "levels": ("证据等次", ("各证据等次",)),
}
SKIP = {"statements", "items"}  # pasted texts never come in a list; items are one column each
STATE = {"pass": "符合", "fail": "不符合", "incomplete": "未填完"}
MAX_LIST_ROWS = 50_000



def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").lower()


def columns(profile: dict[str, Any], reading: bool = True) -> list[tuple[str, str, tuple[str, ...]]]:
    """(input key, header, synonyms) for this document: the fixed three, then what its check asks (``reading``: also
    a total of hours, for a list that has no separate kinds)."""
    blank = evaluate(profile, {})
    out = list(FIXED)
    fields = list(blank.get("fields") or [])
    if reading and "online" in fields:
        fields.insert(fields.index("online"), "hours_done")
    for field in fields:
        field = "statement_chars" if field == "statements" else field  # a list carries counts, never the texts
        if field in FIELD_COLUMNS:
            header, syn = FIELD_COLUMNS[field]
            out.append((field, header, syn))
    for iid, _, _, _, short in rules.hand_in_items(profile.get("grading") or {}):
        out.append((f"item:{iid}", short, ()))
    return out


def template(profile_id: str) -> tuple[list[str], list[list[str]]]:
    profile = snapshot.profile(profile_id) or {}
    cols = columns(profile, reading=False)
    example = {"name": "张老师（示例）", "school": "某某小学", "subject": "语文", "online": "25", "practice": "25", "packages": "2",
               "clip_minutes": "6.5", "statement_chars": "320,305", "stages": "2", "peer_reviews": "3", "own_image": "是",
               "reviewed_first": "是", "whiteboard": "是", "levels": "优秀,合格"}
    return [h for _, h, _ in cols], [[example.get(k, "是" if k.startswith("item:") else "") for k, _, _ in cols]]


def run(profile_id: str, data: bytes, filename: str) -> dict[str, Any]:
    profile = snapshot.profile(profile_id)
    if profile is None:
        return {"ok": False, "errors": [{"field": "profile", "message": "请选择适用的政策文件。"}]}
    probe = evaluate(profile, {})
    if not probe.get("ok"):
        return {"ok": False, "errors": probe["errors"]}
    cols = columns(profile)
    names = {_key(n): k for k, h, syn in cols for n in (h, *syn)}
    table = tabular.read(data, filename, lambda cells: any(_key(c) in ("姓名", "教师姓名") for c in cells))
    if table.errors:
        return {"ok": False, "errors": [{"field": "file", "message": m} for m in table.errors]}
    if not table.header:
        return {"ok": False, "errors": [{"field": "file", "message": "没有找到表头：第一行应有“姓名”一列。请使用网站提供的模板。"}]}
    index = {names[_key(h)]: i for i, h in enumerate(table.header) if _key(h) in names}
    if len(table.rows) > MAX_LIST_ROWS:
        return {"ok": False, "errors": [{"field": "file", "message": f"名单超过 {MAX_LIST_ROWS} 行，请分校上传。"}]}
    result = _rows(profile, cols, index, table.rows)
    result.update(ok=True, tool="evidence", profile=profile_id, profile_title=profile.get("title"),
                  file={"sheet": table.sheet, "rows": len(table.rows), "warnings": list(table.warnings)},
                  unused=[h for h in table.header if h and _key(h) not in names])
    return result


def _cell(cells: list[str], index: dict[str, int], key: str) -> str:
    i = index.get(key)
    return cells[i].strip() if i is not None and i < len(cells) else ""


def _row_input(cells: list[str], index: dict[str, int], cols: list[tuple[str, str, tuple[str, ...]]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    done_items = []
    for key, header, _ in cols:
        value = _cell(cells, index, key)
        if key.startswith("item:"):
            if key in index and value:
                yes = value in ("是", "有", "已交", "已备齐", "1", "✓", "√", "yes", "y")
                if yes:
                    done_items.append(key[5:])
                elif value not in ("否", "无", "未交", "没有", "0", "×", "no", "n"):
                    data.setdefault("_bad", []).append(f"“{header}”只能填是或否")
        elif key not in ("name", "school", "subject") and value:
            data[key] = value
    if any(k.startswith("item:") and _cell(cells, index, k) for k, _, _ in cols):  # all blank: not answered
        data["items"] = done_items
    return data


def _rows(profile: dict[str, Any], cols: list[tuple[str, str, tuple[str, ...]]], index: dict[str, int],
          rows: list[tuple[int, list[str]]]) -> dict[str, Any]:
    header = [h for k, h, _ in cols if k in index or k in ("name", "school", "subject")]
    out_rows: list[list[Any]] = []
    bad: list[dict[str, Any]] = []
    missing_list: list[dict[str, Any]] = []
    schools: dict[str, dict[str, Any]] = {}
    people: list[tuple[str, list[Any]]] = []  # the sign-off sheet's rows
    labels = {k: h for k, h, _ in cols}
    for number, cells in rows:
        name, school = _cell(cells, index, "name"), _cell(cells, index, "school")
        if not any(c.strip() for c in cells):
            continue
        data = _row_input(cells, index, cols)
        problems: list[str] = data.pop("_bad", [])
        res = evaluate(profile, data) if not problems else {"ok": False, "errors": []}
        if not name:
            problems.append("没有填写姓名")
        if not res.get("ok") or problems:
            problems += [_field_label(e, labels) for e in res.get("errors") or []]
            bad.append({"row": number, "name": name, "school": school, "problems": problems})
            continue
        state = res["status"] if res["status"] == "fail" or res["complete"] else "incomplete"
        lacking = [x["label"] for x in res["checklist"] if x["state"] == "missing"]
        unanswered = [x["label"] for x in res["checklist"] if x["state"] == "ask"]
        shown = [_cell(cells, index, k) for k, _, _ in cols if k in index or k in ("name", "school", "subject")]
        out_rows.append([number, *shown, res["counts"]["done"], len(lacking), len(unanswered), STATE[state],
                         "；".join(lacking)])
        people.append((school, [name, _cell(cells, index, "subject"), STATE[state],
                                "；".join(lacking + ([f"另有 {len(unanswered)} 项未填"] if unanswered else []))]))
        if lacking or unanswered:
            missing_list.append({"name": name, "school": school, "missing": lacking, "unanswered": unanswered})
        s = schools.setdefault(school or "（未填学校）", {"school": school or "（未填学校）", "count": 0, "pass": 0,
                                                          "fail": 0, "incomplete": 0, "by_rule": {}})
        s["count"] += 1
        s[state] += 1
        for label in lacking:
            s["by_rule"][label] = s["by_rule"].get(label, 0) + 1
    return _assemble(header, out_rows, bad, missing_list, schools, profile, people)


def _field_label(error: dict[str, str], labels: dict[str, str]) -> str:
    key = str(error.get("field", "")).removeprefix("input.")
    col = labels.get(key)
    return f"{col}：{error['message']}" if col else error["message"]


def _assemble(header: list[str], rows: list[list[Any]], bad: list[dict[str, Any]], missing: list[dict[str, Any]],
              schools: dict[str, dict[str, Any]], profile: dict[str, Any],
              people: list[tuple[str, list[Any]]]) -> dict[str, Any]:
    counts = {k: sum(1 for r in rows if r[-2] == STATE[k]) for k in STATE}
    blank = evaluate(profile, {})
    basis = [{"text": x["label"], "source": x["source"], "inherited_from": x.get("inherited_from")}
             for x in blank["checklist"] if x["state"] == "ask"]
    return {"columns": ["行号", *header, "符合项数", "不符合项数", "未填项数", "结论", "缺什么"], "rows": rows,
            "bad_rows": bad, "missing": missing, "schools": [
                {**s, "by_rule": sorted(s["by_rule"].items(), key=lambda kv: (-kv[1], kv[0]))} for s in schools.values()],
            "summary": {"checked": len(rows), "pass": counts["pass"], "fail": counts["fail"],
                        "incomplete": counts["incomplete"], "bad": len(bad)},
            "rules": basis,
            "signoff": sheets("材料核对签名表", profile, ["姓名", "学科", "结论", "缺什么"], people,
                                  wide="缺什么") if rows else None}


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"):
        return "'" + value
    return value


def _school_rows(result: dict[str, Any]) -> list[list[Any]]:
    return [[s["school"], s["count"], s["pass"], s["fail"], s["incomplete"],
             "；".join(f"{label} {n} 人" for label, n in s["by_rule"]) or "无"] for s in result.get("schools", [])]


SCHOOL_HEADER = ["学校", "人数", "符合", "不符合", "未填完", "缺得最多的材料"]
MISSING_HEADER = ["学校", "姓名", "缺什么", "还没填"]


def to_csv(result: dict[str, Any]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(result.get("columns", []))
    w.writerows([[_safe(v) for v in r] for r in result.get("rows", [])])
    for title, head, body in _extra_sheets(result):
        w.writerows([[], [title], head, *[[_safe(v) for v in r] for r in body]])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _extra_sheets(result: dict[str, Any]) -> list[tuple[str, list[str], list[list[Any]]]]:
    missing = [[m["school"], m["name"], "；".join(m["missing"]) or "无", "；".join(m["unanswered"]) or "无"]
               for m in result.get("missing", [])]
    bad = [[b["row"], b["name"], "；".join(b["problems"])] for b in result.get("bad_rows", [])]
    basis = [[r["text"], r["source"].get("title", ""), r["source"].get("section", ""), r["source"].get("quote", "")]
             for r in result.get("rules", [])]
    return [("学校汇总", SCHOOL_HEADER, _school_rows(result)), ("谁缺什么", MISSING_HEADER, missing),
            ("问题行", ["行号", "姓名", "问题"], bad), ("依据", ["规则", "文件", "条款", "原文"], basis)]


def to_xlsx(result: dict[str, Any]) -> bytes:
    book: list[tuple[str, Any, Any, Any]] = [("材料自查", result.get("columns", []), result.get("rows", []), None)]
    book += [(title, head, body, None) for title, head, body in _extra_sheets(result)]
    if result.get("signoff"):
        book.insert(-1, as_sheet(result["signoff"]))  # before 依据, as on the other lists
    return xlsx.write(book)
