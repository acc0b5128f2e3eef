"""The model's mechanics: determinism, the factor breakdown, bounds, batching, purity."""
from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest
from builders import FLOAT32_ATOL, campaign
from hypothesis import given, settings
from hypothesis import strategies as st

from game.catalog import find_campaign
from game.sim.policies import built_in
from game.sim.report import FACTORS
from game.sim.run import new_game, rngs, simulate
from game.sim.session import EndTurn, Session, SetOrder
from game.sim.state import State, make_world
from game.sim.derived import chance, per_turn
from game.sim.step import step

ARRAYS = [f.name for f in fields(State) if f.name not in ("world", "turn")]
CAMPAIGNS = ["tutorial", "europe_2024", "indo_pacific_2024"]


def history(name, seed, runs=50):
    c = find_campaign(name)
    result = simulate(c, built_in("random"), runs=runs, seed=seed, keep_reports=True)
    return result


@pytest.mark.parametrize("name", CAMPAIGNS)
def test_same_seed_same_history_bit_for_bit(name):
    a, b = history(name, 11), history(name, 11)
    for field in ARRAYS:
        assert np.array_equal(getattr(a.final, field), getattr(b.final, field)), field
    for ra, rb in zip(a.reports, b.reports):
        for var in FACTORS:
            assert np.array_equal(ra.factors(var), rb.factors(var))
        assert np.array_equal(ra.aggression, rb.aggression)


def test_different_seeds_differ():
    a, b = history("europe_2024", 1), history("europe_2024", 2)
    assert not np.array_equal(a.final.trust, b.final.trust)


@pytest.mark.parametrize("name", CAMPAIGNS)
def test_factor_breakdown_adds_up_to_each_change(name):
    c = find_campaign(name)
    world = make_world(c)
    model_rng, policy_rng = rngs(5)
    state, _ = new_game(world, 200)
    policy = built_in("random")
    while not state.over:
        new, report = step(state, policy(state, policy_rng), model_rng)
        for var in FACTORS:
            assert report.factors(var).shape[-1] == len(FACTORS[var])
            np.testing.assert_allclose(report.change(var), getattr(new, var) - getattr(state, var), atol=FLOAT32_ATOL)
        state = new


def test_window_path_equals_batch_path():
    """A Session (batch of one, driven by commands) replays the same game as simulate(runs=1)."""
    c = find_campaign("tutorial")
    result = simulate(c, built_in("pressure"), runs=1, seed=9)
    session = Session(c, seed=9)
    while not session.over:
        for a in c.allies:
            session.execute(SetOrder(a.id, "pressure"))
        session.execute(EndTurn())
    for field in ARRAYS:
        assert np.array_equal(getattr(session.state, field), getattr(result.final, field)), field


@settings(max_examples=25, deadline=None)
@given(orders=st.lists(st.lists(st.integers(0, 4), min_size=10, max_size=10), min_size=12, max_size=12),
       seed=st.integers(0, 2**32 - 1))
def test_state_stays_in_bounds_under_any_orders(orders, seed):
    world = make_world(find_campaign("europe_2024"))
    rng = np.random.default_rng(seed)
    state, _ = new_game(world, 4)
    for turn_orders in orders:
        state, _ = step(state, np.array(turn_orders), rng)
        for var in ("threat", "trust", "alignment", "hedging", "presence", "revisionism"):
            values = getattr(state, var)
            assert ((values >= 0) & (values <= 1)).all(), var
        assert ((state.spending >= 0) & (state.spending <= world.ceiling + 1e-9)).all()
        assert (state.domestic_pressure >= 0).all() and (state.domestic_pressure <= 1).all()
        assert np.isfinite(state.us_cost_total).all()


def test_time_conversions():
    assert per_turn(0.5, 1.0) == pytest.approx(0.5)
    assert per_turn(0.5, 0.5) == pytest.approx(1 - 0.5 ** 0.5)  # two half-year turns close the same gap as a year
    assert (1 - per_turn(0.5, 0.5)) ** 2 == pytest.approx(1 - per_turn(0.5, 1.0))
    assert chance(0.0, 1.0) == 0.0
    assert 1 - (1 - chance(0.3, 0.5)) ** 2 == pytest.approx(chance(0.3, 1.0))


@pytest.mark.parametrize("order", ["hold", "pressure", "reassure", "withdraw", "criticize"])
def test_half_year_and_year_turns_agree_on_trends(order):
    """The same campaign in 12 half-year turns or 6 yearly turns ends in about the same place, whatever the order,
    on average over runs (spending carries a threat-perception shock, so one run is one draw of it). Presence too:
    a turn of reassurance adds its share of a year's presence, so 12 half-year reassurances add what 6 yearly ones
    do (a withdrawal is a size of force, whatever the turn: withdrawn everywhere, both reach zero)."""
    years = simulate(campaign(turns=6, revisionism=0.0), built_in(order), runs=400).final
    halves = simulate(campaign(turns=12, step="half", revisionism=0.0), built_in(order), runs=400).final
    for var in ("spending", "trust", "alignment", "hedging", "presence"):
        assert abs(getattr(years, var).mean() - getattr(halves, var).mean()) < 0.05, var


def test_allies_that_broke_away_ignore_orders():
    c = campaign(revisionism=0.0)
    world = make_world(c)
    state, _ = new_game(world, 2)
    state = state.evolve(realigned=np.array([[True], [False]]))
    new, report = step(state, np.full((2, 1), 1, dtype=np.int8), np.random.default_rng(0))
    pressure = FACTORS["spending"].index("pressure")
    assert report.spending[0, 0, pressure] == 0 and report.spending[1, 0, pressure] > 0


def test_sim_never_imports_pygame():
    root = Path(__file__).resolve().parents[1] / "game" / "sim"
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] == "pygame" for n in names), f"{path} imports pygame"
    code = ("import sys; import game.sim.step, game.sim.run, game.sim.session, game.sim.explain, game.cli; "
            "sys.exit('pygame' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], cwd=root.parents[1]).returncode == 0
