"""The turn report is honest: each named factor is its own formula (not just a share of a total that adds up by
construction), "limit" is zero away from the bounds, and the report's words say which way a figure moved and name
the largest factors first. A mutant that files free-riding under "domestic limits" fails here."""
from __future__ import annotations

import numpy as np
from builders import FLOAT32_ATOL, campaign, factor, one_turn, opening, varied

from game.catalog import find_campaign
from game.sim import explain
from game.sim.state import CONGRESS, CRITICIZE, PRESSURE, REASSURE, WITHDRAW
from game.sim.derived import derive, heard, per_turn, pressure_push
from game.sim.war import war_surge

RUNS = 300


def played(seed=3):
    """One turn from a batch of different worlds under random orders (half the runs invoke Congress)."""
    c = campaign([{"id": "front", "threat": 0.8}, {"id": "mid", "threat": 0.5}, {"id": "rear", "threat": 0.25}],
                 revisionism=0.3)
    _, state = opening(c, RUNS)
    state = varied(state, seed, threat=(0.2, 0.95), trust=(0.2, 0.9), presence=(0.1, 0.8), spending=(0.9, 3.5),
                   hedging=(0.02, 0.6), alignment=(0.3, 0.9), shamed=(0.0, 2.0))
    rng = np.random.default_rng(seed)
    orders = rng.integers(0, 5, state.spending.shape).astype(np.int8)
    us = np.where(rng.random(RUNS) < 0.5, CONGRESS, 0).astype(np.int8)
    after, report = one_turn(state, orders, us, seed)
    return state, orders, us, after, report


def test_spending_factors_are_their_own_formulas():
    state, orders, us, after, report = played()
    p, w, dt = state.world.params, state.world, state.world.dt
    surge = war_surge(state)
    r = per_turn(p.spending_rate + after.war[:, 1:] * surge, dt)
    felt = p.threat_weight * state.threat ** p.threat_curvature
    d = derive(state, congress=us == CONGRESS)
    # the threat as felt, the wartime response to a surge, and this turn's threat-perception shock
    threat = r * (felt + after.war[:, :1] * surge + after.alarm)
    np.testing.assert_allclose(factor(report, "spending", "threat"), threat, atol=FLOAT32_ATOL)
    np.testing.assert_allclose(factor(report, "spending", "free-riding"), -r * felt * p.free_riding * d.protection,
                               atol=FLOAT32_ATOL)
    np.testing.assert_allclose(factor(report, "spending", "trade with the adversary"),
                               -r * felt * p.trade_damping * w.trade, atol=FLOAT32_ATOL)
    # Pressure as it would have worked unshamed; what recent criticism cost it is filed under criticism, with the
    # little a government shamed this turn gives up lest it be seen to give in.
    won = (orders == PRESSURE) * pressure_push(state, d) * dt
    np.testing.assert_allclose(factor(report, "spending", "pressure"), won / heard(state), atol=FLOAT32_ATOL)
    defiance = (orders == CRITICIZE) * p.criticism_defiance * dt * state.threat * w.responsiveness
    np.testing.assert_allclose(factor(report, "spending", "criticism"), won - won / heard(state) - defiance,
                               atol=FLOAT32_ATOL)


def test_domestic_limits_is_the_pull_of_other_priorities_away_from_the_caps():
    state, _, _, after, report = played()
    p, w, dt = state.world.params, state.world, state.world.dt
    rise = after.spending - state.spending
    inside = (rise > -p.max_fall * dt + 0.01) & (rise < p.max_rise * dt - 0.01) & (after.spending < w.ceiling - 0.01)
    assert inside.mean() > 0.5
    pull = per_turn(p.spending_rate, dt) * (w.baseline - state.spending)
    np.testing.assert_allclose(factor(report, "spending", "domestic limits")[inside], np.broadcast_to(pull, rise.shape)
                               [inside], atol=FLOAT32_ATOL)


