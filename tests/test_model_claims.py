"""The claims of BRIEF.md and of the article, each tested as a comparison of policies over many seeded runs.

Each claim has a contrast policy and a floor on the effect it names, so it fails when its mechanism is deleted
(issue 15 found claims 1-3 passing without theirs). Claims about spending with the threat held fixed play from
`starts`: runs that begin in different places (trust, presence, spending, alignment, hedging), so 200 runs are 200
different games, compared run by run on the same starts.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from builders import STEADY, campaign, final, opening, per_ally, play, varied

from game.catalog import find_campaign
from game.sim.policies import Policy, built_in
from game.sim.params import DEFAULT
from game.sim.run import new_game, simulate
from game.sim.state import make_world
from game.sim.derived import derive

QUIET = dict(revisionism=0.0, growth=0.0)   # no probes, no arms race: the threat stays where it is


def starts(c, runs=200, seed=1):
    """The campaign's opening with every run's trust, presence, spending, alignment and hedging drawn anew (without
    the threat-perception shock, so a run-by-run comparison compares the mechanism, not the noise)."""
    _, state = opening(c, runs, params=STEADY)
    return varied(state, seed, trust=(0.35, 0.9), presence=(0.15, 0.8), spending=(1.0, 2.2), alignment=(0.5, 0.9),
                  hedging=(0.02, 0.2))


def test_claim1_reassured_ally_ends_lower_than_pressured_ally():
    c = campaign(**QUIET)
    state = starts(c)
    reassured, pressured, held = (play(state, order) for order in ("reassure", "pressure", "hold"))
    assert np.allclose(reassured.threat, pressured.threat)  # the threat really was held fixed
    assert (reassured.spending < pressured.spending - 0.2).all()
    assert reassured.spending.mean() < pressured.spending.mean() - 0.3
    # The contrast that makes it free-riding: reassured, an ally spends less than if left alone, in every run.
    assert (reassured.spending < held.spending).all()
    assert reassured.spending.mean() < held.spending.mean() - 0.03


def test_claim2_same_pressure_moves_threatened_ally_more():
    c = campaign([{"id": "front", "threat": 0.9}, {"id": "rear", "threat": 0.2}], **QUIET)
    state = starts(c)
    gain = play(state, "pressure").spending - play(state, "hold").spending
    assert (gain[:, 0] > 2 * gain[:, 1]).all() and (gain[:, 1] > 0).all()
    assert (gain[:, 0] > 0.3).all()     # a floor: pressure itself, not its side effects on trust, does this


def test_claim3_criticism_moves_spending_not_at_all_and_costs_goodwill():
    """Public criticism: no spending effect on average (Becker, Kreps, Poast and Terman 2024 find none, or a
    backlash), against pressure's real one; and a cost in trust and alignment a student can see. (Until this round
    the claim asked for a small positive effect, which the research does not find.)"""
    c = campaign(**QUIET)
    state = starts(c)
    held = play(state, "hold")
    shamed = play(state, "criticize")
    criticism = shamed.spending - held.spending
    pressure = play(state, "pressure").spending - held.spending
    assert pressure.mean() > 0.3
    assert abs(criticism.mean()) < 0.02 and (abs(criticism) < 0.1 * pressure).all()
    assert (shamed.trust < held.trust - 0.02).all() and (shamed.alignment < held.alignment - 0.02).all()


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
    b, a = play(starts(base), "hold"), play(starts(armed), "hold")   # the same starts, run by run
    assert (derive(a).self_reliance > derive(b).self_reliance + 0.05).all()
    assert (a.alignment < b.alignment - 0.02).all()


@pytest.mark.parametrize("order", ["hold", "pressure", "reassure", "withdraw", "criticize"])
def test_claim7_rising_threat_raises_spending_whatever_the_us_does(order):
    rising = [{"id": "surge", "title": "The rival mobilises", "text": "t", "turn": 2,
               "effects": [{"target": "allies", "var": "threat", "add": 0.3, "scale": "exposure"},
                           {"target": "rival", "var": "capability", "add": 50}]}]
    ally = [{"id": "alpha", "ceiling": 9.0}]
    calm, tense = campaign(ally, **QUIET), campaign(ally, events=rising, **QUIET)
    assert (play(starts(tense), order).spending > play(starts(calm), order).spending + 0.2).all()


def test_congress_makes_pressure_more_credible():
    # 0.55 stays below the level where Congress may force a drawdown (params.congress_threshold), which would
    # move spending by itself and blur the comparison.
    gains = []
    for dp in (0.05, 0.55):
        state = starts(campaign(domestic_pressure=dp, **QUIET))
        gains.append(play(state, "pressure").spending - play(state, "hold").spending)
    assert (gains[1] > 1.5 * gains[0]).all() and (gains[0] > 0).all()


def test_hedging_is_easier_to_prevent_than_to_reverse():
    """Three turns of withdrawal build hedging; then the relationship is mended as far as it can be (trust 0.95,
    full presence: more than reassurance alone could restore) and reassured for nine turns. Hedging does come
    down, but by less than half of what it rose, while the same mended footing from the start prevents any rise.
    (Reassurance alone does not reverse it at all here: insecurity keeps it climbing.)"""
    ally = {"id": "alpha", "threat": 0.9, "latency": 0.8}
    first = campaign([ally], turns=3, **QUIET)
    # No programme may start: the claim is about hedging short of one (a programme and its rollback are tested in
    # test_model_nuclear.py), and three withdrawals at this latency would often start one.
    no_bomb = replace(DEFAULT, nuclear_rate=0.0)
    _, state = opening(first, 300, params=no_bomb)
    state = varied(state, 4, hedging=(0.05, 0.2), trust=(0.5, 0.8), presence=(0.3, 0.6))
    peak = play(state, "withdraw")
    _, later = opening(campaign([ally], turns=12, **QUIET), 300, params=no_bomb)
    mended = dict(trust=np.full((300, 1), 0.95), presence=np.ones((300, 1)))
    prevented = play(later.evolve(hedging=state.hedging, **mended), "reassure")
    reversed_ = play(later.evolve(turn=3, hedging=peak.hedging, **mended), "reassure")
    rise, fall = peak.hedging - state.hedging, peak.hedging - reversed_.hedging
    assert (rise > 0.2).all()
    assert (prevented.hedging <= state.hedging + 1e-9).all()     # prevented: it never rises
    assert (fall > 0.03).all()                                    # reversal is real: hedging does fade...
    assert (fall < 0.5 * rise).all()                              # ...but nine turns undo less than half of three
    assert (reversed_.hedging > prevented.hedging + 0.1).all()


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
    state = starts(c)
    # The same start for both allies in each run, so only the trade dependence differs.
    state = state.evolve(**{v: np.repeat(getattr(state, v)[:, :1], 2, axis=1) for v in
                            ("trust", "presence", "spending", "alignment", "hedging")})
    s = play(state, "hold").spending
    assert (s[:, 1] < s[:, 0] - 0.1).all()


def test_independent_europe_may_not_defend_its_exposed_members():
    """Without U.S. forces, aggression falls on the exposed Baltic states, not on the insulated rear; and it is the
    withdrawal that exposes them (the contrast: holding)."""
    c = find_campaign("europe_2024")

    def hits(order):   # successful aggressions per ally per run
        r = simulate(c, built_in(order), runs=2000, seed=3, keep_reports=True)
        return sum(report.aggression for report in r.reports).mean(0)

    withdrawn, held = hits("withdraw"), hits("hold")
    baltic = [c.ally_index(a) for a in ("estonia", "latvia", "lithuania")]
    rear = [c.ally_index(a) for a in ("spain", "italy", "germany")]
    assert withdrawn[baltic].min() > 3 * withdrawn[rear].max()
    assert withdrawn[baltic].min() > 5 * held[baltic].max()


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
    state = starts(campaign(turns=10, **QUIET))
    hold = play(state, "hold").spending
    every = play(state, "pressure").spending - hold
    alternate = play(state, Policy("alt", lambda s, rng: np.full(s.spending.shape, 1 if s.turn % 2 == 0 else 0,
                                                                 dtype=np.int8))).spending - hold
    assert ((0 < alternate) & (alternate < every)).all()   # more pressure still buys more in total...
    assert (alternate / 5 > 1.15 * (every / 10)).all()     # ...but each turn of it buys less when it never lets up
