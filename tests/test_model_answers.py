"""An ally played by a person (game.sim.answers): a seat's answer overrides the model's response within the bounds
the model keeps for every ally, is filed under "the government's choice" so the breakdown still adds up, decides
the nuclear and accommodation branches only where the model would open them, and is a command in the session's log
that a save replays bit for bit."""
from __future__ import annotations

import numpy as np
import pytest
from builders import FLOAT32_ATOL, STEADY, campaign, factor, one_turn, opening, varied

from game.sim import answers
from game.sim.run import rngs
from game.sim.session import AnswerAlly, CommandError, EndTurn, Session, SetOrder
from game.sim.state import HOLD, PRESSURE
from game.sim.step import step

QUIET = dict(revisionism=0.0, growth=0.0)
CHOICE = answers.CHOICE


def worlds(runs=200, **ally):
    c = campaign([{"id": "alpha", "latency": 0.6, **ally}, {"id": "beta"}], **QUIET)
    _, state = opening(c, runs, params=STEADY)
    return varied(state, 3, trust=(0.4, 0.9), spending=(1.2, 2.5), alignment=(0.4, 0.9), hedging=(0.05, 0.4))


def answered(state, spend="own", stance="own", orders=HOLD, seed=0):
    given = answers.none(state)
    given[:, 0] = (answers.SPENDING.index(spend), answers.STANCES.index(stance))
    return step(state, np.full(state.spending.shape, orders, np.int8), rngs(seed)[0], None, None, given)


def test_no_answer_is_the_models_own():
    state = worlds()
    after, report = one_turn(state, np.full(state.spending.shape, HOLD, np.int8))
    same, again = answered(state)
    np.testing.assert_array_equal(after.spending, same.spending)
    np.testing.assert_array_equal(after.alignment, same.alignment)
    assert (factor(again, "spending", CHOICE) == 0).all() and (factor(again, "alignment", CHOICE) == 0).all()


@pytest.mark.parametrize("spend", ["cut", "hold", "raise", "surge"])
def test_a_spending_answer_moves_the_budget_as_far_as_budgets_can_move_and_no_further(spend):
    state = worlds()
    own, _ = answered(state)
    after, report = answered(state, spend)
    p, dt = state.world.params, state.world.dt
    lo = np.maximum(state.spending[:, 0] - p.max_fall * dt, 0)
    hi = np.minimum(state.spending[:, 0] + p.max_rise * dt, state.world.ceiling[0])
    s = after.spending[:, 0]
    assert ((s >= lo - 1e-6) & (s <= hi + 1e-6)).all()
    expected = {"cut": lo, "hold": state.spending[:, 0], "raise": state.spending[:, 0] + 0.5 * p.max_rise * dt,
                "surge": hi}[spend]
    np.testing.assert_allclose(s, np.clip(expected, lo, hi), atol=FLOAT32_ATOL)
    # Filed under the government's choice: the breakdown still adds up to the change.
    np.testing.assert_allclose(factor(report, "spending", CHOICE)[:, 0], s - own.spending[:, 0], atol=FLOAT32_ATOL)
    np.testing.assert_allclose(report.change("spending")[:, 0], s - state.spending[:, 0], atol=FLOAT32_ATOL)
    assert (after.spending[:, 1] == own.spending[:, 1]).all()      # the other ally answers for itself


def test_a_surge_under_pressure_is_a_demand_answered():
    state = worlds()
    _, cut = answered(state, "cut", orders=PRESSURE)
    _, surge = answered(state, "surge", orders=PRESSURE)
    kept_cut, kept_surge = factor(cut, "trust", "promise kept")[:, 0], factor(surge, "trust", "promise kept")[:, 0]
    assert (kept_surge > kept_cut).mean() > 0.9 and (kept_cut == 0).all()


