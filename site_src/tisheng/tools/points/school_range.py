"""The school-range builder: repair (or build from nothing) a range greedily, covering the missing dimensions and
environments first, then meeting the size."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ...core import registry
from .catalog import dims_of
from .context import Ctx, suggest_rank, unavailable
from .counting import count_units
from .coverage import attribute_of, covered
from .requirements import Need
from .search import Check, candidates


@dataclass
class Target:
    """What a range must allow: its size (fixed, or at least), and how many of each attribute it covers at least."""

    size: int | None = None
    size_min: int = 0
    cover: dict[str, int] = field(default_factory=dict)


def target_of(need: Need) -> Target:
    t = Target()
    for kind in registry.kinds("points", having="target"):
        kind.target(need, t)
    return t


def _deficit(ctx: Ctx, t: Target, codes: list[str]) -> tuple[int, ...]:
    return tuple(max(0, want - len(covered(ctx.cat, codes, attr))) for attr, want in sorted(t.cover.items()))


def school_ok(ctx: Ctx, t: Target, strict: bool) -> Check:
    def ok(codes: list[str]) -> bool:
        if t.size is not None and count_units(ctx, codes) != t.size:
            return False
        if count_units(ctx, codes) < t.size_min or any(_deficit(ctx, t, codes)):
            return False
        return not (strict and unavailable(ctx, codes))

    return ok


def _gain(ctx: Ctx, t: Target, codes: list[str], code: str) -> int:
    """How many of the attributes still short this point would add."""
    gain = 0
    for (attr, _), short in zip(sorted(t.cover.items()), _deficit(ctx, t, codes)):
        value = attribute_of(ctx.cat, code, attr)
        gain += int(short > 0 and (value is not None or attr == "environment")
                    and value not in covered(ctx.cat, codes, attr))
    return gain


def _spare(ctx: Ctx, t: Target, codes: list[str], keep: Iterable[str]) -> str | None:
    """The least wanted point whose removal leaves the range's coverage as it is."""
    protected = set(keep)
    now = _deficit(ctx, t, codes)
    spare = [c for c in codes if c not in protected and _deficit(ctx, t, [x for x in codes if x != c]) == now]
    return max(spare, key=lambda c: suggest_rank(ctx, c)) if spare else None


def school_fix(ctx: Ctx, t: Target, start: list[str], strict: bool, build: bool) -> tuple[list[str], bool]:
    """Repair (or build, from nothing) a range: cover the missing dimensions and environments with the point that
    covers most at once (a swap when the size is fixed and full), then meet the size. Priorities go first."""
    codes = [c for c in start if not (strict and unavailable(ctx, [c]))]
    pool = candidates(ctx, None, codes, strict)
    if build:
        for code in ctx.pri_codes:
            if code not in codes and (not strict or not unavailable(ctx, [code])) and _room(ctx, t, codes, code):
                codes.append(code)
    feasible = _cover(ctx, t, codes, pool, keep=ctx.pri_codes)
    feasible = _resize(ctx, t, codes, pool) and feasible
    return codes, feasible and school_ok(ctx, t, strict)(codes)


def _room(ctx: Ctx, t: Target, codes: list[str], code: str) -> bool:
    if t.size is None:
        return True
    after = [*codes, code]
    return count_units(ctx, after) + max(_deficit(ctx, t, after), default=0) <= t.size


def _cover(ctx: Ctx, t: Target, codes: list[str], pool: list[str], keep: list[str]) -> bool:
    while any(_deficit(ctx, t, codes)):
        choices = [c for c in pool if c not in codes and _gain(ctx, t, codes, c) > 0]
        if not choices:
            return False
        best = min(choices, key=lambda c: (-_gain(ctx, t, codes, c), suggest_rank(ctx, c)))
        if t.size is not None and count_units(ctx, codes) >= t.size:
            out = _spare(ctx, t, codes, keep)
            if out is None:
                return False
            codes.remove(out)
        codes.append(best)
    return True


def _resize(ctx: Ctx, t: Target, codes: list[str], pool: list[str]) -> bool:
    while t.size is not None and count_units(ctx, codes) > t.size:
        out = _spare(ctx, t, codes, ctx.pri_codes)
        if out is None:
            out = _spare(ctx, t, codes, [])
        if out is None:
            return False
        codes.remove(out)
    want = t.size if t.size is not None else t.size_min
    while count_units(ctx, codes) < want:
        rest = [c for c in pool if c not in codes]
        if not rest:
            return False
        covered = set(dims_of(ctx.cat, codes))  # spread the range over the dimensions, then the catalog order
        codes.append(min(rest, key=lambda c: _fill_rank(ctx, c, covered)))
    return True


def _fill_rank(ctx: Ctx, code: str, covered: set[str]) -> tuple[int, ...]:
    """Filling a range: a classroom for it, asked for, then a dimension not yet in the range, then the usual order."""
    r = suggest_rank(ctx, code)
    dim = ctx.cat.dim(code)
    return (*r[:3], int(dim is None or dim in covered), *r[3:])
