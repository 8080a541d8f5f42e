"""What a rule requires, in words: a formatter per rule kind (section, key), looked up in a table, and the generic
forms for numbers, dates, ranges and lists that every other rule takes.

A formatter receives the guide, the rule's context and its value and returns the text, or None to leave the value
to the generic forms (a formatter for a mapping given a list, say). ``FORMATTERS`` says when each applies, in the
order ``describe`` tries them: ``word`` (a value that is one word of the data), ``shape`` (a value with a
structure of their own), ``bands`` (after the {min, max} range form), and, after the one-line forms the comparison
uses (``BRIEF_ITEMS``), ``detail`` (the full lists on a document's page).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from tisheng.core.model import required

from .text import DATE_RE, date_zh, esc, is_num, num, pct, span, ul


@dataclass
class Ask:
    """One rule being put into words."""
    section: str
    key: str
    rule: dict[str, Any]
    pid: str | None
    this_doc: str | None
    brief: bool
    unit: str
    cat: dict[str, Any]


Formatter = Callable[[Any, Ask, Any], "str | None"]


# ---------- values that are one word of the data


def _basis(g: Any, a: Ask, v: str) -> str:
    return esc(g.vocab.value_words.get(v, v))


def _table(g: Any, a: Ask, v: str) -> str:
    return "见下方任务表" if not a.brief else "有（见文件页）"




# ---------- values with a structure of their own


def _shares(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, dict):
        return None
    return "；".join(f"{esc(y)}年 {pct(s)}" for y, s in v.items())


def _table_totals(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, dict):
        return None
    parts = [f"教师 {num(v['teachers'])}人"] if "teachers" in v else []
    parts += [f"{esc(y)}年 {num(n)}人" for y, n in v.items() if y != "teachers"]
    return "；".join(parts)


def _pilot(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, dict):
        return None
    head = f"{num(v.get('year'))}年：" if v.get("year") is not None else ""
    if isinstance(v.get("groups"), list):
        groups = [f"{esc(x.get('name_simplified') or x.get('name'))} {num(x.get('teachers'))}人" for x in v["groups"]]
        return head + "、".join(groups)
    return head + "、".join(f"{esc(g.vocab.value_keys.get(k, k))} {num(x)}所" for k, x in g.ordered(v) if k != "year")


def _age_rules(g: Any, a: Ask, v: Any) -> str:
    own_items = (g.profiles.get(a.pid or "") or {}).get("points", {}).get("items")
    return g.age_rules(v) + ("（按文件自己的编号计项）" if own_items else "")


def _items(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, list):
        return None
    title = esc(a.rule.get("list_title") or "文件的编号")
    pairs = [f"{esc(i.get('item'))} → {'、'.join(esc(c) for c in i.get('codes') or [])}" for i in v]
    return f"{len(v)}项（{title}）：" + "；".join(pairs) + "。个数规则都按这些项计"


def _windows(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, list):
        return None
    out = []
    for w in v:
        when = (f"{date_zh(w['start'])}至{date_zh(w['end'])}" if w.get("start") and w.get("end")
                else f"{date_zh(w['end'])}前" if w.get("end") else f"{date_zh(w['start'])}起")
        how = "须在此期间完成" if w.get("binding") else "此后的记录只作提醒"
        out.append(f"{esc(w.get('label') or '')}：{when}（{how}）")
    return "；".join(out)


def _school_range(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, list):
        return None
    names = {p.get("code"): p.get("name") for p in a.cat.get("points") or []}
    if a.brief:
        return "、".join(esc(c) for c in v)
    items = [f"{esc(c)} {esc(names[c]) if names.get(c) else span('tg-open', '名称待核对')}" for c in v]
    return "、".join(items) + "（" + g.link("见能力点目录", "guide/catalog.md") + "）"


def _environments(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, list):
        return None
    return "、".join(g.env_label(e, a.cat) for e in v)


def _counts(unit: str, blank: Callable[[], str]) -> Formatter:
    """A mapping of counts (classrooms by kind, teachers by group), each with its unit or a blank mark."""
    def fmt(g: Any, a: Ask, v: Any) -> str | None:
        if not isinstance(v, dict):
            return None
        return "；".join(f"{esc(g.vocab.value_keys.get(k, k))} {num(n) + unit if n is not None else blank()}"
                        for k, n in g.ordered(v))
    return fmt


def _bands(g: Any, a: Ask, v: Any) -> str:
    return str(g.bands(v))




# ---------- one line for the comparison


def _weighted(i: dict[str, Any]) -> str:
    return f"{esc(i.get('label'))} {pct(i.get('weight'))}"


def _final_weight(i: dict[str, Any]) -> str:
    return f"{esc(i.get('label'))}（权重{pct(i['weight']) if i.get('weight') is not None else '未规定'}）"


BRIEF_ITEMS: dict[tuple[str, str], Callable[[dict[str, Any]], str]] = {
    ("grading", "components"): _weighted,
    ("grading", "final_composition"): _final_weight,
}


def brief_list(a: Ask, v: list[Any]) -> str:
    """A list in one line: its items' names when there are a few, else how many there are."""
    labels = [esc(i.get("label") or i.get("name") or i.get("role") or i.get("rule") or "")
              for i in v if isinstance(i, dict)] or [esc(i) for i in v if isinstance(i, str)]
    labels = [x for x in labels if x]
    item = BRIEF_ITEMS.get((a.section, a.key))
    if item is not None:
        labels = [item(i) for i in v]
    if labels and len(labels) <= 5 and a.key not in ("evidence_rules",):
        return "、".join(labels)
    return f"{len(v)}项（见文件页）"


