"""The exact search: the smallest changes to a teacher's choice that make it pass, best few first."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .context import Ctx, suggest_rank, unavailable
from .coverage import attribute_of
from .requirements import Need, counted_points


MAX_ALTERNATIVES = 3
Check = Callable[[list[str]], bool]


def candidates(ctx: Ctx, within: list[str] | None, exclude: Iterable[str], strict: bool) -> list[str]:
    """Points a suggestion may add, best first: those ``within`` a school's range, or any catalog point whose name
    is known (a point nobody can name is never suggested)."""
    taken = set(exclude)
    base = list(within) if within is not None else [
        c for c in ctx.cat.points if ctx.cat.points[c].get("name") is not None
    ]
    pool = [c for c in base if c not in taken and not (strict and unavailable(ctx, [c]))]
    return sorted(pool, key=lambda c: suggest_rank(ctx, c))


def _prune(ctx: Ctx, need: Need, pool: list[str], k: int) -> list[str]:
    """For validity only what a point covers matters (its dimension, and any other attribute a teacher's rule asks
    her to cover), so the best k of each are enough."""
    attrs = sorted({"dimension", *need.cover.get("teacher", {})})
    kept: list[str] = []
    per: dict[tuple[str | None, ...], int] = {}
    for c in pool:
        d = tuple(attribute_of(ctx.cat, c, a) for a in attrs)
        if per.get(d, 0) < k:
            kept.append(c)
            per[d] = per.get(d, 0) + 1
    return kept


@dataclass
class Option:
    final: list[str]
    removed: list[str]
    added: list[str]
    key: tuple[Any, ...]


def _option_key(ctx: Ctx, need: Need, start: list[str], removed: list[str], added: list[str], final: list[str],
                pool_rank: dict[str, int]) -> tuple[Any, ...]:
    """Fewest changes; then no point without a classroom; then what she asked for; then the least work (fewest
    counted points, so a swap beats an addition); then keep what she chose; then the best-ranked additions."""
    cost = max(len(removed), len(added))
    pri = sum(1 for c in final if c in ctx.pri_codes)
    pri_dims = sum(1 for c in final if ctx.cat.dim(c) in ctx.pri_dims)
    return (
        cost,
        len(unavailable(ctx, final)),
        -pri,
        -pri_dims,
        len(counted_points(ctx, need, final)),
        len(removed),
        tuple(sorted(pool_rank[c] for c in added)),
        tuple(sorted(-start.index(c) for c in removed)),
        tuple(ctx.cat.order[c] for c in ctx.cat.sort(final)),
    )


def smallest_changes(ctx: Ctx, need: Need, start: list[str], mandatory: list[str], pool: list[str], ok: Check) -> list[Option]:
    """Smallest changes that make ``start`` pass ``ok``; the best few, ranked by _option_key.

    Cost is max(removed, added): a removal and an addition pair up as one swap. The points that must go
    (``mandatory``) fix the least cost; more additions than the larger of the count and dimension minimums never
    help, so the search is bounded. Within one dimension points are interchangeable for validity, so only the best
    few of each are tried. With additions to make, as many of her other points may be swapped out at no extra cost;
    those are tried greedily (removing a point never makes a choice valid unless a maximum applies).
    """
    m = len(mandatory)
    removable = sorted((c for c in start if c not in mandatory), key=lambda c: _drop_rank(ctx, start, c))
    add_cap = max([*need.teacher_minimums(), 1]) + sum(len(its) - 1 for _, its in ctx.items or [])
    top = max(m, add_cap) + (len(removable) if need.count_max is not None else 0)
    rank = {c: i for i, c in enumerate(pool)}
    for cost in range(m, top + 1):
        options: list[Option] = []
        for removed, added in _moves(ctx, need, removable, mandatory, pool, cost, add_cap):
            if not ok(_apply(start, removed, added)):
                continue
            for gone in _with_free_swaps(start, removed, removable, added, cost, ok):
                final = _apply(start, gone, added)
                options.append(Option(final, gone, added, _option_key(ctx, need, start, gone, added, final, rank)))
        if options:
            return _distinct(sorted(options, key=lambda o: o.key))
    return []


def _apply(start: list[str], removed: list[str], added: list[str]) -> list[str]:
    return [c for c in start if c not in removed] + added


def _drop_rank(ctx: Ctx, start: list[str], code: str) -> tuple[int, ...]:
    """Which of her points to give up first: no classroom for it, not asked for, unnamed, later in her list."""
    point = ctx.cat.points[code]
    return (
        int(not unavailable(ctx, [code])),
        int(code in ctx.pri_codes or point.get("dimension") in ctx.pri_dims),
        int(point.get("name") is not None),
        int(point.get("dimension") is not None),
        -start.index(code),
    )


def _moves(ctx: Ctx, need: Need, removable: list[str], mandatory: list[str], pool: list[str], cost: int,
           add_cap: int) -> Iterable[tuple[list[str], list[str]]]:
    m = len(mandatory)
    sizes = range(0, min(m, add_cap) + 1) if cost == m else ([cost] if cost <= add_cap else [])
    for a in sizes:
        for added in itertools.combinations(_prune(ctx, need, pool, a), a):
            yield list(mandatory), list(added)
    if need.count_max is not None and m < cost <= m + len(removable):  # too many: the least wanted go
        drop = list(mandatory) + removable[: cost - m]
        for a in range(0, min(cost, add_cap) + 1):
            for added in itertools.combinations(_prune(ctx, need, pool, a), a):
                yield drop, list(added)


def _with_free_swaps(start: list[str], removed: list[str], removable: list[str], added: list[str], cost: int,
                     ok: Check) -> list[list[str]]:
    """The move as it is, and (when it differs) the move with her least wanted points swapped out for free."""
    more = list(removed)
    for code in removable:
        if max(len(more) + 1, len(added)) > cost:
            break
        if code not in more and ok(_apply(start, [*more, code], added)):
            more.append(code)
    return [removed] if more == removed else [removed, more]


def _distinct(options: list[Option]) -> list[Option]:
    """Alternatives that differ in what they add or in whether they swap (giving up A2 or A3 is one idea)."""
    out: list[Option] = []
    seen: set[tuple[Any, ...]] = set()
    for o in options:
        sig = (tuple(sorted(o.added)), len(o.removed) if o.added else tuple(sorted(o.removed)))
        if sig in seen:
            continue
        seen.add(sig)
        out.append(o)
        if len(out) == MAX_ALTERNATIVES:
            break
    return out
