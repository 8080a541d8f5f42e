"""A school's or county's own document, typed in by a user (the rules page, the CLI's ``--profile-file``).

The file is a profile as in ``data/profiles/`` plus ``format_version``; it states only the rules its document
states and ``extends`` one of the site's profiles for the rest. It is checked with the build's own rules
(``profilecheck``) plus the limits of a typed-in file (``localcheck``), resolved against the snapshot, and its
citations are marked as typed in by the user: the answers say so instead of naming a document the site holds.

Functions taking and returning JSON strings (``*_json``) are what the browser worker calls.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from . import localcheck
from ..core import snapshot, vocabulary
from ..io import yamlmini
from .localcheck import FORMAT_VERSION, HEADER, rule_label, rules
from .validate import SECTIONS, resolve

LOCAL_ID = "local"
MARK = "用户录入，未经本站核对"


def source_title(title: str) -> str:
    return f"本地文件：{title}（{MARK}）"


def parse(text: str) -> tuple[Any, list[dict[str, str]]]:
    """A file's text as data: JSON when it starts with ``{``, else the YAML this module writes."""
    body = text.lstrip("\ufeff").strip()
    if not body:
        return None, [{"field": "file", "message": "文件是空的。"}]
    if body.startswith("{"):
        try:
            return json.loads(body), []
        except ValueError as exc:
            line = getattr(exc, "lineno", 0)
            return None, [{"field": "file", "message": f"文件不是有效的 JSON（第 {line} 行附近）。"}]
    try:
        return yamlmini.loads(text.lstrip("\ufeff")), []
    except yamlmini.YamlError as exc:
        return None, [{"field": "file", "message": f"文件格式有误，{exc}。请使用本站“录入本地文件”页导出的文件。"}]


def parse_bytes(data: bytes) -> tuple[Any, list[dict[str, str]]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, [{"field": "file", "message": "文件不是 UTF-8 编码的文本，请使用本站导出的文件。"}]
    return parse(text)


def check(obj: Any) -> list[dict[str, str]]:
    """Every problem of a user's file, each ``{field, message}`` with a Chinese message for the field it names."""
    return localcheck.check(obj, snapshot.load()["profiles"])


def normalize(obj: dict[str, Any]) -> dict[str, Any]:
    """The file in the one order the site writes it: header, then the page's sections and rules in page order."""
    out: dict[str, Any] = {"format_version": FORMAT_VERSION}
    out["id"] = obj.get("id") or default_id(obj)
    for key in HEADER:
        if key not in ("format_version", "id") and obj.get(key) not in (None, ""):
            out[key] = obj[key]
    out["doc"] = out["id"]  # a host who publishes the file adds this id to sources.yaml with the text
    for name, keys in rules().items():
        section = obj.get(name) or {}
        kept = {key: _rule(section[key]) for key in keys if key in section}
        if kept:
            out[name] = kept
    return out


ITEM_ORDER = ("band", "id", "label", "age_min", "age_max", "count_min", "min", "max", "min_inclusive",
              "max_inclusive", "weight", "points", "per")


def _item(x: Any) -> Any:
    """A list item's keys in one order, whoever wrote the file (the page, a colleague's editor)."""
    if not isinstance(x, dict):
        return x
    rank = {k: i for i, k in enumerate(ITEM_ORDER)}
    return {k: x[k] for k in sorted(x, key=lambda k: (rank.get(k, len(rank)), str(k)))}


def _rule(rule: dict[str, Any]) -> dict[str, Any]:
    value = rule.get("value")
    out: dict[str, Any] = {"value": [_item(x) for x in value] if isinstance(value, list) else value}
    if rule.get("unit"):
        out["unit"] = rule["unit"]
    src = rule.get("source") or {}
    cited = {k: src[k] for k in ("doc", "section", "quote") if isinstance(src.get(k), str) and src[k].strip()}
    if cited:
        out["source"] = cited
    if rule.get("note"):
        out["note"] = rule["note"]
    return out


def default_id(obj: dict[str, Any]) -> str:
    """A stable file id from the title (a host may rename it when publishing): ``local-`` and 8 hex digits."""
    seed = f"{obj.get('title') or ''}|{obj.get('issuer') or ''}|{obj.get('doc_no') or ''}"
    return "local-" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:8]


