"""Withdrawal channel by channel, its spillover to neighbours, and what reassurance sets in motion. Claims 4 and 5
(withdrawal invites aggression and hedging) rest on several channels at once; each channel gets its own test here,
so losing any one of them fails a test that names it."""
from __future__ import annotations

import numpy as np
from builders import campaign, factor, one_turn, opening, varied

from game.sim.state import HOLD, PRESSURE, REASSURE, WITHDRAW
from game.sim.derived import derive

RUNS = 200
TWO_THEATRES = [{"id": "left"}, {"id": "near"}, {"id": "far", "theatre": "asia", "adversary": "other"}]
ADVERSARIES = [{"id": "rival", "name": "Rival", "country": "RVL", "theatre": "europe", "capability": 150,
                "revisionism": 0.4, "growth": 0.0},
               {"id": "other", "name": "Other", "country": "OTH", "theatre": "asia", "capability": 150,
                "revisionism": 0.4, "growth": 0.0}]


def worlds(runs=RUNS, seed=2):
    c = campaign(TWO_THEATRES, adversaries=ADVERSARIES)
    _, state = opening(c, runs)
    return c, varied(state, seed, threat=(0.3, 0.9), trust=(0.3, 0.9), presence=(0.3, 0.9), spending=(1.0, 2.5),
                     hedging=(0.05, 0.4))


def orders(state, **by_ally):
    """Hold for every ally but those named (index=code)."""
    out = np.full(state.spending.shape, HOLD, dtype=np.int8)
    for i, code in by_ally.items():
        out[:, int(i)] = code
    return out


def compare(state, code, ally=0, seed=0):
    """(held, acted, report of acted): the same dice, one ally given `code`."""
    held, _ = one_turn(state, orders(state), seed=seed)
    acted, report = one_turn(state, orders(state, **{str(ally): code}), seed=seed)
    return held, acted, report


def test_withdrawal_channel_presence_forces_leave():
    _, state = worlds()
    p = state.world.params
    held, left, _ = compare(state, WITHDRAW)
    removed = np.minimum(state.presence[:, 0], p.withdraw_presence)
    assert (left.presence[:, 0] <= held.presence[:, 0] - 0.99 * removed + 1e-12).all()
    assert np.allclose(left.presence[:, 1:], held.presence[:, 1:])


def test_withdrawal_channel_credibility_the_us_looks_less_reliable_everywhere():
    _, state = worlds()
    held, left, _ = compare(state, WITHDRAW)
    assert (left.credibility < held.credibility - 0.01).all()


def test_withdrawal_channel_revisionism_retrenchment_emboldens_that_adversary_only():
    _, state = worlds()
    held, left, _ = compare(state, WITHDRAW)
    assert (left.revisionism[:, 0] > held.revisionism[:, 0] + 0.01).all()   # the rival facing 'left'
    assert np.allclose(left.revisionism[:, 1], held.revisionism[:, 1])     # the other theatre's adversary


def test_withdrawal_channel_trust_collapses_where_forces_leave():
    _, state = worlds()
    held, left, report = compare(state, WITHDRAW)
    assert (factor(report, "trust", "withdrawal", 0) < -0.05).all()
    assert (left.trust[:, 0] < held.trust[:, 0] - 0.05).all()
    assert (left.alignment[:, 0] < held.alignment[:, 0]).all()


def test_each_withdrawal_channel_alone_raises_the_risk_of_aggression():
    """Claim 4 by channel: the posture after a withdrawal, with only one channel's change applied, is riskier than
    the posture after holding."""
    _, state = worlds()
    held, left, _ = compare(state, WITHDRAW)
    base = derive(state, held.presence, held.credibility, held.revisionism).risk[:, 0]
    channels = {"presence": derive(state, left.presence, held.credibility, held.revisionism),
                "credibility": derive(state, held.presence, left.credibility, held.revisionism),
                "revisionism": derive(state, held.presence, held.credibility, left.revisionism)}
    for name, d in channels.items():
        assert (d.risk[:, 0] > base * 1.02).all(), name


def test_withdrawal_spills_over_to_neighbours_most_in_the_same_theatre():
    _, state = worlds()
    held, left, report = compare(state, WITHDRAW)
    spill = factor(report, "trust", "spillover") / state.trust     # the share of its trust each ally loses
    assert (spill[:, 1] < spill[:, 2]).all() and (spill[:, 2] < 0).all()   # both feel it; the neighbour more
    assert (left.trust[:, 1] < held.trust[:, 1]).all()
    fear = factor(report, "spending", "fear of abandonment")
    assert (fear[:, 1] > 0).all()        # a neighbour's forces leaving makes it arm too
    assert (fear[:, 2] == 0).all()       # not across the world
    assert (left.spending[:, 1] > held.spending[:, 1]).all()


def test_reassurance_adds_presence_credibility_and_emboldens():
    _, state = worlds()
    held, reassured, _ = compare(state, REASSURE)
    assert (reassured.presence[:, 0] > held.presence[:, 0] + 0.005).all()
    assert (reassured.credibility > held.credibility).all()
    assert (reassured.emboldened[:, 0] > held.emboldened[:, 0]).all()
    assert np.allclose(reassured.emboldened[:, 1:], held.emboldened[:, 1:])


def test_pressure_and_criticism_leave_the_forces_where_they_are():
    """The contrast for claims 4 and 5: pressure moves none of the withdrawal channels."""
    _, state = worlds()
    held, pressed, report = compare(state, PRESSURE)
    assert np.allclose(pressed.presence, held.presence)
    assert np.allclose(pressed.revisionism, held.revisionism)
    assert np.allclose(pressed.credibility, held.credibility)
    assert (factor(report, "hedging", "withdrawal") == 0).all()


def test_withdrawals_pile_up_credibility_loss():
    """Two withdrawals cost more credibility than one: the loss is per withdrawal, anywhere."""
    _, state = worlds()
    one, _ = one_turn(state, orders(state, **{"0": WITHDRAW}))
    two, _ = one_turn(state, orders(state, **{"0": WITHDRAW, "2": WITHDRAW}))
    assert (two.credibility < one.credibility).all()


def test_theatre_hub_matters_only_in_its_own_theatre():
    """A control for the spillover test: the far ally's spending is untouched by a European withdrawal, apart from
    trust (which counts in its free-riding)."""
    c = campaign(TWO_THEATRES, adversaries=ADVERSARIES)
    _, state = opening(c, 1)
    held, left, report = compare(state, WITHDRAW)
    assert factor(report, "spending", "pressure", 2)[0] == 0
    assert abs(left.spending[0, 2] - held.spending[0, 2]) < 0.01
