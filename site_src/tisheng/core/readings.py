"""Readings: where a document is silent or says two things, a rule carries ``readings`` and the user may pick one.

A choice arrives as the request's ``reading`` ({<rule id>: <reading id>}, or reading ids) or as the form's
``input.reading`` (reading ids, comma-separated in a URL). Rules named together by one entry of conflicts.yaml
(its ``rules``) form one group and switch together. The chosen reading is applied to a copy of the profile, so the
tools read it as the rule's value; every group is also evaluated under its other readings, and the answer says
which reading it used and what the others give. Nothing here knows a profile or a conflict by name.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from . import snapshot, vocabulary
from .model import cite

SPLIT = re.compile(r"[,，、;；\s]+")


@dataclass
class Group:
    rules: list[str]
    options: list[dict[str, Any]]  # {id, label, source}: every reading of the group, in data order
    default: str | None
    title: str | None = None
    conflict: str | None = None
    chosen: str | None = None
    by_user: bool = False
    reason: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def label(self, rid: str | None) -> str:
        return next((str(o.get("label") or "") for o in self.options if o["id"] == rid), "")


def _rules_with_readings(profile: dict[str, Any], tool: str) -> dict[str, dict[str, Any]]:
    """A rule with `tools` belongs to those tools only (and to a tool that runs them all, such as 我的考核进度); any
    other rule to the tools that read its section (data/vocabulary.yaml)."""
    out: dict[str, dict[str, Any]] = {}
    vocab = vocabulary.get()
    own = vocab.tool_sections(tool)
    runs_all = vocab.runs_all(tool)
    for section in [*own, *(s for s in profile if s not in own)]:
        rules = profile.get(section)
        if not isinstance(rules, dict):
            continue
        for key, rule in rules.items():
            if not (isinstance(rule, dict) and isinstance(rule.get("readings"), list) and rule["readings"]):
                continue
            named = rule.get("tools")
            if (tool in named or runs_all) if isinstance(named, list) else section in own:
                out[f"{section}.{key}"] = rule
    return out


def groups(profile: dict[str, Any], tool: str) -> list[Group]:
    rules = _rules_with_readings(profile, tool)
    lineage = set(profile.get("lineage") or [profile.get("id")])  # a user's file takes its parents' conflicts along
    found: list[Group] = []
    placed: set[str] = set()
    for conf in snapshot.load().get("conflicts") or []:
        if not lineage & set(conf.get("profiles") or []):
            continue
        ids = {r.get("id") for r in conf.get("readings") or [] if isinstance(r, dict)}
        mine = [r for r in conf.get("rules") or [] if r in rules and r not in placed
                and ids & {x.get("id") for x in rules[r]["readings"] if isinstance(x, dict)}]
        if mine:
            found.append(_group(mine, rules, conf))
            placed.update(mine)
    for rid in rules:
        if rid not in placed:
            found.append(_group([rid], rules, None))
    return found


def _group(rule_ids: list[str], rules: dict[str, dict[str, Any]], conf: dict[str, Any] | None) -> Group:
    options: list[dict[str, Any]] = []
    for rid in rule_ids:
        for r in rules[rid]["readings"]:
            if isinstance(r, dict) and r.get("id") and all(o["id"] != r["id"] for o in options):
                options.append({"id": r["id"], "label": r.get("label") or r["id"], "source": r.get("source")})
    first = rules[rule_ids[0]]
    return Group(rules=rule_ids, options=options, default=first.get("reading"),
                 title=(conf or {}).get("title"), conflict=(conf or {}).get("id"),
                 reason=first.get("reading_reason"))


def _tokens(raw: Any) -> list[str] | None:
    if raw is None or raw == "":
        return []
    if isinstance(raw, str):
        return [t for t in SPLIT.split(raw.strip()) if t]
    if isinstance(raw, list) and all(isinstance(t, str) for t in raw):
        return [t.strip() for t in raw if t.strip()]
    return None


def choose(profile: dict[str, Any], tool: str, request: dict[str, Any], data: dict[str, Any],
           errors: list[dict[str, str]]) -> list[Group]:
    """The groups of this profile and tool, each with the reading in force; bad choices go to ``errors``."""
    found = groups(profile, tool)
    wanted: list[tuple[str, str | None, str]] = []  # (field, rule id or None, reading id)
    raw = request.get("reading")
    if isinstance(raw, dict):
        for rid, reading in raw.items():
            if not isinstance(reading, str) or not reading.strip():
                errors.append({"field": f"reading.{rid}", "message": "读法必须写成读法的编号。"})
            else:
                wanted.append(("reading", str(rid), reading.strip()))
    else:
        toks = _tokens(raw)
        if toks is None:
            errors.append({"field": "reading", "message": "读法应写成 {规则: 读法} 或读法编号的列表。"})
        else:
            wanted += [("reading", None, t) for t in toks]
    if "reading" in data:
        toks = _tokens(data.get("reading"))
        if toks is None:
            errors.append({"field": "input.reading", "message": "读法应是读法编号，多个用逗号分隔。"})
        else:
            wanted += [("input.reading", None, t) for t in toks]
    # Choices are named by their labels: a reading's id is for links and the command line, never for reading.
    offered = "；".join((f"{g.title}：" if g.title else "") + "、".join(f"“{o['label']}”" for o in g.options)
                       for g in found)
    for where, rid, reading in wanted:
        hits = [g for g in found if (rid is None or rid in g.rules) and any(o["id"] == reading for o in g.options)]
        if not hits:
            title = profile.get("short_title") or profile.get("title") or profile.get("id")
            if not found:
                msg = f"《{title}》在这一工具里没有可选的读法，不必选择读法。"
            elif rid is not None and not any(rid in g.rules for g in found):
                msg = f"《{title}》的这条规则没有不同读法。可选的读法：{offered}。"
            else:
                msg = f"《{title}》没有所填的这种读法。可选的读法：{offered}。"
            errors.append({"field": where if rid is None else f"reading.{rid}", "message": msg})
            continue
        for g in hits:
            g.chosen, g.by_user = reading, True
    for g in found:
        if g.chosen is None:
            g.chosen = g.default
    return found


def apply(profile: dict[str, Any], found: list[Group], override: tuple[Group, str] | None = None) -> dict[str, Any]:
    """A copy of the profile with each group's reading (or ``override``'s) as its rules' values."""
    out = copy.deepcopy(profile)
    for g in found:
        rid = override[1] if override and override[0] is g else g.chosen
        if rid is None or (rid == g.default and not (override and override[0] is g) and not g.by_user):
            continue
        for full in g.rules:
            section, key = full.split(".", 1)
            rule = out.get(section, {}).get(key)
            reading = next((r for r in rule.get("readings") or [] if r.get("id") == rid), None) if rule else None
            if reading is None:
                continue
            rule["value"] = reading.get("value")
            rule["reading"] = rid
            if reading.get("source"):
                rule["source"] = reading["source"]
    return out