def test_trust_and_hedging_factors_are_their_own_formulas():
    state, orders, _, _, report = played()
    p, dt = state.world.params, state.world.dt
    fr, fw = orders == REASSURE, orders == WITHDRAW
    # A withdrawal Washington orders is read as at least `withdrawal_signal` of a full one, however few forces leave.
    left = np.minimum(state.presence, p.withdraw_presence) * fw / p.withdraw_presence
    removed = np.where(left > 0, np.maximum(left, p.withdrawal_signal), 0.0)
    np.testing.assert_allclose(factor(report, "trust", "reassurance"),
                               fr * per_turn(p.trust_reassure, dt) * (1 - state.trust), atol=FLOAT32_ATOL)
    np.testing.assert_allclose(factor(report, "trust", "withdrawal"), -removed * p.trust_withdraw * state.trust,
                               atol=FLOAT32_ATOL)
    np.testing.assert_allclose(factor(report, "trust", "U.S. credibility"),
                               per_turn(p.trust_credibility_pull, dt) * (state.credibility[:, None] - state.trust),
                               atol=FLOAT32_ATOL)
    protection = derive(state).protection
    insecurity = np.maximum(state.threat * (1 - protection) - p.hedging_comfort, 0.0)
    np.testing.assert_allclose(factor(report, "hedging", "insecurity"),
                               p.hedging_growth * dt * insecurity * state.world.latency * (1 - state.hedging),
                               atol=FLOAT32_ATOL)
    np.testing.assert_allclose(factor(report, "hedging", "protection"),
                               -p.hedging_decay * dt * protection * state.hedging
                               * (1 - p.hedging_sticky * state.hedging), atol=FLOAT32_ATOL)


def test_limit_is_zero_away_from_the_bounds_and_events_zero_without_events():
    state, _, _, after, report = played()
    for var in ("trust", "alignment", "hedging"):
        value = getattr(after, var)
        inside = (value > 1e-9) & (value < 1 - 1e-9)
        assert inside.mean() > 0.9, var
        assert (factor(report, var, "limit")[inside] == 0).all(), var
        assert (factor(report, var, "events") == 0).all(), var
    assert (factor(report, "spending", "events") == 0).all()


def test_the_report_says_which_way_each_figure_moved():
    from game.ui.wording import change_sentence     # the window's words (pygame stays out of the model's tests)
    up = explain.Change("spending", 1.5, 1.8, (explain.Factor("pressure", 0.3),))
    down = explain.Change("trust", 0.6, 0.4, (explain.Factor("withdrawal", -0.2),))
    assert "rose by 0.30 pp, from 1.50 to 1.80 % of GDP" in change_sentence(up, "Alpha")
    assert "fell by 0.20, from 0.60 to 0.40" in change_sentence(down, "Beta")
    assert "pushed up by pressure (+0.30 pp)" in change_sentence(up, "Alpha")
    assert "held back by withdrawal (-0.20)" in change_sentence(down, "Beta")


def test_the_report_names_the_largest_factors_first_with_their_values():
    from game.ui.wording import change_sentence
    c, state = opening(find_campaign("europe_2024"))
    orders = np.full(len(c.allies), PRESSURE, dtype=np.int8)
    orders[c.ally_index("poland")] = WITHDRAW
    after, report = one_turn(state, orders)
    for ally in range(len(c.allies)):
        for var, change in explain.ally_changes(report, state, after, ally).items():
            sizes = [abs(f.value) for f in change.factors]
            assert sizes == sorted(sizes, reverse=True), (ally, var)
            values = report.factors(var)[0, ally]
            assert change.delta == np.float64(getattr(after, var)[0, ally] - getattr(state, var)[0, ally])
            assert abs(values.sum() - change.delta) < 1e-9
    poland = explain.ally_changes(report, state, after, c.ally_index("poland"))["spending"]
    assert poland.factors[0].name == max(poland.factors, key=lambda f: abs(f.value)).name
    assert f"{poland.factors[0].name} (" in change_sentence(poland, "Poland")
