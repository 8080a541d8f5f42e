"""Whole staff lists: a file in, every teacher's verdict out, the same in the browser (Pyodide) and the CLI.

Bad rows (no name, text in a number column, negative hours, a name twice) are listed with their row numbers
while every good row is still checked.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import operator
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import readings as readings_mod
from . import snapshot, tabular, xlsx
from .model import fmt
from .tools import grade, hours


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
    """'25', '25.0', '２５', '25学时' → 25.0; anything else (also Python's own '2_5' and 7,000 digits) → None."""
    if "_" in text or len(text) > 64:
        return None
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


def run(tool: str, profile_id: str, data: bytes, filename: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Read an uploaded file and check every row. Never raises."""
    try:
        return _run(tool, profile_id, data, filename, options)
    except Exception:  # noqa: BLE001 - whatever a file holds, the page shows a Chinese sentence, never a traceback
        return _fail("检查这个文件时出现内部错误。请在 Excel/WPS 中打开它并重新另存为 .xlsx 或 CSV 后再试；"
                     "若仍出错，请把文件反馈给网站管理员。")


def _run(tool: str, profile_id: str, data: bytes, filename: str, options: dict[str, Any] | None) -> dict[str, Any]:
    columns = COLUMNS.get(tool)
    if columns is None:
        return _fail(f"批量处理暂不支持工具“{tool}”。")
    table = tabular.read(data, filename, header_test(columns))
    if table.errors:
        return {"ok": False, "errors": [{"field": "file", "message": m} for m in table.errors]}
    return run_table(tool, profile_id, table.header, table.rows, table.warnings, sheet=table.sheet, options=options)


def run_json(arg: str) -> str:
    """The browser's call when a batch page has options besides the file (the grade page's weights): JSON in,
    ``{"tool", "profile", "filename", "data": <base64>, "options": {...}}``; JSON out. Never raises."""
    global _last
    try:
        req = json.loads(arg)
        data = base64.b64decode(req.get("data") or "")
        options = req.get("options") if isinstance(req.get("options"), dict) else {}
        _last = run(str(req.get("tool")), str(req.get("profile")), data, str(req.get("filename") or ""), options)
    except (ValueError, TypeError, AttributeError):
        _last = _fail("无法读取上传的文件，请重新选择。")
    return json.dumps(_last, ensure_ascii=False)


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
    options: dict[str, Any] | None = None,
    profile: dict[str, Any] | None = None,  # a resolved profile not in the snapshot (tisheng.local)
) -> dict[str, Any]:
    profile = profile or snapshot.profile(profile_id)
    if profile is None:
        return {"ok": False, "errors": [{"field": "profile", "message": f"未知的政策“{profile_id}”。"}]}
    columns = COLUMNS[tool]
    if tool == "grade":
        if grade.mode(profile) is None:
            title = profile.get("short_title") or profile.get("title")
            return {"ok": False, "errors": [{"field": "profile", "message": f"《{title}》没有规定成绩计算办法，请选择其他文件。"}]}
        columns = grade_columns(profile)
    index, missing = map_header(header, columns)
    if missing:
        found = "、".join(h for h in header if h) or "（无）"
        return _fail(f"表头缺少这些列：{'、'.join(missing)}。找到的列：{found}。请使用网站提供的模板。")
    options = dict(options or {})
    chosen: list[readings_mod.Group] = []
    if tool == "hours":  # the grade runner passes its reading to the engine row by row
        errors: list[dict[str, str]] = []
        chosen = readings_mod.choose(profile, tool, {}, {"reading": options["reading"]} if options.get("reading")
                                     else {}, errors)
        if errors:
            return {"ok": False, "errors": errors}
        profile = readings_mod.apply(profile, chosen)
    result = RUNNERS[tool](profile, index, rows, options)
    if result.get("ok") is False:
        return result
    if chosen:
        result["readings"] = [{"title": g.title, "reading": g.chosen, "label": g.label(g.chosen), "by_user": g.by_user}
                              for g in chosen]
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


def _check_duplicate(seen: dict[tuple[str, str], int], school: str, name: str, number: int,
                     problems: list[str]) -> None:
    """The same name twice in one school is most often a row entered twice."""
    if not name:
        return
    if (school, name) in seen:
        problems.append(f"与第 {seen[(school, name)]} 行重名（同一学校），请核对是否重复录入")
    else:
        seen[(school, name)] = number


def _run_hours(profile: dict[str, Any], index: dict[str, int], rows: Sequence[tuple[int, list[str]]],
               options: dict[str, Any] | None = None) -> dict[str, Any]:
    checks = hours.compile_rules(profile.get("hours") or {})
    labels = {c.key: c.label for c in HOURS_COLUMNS}
    kinds = [(k, labels[k]) for k in ("online", "practice", "centralized") if k in index]
    # One C-level fetch of the columns a row needs; short rows (trailing empty cells) take the slow path.
    wanted = [index.get(k) for k in ("name", "school", "subject")] + [index[k] for k, _ in kinds]
    present = [i for i in wanted if i is not None]
    take = operator.itemgetter(*present, 0) if present else (lambda cells: ("",))

    def fields(cells: list[str]) -> list[str]:
        try:
            got = iter(take(cells))
        except IndexError:
            got = iter([cells[i] if i < len(cells) else "" for i in present])
        return [next(got).strip() if i is not None else "" for i in wanted]

    seen: dict[tuple[str, str], int] = {}
    verdicts: dict[tuple[float, float, float], tuple[float, str, str]] = {}
    numbers: dict[str, float | None] = {}
    out: list[list[Any]] = []
    bad: list[dict[str, Any]] = []
    for number, cells in rows:
        name, school, subject, *texts = fields(cells)
        problems: list[str] = []
        if not name:
            problems.append("缺少姓名")
        amounts: dict[str, float] = {}
        for (kind, label), text in zip(kinds, texts):
            if not text:
                if kind != "centralized":
                    problems.append(f"缺少{label}")
                continue
            value = numbers[text] if text in numbers else numbers.setdefault(text, parse_number(text))
            if value is None:
                problems.append(f"{label}“{text[:20]}”不是数字")
            elif value < 0:
                problems.append(f"{label}不能为负数（{text}）")
            elif value > MAX_NUMBER:
                problems.append(f"{label} {text} 超出合理范围")
            else:
                amounts[kind] = value
        _check_duplicate(seen, school, name, number, problems)
        if problems:
            bad.append({"row": number, "name": name, "problems": problems})
            continue
        online, practice, centralized = amounts.get("online", 0.0), amounts.get("practice", 0.0), \
            amounts.get("centralized", 0.0)
        hours_key = (online, practice, centralized)
        verdict = verdicts.get(hours_key)
        if verdict is None:  # staff lists repeat the same hours a lot: each combination is checked once
            total = online + practice + centralized
            short = "；".join(c.shortfall_text(g) for c in checks if (g := c.gap(amounts, total)))
            verdict = verdicts[hours_key] = (total, "fail" if short else "pass", f"还差 {short}" if short else "")
        out.append([number, name, school, subject, online, practice, centralized, *verdict])
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
        "status_col": 8,
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


# ---------------------------------------------------------------- grade
# Column names a school writes for each input of the grade tool; a component's own label (from data/) always works.
GRADE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "centralized": ("集中培训", "学校集中培训得分", "centralized"),
    "online": ("线上学习", "线上自主学习得分", "online"),
    "school_activities": ("校本研修", "校本研修活动得分", "school_activities"),
    "showcase": ("成果展示", "成果打磨展示得分", "showcase"),
    "peer": ("互评", "教师互评得分", "互评得分", "peer"),
    "leader": ("领导评价", "考核领导评价得分", "领导评价得分", "leader"),
    "late_submission": ("不按时上交资料次数", "迟交资料", "迟交次数", "late_submission"),
    "late": ("迟到", "培训迟到次数", "late"),
    "absent": ("旷到", "缺席次数", "旷到（缺席）次数", "absent"),
    "bonus": ("获奖加分", "加分分值", "bonus"),
    "own_image": ("证据含本人影像", "本人影像", "own_image"),
    "w_peer": ("互评权重", "w_peer"),
    "w_leader": ("领导评价权重", "考核领导评价权重", "w_leader"),
    "band": ("认证等次", "微能力点认证等次", "考核等次", "band"),
}
GRADE_LABELS = {"late_submission": "迟交资料次数", "late": "迟到次数", "absent": "旷到次数", "bonus": "加分",
                "own_image": "证据含本人影像", "w_peer": "互评权重", "w_leader": "领导评价权重", "band": "等次"}
GRADE_BAND_COLOURS = {"excellent": "#00703c", "pass": "#1d70b8", "fail": "#d4351c"}


def grade_columns(profile: dict[str, Any]) -> list[Column]:
    """The columns a staff list needs under this profile, read from its grading rules."""
    section = profile.get("grading") or {}
    how = grade.mode(profile)
    cols = [NAME, SCHOOL, SUBJECT]

    def col(key: str, label: str, required: bool, number: bool = True) -> Column:
        return Column(key, label, GRADE_SYNONYMS.get(key, (key,)), number, required)

    if how == "components":
        cols += [col(c["id"], c["label"], True) for c in section["components"]["value"]]
    elif how == "composition":
        parts = section["final_composition"]["value"]
        cols += [col(p["id"], p["label"], True) for p in parts]
        cols += [col(d["id"], GRADE_LABELS.get(d["id"], d["label"]), False)
                 for d in (section.get("deductions") or {}).get("value") or []]
        if section.get("bonus"):
            cols.append(col("bonus", GRADE_LABELS["bonus"], False))
        if any(r.get("id") == "own_image" for r in (section.get("evidence_rules") or {}).get("value") or []):
            cols.append(col("own_image", GRADE_LABELS["own_image"], False, False))
        if any(p.get("weight") is None for p in parts):
            cols += [col("w_peer", GRADE_LABELS["w_peer"], False), col("w_leader", GRADE_LABELS["w_leader"], False)]
    elif how == "given":
        cols.append(col("band", GRADE_LABELS["band"], True, False))
    return cols


def _grade_option_errors(profile: dict[str, Any], index: dict[str, int], options: dict[str, Any]) -> list[dict[str, str]]:
    """Page-level settings (weights, the 80 reading) checked once, before any row: errors name the page's fields."""
    how = grade.mode(profile)
    probe: dict[str, Any] = {k: v for k, v in options.items() if k in ("w_peer", "w_leader", "reading") and v != ""}
    if how == "composition":
        parts = profile["grading"]["final_composition"]["value"]
        if all(p.get("weight") is not None for p in parts) or ("w_peer" in index and "w_leader" in index):
            probe.pop("w_peer", None)
            probe.pop("w_leader", None)
        else:
            probe.setdefault("w_peer", "")
            probe.setdefault("w_leader", "")
        probe.update({p["id"]: 0 for p in parts})
    elif how == "components":
        probe.update({c["id"]: 0 for c in profile["grading"]["components"]["value"]})
    else:
        probe.pop("reading", None)
        probe["band"] = "pass"
    res = grade.evaluate(profile, probe)
    errors = res.get("errors") or []
    if how == "composition":
        for e in errors:
            if e["field"] in ("input.w_peer", "input.w_leader") and e["message"].startswith("请填写"):
                e["message"] += "文件没有规定两部分各占多少，请在上方填写（合计 100%），或在名单中加“互评权重”“领导评价权重”两列。"
    return errors


def _run_grade(profile: dict[str, Any], index: dict[str, int], rows: Sequence[tuple[int, list[str]]],
               options: dict[str, Any] | None = None) -> dict[str, Any]:
    options = {k: v for k, v in (options or {}).items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)}
    errors = _grade_option_errors(profile, index, options)
    if errors:
        return {"ok": False, "errors": errors}
    how = grade.mode(profile)
    cols = grade_columns(profile)
    inputs = [c for c in cols if c.key not in ("name", "school", "subject") and c.key in index]
    shown = [c for c in inputs if c.key not in ("w_peer", "w_leader", "band")]
    getters = [(c.key, _getter(index, c.key)) for c in inputs]
    get_name, get_school, get_subject = _getter(index, "name"), _getter(index, "school"), _getter(index, "subject")
    base = {k: options[k] for k in ("w_peer", "w_leader", "reading") if options.get(k) not in (None, "")}
    if how == "given":
        base = {}
    seen: dict[tuple[str, str], int] = {}
    out: list[list[Any]] = []
    bad: list[dict[str, Any]] = []
    graded: list[dict[str, Any]] = []
    for number, cells in rows:
        name, school = get_name(cells), get_school(cells)
        problems: list[str] = []
        if not name:
            problems.append("缺少姓名")
        data: dict[str, Any] = dict(base)
        for key, get in getters:
            text = get(cells)
            if text:
                data[key] = unicodedata.normalize("NFKC", text).removesuffix("分").removesuffix("次").strip() \
                    if key not in ("band", "own_image") else text
        res = grade.evaluate(profile, data, detail=False)
        if not res["ok"]:
            problems += [e["message"].rstrip("。") for e in res["errors"]]
        _check_duplicate(seen, school, name, number, problems)
        if problems:
            bad.append({"row": number, "name": name, "school": school, "problems": problems})
            continue
        values: list[Any] = []
        parsed = {p["id"]: p["score"] for p in res.get("components") or []}
        for c in shown:
            if c.key in parsed:
                values.append(parsed[c.key])
            elif c.key == "bonus":
                values.append(res.get("bonus", 0.0))
            elif c.key == "own_image":
                values.append("" if c.key not in data else ("是" if grade._yes_no(data[c.key]) else "否"))
            else:
                values.append((res.get("deductions") or {}).get(c.key, 0))
        notes = []
        if res["band"] != res.get("score_band") and res.get("score_band"):
            notes.append(res["summary"].split("（", 1)[-1].rstrip("）") if "（" in res["summary"] else "")
        if res.get("clamped"):
            notes.append(f"合计 {fmt(res['raw_score'])} 分，按 {'100' if res['clamped'] == 'high' else '0'} 分计")
        if any(n.get("at_boundary") for n in res.get("notes", [])):
            notes.append("80 分：文件两段重叠，按另一读法等次不同")
        row = [number, name, school, get_subject(cells), *values]
        if how != "given":
            row.append(res["score"])
        row += [res["band_label"], res["status"], "；".join(n for n in notes if n)]
        out.append(row)
        graded.append({"name": name, "school": school, "band": res["band"], "score": res.get("score"),
                       "subject": get_subject(cells), "row": number})
    columns = ["行号", "姓名", "学校", "学科", *[c.label for c in shown]]
    if how != "given":
        columns.append("成绩")
    columns += ["等次", "结果", "说明"]
    status_col = columns.index("结果")
    schools = grade.school_summary(profile, graded)
    for s in schools:
        s["bad"] = sum(1 for b in bad if b["school"] == s["school"])
    counts = {b: sum(1 for g in graded if g["band"] == b) for b in ("excellent", "pass", "fail")}
    n = len(graded)
    passed = counts["excellent"] + counts["pass"]
    school_ok = all(s["status"] == "pass" for s in schools)
    return {
        "status": "pass" if out and passed == n and not bad and school_ok else "fail",
        "columns": columns,
        "rows": out,
        "status_col": status_col,
        "status_labels": {"pass": "通过", "fail": "未通过"},
        "fixed_cols": [columns.index("成绩")] if "成绩" in columns else [],
        "bad_rows": bad,
        "summary": {"checked": n, "pass": passed, "fail": counts["fail"], "bad": len(bad),
                    "excellent": counts["excellent"], "pass_only": counts["pass"],
                    "pass_rate": round(passed / n, 4) if n else 0.0,
                    "excellent_rate": round(counts["excellent"] / n, 4) if n else 0.0},
        "stats": [["人数", n], ["优秀", counts["excellent"]], ["合格", counts["pass"]], ["不合格", counts["fail"]],
                  ["问题行", len(bad)], ["合格率", f"{fmt(passed / n * 100) if n else 0}%"],
                  ["优秀率", f"{fmt(counts['excellent'] / n * 100) if n else 0}%"]],
        "verdict": {"pass": "✔ 全部合格，学校层面的要求也都符合", "fail": "✘ 有教师不合格、有问题行，或学校层面的要求未达到"},
        "export_name": "成绩",
        "chart": _grade_chart(graded, how),
        "schools": schools,
        "rules": _grade_rules(profile, options),
        "signoff": _signoff(profile, graded),
        "options": base,
    }


