"""The adviser (policies.adviser) on hand-built states: each of its rules picks its order, with its reason, for the
ally built to need it; and explain.advice says so with the ally's own figures."""
from __future__ import annotations

import numpy as np
import pytest
from builders import campaign, opening

from game.sim import explain, policies
from game.sim.state import CONGRESS, HOLD, NO_ACTION, ORDER_CODE, PRESSURE, REASSURE

# One ally per rule, in a quiet theatre (no probes: deterrence is never thin here).
CASES = {
    "presser": ({"threat": 0.6, "spending": 1.2, "trust": 0.7}, PRESSURE, policies.BELOW_PAR),
    "doubter": ({"threat": 0.6, "spending": 1.2, "trust": 0.4}, REASSURE, policies.SHAKY),
    "hedger": ({"threat": 0.6, "spending": 1.2, "trust": 0.7, "hedging": 0.35}, REASSURE, policies.SHAKY),
    "rested": ({"threat": 0.6, "spending": 1.2, "trust": 0.7}, REASSURE, policies.RESTING),   # the promise
    "unmoved": ({"threat": 0.05, "spending": 1.0, "trust": 0.7}, HOLD, policies.UNMOVED),
    "payer": ({"threat": 0.5, "spending": 3.6, "trust": 0.7}, REASSURE, policies.NO_REASON),   # stood by
    "front": ({"threat": 0.8, "spending": 4.2, "trust": 0.7}, REASSURE, policies.THIN),
    "firm_front": ({"threat": 0.8, "spending": 4.2, "trust": 0.9}, REASSURE, policies.NO_REASON),
}


@pytest.fixture(scope="module")
def advised():
    c = campaign([{"id": name, **ally} for name, (ally, _, _) in CASES.items()], revisionism=0.0,
                 budget=500.0)
    _, state = opening(c)
    pressed = np.zeros_like(state.pressed)
    pressed[0, c.ally_index("rested")] = policies.ADVISER_REST + 0.5
    state = state.evolve(pressed=pressed)
    orders, reasons = policies.adviser(state)
    return c, state, orders, reasons


@pytest.mark.parametrize("name", CASES)
def test_each_rule_picks_its_order_for_its_reason(advised, name):
    c, _, orders, reasons = advised
    _, order, reason = CASES[name]
    i = c.ally_index(name)
    assert (int(orders[0, i]), int(reasons[0, i])) == (order, reason)


def test_the_adviser_reassures_where_deterrence_is_thin_even_an_ally_that_trusts():
    c = campaign([{"id": "bare", "threat": 0.9, "spending": 1.2, "trust": 0.85, "presence": 0.0}],
                 revisionism=1.0, capability=400.0, budget=50.0)
    _, state = opening(c)
    orders, reasons = policies.adviser(state)
    assert (int(orders[0, 0]), int(reasons[0, 0])) == (REASSURE, policies.THIN)


def test_the_adviser_keeps_reassurance_within_budget_most_exposed_first():
    allies = [{"id": f"a{i}", "threat": 0.3 + 0.1 * i, "trust": 0.4, "upkeep": 10.0} for i in range(4)]
    c = campaign(allies, revisionism=0.0)
    _, state = opening(c)
    p, w = state.world.params, state.world
    upkeep = float((state.presence * w.upkeep).sum())
    one = (p.reassure_cost + p.reassure_presence) * 10.0
    for slack, kept in ((0.0, 0), (1.5 * one, 1), (10 * one, 4)):
        orders, reasons = policies.adviser(state.evolve(budget=np.full(1, upkeep + slack)))
        assert (orders[0] == REASSURE).sum() == kept, slack
        assert ((reasons[0] == policies.NO_MONEY) == (orders[0] != REASSURE)).all()
        if kept == 1:
            assert orders[0, 3] == REASSURE          # the most exposed keeps its reassurance


def test_the_adviser_points_at_congress_only_when_it_presses_and_there_is_room():
    c = campaign([{"id": "alpha", "threat": 0.6, "spending": 1.2}], revisionism=0.0)
    _, state = opening(c)
    p = state.world.params
    assert policies.adviser_us(state)[0] == CONGRESS
    # Stirred up past the threshold and the adviser's margin, Congress might act: the adviser keeps quiet.
    crowded = state.evolve(domestic_pressure=np.full(1, p.congress_threshold - policies.ADVISER_MARGIN))
    assert not policies.congress_wanted(crowded)[0]
    assert policies.adviser_us(crowded)[0] == NO_ACTION
    paid = state.evolve(spending=np.full((1, 1), 4.0))
    assert policies.adviser(paid)[0][0, 0] != PRESSURE and policies.adviser_us(paid)[0] == NO_ACTION


def test_the_adaptive_policy_plays_the_advisers_orders():
    c = campaign([{"id": "alpha", "threat": 0.6, "spending": 1.2}, {"id": "beta", "trust": 0.3}], revisionism=0.0)
    _, state = opening(c, 3)
    policy = policies.adaptive()
    assert np.array_equal(policy(state, None), policies.adviser(state)[0])
    assert np.array_equal(policy.us_action(state, None), policies.adviser_us(state))


def test_the_advice_sentence_quotes_the_allys_own_figures(advised):
    c, state, _, _ = advised
    i = c.ally_index("presser")
    order, short, sentence = explain.advice(state, i)
    assert ORDER_CODE[order] == PRESSURE
    spend = float(state.spending[0, i])
    fair = float(state.world.params.fair_share(state.threat[0, i]))
    assert f"{spend:.2f} % of GDP" in sentence and f"{fair:.2f} %" in sentence
    assert f"{fair:.1f} %" in short
    doubter = c.ally_index("doubter")
    assert f"trust {float(state.trust[0, doubter]):.2f}" in explain.advice(state, doubter)[2]
