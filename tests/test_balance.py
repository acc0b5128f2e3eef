"""`fairshare balance`: plans played side by side on shared games, the search, the re-check, the flags, the CLI."""
from __future__ import annotations

import json

import numpy as np
import pytest
from builders import campaign as build

from game.analysis.balance import BEST, Luck, Strategy, balance, checks
from game.analysis.plan_search import search
from game.analysis.plans import Plan, TiledGenerator, evaluate, plan_policy, plan_yaml, play
from game.campaign.model import ORDERS
from game.campaign.plan import load_plan
from game.catalog import find_campaign
from game.cli import main
from game.sim import policies
from game.sim.policies import built_in
from game.sim.run import simulate
from game.sim.state import ORDER_CODE, make_world


@pytest.fixture(scope="module")
def europe():
    campaign = find_campaign("europe_2024")
    return campaign, make_world(campaign)


@pytest.fixture(scope="module")
def tutorial():
    campaign = find_campaign("tutorial")
    return campaign, make_world(campaign)


def varied_plans(campaign, count: int, seed: int = 0) -> list[Plan]:
    rng = np.random.default_rng(seed)
    shape = (campaign.turns, len(campaign.allies))
    plans = [Plan.blanket(ORDER_CODE["hold"], *shape), Plan.blanket(ORDER_CODE["withdraw"], *shape)]
    plans += [Plan(rng.integers(0, len(ORDERS), shape, dtype=np.int8), rng.integers(0, 2, shape[0], dtype=np.int8))
              for _ in range(count - 2)]
    return plans


def test_plans_in_one_tiled_batch_score_exactly_as_each_played_alone(europe):
    campaign, world = europe
    plans = varied_plans(campaign, 5)
    together = evaluate(world, plans, runs=40, seed=11)
    for plan, row in zip(plans, together):
        alone = simulate(campaign, plan_policy(plan), runs=40, seed=11, world=world).outcome.score
        assert np.array_equal(alone, row)
    assert len({round(float(r.mean()), 6) for r in together}) == len(plans)   # the plans really differ


@pytest.mark.parametrize("name", ["adaptive", "random"])
def test_play_is_simulate_with_a_tally_of_attacks(europe, name):
    campaign, world = europe
    played = play(world, built_in(name), runs=60, seed=2)
    result = simulate(campaign, built_in(name), runs=60, seed=2, world=world, keep_reports=True)
    assert np.array_equal(played.outcome.score, result.outcome.score)
    assert np.array_equal(played.fired, result.final.fired)
    assert np.array_equal(played.attacked, sum(r.aggression for r in result.reports) > 0)


def test_the_tiled_generator_refuses_what_it_cannot_tile():
    tiled = TiledGenerator(np.random.default_rng(0), copies=3, runs=4)
    draws = tiled.random((12, 2))
    assert np.array_equal(draws[:4], draws[8:]) and not np.array_equal(draws[0], draws[1])
    with pytest.raises(ValueError, match="batch"):
        tiled.random((2, 12))
    with pytest.raises(AttributeError, match="integers"):
        tiled.integers(0, 5, 12)


def test_search_keeps_the_best_starting_plan_and_its_score_is_real(tutorial):
    campaign, world = tutorial
    found = search(world, runs=40, seed=3, seconds=600, max_plans=60)
    assert found.evaluated == 60 and found.stopped == "plans"
    assert found.score >= max(found.starts[o] for o in ORDERS)
    assert found.score == pytest.approx(evaluate(world, [found.plan], 40, 3).mean())
    again = search(world, runs=40, seed=3, seconds=600, max_plans=60)
    assert again.plan.same_as(found.plan)   # deterministic for a seed


def test_the_best_plan_is_rechecked_on_other_games_than_the_search_used(tutorial):
    campaign, world = tutorial
    result = balance(campaign, runs=80, seed=4, search_seconds=600, max_plans=30)
    seeds = result.seeds
    assert len({seeds["report"], seeds["search"], seeds["independent"]}) == 3
    assert result.search.seed == seeds["search"]
    fresh = simulate(campaign, plan_policy(result.search.plan), runs=80, seed=seeds["report"], world=world)
    assert np.array_equal(result.strategies[BEST].scores, fresh.outcome.score)
    hold = simulate(campaign, built_in("hold"), runs=80, seed=seeds["report"], world=world).outcome.score
    assert result.strategies["hold"].scores.tolist() == hold.tolist()
    assert result.overfit == pytest.approx((result.search.score - result.search.starts["hold"])
                                           - (fresh.outcome.score.mean() - hold.mean()))


