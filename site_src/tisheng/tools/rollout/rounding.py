"""Rounding a table to whole people (pure integer arithmetic; no input checks here)."""

from __future__ import annotations

import heapq
from fractions import Fraction
from math import lcm


def largest_remainder(total: int, weights: list[int]) -> list[int]:
    """Split the whole number ``total`` in proportion to non-negative integer ``weights`` (sum > 0).

    Every part gets the floor of its exact value; the people left over (fewer than the number of parts) go one each
    to the largest remainders, earlier parts first on equal remainders. The parts add up to ``total`` exactly and
    each is the floor or the ceiling of its exact value.
    """
    q = sum(weights)
    floors = [total * w // q for w in weights]
    rems = [total * w % q for w in weights]
    extra = total - sum(floors)
    for j in sorted(range(len(weights)), key=lambda j: (-rems[j], j))[:extra]:
        floors[j] += 1
    return floors


def controlled_rounding(rows: list[int], weights: list[int]) -> list[list[int]]:
    """A whole-number table ``x`` for the exact table ``a[i][j] = rows[i] * weights[j] / sum(weights)``.

    Guarantees, for any non-negative whole ``rows`` and non-negative integer ``weights`` with a positive sum:
    - every row adds up exactly: ``sum(x[i]) == rows[i]``;
    - every column adds up exactly to ``largest_remainder(sum(rows), weights)[j]``;
    - every cell is a whole number ≥ 0, and a cell whose weight is 0 stays 0;
    - every cell is the floor or the ceiling of its exact value whenever any table with these sums allows it.

    Method. 1) Each row is rounded on its own: floors first, then its leftover people to the cells whose column is
    furthest behind its exact running total (earlier rows and years first on ties), so row sums are exact from the
    start and column sums are already close. 2) Column sums are repaired by augmenting paths: a unit is moved, inside
    one row, from a column that is over its total to another column, and onwards until it reaches a column that is
    under. Each move keeps every row sum, and each path lowers the total excess by exactly one, so the repair ends.
    Paths first use only moves that keep every cell at its floor or ceiling; that search is Ford–Fulkerson on the
    transportation network "row → cell (capacity 1) → column", so when it finds no path, no table of that kind
    exists (max-flow/min-cut). Only then may a move leave that band (fewest such cells per path, by Dijkstra): from an
    over column some row has a positive cell, and any under column has a positive weight, so such a path always exists.
    The result is fully determined by the input order: rows, then years, first on every tie.
    """
    n_cols = len(weights)
    q = sum(weights)
    exact = [[r * w for w in weights] for r in rows]  # a[i][j] × q
    floor = [[v // q for v in row] for row in exact]
    rem = [[v % q for v in row] for row in exact]
    x: list[list[int]] = []
    behind = [0] * n_cols  # (exact running total − rounded running total) × q, per column
    for i, r in enumerate(rows):
        cells = list(floor[i])
        left = r - sum(cells)
        order = sorted((j for j in range(n_cols) if rem[i][j]), key=lambda j: (-(behind[j] + rem[i][j]), j))
        for j in order[:left]:
            cells[j] += 1
        for j in range(n_cols):
            behind[j] += exact[i][j] - cells[j] * q
        x.append(cells)

    want = largest_remainder(sum(rows), weights)
    have = [sum(x[i][j] for i in range(len(rows))) for j in range(n_cols)]
    excess = [have[j] - want[j] for j in range(n_cols)]
    while any(e > 0 for e in excess):
        path = _path(x, floor, rem, exact, q, weights, excess, strict=True)
        if path is None:
            path = _path(x, floor, rem, exact, q, weights, excess, strict=False)
        assert path is not None  # proved in the docstring; never reached
        for i, j, k in path:
            x[i][j] -= 1
            x[i][k] += 1
        excess[path[0][1]] -= 1
        excess[path[-1][2]] += 1
    return x


def _path(
    x: list[list[int]],
    floor: list[list[int]],
    rem: list[list[int]],
    exact: list[list[int]],
    q: int,
    weights: list[int],
    excess: list[int],
    *,
    strict: bool,
) -> list[tuple[int, int, int]] | None:
    """Shortest chain of in-row moves (row, from column, to column) from an over column to an under column."""
    return _shortest(_cheapest_moves(x, floor, rem, exact, q, weights, strict), excess)


Moves = list[list[tuple[int, int, int] | None]]


def _cheapest_moves(x: list[list[int]], floor: list[list[int]], rem: list[list[int]], exact: list[list[int]], q: int,
                    weights: list[int], strict: bool) -> Moves:
    """best[j][k] = (cost, l1_change, row): the cheapest row in which one person can move from year j to year k."""
    n_cols = len(weights)
    best: Moves = [[None] * n_cols for _ in range(n_cols)]
    for i, cells in enumerate(x):
        if strict:
            downs = [j for j in range(n_cols) if cells[j] > floor[i][j]]
            ups = [k for k in range(n_cols) if cells[k] < floor[i][k] + (1 if rem[i][k] else 0)]
        else:
            downs = [j for j in range(n_cols) if cells[j] > 0]
            ups = [k for k in range(n_cols) if weights[k] > 0]
        if not downs or not ups:
            continue
        for j in downs:
            d_cost = 1 if cells[j] - 1 < floor[i][j] else 0
            d_l1 = abs((cells[j] - 1) * q - exact[i][j]) - abs(cells[j] * q - exact[i][j])
            for k in ups:
                if k == j:
                    continue
                u_cost = 1 if cells[k] + 1 > floor[i][k] + (1 if rem[i][k] else 0) else 0
                u_l1 = abs((cells[k] + 1) * q - exact[i][k]) - abs(cells[k] * q - exact[i][k])
                cand = (d_cost + u_cost, d_l1 + u_l1, i)
                cur = best[j][k]
                if cur is None or cand < cur:
                    best[j][k] = cand
    return best


def _shortest(best: Moves, excess: list[int]) -> list[tuple[int, int, int]] | None:
    """Dijkstra over at most MAX_YEARS columns (edge cost 0, 1 or 2 = cells pushed out of their band)."""
    n_cols = len(excess)
    dist: list[int | None] = [None] * n_cols
    parent: list[tuple[int, int] | None] = [None] * n_cols  # (previous column, row)
    heap: list[tuple[int, int]] = []
    for j in range(n_cols):
        if excess[j] > 0:
            dist[j] = 0
            heap.append((0, j))
    heapq.heapify(heap)
    done = [False] * n_cols
    while heap:
        d, j = heapq.heappop(heap)
        if done[j]:
            continue
        done[j] = True
        if excess[j] < 0:
            return _moves_to(parent, j)
        for k in range(n_cols):
            edge = best[j][k]
            if edge is None or done[k]:
                continue
            nd = d + edge[0]
            old = dist[k]
            if old is None or nd < old:
                dist[k] = nd
                parent[k] = (j, edge[2])
                heapq.heappush(heap, (nd, k))
    return None


def _moves_to(parent: list[tuple[int, int] | None], j: int) -> list[tuple[int, int, int]]:
    moves: list[tuple[int, int, int]] = []
    k = j
    while (step := parent[k]) is not None:
        prev, row = step
        moves.append((row, prev, k))
        k = prev
    moves.reverse()
    return moves


def within_rounding(x: list[list[int]], rows: list[int], weights: list[int]) -> bool:
    """Is every cell the floor or the ceiling of its exact proportional value?"""
    q = sum(weights)
    return all(r * w // q <= v <= -(-r * w // q) for r, row in zip(rows, x) for w, v in zip(weights, row))


def weights_of(shares: list[Fraction]) -> list[int]:
    q = lcm(*(s.denominator for s in shares))
    return [int(s * q) for s in shares]
