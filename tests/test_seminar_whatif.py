"""The what-if debrief: the same seed under other strategies is the same game `simulate` plays; the player's orders
over other games, the placement of this game among them, and the turning points, checked against independent
replays."""
from __future__ import annotations

import numpy as np
import pytest

from game.analysis import best_plan, whatif
from game.analysis.best_plan import Found
from game.analysis.plans import Plan, evaluate, plan_policy
from game.analysis.replay import plan_of, policy_path, policy_session, same_game, session_path
from game.analysis.summary import simulate_summary
from game.analysis.verdict import judge
from game.catalog import find_campaign
from game.paths import campaigns_dir
from game.sim.policies import built_in
from game.sim.run import simulate
from game.sim.session import EndTurn, Session, SetOrder, SetUSAction
from game.sim.state import HOLD, PRESSURE, State

ARRAYS = [f for f in State.__dataclass_fields__ if f not in ("world", "turn")]
SEED = 11


@pytest.fixture(scope="module")
def tutorial():
    return find_campaign("tutorial")


@pytest.fixture(scope="module")
def played(tutorial):
    """A finished tutorial game with a mix of orders and one call on Congress."""
    s = Session(tutorial, SEED)
    ids = [a.id for a in tutorial.allies]
    for t in range(tutorial.turns):
        s.execute(SetOrder(ids[t % len(ids)], "pressure"))
        s.execute(SetOrder(ids[(t + 1) % len(ids)], "reassure"))
        if t == 2:
            s.execute(SetUSAction("congress"))
        s.execute(EndTurn())
    return s


def pressure_everywhere(campaign) -> Found:
    """A stand-in for the searched best plan: the tests must not wait for a search."""
    return Found(Plan.blanket(PRESSURE, campaign.turns, len(campaign.allies)), "search", 0.0, 1)


@pytest.mark.parametrize("name", ["hold", "adaptive", "random", "withdraw"])
def test_a_policy_path_is_the_game_simulate_plays(tutorial, name):
    path = policy_path(policy_world(tutorial), built_in(name), SEED)
    result = simulate(tutorial, built_in(name), runs=1, seed=SEED)
    for field in ARRAYS:
        assert np.array_equal(getattr(path.final, field), getattr(result.final, field)), field


def policy_world(campaign):
    return Session(campaign, 0).world


def test_the_what_if_replays_the_same_seed_like_separate_simulate_runs(tutorial, played):
    what = whatif.what_if(played, pressure_everywhere(tutorial), runs=50)
    for name, policy in (("hold", "hold"), ("adaptive", "adaptive"), ("best plan", "pressure")):
        alone = simulate_summary(tutorial, built_in(policy), 1, SEED)["final"]["outcomes"]
        assert what.pillars[name]["score"] == pytest.approx(alone["score"], abs=1e-4), name
        assert what.pillars[name]["burden"] == pytest.approx(alone["burden"], abs=1e-4), name
    verdict = judge(played)
    assert what.pillars["you"]["score"] == pytest.approx(verdict.score)
    assert what.pillars["adaptive"]["score"] == pytest.approx(verdict.adviser)


def test_the_players_plan_replays_the_players_game(tutorial, played):
    plan = plan_of(session_path(played), tutorial.turns)
    assert evaluate(played.world, [plan], 1, SEED)[0, 0] == pytest.approx(float(played.outcome().score[0]))
    assert int(plan.us[2]) == 1 and int(plan.us[0]) == 0


def test_the_distribution_is_the_players_orders_over_other_games(tutorial, played):
    luck = whatif.chance_and_skill(played, runs=80)
    plan = plan_of(session_path(played), tutorial.turns)
    batch = simulate(tutorial, plan_policy(plan), runs=81, seed=SEED).outcome.score
    assert batch[0] == pytest.approx(luck.score, abs=1e-3)   # the batch's first game is this one: left out
    alone = batch[1:]
    assert np.allclose(luck.scores, alone)
    assert luck.below == pytest.approx(whatif.placement(alone, luck.score))
    assert f"this game got {luck.score:.0f}" in luck.sentence


def test_placement_counts_ties_as_half():
    scores = np.array([70.0, 75.0, 80.0, 80.0, 90.0])
    assert whatif.placement(scores, 80.0) == pytest.approx(0.6)      # two below, two level
    assert whatif.placement(scores, 60.0) == 0.0
    assert whatif.placement(scores, 95.0) == 1.0