def _outcome(result: dict[str, Any]) -> dict[str, Any]:
    keep = ("status", "summary", "band", "band_label", "score")
    return {k: result.get(k) for k in keep if k in result}


def report(profile: dict[str, Any], found: list[Group], run: Any, data: dict[str, Any],
           result: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per group: the reading used, and every other reading's outcome; plus one note per group for the page."""
    out: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    here = _outcome(result)
    for g in found:
        others = []
        for o in g.options:
            if o["id"] == g.chosen:
                continue
            alt = run(apply(profile, found, (g, o["id"])), data)
            if not alt.get("ok"):
                continue
            got = _outcome(alt)
            differs = any(got.get(k) != here.get(k) for k in ("status", "band", "score"))
            others.append({"id": o["id"], "label": o["label"], "differs": differs, **got})
        out.append({"rules": g.rules, "title": g.title, "conflict": g.conflict, "used": g.chosen,
                    "used_label": g.label(g.chosen), "default": g.default, "chosen_by": "user" if g.by_user else "default",
                    "options": [{"id": o["id"], "label": o["label"]} for o in g.options], "others": others})
        notes.append(_note(g, others))
    return out, notes


def _verdict(o: dict[str, Any]) -> str:
    text = str(o.get("summary") or "")
    if text:
        return text
    return "符合" if o.get("status") == "pass" else "不符合"


def _note(g: Group, others: list[dict[str, Any]]) -> dict[str, Any]:
    topic = f"{g.title}：" if g.title else ""
    how = "你选择的读法" if g.by_user else "本站默认的读法"
    msg = f"{topic}本结果按{how}“{g.label(g.chosen)}”"
    if not g.by_user and g.reason:
        msg += f"（{g.reason}）"
    msg += "。"
    for o in others:
        if o["differs"]:
            msg += f"按另一读法“{o['label']}”，结论不同：{_verdict(o)}"
        else:
            msg += f"按另一读法“{o['label']}”，结论相同。"
    if others:
        msg += "可在“文件说法不一时按哪种读法”中改选。"
    chosen = next((o for o in g.options if o["id"] == g.chosen), None)
    src = cite({"source": chosen.get("source")}) if chosen and chosen.get("source") else {}
    return {"rule": "reading", "message": msg, "source": src, "inherited_from": None, "reading": g.chosen,
            "rules": g.rules, "differs": any(o["differs"] for o in others)}


def choices(profile: dict[str, Any], tool: str) -> list[tuple[str, str]]:
    """The form's choices of reading for a profile: ("", the defaults) first, then every combination of other readings,
    as the comma-separated reading ids the form and the URL send (``reading=phase-end``)."""
    found = groups(profile, tool)
    if not found:
        return []
    out: list[tuple[str, str]] = [("", "按本站默认：" + "；".join(g.label(g.default) for g in found))]
    combos: list[list[tuple[str, str]]] = [[]]
    for g in found:
        combos = [c + [pick] for c in combos for pick in [("", "")] + [(o["id"], o["label"]) for o in g.options
                                                                        if o["id"] != g.default]]
    for combo in combos:
        picked = [(rid, label) for rid, label in combo if rid]
        if picked:
            out.append((",".join(rid for rid, _ in picked), "；".join(label for _, label in picked)))
    return out
