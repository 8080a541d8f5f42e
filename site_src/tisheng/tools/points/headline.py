"""The answer in one sentence (``headline``) and in a paragraph (``summary_of``)."""

from __future__ import annotations

from typing import Any

from ...core.model import Finding
from .context import Ctx
from .messages import describe


def _who(ctx: Ctx, built: bool) -> str:
    return "所选能力点" if ctx.mode == "teacher" else ("建议的学校范围" if built else "学校范围")


def _fix(suggestions: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The suggestion an answer leads with: that nothing can pass, else the smallest change."""
    own = [s for s in suggestions if not s["advisory"]]
    return next((s for s in own if s["kind"] == "infeasible"), own[0] if own else None)


def headline(ctx: Ctx, suggestions: list[dict[str, Any]], passed: bool, built: bool, summary: str) -> str:
    """The answer in one sentence: what is done, or the smallest change that passes."""
    who = _who(ctx, built)
    if passed:
        return f"{who}符合《{ctx.title}》的要求。"
    fix = _fix(suggestions)
    if fix and fix["kind"] == "change":
        return f"{describe(ctx, fix['changes'])}，即可符合要求。"
    return summary


def summary_of(ctx: Ctx, findings: list[Finding], suggestions: list[dict[str, Any]], passed: bool, built: bool) -> str:
    who = _who(ctx, built)
    warn = [f for f in findings if f.get("advisory") and not f["met"]]
    tail = f"另有提醒：{len(warn)} 条（不影响结论）。" if warn else ""
    if passed:
        return f"{who}符合《{ctx.title}》的要求。" + tail
    failed = [f for f in findings if not f["met"] and not f.get("advisory")]
    reasons = "；".join(f["message"].split("。")[0] for f in failed)
    fix = _fix(suggestions)
    how = ""
    if fix and fix["kind"] == "change":
        how = f"最少改动（{fix['change_count']} 处）：{describe(ctx, fix['changes'])}。"
    elif fix:
        how = fix["message"]
    return f"{who}尚未符合《{ctx.title}》的要求：{reasons}。" + how + tail