def test_the_luck_sentence_names_the_chance_that_set_this_game_apart():
    attack = whatif.Chance("a successful attack on Estonia", "no successful attack on Estonia", True, "2027", 0.1,
                           -12.0, (1 - 0.1) * -12.0)
    probe = whatif.Chance("a probe of Latvia turned back", "no probe of Latvia", False, "", 0.3, -1.0, 0.3)
    text = whatif.luck_sentence(70.0, 80.0, 0.2, [attack, probe], 1000, 0.8, 0.2)
    assert text.startswith("Your orders average 80 over 1,000 games")
    assert "this game got 70 (better than 20% of them), mostly from a successful attack on Estonia in 2027" in text
    assert "Latvia" not in text                     # it pulled the other way
    lucky = whatif.luck_sentence(85.0, 80.0, 0.9, [probe], 1000, 0.1, 0.9)
    assert "mostly from no probe of Latvia (30% of games; -1.0 points when it happens)" not in lucky  # 0.3 < 0.5
    spared = whatif.Chance("a successful attack on Estonia", "no successful attack on Estonia", False, "", 0.4,
                           -10.0, 4.0)
    assert "mostly from no successful attack on Estonia (40% of games" in \
        whatif.luck_sentence(85.0, 80.0, 0.9, [spared], 1000, 0.1, 0.9)
    assert "(lower than any of them)" in whatif.luck_sentence(70.0, 80.0, 0.0, [attack], 1000, 1.0, 0.0)
    level = whatif.luck_sentence(80.2, 80.0, 0.5, [attack], 1000, 0.5, 0.5)
    assert "within a point of their average (+0.2): luck barely moved this game" in level
    assert level.endswith(whatif.MODEL_DOUBT) and "How sure is the research?" in level   # the model's doubt, too
    assert whatif.MODEL_DOUBT not in text                       # where luck did move it, the luck is the story


def test_higher_than_any_only_when_no_other_game_scored_as_high():
    """Issue 21: europe_2024, the adviser's orders on seed 42 got 87 and the debrief said "higher than any of them"
    while 4 of the 1,000 games scored as high or higher, their bars right of the line."""
    session = policy_session(find_campaign("europe_2024"), built_in("adaptive"), 42)
    luck = whatif.chance_and_skill(session, runs=1000)
    higher = int((luck.scores >= luck.score - whatif.TIE).sum())
    assert higher > 0 and "higher than any" not in luck.sentence
    assert f"only {higher / 1000:.1%} of them scored as high or higher" in luck.sentence
    assert whatif.rank_words(1.0, 0.0, 1.0) == "higher than any of them"
    assert whatif.rank_words(0.5, 0.5, 0.5) == "better than 50% of them"


def test_a_turning_point_is_worth_what_undoing_that_order_changes(tutorial, played):
    points = whatif.turning_points(played, top=50)
    assert len(points) == 2 * tutorial.turns + 1         # every order given, and the call on Congress
    top = points[0]
    assert all(abs(top.worth) >= abs(p.worth) for p in points)
    def undoes(c) -> bool:
        same = SetOrder if top.ally else SetUSAction
        return isinstance(c, same) and getattr(c, "ally", "") == top.ally and _turn_of(played.log, c) == top.turn
    kept = [c for c in played.log if not undoes(c)]
    undone = Session.replay(tutorial, SEED, kept)
    # The what-if plays the alternatives as a float32 batch, the replay is the float64 single game: equal to rounding.
    assert top.worth == pytest.approx(float(played.outcome().score[0] - undone.outcome().score[0]), abs=2e-3)


def _turn_of(log, command) -> int:
    turn = 0
    for c in log:
        if c is command:
            return turn
        turn += isinstance(c, EndTurn)
    raise ValueError


def test_policy_session_logs_the_game_policy_path_plays(tutorial):
    for name in ("adaptive", "withdraw", "random"):   # withdraw runs out of forces: those orders are logged as hold
        session = policy_session(tutorial, built_in(name), SEED)
        assert same_game(session_path(session), policy_path(session.world, built_in(name), SEED)), name
        assert Session.replay(tutorial, SEED, session.log).outcome().score[0] == session.outcome().score[0]


def test_the_best_plan_is_searched_once_then_read_from_the_cache(tutorial, tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    monkeypatch.setattr(best_plan, "shipped_path", lambda c: tmp_path / "none.json")
    assert best_plan.known(tutorial) is None
    found = best_plan.find(tutorial, seconds=0.0)
    assert found.source == "search" and best_plan.cache_path(tutorial).is_file()
    again = best_plan.known(tutorial)
    assert again.source == "cache" and again.plan.same_as(found.plan)
    stale = best_plan.cache_path(tutorial).read_text().replace(best_plan.model_fingerprint(), "another model")
    best_plan.cache_path(tutorial).write_text(stale)
    assert best_plan.known(tutorial) is None          # made for another model: ignored, searched again


def test_every_shipped_campaign_has_a_shipped_best_plan_that_only_it_uses(tmp_path):
    """campaigns/plans/best holds a full plan for each shipped campaign; a user's copy of the file elsewhere (the
    same id, perhaps another game) does not borrow it."""
    for path in sorted(campaigns_dir().glob("*.yaml")):
        campaign = find_campaign(str(path))
        found = best_plan.known(campaign)
        assert found is not None and found.source == "shipped", path.name
        assert found.plan.orders.shape == (campaign.turns, len(campaign.allies))
        assert (found.plan.orders != HOLD).any()
    copy = tmp_path / "tutorial.yaml"
    copy.write_text((campaigns_dir() / "tutorial.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert best_plan.known(find_campaign(str(copy))) is None