def export(obj: dict[str, Any]) -> str:
    """The YAML file of a valid profile; ``export(parse(export(p))) == export(p)`` byte for byte."""
    norm = normalize(obj)
    for section in rules():
        for rule in (norm.get(section) or {}).values():
            if "source" in rule:
                rule["source"] = {"doc": norm["id"], **{k: v for k, v in rule["source"].items() if k != "doc"}}
    header = (f"提升工程 2.0 本地文件：{norm.get('title', '')}\n"
              "由“录入本地文件”页导出：在该页点“导入文件”即可使用；原文摘录由录入者填写，本站未核对。")
    return yamlmini.dumps(norm, header)


def load(obj: Any) -> tuple[dict[str, Any] | None, list[dict[str, str]]]:
    """The resolved profile of a user's file (as ``snapshot.profile`` gives one), or None and the problems."""
    if isinstance(obj, str):
        obj, errors = parse(obj)
        if errors:
            return None, errors
    errors = check(obj)
    if errors:
        return None, errors
    assert isinstance(obj, dict)
    return resolved(normalize(obj)), []


def resolved(norm: dict[str, Any]) -> dict[str, Any]:
    title = str(norm["title"])
    own = {k: v for k, v in norm.items() if k not in SECTIONS}
    own.update(id=LOCAL_ID, doc=LOCAL_ID, short_title=f"本地文件：{title}", local=True, file_id=norm["id"])
    own.setdefault("level", "school")
    for name in rules():
        if name in norm:
            own[name] = {key: _mark(rule, title) for key, rule in norm[name].items()}
    parent_id = str(norm["extends"])
    parent = snapshot.profile(parent_id) or {}
    prof = resolve(LOCAL_ID, {LOCAL_ID: own}, done={parent_id: parent})
    pts = prof.get("points") or {}
    if "teacher_count_min" in (own.get("points") or {}) and (pts.get("teacher_count_max") or {}).get("inherited_from"):
        del pts["teacher_count_max"]  # the parent's maximum (and its readings) belong to the parent's own minimum
    prof["catalog"] = parent.get("catalog")
    prof["local_conflicts"] = conflicts(prof, parent)
    return prof


def _mark(rule: dict[str, Any], title: str) -> dict[str, Any]:
    src = {"doc": LOCAL_ID, "section": "", "quote": "", **(rule.get("source") or {})}
    src.update(doc=LOCAL_ID, user=True, user_title=source_title(title))
    if not src["section"]:
        src["section"] = "（未填条款）"
    if not src["quote"]:
        src["quote"] = "（未填原文）"
    return {**rule, "source": src}


def conflicts(prof: dict[str, Any], parent: dict[str, Any]) -> list[dict[str, Any]]:
    """Each rule the file states that the parent's chain also states, stricter, looser or just different."""
    out: list[dict[str, Any]] = []
    for name, keys in rules().items():
        for key in keys:
            rule = (prof.get(name) or {}).get(key) or {}
            theirs = (parent.get(name) or {}).get(key)
            if rule.get("inherited_from", 1) is not None or not isinstance(theirs, dict) or theirs.get("value") is None:
                continue
            where = theirs.get("inherited_from") or parent.get("id")
            other = snapshot.profile(str(where)) or parent
            found = localcheck.compare(name, key, rule["value"], theirs["value"])
            if found is None:
                continue
            kind, mine_text, their_text = found
            doc = other.get("short_title") or other.get("title") or ""
            word = {"stricter": "比上级文件更严", "looser": "比上级文件更宽", "differs": "与上级文件不同"}[kind]
            out.append({"rule": f"{name}.{key}", "kind": kind, "parent": where, "message":
                        f"{rule_label(name, key)}：本地文件规定{mine_text}，{word}（《{doc}》规定{their_text}）。"})
    return out


