"""The school-range builder: repair (or build from nothing) a range greedily, covering the missing dimensions and
environments first, then meeting the size."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .catalog import dims_of, envs_of
from .context import Ctx, suggest_rank, unavailable
from .counting import count_units
from .requirements import Need
from .search import Check, candidates


@dataclass
class Target:
    size: int | None
    size_min: int
    dims: int
    envs: int


def target_of(need: Need) -> Target:
    return Target(
        size=need.size,
        size_min=max([need.count_min or 0, *need.age_counts]),
        dims=max(need.school_dims_min or 0, need.dims_min or 0),
        envs=need.envs_min or 0,
    )


def _deficit(ctx: Ctx, t: Target, codes: list[str]) -> tuple[int, int]:
    return max(0, t.dims - len(dims_of(ctx.cat, codes))), max(0, t.envs - len(envs_of(ctx.cat, codes)))


def school_ok(ctx: Ctx, t: Target, strict: bool) -> Check:
    def ok(codes: list[str]) -> bool:
        if t.size is not None and count_units(ctx, codes) != t.size:
            return False
        if count_units(ctx, codes) < t.size_min or _deficit(ctx, t, codes) != (0, 0):
            return False
        return not (strict and unavailable(ctx, codes))

    return ok


def _gain(ctx: Ctx, t: Target, codes: list[str], code: str) -> int:
    dims_short, envs_short = _deficit(ctx, t, codes)
    new_dim = dims_short > 0 and ctx.cat.dim(code) is not None and ctx.cat.dim(code) not in dims_of(ctx.cat, codes)
    new_env = envs_short > 0 and ctx.cat.env(code) not in envs_of(ctx.cat, codes)
    return int(new_dim) + int(new_env)


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
    return count_units(ctx, after) + max(_deficit(ctx, t, after)) <= t.size


def _cover(ctx: Ctx, t: Target, codes: list[str], pool: list[str], keep: list[str]) -> bool:
    while max(_deficit(ctx, t, codes)) > 0:
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
