"""Counting in the document's own units: its items (河南省 1-2 = A2 + A3) where it lists them, else national codes."""

from __future__ import annotations

from collections.abc import Iterable

from ...core.model import in_force
from .catalog import codes_text
from .context import Ctx


def item_of(ctx: Ctx, code: str) -> str | None:
    return next((item for item, codes in ctx.items or [] if code in codes), None)


def units_of(ctx: Ctx, codes: Iterable[str]) -> tuple[list[str], list[str]]:
    """What a count rule counts: the document's items chosen in whole (plus codes outside its list, one each), and
    the items only partly chosen. Without an item list, every national code is one."""
    have = list(codes)
    if not ctx.items:
        return have, []
    whole, partial = [], []
    any_code = (in_force(ctx.rules, "item_counting") or {}).get("value") == "any"  # a reading: see item_counting
    for item, its in ctx.items:
        got = [c for c in its if c in have]
        if got and (any_code or len(got) == len(its)):
            whole.append(item)
        elif got:
            partial.append(item)
    listed = {c for _, its in ctx.items for c in its}
    return whole + [c for c in have if c not in listed], partial


def count_units(ctx: Ctx, codes: Iterable[str]) -> int:
    return len(units_of(ctx, codes)[0])


def unit_word(ctx: Ctx, first: bool = False) -> str:
    """How a count is written: in the document's items ("项"), or national codes ("个能力点" first, then "个")."""
    return "项" if ctx.items else ("个能力点" if first else "个")


def units_text(ctx: Ctx, codes: Iterable[str]) -> str:
    """"2 项（河南省能力点编号 1-2〔A2、A3〕、1-4〔A5〕）" beside the national codes; "" without an item list."""
    if not ctx.items:
        return ""
    whole, partial = units_of(ctx, codes)
    by_item = dict(ctx.items)
    title = (ctx.item_rule or {}).get("list_title") or "文件的编号"
    shown = "、".join(f"{u}〔{codes_text(by_item[u])}〕" if u in by_item else u for u in whole) or "无"
    return f"（按{title}计：{shown}）"


def partial_text(ctx: Ctx, codes: Iterable[str]) -> str:
    """Items only partly chosen, each in a sentence of its own."""
    if not ctx.items:
        return ""
    have = list(codes)
    by_item = dict(ctx.items)
    text = ""
    for item in units_of(ctx, have)[1]:
        got = [c for c in by_item[item] if c in have]
        miss = [c for c in by_item[item] if c not in have]
        text += f"{item} 包括 {codes_text(by_item[item])}，只选了 {codes_text(got)}（还缺 {codes_text(miss)}），不计为一项。"
    return text
