"""The dilemma must be real, and the score must reward what the research says works: in every present-day
campaign no blanket order wins, the adviser's conditional play beats blanket pressure, random play and doing
nothing, the known exploits of the old scoring lose to it, and a single game tells skill from luck."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.campaign.model import PILLARS
from game.campaign.plan import load_plan
from game.catalog import find_campaign
from game.paths import campaigns_dir
from game.sim.policies import Policy, built_in, plan_policy, plan_table
from game.sim.run import simulate
from game.sim.state import ORDER_CODE, make_world

UNIFORM = ("hold", "pressure", "reassure", "withdraw", "criticize")
PRESENT_DAY = ["tutorial", "europe_2024", "indo_pacific_2024", "global_2024"]
RUNS, SEED = 1500, 21


def table(campaign, order_of) -> Policy:
    """A plan as a function of (turn, ally, turns) -> order name."""
    t_max, allies = campaign.turns, campaign.allies
    codes = np.array([[ORDER_CODE[order_of(t, a, t_max)] for a in allies] for t in range(t_max)], dtype=np.int8)
    return Policy("plan", lambda s, rng: np.broadcast_to(codes[min(s.turn, t_max - 1)], s.spending.shape).copy())


def exploits(campaign) -> dict[str, Policy]:
    """The plans that beat the adviser under the old scoring (issue 'The dilemma in play')."""
    plans = {"pressure, then withdraw everywhere on the last turn":
             table(campaign, lambda t, a, n: "withdraw" if t == n - 1 else "pressure")}
    for hub in (a.id for a in campaign.allies if a.hub):
        plans[f"withdraw from {hub} in turns 1-2, then hold"] = \
            table(campaign, lambda t, a, n, h=hub: "withdraw" if a.id == h and t < 2 else "hold")
        plans[f"withdraw from {hub} on turn 1, then pressure"] = \
            table(campaign, lambda t, a, n, h=hub: "withdraw" if a.id == h and t < 1 else "pressure")
    empty = [a.id for a in campaign.allies if a.presence <= 0.1]
    if empty:
        plans[f"withdraw every turn from {empty[0]}"] = \
            table(campaign, lambda t, a, n, e=empty[0]: "withdraw" if a.id == e else "hold")
    return plans


def plan_file(folder: str, name: str, campaign) -> Policy:
    plan = load_plan(campaigns_dir() / "plans" / folder / name, campaign)
    return plan_policy(plan.name, plan.default, plan.orders, campaign, plan.us)


@pytest.fixture(scope="module", params=PRESENT_DAY)
def played(request):
    c = find_campaign(request.param)
    world = make_world(c)
    run = lambda policy, seed=SEED: simulate(c, policy, runs=RUNS, seed=seed, world=world).outcome  # noqa: E731
    results = {p: run(built_in(p)) for p in (*UNIFORM, "adaptive", "random")}
    return c, run, results


def test_no_uniform_order_wins_every_pillar(played):
    _, _, results = played
    best = {pillar: max(UNIFORM, key=lambda p: results[p].pillar(pillar).mean()) for pillar in PILLARS}
    assert len(set(best.values())) > 1, best


def test_every_uniform_order_loses_some_pillar_badly(played):
    """Each blanket order pays for its strengths: it trails the best policy by 5+ points on some pillar."""
    _, _, results = played
    for p in UNIFORM:
        gaps = [max(results[q].pillar(pillar).mean() for q in UNIFORM) - results[p].pillar(pillar).mean()
                for pillar in PILLARS]
        assert max(gaps) > 5, (p, gaps)


def test_the_adviser_beats_pressure_random_play_and_doing_nothing(played):
    """Conditional play ally by ally clearly beats the blanket orders: by 2+ points over pressure everywhere,
    3+ over random orders and 5+ over holding, and it beats every blanket order."""
    _, _, results = played
    score = {p: float(r.score.mean()) for p, r in results.items()}
    assert score["adaptive"] > score["pressure"] + 2, score
    assert score["adaptive"] > score["random"] + 3, score
    assert score["adaptive"] > score["hold"] + 5, score
    assert all(score["adaptive"] > score[p] + 2 for p in UNIFORM), score


def test_the_old_exploits_lose_to_the_adviser(played):
    c, run, results = played
    adviser = float(results["adaptive"].score.mean())
    for name, plan in exploits(c).items():
        assert float(run(plan).score.mean()) < adviser, name


ARTICLE_PLANS = ("stand_by_the_front", "nixon_pairing", "mind_the_waverers")


def test_plans_built_on_the_article_beat_the_blanket_orders(played):
    """The three plans of campaigns/plans/article (docs/model.md gives their reasoning) beat blanket pressure by 2+
    points and holding by 5+: the research's advice is what the score rewards."""
    c, run, results = played
    pressure, hold = float(results["pressure"].score.mean()), float(results["hold"].score.mean())
    for name in ARTICLE_PLANS:
        score = float(run(plan_file("article", f"{c.id}_{name}.yaml", c)).score.mean())
        assert score > pressure + 2 and score > hold + 5, (name, score, pressure, hold)