def from_request(request: dict[str, Any], errors: list[dict[str, str]]) -> dict[str, Any] | None:
    """The profile a request carries in ``local_profile`` (a mapping or the file's text); its problems go to
    ``errors`` with fields under ``local_profile.``."""
    raw = request.get("local_profile")
    if raw is None:
        errors.append({"field": "local_profile", "message": "请先在“录入本地文件”页填写或导入本地文件。"})
        return None
    prof, problems = load(raw)
    errors += [{**e, "field": "local_profile." + e["field"] if e.get("field") else "local_profile"} for e in problems]
    return prof


def mark_response(response: dict[str, Any], prof: dict[str, Any], tool: str) -> dict[str, Any]:
    """The typed-in citations named as such, the file's conflicts with its parent added as notes."""
    _retitle(response)
    sections = {"hours": ("hours",), "points": ("points",), "grade": ("grading",), "rollout": ("rollout",),
                "rules": tuple(rules())}
    mine = [c for c in prof.get("local_conflicts") or [] if c["rule"].split(".")[0] in sections.get(tool, ())]
    if response.get("ok"):
        notes = [{"rule": "local", "message": "这是按本地文件计算的结果：文件中的规定和原文摘录由用户录入，本站没有核对原文。",
                  "source": {}, "inherited_from": None}]
        notes += [{"rule": "local." + c["rule"], "message": c["message"], "source": {}, "inherited_from": None,
                   "conflict": c["kind"]} for c in mine]
        notes += _schedule_notes(prof)
        response["notes"] = [*notes, *(response.get("notes") or [])]
        response["local_conflicts"] = mine
    return response


def _schedule_notes(prof: dict[str, Any]) -> list[dict[str, Any]]:
    """The dates of the school plan it extends that this file does not take over: say so, once."""
    skipped = prof.get("schedule_not_inherited") or []
    if not skipped:
        return []
    names = "、".join(dict.fromkeys(vocabulary.get().label(*s["rule"].split(".", 1))
                                   or vocabulary.get().section_title(s["rule"].split(".")[0]) for s in skipped))
    whose = snapshot.profile(str(skipped[0]["from"])) or {}
    title = whose.get("short_title") or whose.get("title") or "上级文件"
    return [{"rule": "local.schedule", "source": {}, "inherited_from": None,
             "message": f"《{title}》规定的日期（{names}）是那所学校自己的时间安排，这份文件没有沿用："
                        "时间以本校自己的安排为准，需要时在本文件里写明。"}]


def mark_citations(result: Any) -> Any:
    """A batch result (or any answer) with its typed-in citations named as such."""
    _retitle(result)
    return result


def _retitle(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("user") is True and "user_title" in node:
            node["title"] = node["user_title"]
        for v in node.values():
            _retitle(v)
    elif isinstance(node, list):
        for v in node:
            _retitle(v)


# ---- the browser worker's calls: JSON string in, JSON string out


def check_profile(obj: Any) -> dict[str, Any]:
    """The form's profile → {"ok", "errors", "conflicts", "inherited", "yaml"}: what the rules page shows."""
    errors = check(obj)
    parent = snapshot.profile(str(obj.get("extends"))) if isinstance(obj, dict) else None
    inherited = localcheck.inherited(obj, parent or {}, snapshot.load()["profiles"]) if parent else {}
    if errors:
        return {"ok": False, "errors": errors, "inherited": inherited}
    prof = resolved(normalize(obj))
    return {"ok": True, "errors": [], "conflicts": prof["local_conflicts"], "inherited": inherited,
            "yaml": export(obj), "profile": normalize(obj)}


def import_text(text: Any) -> dict[str, Any]:
    """A file's text → {"ok", "errors", "profile"}: the file as the form's data, even when it has problems
    (so nothing in it is lost: the page shows it with the messages beside the fields)."""
    if not isinstance(text, str):
        return {"ok": False, "errors": [{"field": "file", "message": "没有读到文件内容。"}]}
    obj, errors = parse(text)
    if errors:
        return {"ok": False, "errors": errors, "profile": None}
    errors = check(obj)
    return {"ok": not errors, "errors": errors, "profile": obj if isinstance(obj, dict) else None}
