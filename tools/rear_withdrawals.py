"""The best plans that withdraw from an ally in the rear, against the adviser (issue 20): does any beat it?

    python tools/rear_withdrawals.py [CAMPAIGN...]      # default: the present-day campaigns and nixon_1969

For each ally in the rear (threat under 0.5, U.S. forces there) and each of the first four turns, the shipped best
plan (campaigns/plans/best) with a withdrawal from that ally on that turn; the six best of these climb two sweeps
(any other cell may change to any order, the withdrawal stays), on 200 games of seed 5; the best is scored on 2000
fresh games of seed 0 beside the adviser and the best plan. Deterministic. About a minute of CPU a campaign.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.analysis.plans import Plan, evaluate  # noqa: E402
from game.campaign.plan import load_plan  # noqa: E402
from game.catalog import find_campaign  # noqa: E402
from game.campaign.model import ORDERS  # noqa: E402
from game.sim.policies import built_in, plan_table  # noqa: E402
from game.sim.run import simulate  # noqa: E402
from game.sim.state import ORDER_CODE, make_world  # noqa: E402

CAMPAIGNS = ("tutorial", "europe_2024", "indo_pacific_2024", "global_2024", "nixon_1969")
SEARCH_RUNS, SEARCH_SEED, FRESH_RUNS, FRESH_SEED, KEEP, SWEEPS = 200, 5, 2000, 0, 6, 2


def climb(world, plan: Plan, fixed: tuple[int, int], score: float) -> tuple[Plan, float]:
    """Coordinate ascent over every cell but the fixed withdrawal, on the search games."""
    turns, allies = plan.orders.shape
    for _ in range(SWEEPS):
        better = False
        for t in range(turns):
            for i in range(allies):
                if (t, i) == fixed:
                    continue
                trials = []
                for code in range(len(ORDERS)):
                    if code != plan.orders[t, i]:
                        orders = plan.orders.copy()
                        orders[t, i] = code
                        trials.append(Plan(orders, plan.us))
                means = evaluate(world, trials, SEARCH_RUNS, SEARCH_SEED).mean(1)
                if means.max() > score + 0.02:
                    plan, score, better = trials[int(np.argmax(means))], float(means.max()), True
        if not better:
            break
    return plan, score


def best_rear_withdrawal(campaign_id: str) -> str:
    c = find_campaign(campaign_id)
    world = make_world(c)
    shipped = load_plan(ROOT / "campaigns" / "plans" / "best" / f"{campaign_id}.yaml", c)
    orders, us = plan_table(shipped.default, shipped.orders, c, shipped.us)
    rear = [i for i, a in enumerate(c.allies) if a.threat < 0.5 and a.presence > 0]
    starts = []
    for i in rear:
        for t in range(min(4, c.turns)):
            with_it = orders.copy()
            with_it[t, i] = ORDER_CODE["withdraw"]
            starts.append(((t, i), Plan(with_it, us)))
    means = evaluate(world, [p for _, p in starts], SEARCH_RUNS, SEARCH_SEED).mean(1)
    found = [climb(world, starts[k][1], starts[k][0], float(means[k])) + (starts[k][0],)
             for k in np.argsort(-means)[:KEEP]]
    plan, _, (t, i) = max(found, key=lambda f: f[1])
    fresh = float(evaluate(world, [plan, Plan(orders, us)], FRESH_RUNS, FRESH_SEED).mean(1)[0])
    best = float(evaluate(world, [Plan(orders, us)], FRESH_RUNS, FRESH_SEED).mean())
    adviser = float(simulate(c, built_in("adaptive"), FRESH_RUNS, FRESH_SEED, world=world).outcome.score.mean())
    verdict = "below the adviser" if fresh < adviser else "BEATS THE ADVISER"
    return (f"{campaign_id}: best plan found that withdraws from a rear ally (from {c.allies[i].name} on turn "
            f"{t + 1}) {fresh:.2f}, {verdict} ({adviser:.2f}); the best plan {best:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("campaigns", nargs="*", default=list(CAMPAIGNS))
    for name in parser.parse_args().campaigns:
        print(best_rear_withdrawal(name), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
