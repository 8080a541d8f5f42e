"""The grade runner: every teacher's score and band by the profile's grading rules, and each school's checks."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from ...core.model import fmt
from .. import grade as engine
from ...io.roster import Column, check_duplicate, getter
from .columns import grade_columns
from .bands import lender_title
from .signoff import signoff

BAND_COLOURS = {"excellent": "#00703c", "pass": "#1d70b8", "fail": "#d4351c"}
BANDS = ("excellent", "pass", "fail")


def option_errors(profile: dict[str, Any], index: dict[str, int], options: dict[str, Any]) -> list[dict[str, str]]:
    """Page-level settings (weights, the 80 reading) checked once, before any row: errors name the page's fields."""
    how = engine.mode(profile)
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
    res = engine.evaluate(profile, probe)
    errors = res.get("errors") or []
    if how == "composition":
        for e in errors:
            if e["field"] in ("input.w_peer", "input.w_leader") and e["message"].startswith("请填写"):
                e["message"] += "文件没有规定两部分各占多少，请在上方填写（合计 100%），或在名单中加“互评权重”“领导评价权重”两列。"
    return errors


class _Sheet:
    """How one profile's list is read: which inputs there are, which are shown, the values every row starts from."""

    def __init__(self, profile: dict[str, Any], index: dict[str, int], options: dict[str, Any]) -> None:
        self.how = engine.mode(profile)
        inputs = [c for c in grade_columns(profile) if c.key not in ("name", "school", "subject") and c.key in index]
        self.shown: list[Column] = [c for c in inputs if c.key not in ("w_peer", "w_leader", "band")]
        self.getters = [(c.key, getter(index, c.key)) for c in inputs]
        self.name, self.school, self.subject = getter(index, "name"), getter(index, "school"), getter(index, "subject")
        base = {k: options[k] for k in ("w_peer", "w_leader", "reading") if options.get(k) not in (None, "")}
        self.base = {} if self.how == "given" else base

    def data(self, cells: list[str]) -> dict[str, Any]:
        data: dict[str, Any] = dict(self.base)
        for key, get in self.getters:
            text = get(cells)
            if text:
                data[key] = unicodedata.normalize("NFKC", text).removesuffix("分").removesuffix("次").strip() \
                    if key not in ("band", "own_image") else text
        return data

    def values(self, res: dict[str, Any], data: dict[str, Any]) -> list[Any]:
        """The shown columns' values as the engine read them."""
        values: list[Any] = []
        parsed = {p["id"]: p["score"] for p in res.get("components") or []}
        for c in self.shown:
            if c.key in parsed:
                values.append(parsed[c.key])
            elif c.key == "bonus":
                values.append(res.get("bonus", 0.0))
            elif c.key == "own_image":
                values.append("" if c.key not in data else ("是" if engine._yes_no(data[c.key]) else "否"))
            else:
                values.append((res.get("deductions") or {}).get(c.key, 0))
        return values

    def columns(self) -> list[str]:
        columns = ["行号", "姓名", "学校", "学科", *[c.label for c in self.shown]]
        if self.how != "given":
            columns.append("成绩")
        return columns + ["等次", "结果", "说明"]


def _notes(res: dict[str, Any]) -> str:
    notes = list(res.get("reasons") or [])  # the same words as the single check: an invalid piece of evidence, an area
    if res.get("clamped"):
        notes.append(f"合计 {fmt(res['raw_score'])} 分，按 {'100' if res['clamped'] == 'high' else '0'} 分计")
    if any(n.get("at_boundary") for n in res.get("notes", [])):
        notes.append("80 分：文件两段重叠，按另一读法等次不同")
    return "；".join(n for n in notes if n)


def run(profile: dict[str, Any], index: dict[str, int], rows: Sequence[tuple[int, list[str]]],
        options: dict[str, Any] | None = None) -> dict[str, Any]:
    options = {k: v for k, v in (options or {}).items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)}
    errors = option_errors(profile, index, options)
    if errors:
        return {"ok": False, "errors": errors}
    sheet = _Sheet(profile, index, options)
    seen: dict[tuple[str, str], int] = {}
    out: list[list[Any]] = []
    bad: list[dict[str, Any]] = []
    graded: list[dict[str, Any]] = []
    for number, cells in rows:
        name, school = sheet.name(cells), sheet.school(cells)
        problems: list[str] = [] if name else ["缺少姓名"]
        data = sheet.data(cells)
        res = engine.evaluate(profile, data, detail=False)
        if not res["ok"]:
            problems += [e["message"].rstrip("。") for e in res["errors"]]
        check_duplicate(seen, school, name, number, problems)
        if problems:
            bad.append({"row": number, "name": name, "school": school, "problems": problems})
            continue
        row = [number, name, school, sheet.subject(cells), *sheet.values(res, data)]
        if sheet.how != "given":
            row.append(res["score"])
        state = "open" if res.get("decided") is False else res["status"]  # a reading that draws no lines
        out.append([*row, res["band_label"], state, _notes(res)])
        graded.append({"name": name, "school": school, "band": res["band"], "band_label": res["band_label"],
                       "score": res.get("score") if sheet.how != "given" else None,
                       "subject": sheet.subject(cells), "row": number})
    return _result(profile, options, sheet, out, bad, graded)


