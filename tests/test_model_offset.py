"""Offset payments (issue 26): what an ally pays toward the U.S. forces on its soil (West Germany's offset agreements
of the 1960s, Japan's host-nation support) comes off what those forces cost Washington, up to their whole cost, and
counts in the burden pillar as a dollar the U.S. saves. The rule's one home is game.sim.posture.upkeep."""
from __future__ import annotations

import numpy as np
from builders import STEADY, campaign, final, opening, per_ally

from game.sim.outcome import outcome

RUNS = 300
ALLIES = [{"id": "host", "presence": 0.8, "upkeep": 4.0, "threat": 0.5}, {"id": "other", "presence": 0.3}]
DEAL = {"id": "deal", "turn": 3, "title": "A Deal", "text": "The host pays for its garrison.",
        "effects": [{"target": "host", "var": "offset", "add": 1.0}]}


def played(policy="hold", allies=ALLIES, events=None, runs=RUNS):
    return final(campaign(allies, turns=8, events=events), policy, runs=runs)


def test_an_offset_comes_off_the_cost_of_the_garrison_and_nothing_else_moves():
    paid = [{**ALLIES[0], "offset": 1.5}, ALLIES[1]]
    without, with_offset = played(), played(allies=paid)
    # the same dice, the same game: only Washington's bill differs, by what the host paid, every year of 8
    np.testing.assert_array_equal(without.final.spending, with_offset.final.spending)
    np.testing.assert_allclose(without.final.us_cost_total - with_offset.final.us_cost_total, 8 * 1.5, rtol=1e-5)
    # an offset the host paid from the start is no gain: the burden pillar is judged against the opening bill
    np.testing.assert_allclose(without.outcome.burden, with_offset.outcome.burden, atol=1e-3)


def test_an_offset_agreement_raises_the_burden_pillar_in_every_game():
    without, deal = played(), played(events=[DEAL])
    saved = without.final.us_cost_total - deal.final.us_cost_total
    np.testing.assert_allclose(saved, 6 * 1.0, rtol=1e-5)        # paid from turn 3: six years of 1.0
    assert (deal.outcome.burden > without.outcome.burden + 1).all()
    assert (deal.outcome.burden_share > without.outcome.burden_share).all()


def test_an_offset_pays_for_forces_that_are_there_and_ends_when_they_leave():
    # an offset larger than the garrison ever cost pays for the garrison, no more: never a profit for Washington
    rich = [{**ALLIES[0], "offset": 10.0}, ALLIES[1]]
    without, with_rich = played(), played(allies=rich)
    np.testing.assert_allclose(without.final.us_cost_total - with_rich.final.us_cost_total, 8 * 0.8 * 4.0,
                               rtol=1e-5)
    # and when the forces leave, the offset goes with them: the host costs nothing, and pays nothing
    leave = per_ally({"host": "withdraw"}, campaign(rich, turns=8))
    gone, gone_free = (final(campaign(a, turns=8), leave, runs=RUNS) for a in (rich, ALLIES))
    assert (gone.final.presence[:, 0] == 0).all()
    # what the host paid while its forces drew down: their whole cost after each withdrawal (0.55, 0.3, 0.05 of a
    # full presence of upkeep 4), then nothing
    np.testing.assert_allclose(gone_free.final.us_cost_total - gone.final.us_cost_total, 4.0 * (0.55 + 0.3 + 0.05),
                               rtol=1e-5)


def test_the_opening_bill_counts_the_offset():
    c, state = opening(campaign([{**ALLIES[0], "offset": 1.0}, ALLIES[1]]), runs=4, params=STEADY)
    o = outcome(state, state)
    expected = 0.8 * 4.0 - 1.0 + 0.3 * 4.0
    np.testing.assert_allclose(o.us_cost, expected, rtol=1e-5)
