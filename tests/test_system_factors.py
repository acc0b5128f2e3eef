"""U.S. credibility, domestic pressure and each adversary's appetite: their change each turn is the sum of named
factors (report.SYSTEM_FACTORS), and each factor moves the way its name says."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from builders import FLOAT32_ATOL
import pytest

from game.catalog import find_campaign
from game.sim.policies import built_in
from game.sim.report import SYSTEM_FACTORS
from game.sim.run import new_game, rngs
from game.sim.session import EndTurn, Session, SetOrder
from game.sim.state import CONGRESS, HOLD, NO_ACTION, WITHDRAW, make_world
from game.sim.step import step
from game.ui.report.system import system_lines

RUNS = 300


def factor(report, var: str, name: str) -> np.ndarray:
    return getattr(report, var)[..., SYSTEM_FACTORS[var].index(name)]


@pytest.mark.parametrize("campaign", ["europe_2024", "global_2024", "nixon_1969"])
def test_the_system_factors_add_up_to_each_change_under_random_play(campaign):
    world = make_world(find_campaign(campaign))
    model_rng, policy_rng = rngs(5)
    state, _ = new_game(world, RUNS)
    policy = built_in("random")
    while not state.over:
        us = np.where(policy_rng.random(RUNS) < 0.5, CONGRESS, NO_ACTION).astype(np.int8)
        new, report = step(state, policy(state, policy_rng), model_rng, us)
        for var, before, after in (("credibility", state.credibility, new.credibility),
                                   ("domestic", state.domestic_pressure, new.domestic_pressure),
                                   ("appetite", state.revisionism, new.revisionism)):
            assert getattr(report, var).shape[-1] == len(SYSTEM_FACTORS[var])
            np.testing.assert_allclose(getattr(report, var).sum(-1), after - before, atol=FLOAT32_ATOL)
        state = new


def test_each_system_factor_has_the_sign_its_name_says():
    c = find_campaign("europe_2024")
    state, _ = new_game(make_world(c), RUNS)
    hold = np.full(len(c.allies), HOLD)
    away = np.full(len(c.allies), WITHDRAW)
    _, held = step(state, hold, rngs(1)[0], np.full(RUNS, CONGRESS, dtype=np.int8))
    _, left = step(state, away, rngs(1)[0])
    assert (factor(left, "credibility", "withdrawals") < -0.1).all()
    assert (factor(held, "credibility", "withdrawals") == 0).all()
    assert (factor(left, "appetite", "U.S. withdrawals") > 0.1).all()
    assert (factor(held, "domestic", "invoking Congress") > 0.05).all()
    assert (factor(left, "domestic", "invoking Congress") == 0).all()
    attacked = left.aggression.any(-1)
    assert attacked.any() and (factor(left, "credibility", "successful attacks")[attacked] < 0).all()
    assert (factor(left, "appetite", "successful attacks")[attacked].sum(-1) > 0).all()


def test_the_turn_report_says_why_credibility_and_appetite_moved_and_skips_what_held():
    c = find_campaign("global_2024")
    session = Session(c, 3)
    for ally in c.allies[:6]:
        session.execute(SetOrder(ally.id, "withdraw"))
    session.execute(EndTurn())
    scene = SimpleNamespace(report=session.reports[0], before=session.history[0], after=session.history[1],
                            session=session)
    lines = system_lines(scene)
    credibility = next(line for line in lines if line.startswith("U.S. credibility"))
    before, after = session.history[0].credibility[0], session.history[1].credibility[0]
    assert f"from {before:.2f} to {after:.2f}" in credibility and "withdrawals -" in credibility
    assert any(line.startswith("Russia's appetite") and "U.S. withdrawals +" in line for line in lines)
    quiet = SimpleNamespace(report=session.reports[0], before=session.history[1], after=session.history[1],
                            session=session)
    assert system_lines(quiet) == []
