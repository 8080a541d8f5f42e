"""Users' words for the ids and file names that the data's notes use among maintainers.

A note in ``data/`` may say "见 conflicts.yaml（ruzhou-classrooms）" or "转述见 lishu-school-2022"; a teacher reads
"见“不一致与未规定”页的“张楼小学有几间教室…”" and "转述见《2022学校…实施方案》". The engine's answers pass through
`plain` once, in `tisheng.api`, so every tool says it the same way."""

from __future__ import annotations

import re
from typing import Any

from . import snapshot

_ID = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+"
_CONFLICT_REF = re.compile(r"(?:data/)?conflicts\.yaml\s*(?:（\s*(" + _ID + r")\s*）|的\s*(" + _ID + r"))?")
_CATALOG_REF = re.compile(r"(?:data/)?catalogs/(" + _ID + r")\.yaml")
_BARE_ID = re.compile(r"(?<![A-Za-z0-9_./=#-])(" + _ID + r")(?![A-Za-z0-9_/-])")
_LEVELS = {"national": "国家级", "province": "省级", "city": "市级", "county": "县级", "school": "校级"}

# Keys of an answer whose strings a user reads (a quote is the document's own words and is left alone).
USER_KEYS = frozenset({"message", "summary", "headline", "label", "band_label", "title", "profile_title", "note",
                       "section", "hint", "caption", "text", "detail", "advice"})


def _names() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    data = snapshot.load()
    docs: dict[str, str] = {}
    for sid, src in (data.get("sources") or {}).items():
        docs[sid] = "《" + str(src.get("title") or sid) + "》"
    for pid, prof in (data.get("profiles") or {}).items():
        docs[pid] = str(prof.get("short_title") or prof.get("title") or pid)
    conflicts = {str(c.get("id")): str(c.get("title") or "") for c in data.get("conflicts") or [] if isinstance(c, dict)}
    catalogs = {cid: str(cat.get("title") or "能力点目录") for cid, cat in (data.get("catalogs") or {}).items()}
    return docs, conflicts, catalogs


def plain(text: str) -> str:
    """The text with document ids as titles, conflict and catalog file references as page names."""
    if not text or not isinstance(text, str):
        return text
    docs, conflicts, catalogs = _names()

    def conflict(m: re.Match[str]) -> str:
        cid = m.group(1) or m.group(2)
        title = conflicts.get(cid or "")
        return f"“不一致与未规定”页的“{title}”" if title else "“不一致与未规定”页"

    text = _CONFLICT_REF.sub(conflict, text)
    text = _CATALOG_REF.sub(lambda m: "“" + catalogs.get(m.group(1), "能力点目录") + "”", text)
    # "开原市（2024）（kaiyuan-2024）": the title is already there, the id in brackets goes.
    text = re.sub(r"（(" + _ID + r")）", lambda m: "" if m.group(1) in docs else m.group(0), text)
    text = _BARE_ID.sub(lambda m: docs.get(m.group(1), m.group(1)), text)
    text = re.sub(r"按 ?(national|province|city|county|school) ?级", lambda m: "按" + _LEVELS[m.group(1)], text)
    text = re.sub(r"（null）|\bnull\b", lambda m: "" if m.group(0).startswith("（") else "空", text)
    return text.replace("本站本站", "本站")


def plain_answer(value: Any, key: str = "") -> Any:
    """`plain` applied to every user-read string of an answer (in place of a copy)."""
    if isinstance(value, dict):
        return {k: plain_answer(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_answer(v, key) for v in value]
    if isinstance(value, str) and key in USER_KEYS:
        return plain(value)
    return value
