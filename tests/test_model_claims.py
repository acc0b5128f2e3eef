"""The claims of BRIEF.md and of the article, each tested as a comparison of policies over many seeded runs."""
from __future__ import annotations

import numpy as np
import pytest
from builders import campaign, final, per_ally

from game.catalog import find_campaign
from game.sim.run import new_game
from game.sim.state import make_world
from game.sim.step import derive

QUIET = dict(revisionism=0.0, growth=0.0)   # no probes, no arms race: the threat stays where it is


def spending(result, ally=0):
    return result.final.spending[:, ally].mean()


def test_claim1_reassured_ally_ends_lower_than_pressured_ally():
    c = campaign(**QUIET)
    reassured, pressured = final(c, "reassure"), final(c, "pressure")
    assert np.allclose(reassured.final.threat, pressured.final.threat)  # the threat really was held fixed
    assert spending(reassured) < spending(pressured) - 0.3


def test_claim2_same_pressure_moves_threatened_ally_more():
    c = campaign([{"id": "front", "threat": 0.9}, {"id": "rear", "threat": 0.2}], **QUIET)
    gain = final(c, "pressure").final.spending.mean(0) - final(c, "hold").final.spending.mean(0)
    assert gain[0] > 2 * gain[1] > 0


def test_claim3_criticism_is_a_small_fraction_of_pressure():
    c = campaign(**QUIET)
    hold = spending(final(c, "hold"))
    criticism = spending(final(c, "criticize")) - hold
    pressure = spending(final(c, "pressure")) - hold
    assert pressure > 0.3
    assert 0 <= criticism < 0.15 * pressure


@pytest.mark.parametrize("name", ["europe_2024", "indo_pacific_2024"])
def test_claim4_withdrawal_invites_more_aggression_than_pressure(name):
    c = find_campaign(name)
    withdraw, pressure = final(c, "withdraw", runs=2000), final(c, "pressure", runs=2000)
    assert withdraw.outcome.aggression.mean() > pressure.outcome.aggression.mean() + 0.1


def test_claim5_withdrawal_raises_exposed_allys_hedging_more_than_pressure():
    c = find_campaign("europe_2024")
    poland = c.ally_index("poland")
    w, p = final(c, "withdraw"), final(c, "pressure")
    assert w.final.hedging[:, poland].mean() > p.final.hedging[:, poland].mean() + 0.1


def test_claim6_alignment_falls_as_self_reliance_grows():
    # A home-grown build-up the U.S. did not ask for: spending climbs every turn from turn 2.
    boost = [{"id": "arms", "title": "A domestic arms boom", "text": "t", "when": "turn >= 2", "once": False,
              "effects": [{"target": "alpha", "var": "spending", "add": 0.5}]}]
    ally = [{"id": "alpha", "ceiling": 9.0}]
    base, armed = campaign(ally, **QUIET), campaign(ally, events=boost, **QUIET)
    b, a = final(base, "hold"), final(armed, "hold")
    sr_base = derive(b.final).self_reliance.mean()
    sr_armed = derive(a.final).self_reliance.mean()
    assert sr_armed > sr_base + 0.05
    assert a.final.alignment.mean() < b.final.alignment.mean() - 0.02


@pytest.mark.parametrize("order", ["hold", "pressure", "reassure", "withdraw", "criticize"])
def test_claim7_rising_threat_raises_spending_whatever_the_us_does(order):
    rising = [{"id": "surge", "title": "The rival mobilises", "text": "t", "turn": 2,
               "effects": [{"target": "allies", "var": "threat", "add": 0.3, "scale": "exposure"},
                           {"target": "rival", "var": "capability", "add": 50}]}]
    ally = [{"id": "alpha", "ceiling": 9.0}]
    calm, tense = campaign(ally, **QUIET), campaign(ally, events=rising, **QUIET)
    assert spending(final(tense, order)) > spending(final(calm, order)) + 0.2


def test_congress_makes_pressure_more_credible():
    # 0.55 stays below the level where Congress may force a drawdown (params.congress_threshold), which would
    # move spending by itself and blur the comparison.
    gains = []
    for dp in (0.05, 0.55):
        c = campaign(domestic_pressure=dp, **QUIET)
        gains.append(spending(final(c, "pressure")) - spending(final(c, "hold")))
    assert gains[1] > 1.5 * gains[0] > 0


