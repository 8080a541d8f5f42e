"""Suggestions in words: the changes a suggestion makes, and the suggestion as the answer shows it."""

from __future__ import annotations

from typing import Any

from ...core.catalogs import dimension_label, env_label
from .catalog import codes_text, dims_of, dims_text, envs_of, point_name
from .context import Ctx, suggest_rank
from .counting import count_units, item_of
from .findings import relies_on
from .requirements import Need, counted_points


def _changes(ctx: Ctx, start: list[str], removed: list[str], added: list[str]) -> list[dict[str, str]]:
    outs = [c for c in start if c in removed]
    ins = sorted(added, key=lambda c: suggest_rank(ctx, c))
    changes: list[dict[str, str]] = []
    for i in range(max(len(outs), len(ins))):
        if i < len(outs) and i < len(ins):
            changes.append({"action": "swap", "remove": outs[i], "add": ins[i]})
        elif i < len(outs):
            changes.append({"action": "remove", "remove": outs[i]})
        else:
            changes.append({"action": "add", "add": ins[i]})
    return changes


def _named(ctx: Ctx, code: str) -> str:
    """A point in the document's own numbering first (张楼: “1-4（A5 技术支持的课堂导入）”), else its national code."""
    item = item_of(ctx, code)
    return f"{item}（{point_name(ctx.cat, code)}）" if item else point_name(ctx.cat, code)


def _describe_point(ctx: Ctx, code: str) -> str:
    env = env_label(ctx.cat.env(code))
    dim = dimension_label(ctx.cat.dim(code))
    item = item_of(ctx, code)
    return f"{item}（{point_name(ctx.cat, code)}，{env}·{dim}）" if item else f"{point_name(ctx.cat, code)}（{env}·{dim}）"


def describe(ctx: Ctx, changes: list[dict[str, str]]) -> str:
    parts = []
    for ch in changes:
        if ch["action"] == "swap":
            parts.append(f"把 {_named(ctx, ch['remove'])} 换成 {_describe_point(ctx, ch['add'])}")
        elif ch["action"] == "remove":
            parts.append(f"去掉 {_named(ctx, ch['remove'])}")
        else:
            parts.append(f"加上 {_describe_point(ctx, ch['add'])}")
    return "；".join(parts)


def _codes(ctx: Ctx, codes: list[str]) -> str:
    """A selection as the document numbers it (1-2、1-4 and any code outside its list), else its national codes."""
    items = list(dict.fromkeys(i for c in codes if (i := item_of(ctx, c))))
    return "、".join(items + [c for c in codes if not item_of(ctx, c)]) if items else codes_text(codes)


def suggestion(ctx: Ctx, need: Need, start: list[str], final: list[str], kind: str, advisory: bool,
                lead: str = "", valid: bool = True) -> dict[str, Any]:
    removed = [c for c in start if c not in final]
    added = [c for c in final if c not in start]
    changes = _changes(ctx, start, removed, added)
    final_sorted = ctx.cat.sort(final)
    counted = counted_points(ctx, need, final_sorted) if ctx.mode == "teacher" else final_sorted
    dims = dims_of(ctx.cat, counted)
    relies, _ = relies_on(ctx.cat, counted, "dimension")  # said once per page from `relies_on_unconfirmed`
    size = f"{len(final_sorted)} 个" + (f"，其中计入 {len(counted)} 个" if len(counted) != len(final_sorted) else "")
    if ctx.items:
        size = f"全国编号 {codes_text(final_sorted)}，计 {count_units(ctx, counted)} 项"
    summary = f"改后为 {_codes(ctx, final_sorted)}（{size}，覆盖 {dims_text(dims)} {len(dims)} 个维度）。"
    body = describe(ctx, changes) if kind == "change" else "建议的学校范围：" + "、".join(
        _describe_point(ctx, c) for c in final_sorted)
    message = lead + body + ("。" if body else "") + (summary if kind == "change" else "")
    return {
        "kind": kind,
        "advisory": advisory,
        "valid": valid,
        "changes": changes,
        "change_count": max(len(removed), len(added)),
        "result": final_sorted,
        "dimensions": dims,
        "environments": envs_of(ctx.cat, final_sorted),
        "message": message,
        "relies_on_unconfirmed": relies,
    }


def infeasible(message: str, advisory: bool) -> dict[str, Any]:
    return {"kind": "infeasible", "advisory": advisory, "valid": False, "changes": [], "change_count": 0, "result": [],
            "dimensions": [], "environments": [], "message": message, "relies_on_unconfirmed": []}
