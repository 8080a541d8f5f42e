"""What a download is called: after the document's title, never its id; a staff list's after its school and day."""

from __future__ import annotations

import re
from typing import Any

from ..core import snapshot
from ..profiles import local


def doc_name(profile_id: Any, own_title: Any = None) -> str:
    """A download is named after the document's short title, never its id; a user's own file after its title."""
    prof = snapshot.profile(str(profile_id)) or {}
    name = str(prof.get("short_title") or prof.get("title") or "")
    if profile_id == local.LOCAL_ID and isinstance(own_title, str):
        name = own_title[:40]
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "", name).strip() or "本校"


def list_name(result: dict[str, Any], today: Any) -> str:
    """A staff list's download is named after its school (“张楼小学等 3 所学校”) and the day it was checked, which the
    page sends (the engine reads no clock); a list without schools, or a request without a day, after its document."""
    day = today if isinstance(today, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", today) else None
    if day is None:
        return doc_name(result.get("profile"), result.get("profile_title"))
    names = [str(s.get("school") or "") for s in result.get("schools") or [] if isinstance(s, dict)]
    if not names:
        cols = result.get("columns") or []
        at = cols.index("学校") if "学校" in cols else None
        names = list(dict.fromkeys(str(r[at]) for r in result.get("rows") or [] if at is not None and r[at]))
    names = [n for n in names if n.strip()]
    clean = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "", names[0]).strip()[:30] if names else ""
    who = (clean + (f"等 {len(names)} 所学校" if len(names) > 1 else "")) if clean else \
        doc_name(result.get("profile"), result.get("profile_title"))
    y, m, d = (int(x) for x in day.split("-"))
    return f"{who}-{y}年{m}月{d}日"
