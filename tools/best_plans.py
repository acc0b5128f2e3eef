"""Search the best plan of each shipped campaign (campaigns/plans/best/), reproducibly.

    python tools/best_plans.py                 # search every campaign and write the files that improve
    python tools/best_plans.py europe_2024     # one campaign
    python tools/best_plans.py --check         # a short search from each shipped plan: nothing much better?

The search is `fairshare balance`'s (game.analysis.plan_search), with a budget counted in plans, not seconds, so the
same model, seed and budget find the same plan on any machine. It starts from the shipped best plan, the article's
plans and the campaign's historical plan (where they exist), explores, then climbs. A plan is written only when it
beats the shipped one on fresh games (FRESH_RUNS of FRESH_SEED, games the search never saw).

`--check` climbs for a short budget from the shipped plan alone, on other games than the long search's (seed
CHECK_SEED), and fails when it finds a plan more than CHECK_MARGIN points better on fresh games: the shipped plans
are what a long search finds, not stale, nor fitted to the luck of their own search games.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.analysis.backtest import default_plan  # noqa: E402
from game.analysis.plan_search import search  # noqa: E402
from game.analysis.plans import Plan, evaluate, plan_yaml  # noqa: E402
from game.campaign.plan import load_plan  # noqa: E402
from game.catalog import find_campaign  # noqa: E402
from game.sim.policies import plan_table  # noqa: E402
from game.sim.state import make_world  # noqa: E402
from game.userdata import FileKind, SaveError, atomic_write_text  # noqa: E402

FOLDER = ROOT / "campaigns" / "plans"
FOUND_BY = "# Best plan found by `python tools/best_plans.py"
# Under the write rule (game.userdata): a plan file this tool wrote is replaced (that is its work); a plan an author
# put in plans/best/ by hand is not, and the tool says so.
BEST_PLAN = FileKind("a best plan written by tools/best_plans.py", lambda head: head.startswith(FOUND_BY.encode()),
                     head=len(FOUND_BY))
SEARCH_RUNS, SEARCH_SEED, PLANS = 200, 1, 20_000
FRESH_RUNS, FRESH_SEED = 2000, 0
CHECK_PLANS, CHECK_SEED, CHECK_MARGIN = 400, 2, 0.3


def campaigns() -> list[str]:
    return sorted(p.stem for p in (FOLDER / "best").glob("*.yaml"))


def plan_of(path: Path, campaign) -> Plan:
    plan = load_plan(path, campaign)
    orders, us = plan_table(plan.default, plan.orders, campaign, plan.us)
    return Plan(orders, us)


def known_plans(campaign) -> dict[str, Plan]:
    """The plans a search starts from besides the blanket orders and the adviser's habits."""
    found = {}
    shipped = FOLDER / "best" / f"{campaign.id}.yaml"
    if shipped.exists():
        found["shipped best plan"] = plan_of(shipped, campaign)
    for path in sorted((FOLDER / "article").glob(f"{campaign.id}_*.yaml")):
        found[path.stem] = plan_of(path, campaign)
    historical = default_plan(campaign)
    if historical is not None:
        found["historical"] = plan_of(historical, campaign)
    return found


def fresh(world, plans: list[Plan]) -> list[float]:
    return [float(s) for s in evaluate(world, plans, FRESH_RUNS, FRESH_SEED).mean(1)]


def improve(campaign_id: str, plans: int) -> str:
    campaign = find_campaign(campaign_id)
    world = make_world(campaign)
    starts = known_plans(campaign)
    found = search(world, SEARCH_RUNS, SEARCH_SEED, seconds=np.inf, max_plans=plans, starts=starts)
    shipped = starts.get("shipped best plan")
    new, *old = fresh(world, [found.plan] + ([shipped] if shipped is not None else []))
    old = old[0] if old else None
    if shipped is not None and new <= old + 0.005:
        return f"{campaign_id}: kept the shipped plan ({old:.2f} on fresh games; the search's best {new:.2f})"
    comment = (f"{FOUND_BY.removeprefix('# ')} {campaign_id}` ({plans} plans on {SEARCH_RUNS} games of seed "
               f"{SEARCH_SEED},\nfrom the shipped, article and historical plans): {new:.2f} on {FRESH_RUNS} games of "
               f"seed {FRESH_SEED}.")
    atomic_write_text(FOLDER / "best" / f"{campaign_id}.yaml", plan_yaml(found.plan, campaign, comment),
                      kind=BEST_PLAN)
    before = f"{old:.2f}" if shipped is not None else "none"
    return f"{campaign_id}: wrote a better plan, {new:.2f} on fresh games (shipped {before})"


def check(campaign_id: str) -> tuple[bool, str]:
    campaign = find_campaign(campaign_id)
    world = make_world(campaign)
    shipped = plan_of(FOLDER / "best" / f"{campaign_id}.yaml", campaign)
    found = search(world, SEARCH_RUNS, CHECK_SEED, seconds=np.inf, max_plans=CHECK_PLANS,
                   starts={"shipped best plan": shipped}, explore=False)
    new, old = fresh(world, [found.plan, shipped])
    ok = new <= old + CHECK_MARGIN
    return ok, (f"{campaign_id}: shipped {old:.2f}, a short search from it {new:.2f} on fresh games "
                f"({'ok' if ok else 'STALE'}: {new - old:+.2f}, {CHECK_MARGIN} allowed)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("campaigns", nargs="*", help="campaign ids (default: every campaign with a best plan)")
    parser.add_argument("--plans", type=int, default=PLANS, help=f"search budget per campaign (default {PLANS})")
    parser.add_argument("--check", action="store_true", help="check the shipped plans instead of searching")
    args = parser.parse_args()
    names = args.campaigns or campaigns()
    if args.check:
        results = [check(name) for name in names]
        for _, line in results:
            print(line, flush=True)
        if all(ok for ok, _ in results):
            print("the shipped best plans are what a search finds")
            return 0
        return 1
    for name in names:
        try:
            print(improve(name, args.plans), flush=True)
        except SaveError as error:
            print(f"{name}: the plan was not written: {error}", flush=True)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
