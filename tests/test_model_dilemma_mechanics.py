"""The mechanics behind "The dilemma in play", one test each, built so that deleting or flipping the mechanism
fails the test that names it."""
from __future__ import annotations

import numpy as np
from builders import campaign, factor, final, one_turn, opening, per_ally

from game.catalog import find_campaign
from game.sim.policies import Policy, built_in
from game.sim.report import FACTORS
from game.sim.state import CONGRESS, HOLD, NO_ACTION, ORDER_CODE, PRESSURE, WITHDRAW, make_world
from game.sim.outcome import outcome
from game.sim.derived import derive

QUIET = dict(revisionism=0.0, growth=0.0)


def test_an_ally_that_answers_pressure_is_stood_by_and_one_that_cannot_is_not():
    c = campaign([{"id": "below", "spending": 1.5, "threat": 0.7}, {"id": "paid", "spending": 4.5, "threat": 0.7}],
                 **QUIET)
    _, state = opening(c)
    _, report = one_turn(state, np.full(2, PRESSURE))
    kept = factor(report, "trust", "promise kept", 0)[0]
    assert kept > 0.005                                          # it answered: the promise is kept
    assert factor(report, "trust", "promise kept", 1)[0] == 0    # it already pays past its share: nothing to answer
    assert factor(report, "alignment", "promise kept", 0)[0] > 0
    # An empty demand strains more than an answered one.
    assert factor(report, "trust", "pressure", 1)[0] < factor(report, "trust", "pressure", 0)[0]


def test_invoking_congress_makes_this_turns_pressure_more_credible_and_stirs_domestic_pressure():
    c, state = opening("europe_2024")
    germany = c.ally_index("germany")
    orders = np.full(len(c.allies), HOLD)
    orders[germany] = PRESSURE
    plain, r_plain = one_turn(state, orders)
    loud, r_loud = one_turn(state, orders, CONGRESS)
    assert factor(r_loud, "spending", "pressure", germany)[0] > 1.3 * factor(r_plain, "spending", "pressure",
                                                                             germany)[0] > 0
    assert loud.domestic_pressure[0] > plain.domestic_pressure[0] + 0.05


def test_invoking_congress_every_turn_risks_a_drawdown_you_did_not_choose():
    # Insulated allies far below the 2 % line: Congress stays impatient whatever they do.
    c = campaign([{"id": "alpha", "threat": 0.2, "spending": 1.0}, {"id": "beta", "threat": 0.2, "spending": 1.0}],
                 domestic_pressure=0.55, turns=10, **QUIET)
    press = built_in("pressure")
    loud = Policy("loud", press.choose, lambda s, rng: np.full(s.runs, CONGRESS, dtype=np.int8))
    quiet_cuts = final(c, press, runs=400).final.presence.mean()
    loud_cuts = final(c, loud, runs=400).final.presence.mean()
    assert loud_cuts < quiet_cuts - 0.02


def test_withdrawal_is_as_large_as_the_forces_removed_and_nothing_where_none_are_left():
    c, state = opening("europe_2024")
    france = c.ally_index("france")
    empty = state.evolve(presence=np.where(np.arange(len(c.allies)) == france, 0.0, state.presence))
    orders = np.full(len(c.allies), HOLD)
    held, r_held = one_turn(empty, orders)
    orders[france] = WITHDRAW
    withdrawn, r_w = one_turn(empty, orders)
    for var in ("spending", "trust", "alignment", "hedging", "presence", "credibility", "revisionism"):
        assert np.array_equal(getattr(held, var), getattr(withdrawn, var)), var


def test_a_withdrawal_raises_the_risk_of_aggression_in_the_same_turn():
    """Probes are judged on the posture after the orders, so a last-turn withdrawal is no free lunch."""
    c, state = opening("europe_2024")
    orders = np.full(len(c.allies), HOLD)
    _, held = one_turn(state, orders)
    _, left = one_turn(state, np.full(len(c.allies), WITHDRAW))
    assert left.risk.sum() > 2 * held.risk.sum()


def test_the_exposed_read_a_drawdown_in_the_rear_as_a_sign_they_could_be_next():
    """Withdrawing from Spain costs its neighbours trust, and the more exposed a neighbour, the more."""
    c, state = opening("europe_2024")
    spain = c.ally_index("spain")
    orders = np.full(len(c.allies), HOLD)
    orders[spain] = WITHDRAW
    _, report = one_turn(state, orders)
    others = [i for i in range(len(c.allies)) if i != spain]
    lost = -report.factors("trust")[0, others, FACTORS["trust"].index("spillover")] / state.trust[0, others]
    exposure = state.world.exposure[others]
    by_exposure = lost[np.argsort(exposure, kind="stable")]
    distinct = np.diff(np.sort(exposure)) > 0
    assert np.all(np.diff(by_exposure)[distinct] > 0), (exposure, lost)
    assert lost.max() > 1.5 * lost.min() > 0


def test_the_hub_carries_the_exposed_allies_reinforcement():
    """Emptying Germany thins Estonia's deterrence; removing as many troops from Spain barely does."""
    c, state = opening("europe_2024")
    estonia, germany, spain = (c.ally_index(a) for a in ("estonia", "germany", "spain"))
    base = derive(state).deterrence[0, estonia]
    for ally, drop in ((germany, 0.5), (spain, 0.35)):
        presence = state.presence.copy()
        presence[0, ally] -= drop
        after = derive(state, presence=presence).deterrence[0, estonia]
        if ally == germany:
            hub_loss = base - after
        else:
            rear_loss = base - after
    assert hub_loss > 0.1 and hub_loss > 5 * rear_loss


