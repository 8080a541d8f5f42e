"""录入本地文件: a user's own document checked as a request (``profile: "local"`` with ``local_profile``).

The api has already checked and resolved the file (``tisheng.local``): a file with problems never reaches here, it
comes back ``ok: false`` with a message per field. What remains is the verdict on a usable file: how many rules it
states, and each rule that differs from its parent's (stricter, looser or otherwise), cited from the file.
"""

from __future__ import annotations

from typing import Any

from ..profiles.localcheck import rule_label, rules
from ..core.model import finding


def evaluate(profile: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    if not profile.get("local"):
        title = profile.get("short_title") or profile.get("title")
        return {"ok": True, "status": "pass", "summary": f"《{title}》是本站收录的文件，不需要录入。", "findings": []}
    own = [(s, k) for s, keys in rules().items() for k in keys
           if isinstance((profile.get(s) or {}).get(k), dict) and profile[s][k].get("inherited_from") is None]
    conflicts = {c["rule"]: c for c in profile.get("local_conflicts") or []}
    findings = []
    for section, key in own:
        c = conflicts.get(f"{section}.{key}")
        message = c["message"] if c else f"{rule_label(section, key)}：本地文件的规定与上级文件相同或上级文件没有规定。"
        findings.append(finding(f"{section}.{key}", profile[section][key], True, message,
                                conflict=c["kind"] if c else None))
    summary = f"这份文件可以使用：写明了 {len(own)} 条规定，其中 {len(conflicts)} 条与上级文件不同；其余沿用上级文件。"
    return {"ok": True, "status": "pass", "summary": summary, "findings": findings}