def test_a_stance_moves_alignment_and_hedging_its_own_way():
    state = worlds()
    own, _ = answered(state)
    follow, f = answered(state, stance="follow")
    away, _ = answered(state, stance="own way")
    hedge, _ = answered(state, stance="hedge")
    assert (follow.alignment[:, 0] > own.alignment[:, 0]).all() and (away.alignment[:, 0] < own.alignment[:, 0]).all()
    assert (hedge.hedging[:, 0] > own.hedging[:, 0]).all() and (follow.hedging[:, 0] < own.hedging[:, 0]).all()
    np.testing.assert_allclose(f.change("alignment")[:, 0], follow.alignment[:, 0] - state.alignment[:, 0],
                               atol=FLOAT32_ATOL)


def test_the_branches_are_the_seats_to_take_only_where_the_model_opens_them():
    state = worlds(runs=300)
    p = state.world.params
    ripe = state.evolve(hedging=np.full_like(state.hedging, p.nuclear_threshold + 0.2))
    assert "bomb" in answers.allowed(ripe, 0)[1] and "bomb" not in answers.allowed(state, 0)[1]
    bomb, _ = answered(ripe, stance="bomb")
    assert bomb.nuclear[:, 0].all()                                  # decided, not drawn
    dice, _ = answered(ripe)
    follow, _ = answered(ripe, stance="follow")
    assert 0 < dice.nuclear[:, 0].mean() < 1 and not follow.nuclear[:, 0].any()
    # Not open: a bomb the model would not allow is not built.
    assert not answered(state, stance="bomb")[0].nuclear[:, 0].any()
    # A running programme: the seat may give it up, or keep it whatever Washington presses.
    running = ripe.evolve(nuclear=np.ones_like(ripe.nuclear), hedging=np.ones_like(ripe.hedging))
    assert answered(running, stance="give up", orders=PRESSURE)[0].renounced[:, 0].all()
    assert not answered(running, stance="follow", orders=PRESSURE)[0].renounced[:, 0].any()
    # A deal with the adversary: open only where trust has collapsed and trade ties it.
    broken = state.evolve(trust=np.full_like(state.trust, 0.1))
    tied = worlds(runs=50, trade_dependence=0.5)
    tied = tied.evolve(trust=np.full_like(tied.trust, 0.1))
    assert "deal" in answers.allowed(tied, 0)[1] and answered(tied, stance="deal")[0].realigned[:, 0].all()
    assert "deal" not in answers.allowed(broken.evolve(trust=np.full_like(broken.trust, 0.9)), 0)[1]


def test_a_seats_answer_is_a_command_a_save_replays_bit_for_bit():
    c = campaign([{"id": "alpha", "latency": 0.6}, {"id": "beta"}], turns=4, **QUIET)
    s = Session(c, seed=5)
    s.execute(SetOrder("alpha", "pressure"))
    s.execute(AnswerAlly("alpha", "surge", "follow", "We hear you."))
    s.execute(EndTurn())
    s.execute(AnswerAlly("beta", "cut", "own way", "Not this year."))
    s.execute(EndTurn())
    assert s.messages == [{0: "We hear you."}, {1: "Not this year."}]
    again = Session.replay(c, 5, list(s.log))
    np.testing.assert_array_equal(again.state.spending, s.state.spending)
    np.testing.assert_array_equal(again.state.alignment, s.state.alignment)
    ai = Session(c, seed=5)
    ai.execute(SetOrder("alpha", "pressure"))
    ai.execute(EndTurn())
    assert not np.array_equal(ai.state.spending, s.history[1].spending)
    with pytest.raises(CommandError, match="not a stance"):
        s.execute(AnswerAlly("alpha", "own", "bomb"))                # the model does not open the bomb here
    with pytest.raises(CommandError, match="not a spending answer"):
        s.execute(AnswerAlly("alpha", "double", "own"))
    with pytest.raises(CommandError, match="at most"):
        s.execute(AnswerAlly("alpha", "own", "own", "x" * 1000))
    with pytest.raises(CommandError, match="unknown ally"):
        s.execute(AnswerAlly("gamma", "own", "own"))


def test_an_answer_cannot_lift_a_budget_past_its_ceiling():
    state = worlds()
    capped = state.evolve(spending=np.full_like(state.spending, state.world.ceiling[0] - 0.05))
    after, _ = answered(capped, "raise")
    assert (after.spending[:, 0] <= state.world.ceiling[0] + 1e-6).all()