def test_an_independent_europe_may_not_defend_its_exposed_members():
    """The western allies' will (alignment, and the third force) counts in the Baltic states' deterrence."""
    c, state = opening("europe_2024")
    west = [c.ally_index(a) for a in ("germany", "france", "italy", "spain", "netherlands", "united_kingdom")]
    estonia = c.ally_index("estonia")
    drifted = state.alignment.copy()
    drifted[0, west] = 0.1
    loyal, adrift = derive(state).risk[0, estonia], derive(state.evolve(alignment=drifted)).risk[0, estonia]
    autonomous = derive(state.evolve(autonomy=np.ones_like(state.autonomy))).risk[0, estonia]
    assert adrift > 1.5 * loyal
    assert autonomous > 1.2 * loyal


def test_pressing_the_west_builds_a_third_force_that_pulls_it_away():
    c = find_campaign("europe_2024")
    west = {a: "pressure" for a in ("germany", "france", "italy", "spain", "netherlands", "united_kingdom")}
    pressed = final(c, per_ally(west, c), runs=200)
    held = final(c, "hold", runs=200)
    assert pressed.final.autonomy.mean() > held.final.autonomy.mean() + 0.02
    _, state = opening(c, autonomy=np.full((1, 1), 0.5))
    _, report = one_turn(state, np.full(len(c.allies), HOLD))
    france, estonia = c.ally_index("france"), c.ally_index("estonia")
    assert factor(report, "alignment", "third force", france)[0] < -0.005
    assert factor(report, "alignment", "third force", france)[0] < 5 * factor(report, "alignment", "third force",
                                                                               estonia)[0]


def test_coalition_members_ride_on_each_other():
    """Pressing Japan alone lowers what the other Indo-Pacific allies spend."""
    c = find_campaign("indo_pacific_2024")
    japan = c.ally_index("japan")
    others = [i for i in range(len(c.allies)) if i != japan]
    pressed = final(c, per_ally({"japan": "pressure"}, c), runs=200).final.spending
    held = final(c, "hold", runs=200).final.spending
    assert pressed[:, japan].mean() > held[:, japan].mean() + 0.1
    assert (pressed[:, others].mean(0) < held[:, others].mean(0) - 0.005).all()


def test_self_reliance_rises_when_an_ally_arms_itself():
    c = campaign(**QUIET)
    _, state = opening(c)
    armed = state.evolve(capability=state.capability * 1.3)
    assert derive(armed).self_reliance[0, 0] > derive(state).self_reliance[0, 0] + 0.02


def test_nuclear_powers_are_hard_to_attack_and_cover_their_partners():
    c, state = opening("europe_2024")
    uk, italy = c.ally_index("united_kingdom"), c.ally_index("italy")
    d = derive(state)
    assert d.deterrence[0, uk] > 2.5
    assert d.risk[0, uk] < 0.1 * d.risk[0, italy]
    no_cover = derive(state.evolve(alignment=np.where(np.isin(np.arange(len(c.allies)), [uk, c.ally_index("france")]),
                                                      0.0, state.alignment)))
    assert no_cover.deterrence[0, italy] < d.deterrence[0, italy] - 0.15


def test_threat_does_not_saturate_for_a_whole_game():
    c = find_campaign("europe_2024")
    p = make_world(c).params
    for policy in ("hold", "adaptive"):
        estonia = final(c, policy, runs=200).final.threat[:, c.ally_index("estonia")]
        assert (estonia < p.threat_max - 0.002).mean() > 0.8, policy


def test_plans_with_a_us_row_play_the_congress_lever(tmp_path):
    from game.campaign.plan import load_plan
    from game.sim.policies import plan_policy
    c = find_campaign("europe_2024")
    path = tmp_path / "loud.yaml"
    path.write_text("default: pressure\nus: [congress, none]\n", encoding="utf-8")
    plan = load_plan(path, c)
    assert plan.us == ("congress", "none")
    policy = plan_policy(plan.name, plan.default, plan.orders, c, plan.us)
    _, state = opening(c)
    assert policy.us_action(state, None)[0] == CONGRESS
    assert policy.us_action(state.evolve(turn=3), None)[0] == NO_ACTION
    assert (policy(state, None) == ORDER_CODE["pressure"]).all()


def test_burden_stays_measured_when_the_allies_start_at_their_fair_share():
    """No fair-share gap to close: a small change is judged against 5 % of what they pay, not a rounding error."""
    c = campaign([{"id": "alpha", "threat": 0.6, "spending": 2.9}], **QUIET)   # fair share 2 + 1.5 x 0.6 = 2.9
    _, start = opening(c)
    w = start.world
    cost = (start.presence @ w.upkeep) * w.dt
    for saved in (0.0, 0.01):   # the U.S. saves nothing, or US$ 10 m a year
        played = start.evolve(turn=1, fair_total=np.minimum(start.spending, w.fair_share0) @ w.gdp / 100 * w.dt,
                              us_cost_total=cost - saved * w.dt, budget_total=start.budget * w.dt)
        burden = float(outcome(played, start).burden[0])
        assert 49.5 < burden < 52, (saved, burden)
