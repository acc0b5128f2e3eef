"""Searching the plans (per-ally, per-turn orders and the U.S. row) for the best score a campaign allows.

Random search over structured rows (constant orders, alternations, one order then another, random rows), started
from the blanket orders and the adviser's usual orders, then coordinate ascent: change one ally's order on one
turn, one ally's whole row, or one U.S. cell, and keep the change if it scores better on the same games. When no
single change helps, the best plan is shaken (a few rows redrawn) and the ascent goes on, until the time is up.

Every plan is scored on the same `runs` games of one seed, so the comparison is fair, but the winner is partly
chosen for the luck of those games: re-check it on other seeds (balance does).

With several worker processes, each batch of plans is shared out among them: a plan's score does not depend on the
plans that share its batch (game.analysis.plans.evaluate), so the search takes the same steps whatever their number,
and one limited by time gets further.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from itertools import permutations
from typing import Callable

import numpy as np

from game.analysis.plans import Plan, evaluate
from game.analysis.workers import Workers
from game.campaign.model import ORDERS, US_ACTIONS
from game.sim.policies import built_in
from game.sim.run import simulate
from game.sim.state import ORDER_CODE, World

ROWS_PER_BATCH = 4000   # P plans x R runs per batch: past this, a batch costs as much per row as several smaller
RANDOM_PLANS_PER_ALLY = 10   # a fixed count, so the plans tried depend on the seed and not on the machine's speed
Progress = Callable[[int, float, float], None]   # (plans evaluated, best score so far, seconds elapsed)


@dataclass(frozen=True, eq=False)
class SearchResult:
    plan: Plan
    score: float            # mean score of the plan on the search games
    starts: dict[str, float]   # the plans the search started from (blanket orders, the adviser's habits): scores
    evaluated: int          # plans scored (the time budget may have cut the search short)
    seconds: float
    stopped: str            # "time" or "plans" (the max_plans limit)
    runs: int
    seed: int


def structured_rows(turns: int, choices: int) -> np.ndarray:
    """Every constant row, alternation of two codes, and switch from one code to another after k turns."""
    t = np.arange(turns)
    rows = [np.full(turns, a) for a in range(choices)]
    for a, b in permutations(range(choices), 2):
        rows.append(np.where(t % 2 == 0, a, b))
        rows += [np.where(t < k, a, b) for k in range(1, turns)]
    return np.unique(np.array(rows, dtype=np.int8), axis=0)


class _Moves:
    """Random plans and neighbours of a plan, drawn from the search's own seeded generator."""

    def __init__(self, turns: int, allies: int, rng: np.random.Generator):
        self.turns, self.allies, self.rng = turns, allies, rng
        self.ally_rows = structured_rows(turns, len(ORDERS))
        self.us_rows = structured_rows(turns, len(US_ACTIONS))
        # Whole-row moves in the ascent: the constant rows and alternations, which single-cell moves reach slowly.
        rows = self.ally_rows
        constant, alternating = (rows == rows[:, :1]).all(1), (rows[:, 1:] != rows[:, :-1]).all(1)
        self.ascent_rows = rows[constant | alternating]

    def row(self, rows: np.ndarray, choices: int) -> np.ndarray:
        if self.rng.random() < 0.2:
            return self.rng.integers(0, choices, self.turns, dtype=np.int8)
        return rows[self.rng.integers(len(rows))].copy()

    def random_plan(self) -> Plan:
        orders = np.stack([self.row(self.ally_rows, len(ORDERS)) for _ in range(self.allies)], axis=1)
        us = self.row(self.us_rows, len(US_ACTIONS)) if self.rng.random() < 0.5 else np.zeros(self.turns, np.int8)
        return Plan(orders, us)

    def shaken(self, plan: Plan) -> Plan:
        """The plan with one to three allies' rows redrawn: a new start for the ascent once it is stuck."""
        orders = plan.orders.copy()
        for i in self.rng.choice(self.allies, size=min(self.allies, self.rng.integers(1, 4)), replace=False):
            orders[:, i] = self.row(self.ally_rows, len(ORDERS))
        return Plan(orders, plan.us.copy())

    def neighbours(self, plan: Plan) -> list[Plan]:
        """Every plan one move away (one cell, one U.S. cell, one whole row), in a random order."""
        out = []
        for t in range(self.turns):
            for i in range(self.allies):
                for code in range(len(ORDERS)):
                    if code != plan.orders[t, i]:
                        orders = plan.orders.copy()
                        orders[t, i] = code
                        out.append(Plan(orders, plan.us))
            us = plan.us.copy()
            us[t] = 1 - us[t]
            out.append(Plan(plan.orders, us))
        for i in range(self.allies):
            for row in self.ascent_rows:
                if not np.array_equal(row, plan.orders[:, i]):
                    orders = plan.orders.copy()
                    orders[:, i] = row
                    out.append(Plan(orders, plan.us))
        return [out[k] for k in self.rng.permutation(len(out))]


