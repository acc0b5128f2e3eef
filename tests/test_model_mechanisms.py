"""One test per mechanism of an ally's answer (spending, trust, alignment, hedging), each over a batch of different
worlds (builders.varied), so that deleting or flipping the mechanism fails the test that names it
(tools/mutants.py lists the mutants; `python -m tools.mutate` checks that each is killed).

Each test compares an order with holding on the same states and the same dice, or reads the factor the turn
report names. They assert directions and orderings, never values the calibration or tuning would move.
"""
from __future__ import annotations

import numpy as np
from builders import STEADY, campaign, factor, one_turn, opening, varied

from game.sim.state import CRITICIZE, HOLD, PRESSURE, REASSURE, WITHDRAW
from game.sim.derived import derive, pressure_push, reliance

QUIET = dict(revisionism=0.0, growth=0.0)
ALLIES = [{"id": "front", "threat": 0.8, "latency": 0.8}, {"id": "mid", "threat": 0.5},
          {"id": "rear", "threat": 0.25, "latency": 0.2}]
RUNS = 300


def worlds(runs=RUNS, seed=1, **more):
    """Three allies in one theatre, each run a different mix of threat, trust, presence, spending, hedging and
    alignment."""
    c = campaign(ALLIES, **QUIET)
    _, state = opening(c, runs, params=STEADY)
    ranges = dict(threat=(0.2, 0.95), trust=(0.3, 0.9), presence=(0.1, 0.8), spending=(0.9, 2.6),
                  hedging=(0.05, 0.5), alignment=(0.4, 0.9))
    return c, varied(state, seed, **{**ranges, **more})


def everyone(state, code):
    return np.full(state.spending.shape, code, dtype=np.int8)


def against_hold(state, code, var, name):
    """(state after holding, state after `code` for every ally, the named factor of `var` under `code`), on the
    same dice."""
    held, _ = one_turn(state, everyone(state, HOLD))
    acted, report = one_turn(state, everyone(state, code))
    return held, acted, factor(report, var, name)


# --- spending ---------------------------------------------------------------------------------------------------


def test_threat_drives_effort_and_more_threat_drives_more():
    _, state = worlds()
    _, report = one_turn(state, everyone(state, HOLD))
    push = factor(report, "spending", "threat")
    assert (push > 0).all()
    ally = state.threat[:, 0].argsort()
    assert (np.diff(push[ally, 0]) >= 0).all()


def test_free_riding_lowers_spending_the_more_the_more_protection_is_expected():
    _, state = worlds()
    _, report = one_turn(state, everyone(state, HOLD))
    riding = factor(report, "spending", "free-riding")
    assert (riding < 0).all()
    # Same ally, same threat: the run that expects more protection sheds more of its effort.
    same_threat = state.evolve(threat=np.full_like(state.threat, 0.6))
    _, report = one_turn(same_threat, everyone(state, HOLD))
    riding = factor(report, "spending", "free-riding", 0)
    expected = derive(same_threat).protection[:, 0]
    assert (np.diff(riding[expected.argsort()]) <= 1e-12).all()
    assert riding.min() < 1.5 * riding.max()   # the most protected shed clearly more than the least


def test_pressure_raises_spending_run_by_run():
    _, state = worlds(spending=(0.9, 2.0))
    held, pressed, push = against_hold(state, PRESSURE, "spending", "pressure")
    assert (push > 0).all()
    assert (pressed.spending > held.spending).all()
    assert (pressed.spending - held.spending).mean() > 0.05


def _push_along(field, values, **fixed):
    """pressure_push for one ally below its fair share as one state field varies over `values` (one per run)."""
    c = campaign([{"id": "alpha", "threat": 0.7, "spending": 1.2}], **QUIET)
    _, state = opening(c, len(values), **fixed)
    column = values if field in ("domestic_pressure",) else values[:, None]
    state = state.evolve(**{field: column})
    return pressure_push(state, derive(state))[:, 0]


def test_pressure_works_more_the_graver_the_threat():
    threat = np.linspace(0.2, 0.95, 12)
    push = _push_along("threat", threat)
    assert (np.diff(push) > 0).all() and push[-1] > 2.5 * push[0]