def test_hedging_is_easier_to_prevent_than_to_reverse():
    c = campaign([{"id": "alpha", "threat": 0.9, "latency": 0.8}], turns=12, **QUIET)
    prevented = final(c, "reassure")
    # Withdraw for three turns, then reassure: the hedging started does not come back down to where it was kept.
    from game.sim.policies import Policy
    seq = Policy("late", lambda s, rng: np.full(s.spending.shape, 3 if s.turn < 3 else 2, dtype=np.int8))
    reversed_ = final(c, seq)
    peak = final(campaign([{"id": "alpha", "threat": 0.9, "latency": 0.8}], turns=3, **QUIET), "withdraw")
    rise = peak.final.hedging.mean() - c.allies[0].hedging
    fall = peak.final.hedging.mean() - reversed_.final.hedging.mean()
    assert reversed_.final.hedging.mean() > prevented.final.hedging.mean() + 0.1
    assert fall < 0.5 * rise  # nine turns of reassurance undo less than half of what three turns built


def test_reassurance_risks_entrapment_in_an_allys_own_dispute():
    c = campaign([{"id": "alpha", "dispute": 0.8}], **QUIET)
    reassured, pressured = final(c, "reassure"), final(c, "pressure")
    assert reassured.final.crises.mean() > pressured.final.crises.mean() + 0.2


def test_withdrawal_spills_over_more_in_the_same_theatre():
    allies = [{"id": "left"}, {"id": "near"}, {"id": "far", "theatre": "asia", "adversary": "other"}]
    advs = [{"id": "rival", "name": "Rival", "country": "RVL", "theatre": "europe", "capability": 150,
             "revisionism": 0.0, "growth": 0.0},
            {"id": "other", "name": "Other", "country": "OTH", "theatre": "asia", "capability": 150,
             "revisionism": 0.0, "growth": 0.0}]
    c = campaign(allies, turns=1, adversaries=advs)
    out = final(c, per_ally({"left": "withdraw"}, c), runs=1).final.trust[0]
    start = 0.65
    assert out[1] < out[2] < start + 1e-3   # both feel it; the neighbour in the same theatre more


def test_trade_dependence_damps_balancing():
    c = campaign([{"id": "open", "trade_dependence": 0.0}, {"id": "tied", "trade_dependence": 0.6}], **QUIET)
    s = final(c, "hold").final.spending.mean(0)
    assert s[1] < s[0] - 0.1


def test_independent_europe_may_not_defend_its_exposed_members():
    """Without U.S. forces, aggression falls on the exposed Baltic states, not on the insulated rear."""
    from game.sim.policies import built_in
    from game.sim.run import simulate
    c = find_campaign("europe_2024")
    r = simulate(c, built_in("withdraw"), runs=2000, seed=3, keep_reports=True)
    hits = sum(report.aggression for report in r.reports).mean(0)   # successful aggressions per ally per run
    baltic = [c.ally_index(a) for a in ("estonia", "latvia", "lithuania")]
    rear = [c.ally_index(a) for a in ("spain", "italy", "germany")]
    assert hits[baltic].min() > 3 * hits[rear].max()


def test_indo_pacific_allies_cannot_balance_china_alone():
    """Europe's allies together outspend Russia; the Indo-Pacific allies together fall well short of China."""
    def allies_vs_adversary(name):
        state, _ = new_game(make_world(find_campaign(name)), 1)
        return state.capability.sum() / state.adv_capability.sum()

    assert allies_vs_adversary("europe_2024") > 1.5
    assert allies_vs_adversary("indo_pacific_2024") < 0.6
    c = find_campaign("indo_pacific_2024")
    state, _ = new_game(make_world(c), 1)
    # Without the U.S. (no forces, and no guarantee worth anything: the nuclear umbrella and the treaty count
    # through U.S. credibility) no ally can deter China.
    alone = state.evolve(presence=np.zeros_like(state.presence), credibility=np.zeros_like(state.credibility))
    assert (derive(alone).deterrence < 1.0).all()


def test_a_threat_repeated_every_turn_wears_thin():
    """Pressure every other turn buys more spending per turn of pressure than pressure every turn."""
    from game.sim.policies import Policy
    c = campaign(turns=10, **QUIET)
    hold = spending(final(c, "hold"))
    every = spending(final(c, "pressure")) - hold
    alternate = spending(final(c, Policy("alt", lambda s, rng: np.full(s.spending.shape, 1 if s.turn % 2 == 0 else 0,
                                                                       dtype=np.int8)))) - hold
    assert 0 < alternate < every                 # more pressure still buys more in total...
    assert alternate / 5 > 1.2 * (every / 10)    # ...but each turn of it buys less when it never lets up