def _grade_chart(graded: list[dict[str, Any]], how: str | None) -> dict[str, Any]:
    labels = grade.BAND_LABELS
    if how == "given":
        categories = [labels[b] for b in ("excellent", "pass", "fail")]
        series = [{"name": labels[b], "color": GRADE_BAND_COLOURS[b],
                   "data": [sum(1 for g in graded if g["band"] == b) if i == j else 0 for j in range(3)]}
                  for i, b in enumerate(("excellent", "pass", "fail"))]
        return {"title": "等次分布", "categories": categories, "series": series, "x_name": "等次", "unit": ""}
    categories = [f"{lo}–{lo + 9}" for lo in range(0, 90, 10)] + ["90–100"]
    series = []
    for b in ("excellent", "pass", "fail"):
        data = [0] * 10
        for g in graded:
            if g["band"] == b:
                data[min(int(g["score"] // 10), 9)] += 1
        series.append({"name": labels[b], "color": GRADE_BAND_COLOURS[b], "data": data})
    return {"title": "成绩分布", "categories": categories, "series": series, "x_name": "分数", "unit": " 分"}


def _grade_rules(profile: dict[str, Any], options: dict[str, Any]) -> list[dict[str, Any]]:
    section = profile.get("grading") or {}
    out: list[dict[str, Any]] = []

    def add(key: str, text: str, rule: dict[str, Any] | None) -> None:
        if rule:
            out.append({"rule": f"grade.{key}", "text": text, "source": grade.cite(rule),
                        "inherited_from": rule.get("inherited_from")})

    for c in (section.get("components") or {}).get("value") or []:
        add(f"components.{c['id']}", f"{c['label']}占 {fmt(c['weight'] * 100)}%", {"source": c.get("source")})
    if section.get("final_composition"):
        rule = section["final_composition"]
        names = "、".join(p["label"] for p in rule["value"])
        ws = ""
        if options.get("w_peer") not in (None, "") and options.get("w_leader") not in (None, ""):
            ws = f"；权重由使用者填写：互评 {options['w_peer']}、领导评价 {options['w_leader']}"
        add("final_composition", f"最终成绩由{names}构成（文件未给权重{ws}）", rule)
    for d in (section.get("deductions") or {}).get("value") or []:
        add(f"deductions.{d['id']}", f"{d['label']}{d['per']}{fmt(d['points'])} 分", {"source": d.get("source")})
    if section.get("bonus"):
        add("bonus", "获奖加分按学校绩效考核方案，由名单“加分”一列填写", section["bonus"])
    bands = section.get("bands")
    if bands:
        text = "；".join(f"{b['label']}：{grade.band_range(b)}" for b in bands["value"])
        add("bands", "等次分数线" + ("（借用 x县某校方案）" if bands.get("borrowed_from") else "") + f"：{text}", bands)
    for key, what in (("school_pass_rate_min", "各校培训合格率不低于"), ("school_excellent_rate_max", "各校优秀率不超过")):
        if section.get(key):
            add(key, f"{what} {fmt(section[key]['value'] * 100)}%", section[key])
    return out


def _sign_rules(profile: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    """The sign-off rules (seed 000 (a) 二3、4): this profile's own, or the document that states them."""
    def find(prof: dict[str, Any]) -> list[dict[str, Any]]:
        rules = ((prof.get("grading") or {}).get("evidence_rules") or {}).get("value") or []
        return [r for r in rules if r.get("id") in ("sign_results", "unsigned_valid")]

    own = find(profile)
    if own:
        return own, None
    for pid in snapshot.profile_ids():
        other = snapshot.profile(pid) or {}
        found = find(other)
        if found:
            return found, str(other.get("short_title") or other.get("title") or pid)
    return [], None


def _signoff(profile: dict[str, Any], graded: list[dict[str, Any]]) -> dict[str, Any]:
    rules, borrowed = _sign_rules(profile)
    schools: dict[str, list[list[Any]]] = {}
    for g in graded:
        rows = schools.setdefault(g["school"], [])
        score = "" if g.get("score") is None else grade.show(g["score"])
        rows.append([len(rows) + 1, g["name"], g.get("subject", ""), score, grade.BAND_LABELS[g["band"]], "", ""])
    note = "；".join(r["rule"] for r in rules) + "。" if rules else ""
    if borrowed:
        note = f"本文件未写签名要求，签名表参照《{borrowed}》：" + note
    return {
        "title": "考核结果签名表",
        "profile_title": profile.get("title"),
        "columns": ["序号", "姓名", "学科", "成绩", "等次", "教师签名", "日期"],
        "schools": [{"school": s or "（未填学校）", "rows": r} for s, r in schools.items()],
        "note": note,
        "sources": [grade.cite(r) for r in rules],
    }


COLUMNS: dict[str, Sequence[Column]] = {
    "hours": HOURS_COLUMNS,
    # Every column any profile's grade list may have; run_table narrows it to the chosen profile's.
    "grade": (NAME, SCHOOL, SUBJECT, *(Column(k, GRADE_LABELS.get(k, k), v) for k, v in GRADE_SYNONYMS.items())),
}
RUNNERS: dict[str, Callable[..., dict[str, Any]]] = {
    "hours": _run_hours,
    "grade": _run_grade,
}
STATUS_LABEL = {"pass": "达标", "fail": "未达标"}


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
        return grade.show(value) if fixed else fmt(value)
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
        writer.writerow(["学校", "人数", "优秀", "合格", "不合格", "合格率", "优秀率", "学校层面检查"])
        for s in result["schools"]:
            writer.writerow([safe_cell(s["school"]), s["count"], s["excellent"], s["pass"], s["fail"],
                             f"{fmt(s['pass_rate'] * 100)}%", f"{fmt(s['excellent_rate'] * 100)}%",
                             safe_cell(" ".join(c["message"] for c in s["checks"]))])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(result: dict[str, Any]) -> bytes:
    header, rows = _export_rows(result)
    bad = [[b["row"], b["name"], "；".join(b["problems"])] for b in result.get("bad_rows", [])]
    basis = [[r["text"], r["source"].get("title") or r["source"].get("doc", ""), r["source"].get("section", ""),
              r["source"].get("quote", ""), "沿用上级文件" if r.get("inherited_from") else "本文件"]
             for r in result.get("rules", [])]
    s = result.get("summary", {})
    if result.get("stats"):
        basis += [[], ["政策", result.get("profile_title", "")], *[[k, v] for k, v in result["stats"]]]
    else:
        basis += [[], ["政策", result.get("profile_title", "")], ["已检查", s.get("checked", 0)],
                  ["达标", s.get("pass", 0)], ["未达标", s.get("fail", 0)], ["问题行", s.get("bad", 0)],
                  ["达标率", f"{fmt(s.get('pass_rate', 0) * 100)}%"]]
    if result.get("tool") == "grade":
        widths = [6, 10, 18, 8, *[10] * (len(header) - 5), 36]
    else:
        widths = [6, 10, 18, 8, 9, 9, 9, 8, 8, 36]
    sheets: list[tuple[str, Sequence[str], Sequence[Sequence[Any]], Sequence[int] | None]] = [
        ("检查结果" if result.get("tool") != "grade" else "成绩", header, rows, widths),
        ("问题行", ["行号", "姓名", "问题"], bad, [6, 12, 60]),
    ]
    if result.get("schools"):
        sheets.append(("学校汇总", ["学校", "人数", "优秀", "合格", "不合格", "合格率", "优秀率", "学校层面检查"],
                       [[x["school"], x["count"], x["excellent"], x["pass"], x["fail"], f"{fmt(x['pass_rate'] * 100)}%",
                         f"{fmt(x['excellent_rate'] * 100)}%", "\n".join(c["message"] for c in x["checks"]) or "（本文件未规定）"]
                        for x in result["schools"]], [18, 6, 6, 6, 6, 8, 8, 60]))
    if result.get("signoff"):
        so = result["signoff"]
        sign_rows: list[list[Any]] = []
        for sch in so["schools"]:
            sign_rows += [[sch["school"], *r] for r in sch["rows"]]
        sheets.append(("签名表", ["学校", *so["columns"]], sign_rows, [18, 6, 10, 8, 8, 8, 16, 12]))
    sheets.append(("依据", ["规则", "文件", "条款", "原文", "来源"], basis, [30, 36, 16, 40, 12]))
    return xlsx.write(sheets)


def export_last(fmt_: str) -> bytes:
    """The browser asks for a download of the list it checked last; the result never leaves the page."""
    return to_xlsx(_last) if fmt_ == "xlsx" else to_csv(_last)


def template(tool: str) -> tuple[list[str], list[list[Any]]]:
    """The downloadable staff-list template: the header the reader expects and example rows."""
    if tool == "hours":
        return (["姓名", "学校", "学科", "线上学时", "实践学时"],
                [["张老师（示例）", "某某小学", "语文", 25, 25], ["李老师（示例）", "某某小学", "数学", 20, 30]])
    if tool == "grade":
        # One template for every profile that grades: fill the columns your document uses, leave or delete the rest.
        header = ["姓名", "学校", "学科", "学校集中培训", "线上自主学习", "校本研修活动", "成果打磨展示",
                  "教师互评", "考核领导评价", "迟交资料次数", "迟到次数", "旷到次数", "加分", "证据含本人影像", "等次"]
        return (header, [
            ["张老师（示例：XX学校方案填四个环节）", "某某小学", "语文", 90, 85, 80, 88, "", "", "", "", "", "", "", ""],
            ["李老师（示例：x县某校方案填互评、领导评价等）", "某某小学", "数学", "", "", "", "", 85, 90, 0, 1, 0, 2, "是", ""],
            ["王老师（示例：开原只填等次）", "某某小学", "英语", "", "", "", "", "", "", "", "", "", "", "", "合格"],
        ])
    raise ValueError(tool)