# --- flags on hand-made results -------------------------------------------------------------------------------

EVENTS = [{"id": "scripted", "title": "Scripted", "text": "t", "turn": 2,
           "effects": [{"target": "alpha", "var": "trust", "add": 0.01}]},
          {"id": "maybe", "title": "Maybe", "text": "t", "when": "alpha.trust > 0.9",
           "effects": [{"target": "alpha", "var": "trust", "add": 0.01}]}]
GOOD = {"hold": 70, "pressure": 74, "reassure": 72, "withdraw": 40, "criticize": 69, "adaptive": 80,
        "random": 60, BEST: 85}


def results(means=GOOD, attacked=0.1, fired=0.3, adviser_wins=0.95):
    """Strategies with the given mean scores; per-ally attacks and the conditional event's firing as given (a
    number for every strategy, or a dict by strategy)."""
    per = lambda value, name: value[name] if isinstance(value, dict) else value  # noqa: E731
    strategies = {name: Strategy(name, float(m), 1.0, m - 1, m, m + 1, {}, 0.1,
                                 {"alpha": per(attacked, name), "beta": 0.0},
                                 {"scripted": 1.0, "maybe": per(fired, name)}, np.full(10, float(m)))
                  for name, m in means.items()}
    luck = [Luck("best plan vs hold", 1.0, 0.99), Luck("adaptive vs hold", 0.99, adviser_wins)]
    return strategies, luck


def flag_ids(campaign, **kwargs) -> set[str]:
    return {c.id for c in checks(campaign, *results(**kwargs)) if not c.passed}


@pytest.fixture(scope="module")
def small():
    return build([{"id": "alpha"}, {"id": "beta"}], turns=4, events=EVENTS)


def test_a_sound_campaign_raises_no_flag_and_lists_what_passed(small):
    found = checks(small, *results())
    assert [c.id for c in found if not c.passed] == []
    assert {c.id for c in found} >= {"blanket_near_best", "adviser_vs_pressure", "random_vs_adviser",
                                      "hold_vs_adviser", "best_vs_hold", "event:maybe", "ally_attacked",
                                      "luck_adviser_vs_hold"}


def test_each_flag_fires_when_its_condition_holds(small):
    assert flag_ids(small, means={**GOOD, "criticize": 83}) == {"blanket_near_best:criticize"}
    assert flag_ids(small, means={**GOOD, "reassure": 86}) == {"blanket_near_best:reassure"}
    assert flag_ids(small, means={**GOOD, "pressure": 79}) == {"adviser_vs_pressure"}
    assert flag_ids(small, means={**GOOD, "random": 78}) == {"random_vs_adviser"}
    assert flag_ids(small, means={**GOOD, "hold": 76}) == {"hold_vs_adviser"}
    assert flag_ids(small, means={**GOOD, BEST: 81, "hold": 74}) == {"best_vs_hold"}
    assert flag_ids(small, fired=0.0) == {"event_never:maybe"}
    assert flag_ids(small, fired=1.0) == {"event_always:maybe"}
    assert flag_ids(small, attacked=0.6) == {"ally_attacked:alpha"}
    assert flag_ids(small, adviser_wins=0.85) == {"luck_adviser_vs_hold"}


def test_flags_stay_quiet_just_inside_their_thresholds(small):
    assert flag_ids(small, means={**GOOD, "pressure": 78, "random": 77, "hold": 75, BEST: 83.1}) == set()
    # one strategy that fires the event, or protects the ally, is enough
    assert flag_ids(small, fired={**{n: 0.0 for n in GOOD}, "reassure": 0.2}) == set()
    assert flag_ids(small, fired={**{n: 1.0 for n in GOOD}, "hold": 0.9}) == set()
    assert flag_ids(small, attacked={**{n: 0.9 for n in GOOD}, "adaptive": 0.5}) == set()


def test_a_best_plan_that_withdraws_is_pointed_out(small):
    plan = Plan.blanket(ORDER_CODE["hold"], small.turns, 2)
    assert [c.passed for c in checks(small, *results(), plan) if c.id == "best_plan_withdraws"] == [True]
    plan.orders[1:3, 1] = ORDER_CODE["withdraw"]
    (flag,) = [c for c in checks(small, *results(), plan) if not c.passed]
    assert flag.id == "best_plan_withdraws" and "Beta (2 of 4 turns)" in flag.text


