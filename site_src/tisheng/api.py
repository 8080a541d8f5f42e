"""The one entry point the browser, the CLI and the tests use.

Request:  {"tool": "hours" | "points" | "grade" | "rollout", "profile": "<id>", "input": {...}}
          ("profile": "local" with "local_profile": a user's own file, as a mapping or its text: tisheng.local)
Success:  {"ok": true, "tool", "profile", "profile_title", "status": "pass" | "fail", "summary",
           "findings": [{"rule", "met", "message", "source": {doc, section, quote, title}}, ...], ...}
Bad input: {"ok": false, "tool", "profile", "errors": [{"field": "input.online", "message": "..."}]}
"""

from __future__ import annotations

import json
from typing import Any

from . import local
from . import readings as readings_mod
from . import snapshot
from . import tools
from .tools import LABELS


def _fail(request: Any, errors: list[dict[str, str]]) -> dict[str, Any]:
    req = request if isinstance(request, dict) else {}
    return {
        "ok": False,
        "tool": req.get("tool") if isinstance(req.get("tool"), str) else None,
        "profile": req.get("profile") if isinstance(req.get("profile"), str) else None,
        "errors": errors,
    }


def evaluate(request: Any) -> dict[str, Any]:
    """Evaluate one request. Never raises: every problem comes back as ``ok: false`` with Chinese messages."""
    try:
        return _evaluate(request)
    except snapshot.SnapshotMissing as exc:
        return _fail(request, [{"field": "", "message": str(exc)}])
    except Exception as exc:  # noqa: BLE001 - the contract is "never a traceback"; the type is kept for maintainers
        return _fail(
            request,
            [{"field": "", "message": "计算时出现内部错误，请把这一链接反馈给网站管理员。",
              "internal": type(exc).__name__}],
        )


def _evaluate(request: Any) -> dict[str, Any]:
    errors: list[dict[str, str]] = []
    if not isinstance(request, dict):
        return _fail(request, [{"field": "", "message": "请求必须是一个 JSON 对象。"}])
    tool = request.get("tool")
    profile_id = request.get("profile")
    data = request.get("input", {})
    run = tools.get(tool) if isinstance(tool, str) else None
    if run is None:
        known = "、".join(f"{k}（{LABELS[k]}）" for k in tools.available())
        errors.append({"field": "tool", "message": f"未知的工具“{tool}”。可用的工具：{known}。"})
    profile = snapshot.profile(profile_id) if isinstance(profile_id, str) else None
    if profile_id == local.LOCAL_ID:  # a user's own file, sent along as `local_profile` (tisheng.local)
        profile = local.from_request(request, errors)
    elif profile is None:
        if profile_id in (None, ""):
            errors.append({"field": "profile", "message": "请选择适用的政策文件。"})
        else:
            known = "、".join(str(p.get("short_title") or p.get("title") or pid)
                             for pid, p in snapshot.load()["profiles"].items())
            errors.append({"field": "profile", "message": f"本站没有所填的政策文件。本站收录的文件：{known}。"})
    if not isinstance(data, dict):
        errors.append({"field": "input", "message": "input 必须是一个 JSON 对象。"})
    if errors:
        return _fail(request, errors)
    assert profile is not None and run is not None and isinstance(data, dict) and isinstance(tool, str)

    # A reading the user chose is applied to a copy of the profile; the tool never sees `reading` itself.
    groups = readings_mod.choose(profile, tool, request, data, errors)
    data = {k: v for k, v in data.items() if k != "reading"}
    in_force = readings_mod.apply(profile, groups)
    result = run(in_force, data)
    if not result.get("ok") or errors:
        return _fail(request, errors + list(result.get("errors", []) if not result.get("ok") else []))
    used, notes = readings_mod.report(profile, groups, run, data, result)
    response = {
        "ok": True,
        "tool": tool,
        "profile": profile_id,
        "profile_title": profile.get("title"),
        **{k: v for k, v in result.items() if k != "ok"},
        "readings": used,
    }
    if notes:
        response["notes"] = [*notes, *(result.get("notes") or [])]
    return local.mark_response(response, profile, tool) if profile.get("local") else response


def evaluate_json(text: str) -> str:
    """String in, string out: the browser worker's one call across the JS/Python boundary."""
    try:
        request = json.loads(text)
    except (ValueError, TypeError):
        return json.dumps(_fail(None, [{"field": "", "message": "请求不是有效的 JSON。"}]), ensure_ascii=False)
    return json.dumps(evaluate(request), ensure_ascii=False)