# ---------- the full lists on a document's page


def _components(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, list):
        return None
    return ul([f"<strong>{esc(c.get('label'))}</strong> {pct(c.get('weight'))}："
               f"{'；'.join(esc(required(r)[0]) for r in c.get('requires') or [])}{g.item_cite(c, a.this_doc)}" for c in v])


def _final_composition(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, list):
        return None
    return ul([f"{esc(c.get('label'))}：权重"
               f"{pct(c['weight']) if c.get('weight') is not None else span('tg-open', '未规定')}" for c in v])


def _deductions(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, list):
        return None
    return ul([f"{esc(d.get('label'))}：{esc(d.get('per') or '')}"
               f"{'扣' if (d.get('points') or 0) < 0 else '加'}{num(abs(d.get('points') or 0))}分"
               f"{g.item_cite(d, a.this_doc)}" for d in v])


def _standard_areas(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, list):
        return None
    items = [f"<strong>{esc(x.get('label'))}</strong>：{'；'.join(esc(i) for i in x.get('items') or [])}"
             f"{g.item_cite(x, a.this_doc)}" for x in v]
    out = ul(items)
    lr = a.rule.get("level_rule")
    if isinstance(lr, dict):
        lv = lr.get("value") or {}
        levels = "；".join(f"{g.vocab.bands.get(b, esc(b))}："
                          f"{esc(t) if t is not None else span('tg-open', '未规定')}" for b, t in lv.items())
        out += f'<span class="tg-sub tg-block">各方面的等次：{levels}（{g.cite(lr.get("source"), a.this_doc)}）'
        if lr.get("note"):
            out += f"<br>{span('tg-note', '说明：' + g.rich(lr['note']))}"
        out += "</span>"
    return out


def _evidence_rules(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, list):
        return None
    return ul([f"{esc(r.get('rule'))}{g.item_cite(r, a.this_doc)}" for r in v])


def _process(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, list):
        return None
    return ul([f"<strong>{esc(s.get('label'))}</strong>：{esc(s.get('note') or '')}{g.item_cite(s, a.this_doc)}"
               for s in v], ordered=True)


def _grade_levels(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, list):
        return None
    text = "、".join(esc(x.get("label") or g.vocab.bands.get(x.get("band"), x.get("band"))) for x in v)
    if a.rule.get("assessor"):
        text += f"（评定：{esc(a.rule['assessor'])}）"
    return text + "；没有分数线"


def _hand_in(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, list):
        return None
    items = [f"{esc(i.get('label'))}{num(i['count']) + esc(i.get('unit') or '') if i.get('count') else ''}"
             f"{g.item_cite(i, a.this_doc)}" for i in v]
    return ul(items) if any(isinstance(i, dict) and i.get("source") for i in v) else "、".join(items)


def _evidence_forms(g: Any, a: Ask, v: Any) -> str | None:
    return "、".join(esc(f) for f in v) + "等" if isinstance(v, list) else None


def _point_grade_rule(g: Any, a: Ask, v: Any) -> str | None:
    if not isinstance(v, dict):
        return None
    return "全部证据优秀，能力点才为优秀；任一证据不合格，能力点不合格；其余为合格"




# ---------- the table: the formatter of each rule kind (section, key)

_rooms = _counts("间", lambda: span("tg-open", "未填"))
_teachers = _counts("人", lambda: "未填")
FORMATTERS: dict[str, dict[str, tuple[str, Formatter]]] = {  # section → key → (when it applies, formatter)
    "hours": {"windows": ("shape", _windows)},
    "points": {"age_rules": ("shape", _age_rules), "items": ("shape", _items),
               "school_range": ("shape", _school_range)},
    "school": {"environments": ("shape", _environments), "classrooms": ("shape", _rooms),
               "teachers": ("shape", _teachers)},
    "grading": {"bands": ("bands", _bands), "components": ("detail", _components),
                "final_composition": ("detail", _final_composition), "deductions": ("detail", _deductions),
                "standard_areas": ("detail", _standard_areas), "evidence_rules": ("detail", _evidence_rules),
                "process": ("detail", _process), "grade_levels": ("detail", _grade_levels),
                "hand_in": ("detail", _hand_in), "evidence_forms": ("detail", _evidence_forms),
                "point_grade_rule": ("shape", _point_grade_rule)},
    "rollout": {"basis": ("word", _basis), "table": ("word", _table), "shares": ("shape", _shares),
                "table_totals": ("shape", _table_totals), "pilot": ("shape", _pilot)},
}


