"""Sources for the declaration of /tools/rules/ (录入本地文件, site_src/forms/rules.yaml): one group of questions per
kind of rule the page may enter, in the vocabulary's order, from the kinds themselves (``tisheng.api.rule_kinds``):
how each is asked (its kind's ``ASK``) and in what words (its vocabulary entry's ``ask``). A new kind of rule with
an ``ask`` appears here without a line of this page written for it."""

from __future__ import annotations

from typing import Any

from tisheng import api

NUMBERS = {"number": "number", "fraction": "number", "count": "integer"}  # a value the page asks as one number
ROWS = {"age_rules", "components", "deductions", "shares", "bands"}  # a list the page asks as a table of rows
ADD_HOOK = {"bands": "data-bands-default"}  # the button under the table: fill in the usual lines, not add a row


def _value(base: str, kind: dict[str, Any]) -> list[dict[str, Any]]:
    ask, how = kind["ask"], kind["asks"]
    label, unit, hint = ask["label"], ask.get("unit") or "", ask.get("hint") or ""
    q: dict[str, Any] = {"name": base, "label": label, "hint": hint, "marks": [], "engine": False}
    if how in NUMBERS:
        q.update(kind=NUMBERS[how], label=f"{label}（{unit}）" if unit else label, unit=unit)
    elif how == "date":
        q["kind"] = "date"
    elif how == "codes":
        q["kind"] = "text"
    elif how in ROWS:
        q.update(kind="rows", columns=list(ask["columns"]),
                 add={"label": ask["add"], "hook": ADD_HOOK.get(how, "data-add-row")})
    elif how == "composition":
        words = kind["words"]
        q.update(kind="select", default="", options=[{"value": "", "label": ask["options"]["none"]},
                                                     {"value": "peer_leader", "label": ask["options"]["peer_leader"]}])
        return [q, *({"name": f"{kind['section']}-w_{part}", "kind": "number", "unit": "%", "marks": [], "engine": False,
                      "label": f"{ask['weights'][part]}（%，{words['optional']}）", "hint": ask["weight_hint"][part]}
                     for part in ("peer", "leader"))]
    else:
        raise ValueError(f"{kind['section']}.{kind['key']}：录入本地文件页不知道怎样询问“{how}”")
    return [q]


def _source(base: str, kind: dict[str, Any], part: str) -> dict[str, Any]:
    words = kind["words"][part]
    return {"name": f"{base}-{part}", "kind": "text", "label": words["label"].format(label=kind["ask"]["label"]),
            "hint": words["hint"], "marks": [], "engine": False, "wrap": {"class": f"ts-field ts-{part}"}}


def rule_sections(data: dict[str, Any], decl: dict[str, Any]) -> list[dict[str, Any]]:
    """A <details> per section the page can enter rules of, holding a group per rule."""
    sections: dict[str, dict[str, Any]] = {}
    for kind in api.rule_kinds():
        if not kind.get("asks"):
            continue
        section, words = kind["section"], kind["words"]
        if section not in sections:
            sections[section] = {"element": "details", "open": True, "class": "ts-rules-section",
                                 "summary": words["summary"].format(section=words["sections"][section]), "questions": []}
        base = f"{section}-{kind['key']}"
        sections[section]["questions"].append({"kind": "group", "element": "div", "class": "ts-rule", "questions": [
            *_value(base, kind), _source(base, kind, "quote"), _source(base, kind, "section")]})
    return list(sections.values())


SOURCES = {"rule-sections": rule_sections}