def test_pressure_moves_a_self_reliant_ally_less():
    c = campaign([{"id": "alpha", "threat": 0.7, "spending": 1.2}], **QUIET)
    _, state = opening(c)
    push = _push_along("capability", state.capability[0, 0] * np.linspace(0.5, 6.0, 12))
    # Half of the effect at full self-reliance (params.pressure_self_reliance): a capable ally can still be pressed.
    assert (np.diff(push) < 0).all() and push[-1] < 0.85 * push[0]


def test_pressure_moves_an_ally_that_already_pays_its_share_less():
    c = campaign([{"id": "alpha", "threat": 0.7}], **QUIET)
    _, state = opening(c)
    fair = float(state.world.params.fair_share(0.7))
    below = np.linspace(0.8, fair - 0.1, 6)
    above = np.linspace(fair + 0.2, fair + 1.8, 6)
    # Capability held fixed at the opening level: only the spending past the fair share differs.
    cap = np.full((12, 1), state.capability[0, 0])
    push = _push_along("spending", np.concatenate([below, above]), capability=cap)
    assert np.allclose(push[:6], push[0])
    assert (np.diff(push[6:]) < 0).all() and push[-1] < 0.3 * push[0]


def test_a_threat_repeated_wears_thin_and_domestic_pressure_makes_it_credible():
    pressed = _push_along("pressed", np.linspace(0.0, 4.0, 9))
    assert (np.diff(pressed) < 0).all() and pressed[-1] < 0.5 * pressed[0]
    domestic = _push_along("domestic_pressure", np.linspace(0.0, 0.9, 9))
    assert (np.diff(domestic) > 0).all() and domestic[-1] > 2 * domestic[0]


def test_criticism_moves_no_budget_and_costs_goodwill():
    """Public shaming wins no budget (the research finds none, or a backlash): a government shamed in public gives
    up a little lest it be seen to give in, and it costs trust and alignment, on the same dice as holding."""
    _, state = worlds()
    held, criticized, words = against_hold(state, CRITICIZE, "spending", "criticism")
    assert (words <= 0).all() and (words > -0.04).all() and (words < 0).mean() > 0.9
    assert (criticized.spending <= held.spending + 1e-6).all()
    assert (criticized.trust < held.trust - 0.005).all() and (criticized.alignment < held.alignment - 0.005).all()
    assert (criticized.shamed > held.shamed).all()


def test_criticism_makes_later_pressure_work_less():
    """An ally shamed in public hears the next demand less: on the same dice, pressure after two turns of criticism
    wins less than pressure after two turns of holding, and the difference is filed under criticism."""
    _, state = worlds()
    held = one_turn(one_turn(state, everyone(state, HOLD))[0], everyone(state, HOLD), seed=1)[0]
    shamed = one_turn(one_turn(state, everyone(state, CRITICIZE))[0], everyone(state, CRITICIZE), seed=1)[0]
    _, after_hold = one_turn(held, everyone(state, PRESSURE), seed=2)
    _, after_shame = one_turn(shamed.evolve(trust=held.trust, alignment=held.alignment), everyone(state, PRESSURE),
                              seed=2)
    won_clean = factor(after_hold, "spending", "pressure") + factor(after_hold, "spending", "criticism")
    won_shamed = factor(after_shame, "spending", "pressure") + factor(after_shame, "spending", "criticism")
    live = won_clean > 0.02     # where pressure works at all
    assert live.mean() > 0.5
    assert (won_shamed[live] < 0.8 * won_clean[live]).all()
    heeding = live & (won_shamed > 0)   # not where the shamed ally broke with Washington (a programme)
    assert heeding.mean() > 0.5 and (factor(after_shame, "spending", "criticism")[heeding] < 0).all()
    assert (factor(after_hold, "spending", "criticism") == 0).all()