def _result(profile: dict[str, Any], options: dict[str, Any], sheet: _Sheet, out: list[list[Any]],
            bad: list[dict[str, Any]], graded: list[dict[str, Any]]) -> dict[str, Any]:
    columns = sheet.columns()
    label = _band_words(profile, graded)
    schools = engine.school_summary(profile, graded)
    for s in schools:
        s["bad"] = sum(1 for b in bad if b["school"] == s["school"])
    counts = {b: sum(1 for g in graded if g["band"] == b) for b in BANDS}
    n = len(graded)
    passed = counts["excellent"] + counts["pass"]
    open_ = sum(1 for g in graded if g["band"] is None)  # scored, 等次 left to the school's own lines
    school_ok = all(s["status"] == "pass" for s in schools)
    return {
        "status": "pass" if out and passed + open_ == n and not bad and school_ok else "fail",
        "columns": columns,
        "rows": out,
        "status_col": columns.index("结果"),
        "status_labels": {"pass": "通过", "fail": "未通过", "open": "等次由学校定"},
        "fixed_cols": [columns.index("成绩")] if "成绩" in columns else [],
        "bad_rows": bad,
        "summary": {"checked": n, "pass": passed, "fail": counts["fail"], "bad": len(bad),
                    "excellent": counts["excellent"], "pass_only": counts["pass"],
                    "pass_rate": round(passed / n, 4) if n else 0.0,
                    "excellent_rate": round(counts["excellent"] / n, 4) if n else 0.0},
        "stats": [["人数", n], *([["只算总分、等次由学校定", open_]] if open_ else [[label(b), counts[b]] for b in BANDS]),
                  ["问题行", len(bad)],
                  [label("pass") + "率", f"{fmt(passed / n * 100) if n else 0}%"],
                  [label("excellent") + "率", f"{fmt(counts['excellent'] / n * 100) if n else 0}%"]],
        "verdict": {"pass": "○ 已算出每人的总分；没有分数线，等次请按学校自己的规定定" if open_ == n and n else
                    "✔ 全部合格，学校层面的要求也都符合", "fail": "✘ 有教师不合格、有问题行，或学校层面的要求未达到"},
        "export_name": "成绩",
        "chart": _chart(graded, sheet.how),
        "schools": schools,
        "rules": _rules(profile, options),
        "signoff": signoff(profile, graded, scored=sheet.how != "given"),
        "options": sheet.base,
    }


def _band_words(profile: dict[str, Any], graded: list[dict[str, Any]]) -> Callable[[str], str]:
    """A band's name as the document writes it: as the rows were graded, else its own bands', else the vocabulary's."""
    own = {b.get("band"): b.get("label") for b in ((profile.get("grading") or {}).get("bands") or {}).get("value") or []
           if isinstance(b, dict)}
    own.update({g["band"]: g["band_label"] for g in reversed(graded)})
    return lambda band: own.get(band) or engine.BAND_LABELS[band]


def _chart(graded: list[dict[str, Any]], how: str | None) -> dict[str, Any]:
    labels = engine.BAND_LABELS
    if how == "given":
        categories = [labels[b] for b in BANDS]
        series = [{"name": labels[b], "color": BAND_COLOURS[b],
                   "data": [sum(1 for g in graded if g["band"] == b) if i == j else 0 for j in range(3)]}
                  for i, b in enumerate(BANDS)]
        return {"title": "等次分布", "categories": categories, "series": series, "x_name": "等次", "unit": ""}
    categories = [f"{lo}–{lo + 9}" for lo in range(0, 90, 10)] + ["90–100"]
    series = []
    for b in (*BANDS, None):
        data = [0] * 10
        for g in graded:
            if g["band"] == b:
                data[min(int(g["score"] // 10), 9)] += 1
        if b is not None or any(data):
            series.append({"name": labels[b] if b else "等次由学校定", "color": BAND_COLOURS.get(b or "", "#505a5f"),
                           "data": data})
    return {"title": "成绩分布", "categories": categories, "series": series, "x_name": "分数", "unit": " 分"}


def _rules(profile: dict[str, Any], options: dict[str, Any]) -> list[dict[str, Any]]:
    section = profile.get("grading") or {}
    out: list[dict[str, Any]] = []

    def add(key: str, text: str, rule: dict[str, Any] | None) -> None:
        if rule:
            out.append({"rule": f"grade.{key}", "text": text, "source": engine.cite(rule),
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
    if bands and not bands.get("value"):
        add("bands", "文件没有等次分数线：只算总分，等次按学校自己的规定", bands)
    elif bands:
        text = "；".join(f"{b['label']}：{engine.band_range(b)}" for b in bands["value"])
        add("bands", "等次分数线" + (f"（借用《{lender_title(bands)}》的分数线）" if bands.get("borrowed_from") else "") + f"：{text}", bands)
    for key, what in (("school_pass_rate_min", "各校培训合格率不低于"), ("school_excellent_rate_max", "各校优秀率不超过")):
        if section.get(key):
            add(key, f"{what} {fmt(section[key]['value'] * 100)}%", section[key])
    return out
