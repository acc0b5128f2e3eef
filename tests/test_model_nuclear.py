"""The nuclear branch as a real choice: abandonment pushes an exposed ally that could build a bomb into a programme;
an ally with nothing to fall back on and ties to the adversary accommodates instead; a programme can be stopped by
pressing the ally to give it up while standing by it; and the cohesion pillar counts a stopped programme for less
than a running one, but not for nothing. Each as a claim over many seeded games."""
from __future__ import annotations

import numpy as np
from builders import campaign, final, one_turn, opening, play, varied

from game.sim import explain, outcome
from game.sim.policies import Policy
from game.sim.state import CONGRESS, HOLD, NO_ACTION, PRESSURE, REASSURE, WITHDRAW

RUNS = 600
EXPOSED = {"id": "alpha", "threat": 0.85, "trust": 0.65, "presence": 0.7, "latency": 0.8, "trade_dependence": 0.2}


def withdrawn_once(then=None, us=None) -> Policy:
    """Withdraw from every ally on turn 1; afterwards `then(state)` (default: hold)."""
    def choose(state, rng):
        if state.turn == 0:
            return np.full(state.spending.shape, WITHDRAW, np.int8)
        return np.full(state.spending.shape, HOLD, np.int8) if then is None else then(state)
    return Policy("withdrawn once", choose, None if us is None else (lambda state, rng: us(state)))


def test_abandonment_pushes_an_exposed_ally_that_could_build_a_bomb_into_a_programme():
    c = campaign([EXPOSED], turns=12, step="half", revisionism=0.0)
    left, held = final(c, withdrawn_once(), runs=RUNS), final(c, "hold", runs=RUNS)
    started = (left.final.nuclear | left.final.renounced).mean()
    assert 0.15 < started < 0.9           # a real choice: in many games, not in every one
    assert (held.final.nuclear | held.final.renounced).mean() < 0.02
    # The same abandonment without the means (no latency) starts none.
    none = final(campaign([{**EXPOSED, "latency": 0.0}], turns=12, step="half", revisionism=0.0), withdrawn_once(),
                 runs=RUNS)
    assert not none.final.nuclear.any()


def test_a_withdrawal_jolts_hedging_in_proportion_to_threat_and_latency():
    c = campaign([EXPOSED, {**EXPOSED, "id": "beta", "latency": 0.4}, {**EXPOSED, "id": "gamma", "threat": 0.3}],
                 revisionism=0.0)
    _, state = opening(c, 200)
    hedging = varied(state, 2, hedging=(0.0, 0.3)).hedging[:, :1]
    state = state.evolve(hedging=np.repeat(hedging, 3, axis=1))     # the same start for the three, run by run
    _, report = one_turn(state, np.full(state.spending.shape, WITHDRAW, np.int8))
    jolt = report.hedging[..., explain.FACTORS["hedging"].index("withdrawal")]
    assert (jolt[:, 0] > 1.8 * jolt[:, 1]).all() and (jolt[:, 0] > 2.5 * jolt[:, 2]).all()
    assert (jolt[:, 0] > 0.25 * (1 - state.hedging[:, 0])).all()     # one drawdown is a real shock, not a nudge


def stopping(state) -> np.ndarray:
    """The documented recipe: an ally with a programme is pressed to give it up and reassured between demands."""
    orders = np.full(state.spending.shape, HOLD, np.int8)
    orders[state.nuclear] = PRESSURE if state.turn % 2 else REASSURE
    return orders


def with_programme(runs=RUNS, seed=5, **changes):
    c = campaign([EXPOSED], turns=8, step="half", revisionism=0.0)
    _, state = opening(c, runs, **changes)
    return state.evolve(nuclear=np.ones_like(state.nuclear), hedging=np.ones_like(state.hedging))