def usual_orders(world: World, runs: int, seed: int) -> Plan:
    """The adviser's commonest order for each ally and turn over `runs` games: its habits as a fixed plan."""
    result = simulate(world.campaign, built_in("adaptive"), runs, seed, world=world, keep_reports=True)
    codes = np.arange(len(ORDERS))
    counts = np.stack([(r.orders[..., None] == codes).sum(0) for r in result.reports])   # (T, N, orders)
    return Plan(counts.argmax(-1).astype(np.int8), np.zeros(world.campaign.turns, np.int8))


def _scores(task: tuple[World, list[Plan], int, int]) -> np.ndarray:
    """Mean scores of some plans (a task a worker process can run)."""
    world, plans, runs, seed = task
    return evaluate(world, plans, runs, seed).mean(1)


def search(world: World, runs: int = 200, seed: int = 1, seconds: float = 40.0, max_plans: int | None = None,
           progress: Progress | None = None, starts: dict[str, Plan] | None = None,
           explore: bool = True, workers: Workers | None = None) -> SearchResult:
    """The best plan found within `seconds` (and `max_plans`), scored on `runs` games of `seed`; the starting
    plans (the blanket orders, the adviser's usual orders and any `starts` given) are always scored. With `explore`
    random plans are tried before the ascent, which goes on from the best plan so far; without, the ascent starts
    from the best starting plan (to polish a known plan). Deterministic for a seed: the plans tried come in a fixed
    order, and the limits only decide where the list is cut. `workers` (entered): processes that share out each batch
    of plans."""
    clock = time.monotonic()
    workers = workers or Workers()
    turns, allies = world.campaign.turns, world.n_allies
    moves = _Moves(turns, allies, np.random.default_rng(seed))
    batch = max(1, ROWS_PER_BATCH // runs)
    limit = max_plans if max_plans is not None else np.inf
    evaluated, best, best_score = 0, None, -np.inf

    def score(plans: list[Plan], required: bool = False) -> np.ndarray:
        """Mean scores of the plans, in batches; fewer than given once a limit is reached, unless required."""
        nonlocal evaluated, best, best_score
        means: list[float] = []
        while len(means) < len(plans):
            if not required and (evaluated >= limit or time.monotonic() - clock > seconds):
                break
            chunk = plans[len(means):len(means) + (batch if required else int(min(batch, limit - evaluated)))]
            shares = [chunk[k::workers.n] for k in range(min(workers.n, len(chunk)))]
            scores = list(workers.map(_scores, [(world, share, runs, seed) for share in shares]))
            dealt = np.empty(len(chunk), dtype=scores[0].dtype)
            for k, part in enumerate(scores):   # dealt out like cards, gathered back into the batch's order
                dealt[k::len(shares)] = part
            means += list(dealt)
            evaluated += len(chunk)
            top = int(np.argmax(means))
            if means[top] > best_score:
                best, best_score = plans[top], float(means[top])
            if progress:
                progress(evaluated, best_score, time.monotonic() - clock)
        return np.array(means)

    first = {name: Plan.blanket(ORDER_CODE[name], turns, allies) for name in ORDERS}
    first["adviser's usual orders"] = usual_orders(world, runs, seed)
    first.update(starts or {})
    start_scores = dict(zip(first, score(list(first.values()), required=True).tolist()))
    if explore:
        score([moves.random_plan() for _ in range(RANDOM_PLANS_PER_ALLY * allies)])
    current, current_score = best, best_score
    while evaluated < limit and time.monotonic() - clock <= seconds:
        candidates = moves.neighbours(current)
        for k in range(0, len(candidates), batch):
            means = score(candidates[k:k + batch])
            if len(means) and means.max() > current_score:
                current, current_score = candidates[k + int(np.argmax(means))], float(means.max())
                break
        else:  # no single move helps: go on from a shaken copy of the best
            current = moves.shaken(best)
            means = score([current])
            current_score = float(means[0]) if len(means) else current_score
    return SearchResult(best, best_score, start_scores, evaluated,
                        time.monotonic() - clock, "plans" if evaluated >= limit else "time", runs, seed)