# ---------- the generic forms


def number(g: Any, a: Ask, v: float) -> str:
    """A number by its type: a fraction as a percentage, a minimum as 不少于, a maximum as 不超过."""
    fraction = g.vocab.rule_type(a.section, a.key) == "fraction"
    text = pct(v) if fraction else f"{num(v)}{a.unit}"
    if fraction and a.key.endswith("_min") and v >= 1:
        return text  # "100%" is all, not "at least 100%"
    if a.key.endswith("_min"):
        return f"不少于{text}"
    if a.key.endswith("_max"):
        return f"不超过{text}"
    return text


def word(g: Any, a: Ask, v: str) -> str:
    """A text value: a date (with 前 or 起 as its rule has it), a word with a formatter, or the text itself."""
    if g.vocab.rule_type(a.section, a.key) == "date" or DATE_RE.match(v):
        return date_zh(v) + g.vocab.suffix(a.section, a.key)
    text = _format("word", g, a, v)
    return text if text is not None else esc(v)


def _format(stage: str, g: Any, a: Ask, v: Any) -> str | None:
    """The rule kind's formatter, if it has one for this stage (None: the generic forms go on)."""
    when, fmt = FORMATTERS.get(a.section, {}).get(a.key, ("", None))
    return fmt(g, a, v) if fmt is not None and when == stage else None


def describe(g: Any, a: Ask) -> str:
    """What the rule requires, in words (without its caveat)."""
    v = a.rule.get("value")
    chosen = next((r for r in a.rule.get("readings") or [] if r.get("id") == a.rule.get("reading")), None)
    if chosen is not None and isinstance(v, str) and not DATE_RE.match(v):
        return esc(chosen.get("label") or "")  # a reading named by a word, not a number or a date
    if v is None:
        return span("tg-open", "文件未规定")
    if is_num(v):
        return number(g, a, v)
    if isinstance(v, str):
        return word(g, a, v)
    text = _format("shape", g, a, v)
    if text is not None:
        return text
    if isinstance(v, dict) and set(v) <= {"min", "max"}:
        return f"{num(v.get('min'))}～{num(v.get('max'))}{a.unit}"
    text = _format("bands", g, a, v)
    if text is not None:
        return text
    if isinstance(v, list) and a.brief:
        return brief_list(a, v)
    text = _format("detail", g, a, v)
    return text if text is not None else str(g.generic(v))


class Values:
    """The guide's `value()`: a rule in words, for a document's page or (brief) the comparison."""

    def value(self: Any, section: str, key: str, rule: dict[str, Any], pid: str | None = None,
              this_doc: str | None = None, brief: bool = False) -> str:
        unit = esc(rule.get("unit") or self.vocab.unit(section, key))
        text = describe(self, Ask(section, key, rule, pid, this_doc, brief, unit, self.catalog_for(pid)))
        if rule.get("caveat") and not brief:
            text += " " + span("tg-caveat", f"（{esc(rule['caveat'])}）")
        return text

    def age_rules(self: Any, rules: Any) -> str:
        parts = []
        for r in rules or []:
            lo, hi = r.get("age_min"), r.get("age_max")
            who = (f"{num(lo)}岁及以上" if hi is None else f"{num(hi)}岁及以下" if lo is None
                   else f"{num(lo)}～{num(hi)}岁")
            need = f"不少于{num(r.get('count_min'))}个" if r.get("count_min") is not None else "未规定"
            parts.append(f"{who}：{need}")
        return "；".join(parts)

    def bands(self: Any, bands: Any) -> str:
        parts = []
        for b in bands or []:
            lo, hi = b.get("min"), b.get("max")
            rng = []
            if lo is not None:
                rng.append(f"{num(lo)} {'≤' if b.get('min_inclusive') else '<'} 得分")
            if hi is not None:
                rng.append(f"{'得分 ' if lo is None else ''}{'≤' if b.get('max_inclusive') else '<'} {num(hi)}")
            text = " ".join(rng) if rng else "未规定"
            parts.append(f"{esc(b.get('label') or self.vocab.bands.get(b.get('band'), b.get('band')))}：{text}")
        return "；".join(parts)