def test_plans_built_on_the_article_come_within_two_points_of_the_best_found(played):
    """The best plan a free search found (campaigns/plans/best) is only a little better than the article's advice
    played well: on games the search never saw, each article plan is within 2 points of it."""
    c, run, _ = played
    best = float(run(plan_file("best", f"{c.id}.yaml", c)).score.mean())
    for name in ARTICLE_PLANS:
        score = float(run(plan_file("article", f"{c.id}_{name}.yaml", c)).score.mean())
        assert score > best - 2, (name, score, best)


def test_the_best_plan_found_beats_holding_by_8_and_every_blanket_order_by_3(played):
    c, run, results = played
    best = float(run(plan_file("best", f"{c.id}.yaml", c)).score.mean())
    assert best > float(results["hold"].score.mean()) + 8
    for order in UNIFORM:
        assert best > float(results[order].score.mean()) + 3, order


def test_a_single_game_tells_skill_from_luck(played):
    """On the same seed the adviser beats holding in 98 %+ of single games; on independent seeds in 90 %+."""
    _, run, results = played
    adviser, hold = results["adaptive"].score, results["hold"].score
    assert np.mean(adviser > hold) >= 0.98
    other = run(built_in("hold"), seed=SEED + 1).score
    assert np.mean(adviser > other) >= 0.90


def test_aggression_is_rare_under_the_adviser_in_the_indo_pacific_and_taiwan_no_coin_flip():
    c = find_campaign("indo_pacific_2024")
    r = simulate(c, built_in("adaptive"), runs=RUNS, seed=SEED)
    assert r.outcome.aggression.mean() <= 0.25
    assert (r.final.aggressed[:, c.ally_index("taiwan")] > 0).mean() < 0.2


def test_nixon_era_sees_soviet_aggression_rarely_under_the_historical_plan():
    c = find_campaign("nixon_1969")
    plan = load_plan(campaigns_dir() / "plans" / "nixon_1969_1975.yaml", c)
    r = simulate(c, plan_policy(plan.name, plan.default, plan.orders, c, plan.us), runs=RUNS, seed=SEED)
    assert r.outcome.aggression.mean() <= 0.05


def test_the_tutorial_teaches_rather_than_punishes_by_dice():
    r = simulate(find_campaign("tutorial"), built_in("adaptive"), runs=RUNS, seed=SEED)
    assert r.outcome.aggression.mean() <= 0.08


def test_the_article_plans_check_takes_a_shipped_plan_that_ties_and_nothing_worse():
    from tools.article_plans import FOLDER, tied
    from game.analysis.plans import Plan
    campaign = find_campaign("tutorial")
    world, path = make_world(campaign), FOLDER / "tutorial_nixon_pairing.yaml"
    shipped = load_plan(path, campaign)
    same = Plan(*plan_table(shipped.default, shipped.orders, campaign, shipped.us))
    assert tied(path, same, world)
    withdraw = Plan.blanket(ORDER_CODE["withdraw"], campaign.turns, len(campaign.allies))
    assert not tied(path, withdraw, world)


@pytest.mark.slow      # about 45 s of CPU: every article plan chosen again (.ci/run runs it; `pytest -m slow`)
def test_the_shipped_article_plans_are_the_ones_the_tool_chooses():
    """tools/article_plans.py is deterministic: rerun on the shipped model it writes the shipped plans, so the
    "within two points of the best" claim above is about plans anyone can regenerate (about 25 s of CPU)."""
    root = Path(__file__).resolve().parents[1]
    run = subprocess.run([sys.executable, "tools/article_plans.py", "--check"], cwd=root, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "article plans are the ones the tool chooses" in run.stdout