def test_a_programme_is_given_up_only_under_pressure_and_more_with_protection_and_congress():
    state = with_programme()
    held = play(state, Policy("hold", lambda s, rng: np.full(s.spending.shape, HOLD, np.int8)))
    assert not held.renounced.any() and held.nuclear.all()           # nothing stops it by itself
    reassured = play(state, Policy("reassure", lambda s, rng: np.full(s.spending.shape, REASSURE, np.int8)))
    assert not reassured.renounced.any()                             # reassurance alone does not
    mended = play(state, Policy("stop", lambda s, rng: stopping(s)))
    backed = play(state, Policy("stop", lambda s, rng: stopping(s), lambda s, rng: np.where(
        s.turn % 2 == 1, CONGRESS, NO_ACTION).astype(np.int8) * np.ones(s.runs, np.int8)))
    assert 0.25 < mended.renounced.mean() < backed.renounced.mean() < 1.0
    # Protection counts: the same recipe from a broken relationship (no trust, no forces) stops fewer.
    broken = with_programme(trust=np.full((RUNS, 1), 0.15), presence=np.zeros((RUNS, 1)))
    assert play(broken, Policy("stop", lambda s, rng: stopping(s))).renounced.mean() < 0.6 * mended.renounced.mean()


def test_a_programme_given_up_ends_and_leaves_hedging_at_the_know_how_and_the_report_says_so():
    state = with_programme(runs=200)
    after, report = one_turn(state, np.full(state.spending.shape, PRESSURE, np.int8), CONGRESS)
    stopped = report.renounced[:, 0]
    assert 0.05 < stopped.mean() < 0.95
    assert not after.nuclear[stopped].any() and after.renounced[stopped].all() and after.nuclear[~stopped].all()
    assert np.allclose(after.hedging[stopped, 0], state.world.params.rollback_hedging, atol=0.02)
    assert (after.hedging[~stopped, 0] > 0.95).all()
    run = int(np.flatnonzero(stopped)[0])
    kinds = [h.kind for h in explain.happenings(report, after, run)]
    assert "renounced" in kinds
    quiet = int(np.flatnonzero(~report.renounced[:, 0])[0])
    assert "renounced" not in [h.kind for h in explain.happenings(report, after, quiet)]


def test_accommodation_is_for_the_helpless_not_for_those_who_could_build_a_bomb():
    """Trust collapsed and ties to the adversary by trade: an ally with no nuclear option makes its own deal in
    many games, the same ally with a nuclear option rarely; and threat alone does not make it bandwagon."""
    tied = {**EXPOSED, "trade_dependence": 0.6, "trust": 0.1, "alignment": 0.4, "presence": 0.1}
    deals = {}
    for name, latency, threat in (("helpless", 0.0, 0.85), ("latent", 0.9, 0.85), ("safer", 0.0, 0.4)):
        c = campaign([{**tied, "latency": latency, "threat": threat}], turns=8, revisionism=0.0)
        deals[name] = final(c, "hold", runs=RUNS).final.realigned.mean()
    assert deals["helpless"] > 0.2
    assert deals["latent"] < 0.35 * deals["helpless"]
    assert deals["safer"] > 0.8 * deals["helpless"]   # not a bandwagon: less threat barely lowers it


def test_cohesion_counts_a_stopped_programme_less_than_a_running_one_but_not_nothing():
    state = with_programme(runs=4)
    start = state.evolve(nuclear=np.zeros_like(state.nuclear))     # the same hedging: only the programme differs
    running = outcome.outcome(state, start).cohesion
    stopped = outcome.outcome(state.evolve(nuclear=np.zeros_like(state.nuclear),
                                           renounced=np.ones_like(state.renounced)), start).cohesion
    never = outcome.outcome(state.evolve(nuclear=np.zeros_like(state.nuclear)), start).cohesion
    assert (running < stopped).all() and (stopped < never).all()
    assert outcome.outcome(state.evolve(nuclear=np.zeros_like(state.nuclear), renounced=np.ones_like(
        state.renounced)), start).proliferation.all()                 # a programme was started all the same