def test_flag_sentences_carry_the_numbers(small):
    (flag,) = [c for c in checks(small, *results(means={**GOOD, "criticize": 83})) if not c.passed]
    assert flag.severity == "major" and "criticize scores 83.0" in flag.text and "(85.0)" in flag.text


# --- plan files -------------------------------------------------------------------------------------------------

def test_plan_files_are_compact_and_read_back_as_the_same_orders(tutorial, tmp_path):
    campaign, world = tutorial
    ids = [a.id for a in campaign.allies]
    orders = np.full((campaign.turns, len(ids)), ORDER_CODE["reassure"], dtype=np.int8)
    orders[:2, ids.index("germany")] = ORDER_CODE["pressure"]
    orders[:, ids.index("spain")] = ORDER_CODE["hold"]
    plan = Plan(orders, np.zeros(campaign.turns, dtype=np.int8))
    text = plan_yaml(plan, campaign, "a comment")
    assert text.startswith("# a comment\n") and "us:" not in text and "poland" not in text
    assert "germany: [pressure, pressure, reassure]" in text and "spain: hold" in text
    congress = Plan(orders, np.array([0, 1, 1] + [0] * (campaign.turns - 3), dtype=np.int8))
    assert "us: [none, congress, congress, none]\n" in plan_yaml(congress, campaign)
    for written in (plan, congress):
        path = tmp_path / "plan.yaml"
        path.write_text(plan_yaml(written, campaign), encoding="utf-8")
        read = load_plan(path, campaign)
        policy = policies.plan_policy(read.name, read.default, read.orders, campaign, read.us)
        assert np.array_equal(simulate(campaign, policy, 30, 5, world=world).outcome.score,
                              simulate(campaign, plan_policy(written), 30, 5, world=world).outcome.score)


# --- the command line -------------------------------------------------------------------------------------------

def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_balance_json_and_the_written_plan_replays_to_the_same_score(capsys, tmp_path):
    plan = tmp_path / "best.yaml"
    code, out, err = run(capsys, "balance", "tutorial", "--runs", "60", "--seed", "2", "--search", "1", "--json",
                         "--plan-out", str(plan))
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"campaign", "runs", "seeds", "strategies", "best_plan", "luck", "flags", "passed"}
    assert set(data["strategies"]) == {*policies.BUILT_IN, BEST}
    for strategy in data["strategies"].values():
        assert set(strategy) >= {"mean", "sd", "p10", "p50", "p90", "pillars", "aggression", "attacked", "events"}
        assert strategy["p10"] <= strategy["p50"] <= strategy["p90"]
    assert {"fresh_score", "search_score", "overfit", "plans_evaluated"} <= set(data["best_plan"])
    assert all(set(c) == {"id", "severity", "passed", "text"} for c in data["flags"] + data["passed"])
    code, out, _ = run(capsys, "simulate", "tutorial", "--policy", str(plan), "--runs", "60", "--seed", "2", "--json")
    assert code == 0
    assert json.loads(out)["final"]["outcomes"]["score"] == pytest.approx(data["best_plan"]["fresh_score"], abs=1e-4)


def test_balance_text_fits_a_100_column_terminal(capsys):
    code, out, _ = run(capsys, "balance", "tutorial", "--runs", "30", "--search", "0")
    assert code == 0 and "best plan" in out and "Passed" in out
    assert max(len(line) for line in out.splitlines()) <= 100


@pytest.mark.parametrize("argv, code, message", [
    (["balance", "no_such_campaign"], 1, "no_such_campaign"),
    (["balance", "tutorial", "--runs", "0"], 2, "--runs"),
    (["balance", "tutorial", "--search", "-1"], 2, "--search"),
    # said before the search: the plan's folder cannot be made where a file is (unwritable even as root)
    (["balance", "tutorial", "--plan-out", "{tmp}/a_file/plan.yaml"], 2, "cannot write the plan"),
])
def test_balance_errors_are_one_readable_line(capsys, tmp_path, argv, code, message):
    (tmp_path / "a_file").write_text("")
    got, out, err = run(capsys, *[a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert got == code and out == ""
    assert err.startswith("fairshare: error: ") and message in err and "Traceback" not in err


def test_simulate_json_gives_the_score_distribution(capsys):
    code, out, _ = run(capsys, "simulate", "europe_2024", "--policy", "random", "--runs", "50", "--json")
    data = json.loads(out)
    d = data["distribution"]
    assert code == 0 and set(d) == {"sd", "p10", "p50", "p90"}
    assert d["sd"] > 0 and d["p10"] <= d["p50"] <= d["p90"]
    assert "outcomes" in data["final"]