def test_withdrawal_jolts_an_ally_into_spending_more():
    _, state = worlds(presence=(0.3, 0.8))
    held, left, fear = against_hold(state, WITHDRAW, "spending", "fear of abandonment")
    assert (fear > 0).all()
    assert (left.spending > held.spending).all()
    # Graver threat, bigger jolt (same ally, same presence removed), once the jolt is scaled back to what the ally
    # feels of the forces leaving (all of it where the garrison carries a real share of its defence).
    full = left.presence <= 1e-12
    assert not full.any()
    alone = everyone(state, HOLD)
    alone[:, 1] = WITHDRAW                      # the others hold: no jolt spills over from them
    _, report = one_turn(state, alone)
    felt = np.minimum(reliance(state) / state.world.params.reliance_full, 1.0)
    own = factor(report, "spending", "fear of abandonment")[:, 1] / felt[:, 1]
    ally = state.threat[:, 1].argsort()
    assert (np.diff(own[ally]) >= -1e-6).all()


def test_a_token_garrison_leaving_jolts_little_but_is_read_as_a_decision():
    """Pulling a few hundred staff out of an ally with a large army of its own: it hardly arms or hedges for it, but
    its trust falls as for half a withdrawal (the world reads the decision, not the head count)."""
    token = {"threat": 0.6, "presence": 0.04, "upkeep": 1.0, "gdp": 3000.0, "spending": 2.0}
    real = {"threat": 0.6, "presence": 0.5, "upkeep": 30.0, "gdp": 3000.0, "spending": 2.0}
    c = campaign([{"id": "token", **token}, {"id": "real", **real}], **QUIET)
    _, state = opening(c, 100, params=STEADY)
    reports = []
    for i in range(2):                          # each withdrawn alone: no jolt spills over from the other
        orders = everyone(state, HOLD)
        orders[:, i] = WITHDRAW
        reports.append(one_turn(state, orders)[1])
    jolt = [factor(r, "spending", "fear of abandonment")[:, i] for i, r in enumerate(reports)]
    hedge = [factor(r, "hedging", "withdrawal")[:, i] for i, r in enumerate(reports)]
    assert (jolt[0] < 0.1 * jolt[1]).all() and (hedge[0] < 0.1 * hedge[1]).all()
    lost = -factor(reports[0], "trust", "withdrawal") / state.trust
    np.testing.assert_allclose(lost[:, 0], state.world.params.withdrawal_signal * state.world.params.trust_withdraw,
                               rtol=1e-5)


# --- trust ------------------------------------------------------------------------------------------------------


def test_reassurance_adds_trust_run_by_run():
    _, state = worlds(trust=(0.2, 0.85))
    held, reassured, gain = against_hold(state, REASSURE, "trust", "reassurance")
    assert (gain > 0).all()
    assert (reassured.trust > held.trust).all()


def test_pressure_strains_trust():
    _, state = worlds()
    _, report = one_turn(state, everyone(state, PRESSURE))
    assert (factor(report, "trust", "pressure") < 0).all()
    assert (factor(report, "alignment", "pressure") < 0).all()


def test_pressing_an_ally_that_already_pays_breeds_resentment():
    """Two allies that both fail to answer a demand (one worn out, one paid past its share): the one that already
    pays resents it more. Compliance is zero for both, so only the resentment differs."""
    c = campaign([{"id": "worn", "threat": 0.7}, {"id": "paid", "threat": 0.7}], **QUIET)
    _, state = opening(c, 1)
    fair = float(state.world.params.fair_share(0.7))
    guideline = state.world.params.guideline
    state = state.evolve(spending=np.array([[fair, fair + guideline]]), pressed=np.array([[1e6, 0.0]]),
                         capability=np.full((1, 2), state.capability[0, 0]))
    _, report = one_turn(state, everyone(state, PRESSURE))
    assert factor(report, "trust", "promise kept").max() < 1e-6   # neither answered
    strain = factor(report, "trust", "pressure")[0]
    assert strain[1] < 1.2 * strain[0] < 0      # without resentment the two strains are equal
    bend = factor(report, "alignment", "pressure")[0]
    assert bend[1] < 1.2 * bend[0] < 0


def test_trust_drifts_toward_us_credibility():
    _, state = worlds(trust=(0.2, 0.95))
    _, report = one_turn(state, everyone(state, HOLD))
    pull = factor(report, "trust", "U.S. credibility")
    gap = state.credibility[:, None] - state.trust
    clear = np.abs(gap) > 0.02
    assert (np.sign(pull[clear]) == np.sign(gap[clear])).all()


# --- alignment --------------------------------------------------------------------------------------------------


def test_alignment_follows_the_protection_an_ally_leans_on():
    _, state = worlds()
    _, report = one_turn(state, everyone(state, HOLD))
    lean = factor(report, "alignment", "protection")
    change = derive(state).protection - state.world.protection0
    clear = np.abs(change) > 0.02
    assert clear.mean() > 0.5
    assert (np.sign(lean[clear]) == np.sign(change[clear])).all()


def test_alignment_falls_as_an_ally_grows_self_reliant():
    _, state = worlds()
    armed = state.evolve(capability=state.capability * 2.0)
    _, report = one_turn(armed, everyone(state, HOLD))
    assert (factor(report, "alignment", "self-reliance") < 0).all()


def test_a_third_force_grows_as_the_insulated_allies_arm_and_as_they_doubt_washington():
    _, state = worlds()
    rear = np.array([0.0, 0.0, 1.0])      # only the insulated ally changes
    base, _ = one_turn(state, everyone(state, HOLD))
    armed, _ = one_turn(state.evolve(capability=state.capability * (1 + 2 * rear)), everyone(state, HOLD))
    doubting, _ = one_turn(state.evolve(trust=state.trust * (1 - 0.5 * rear)), everyone(state, HOLD))
    assert (armed.autonomy > base.autonomy + 0.005).all()
    assert (doubting.autonomy > base.autonomy + 0.005).all()
    # Arming the front line instead builds no third force: the drift is the insulated allies'.
    front = np.array([1.0, 0.0, 0.0])
    front_armed, _ = one_turn(state.evolve(capability=state.capability * (1 + 2 * front)), everyone(state, HOLD))
    assert (front_armed.autonomy - base.autonomy < 0.5 * (armed.autonomy - base.autonomy)).all()


# --- hedging ----------------------------------------------------------------------------------------------------


def test_hedging_grows_where_threat_outruns_protection_and_not_where_it_does_not():
    _, state = worlds(hedging=(0.0, 0.5))
    p = state.world.params
    _, report = one_turn(state, everyone(state, HOLD))
    growth = factor(report, "hedging", "insecurity")
    insecurity = state.threat * (1 - derive(state).protection) - p.hedging_comfort
    assert (insecurity > 0.05).mean() > 0.3 and (insecurity < 0).mean() > 0.1
    assert (growth[insecurity > 0.05] > 0).all()
    assert (growth[insecurity < 0] == 0).all()


def test_withdrawal_pushes_an_exposed_ally_toward_hedging():
    _, state = worlds(presence=(0.3, 0.8))
    held, r_held = one_turn(state, everyone(state, HOLD))
    left, r_left = one_turn(state, everyone(state, WITHDRAW))
    assert (factor(r_left, "hedging", "withdrawal") > 0).all()
    assert (factor(r_held, "hedging", "withdrawal") == 0).all()
    assert (left.hedging > held.hedging).all()


def test_hedging_fades_under_protection_but_far_slower_than_it_grows():
    """Hedging is easier to prevent than to reverse: a turn of insecurity adds more than three turns of full
    protection take away, from the same level."""
    c = campaign([{"id": "alpha", "threat": 0.9, "latency": 0.8}], **QUIET)
    _, state = opening(c, RUNS)
    state = varied(state, 3, hedging=(0.2, 0.6))
    secure = state.evolve(trust=np.full_like(state.trust, 0.95), presence=np.ones_like(state.presence))
    insecure = state.evolve(trust=np.full_like(state.trust, 0.3), presence=np.full_like(state.presence, 0.1))
    _, r_secure = one_turn(secure, everyone(state, REASSURE))
    _, r_insecure = one_turn(insecure, everyone(state, HOLD))
    decay = factor(r_secure, "hedging", "protection")
    assert (factor(r_secure, "hedging", "insecurity") == 0).all()
    assert (decay < 0).all()
    assert (factor(r_insecure, "hedging", "insecurity") > 3 * -decay).all()
