"""Mechanisms that no test named until issue 24: each was caught, if at all, only by a whole-game check that says
nothing about which rule broke. One test per rule, over batches of seeded worlds, asserting directions and bounds
that survive recalibration (with the rule against without it, never a calibrated value).

tools/mutants.py breaks each rule; `python -m tools.mutate --area model war` checks that the test named here fails.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
from builders import STEADY, campaign, factor, one_turn, opening, play, varied

from game.sim import policies
from game.sim.explain import happenings
from game.sim.run import new_game, rngs
from game.sim.state import HOLD, REASSURE, WITHDRAW, make_world
from game.sim.step import step, success
from game.sim.war import war_surge

RUNS = 300
ALLIES = [{"id": "front", "threat": 0.8, "latency": 0.8}, {"id": "mid", "threat": 0.5},
          {"id": "rear", "threat": 0.25, "latency": 0.2}]


def everyone(state, code):
    return np.full(state.spending.shape, code, dtype=np.int8)


# --- spending ---------------------------------------------------------------------------------------------------
def test_spending_never_falls_faster_than_budgets_can_be_cut_and_the_limit_binds_where_pulled_hard():
    """Budgets are sticky downwards: however hard free-riding and other priorities pull, spending falls at most
    `max_fall` pp a year, and in an ally paying far past what its threat calls for that limit is what holds it."""
    c, state = opening(campaign(ALLIES, revisionism=0.0), RUNS, params=STEADY)
    state = varied(state, 2, spending=(0.5, 4.9), threat=(0.02, 0.9), trust=(0.3, 0.95), presence=(0.1, 0.9))
    p, dt = state.world.params, state.world.dt
    for code in (HOLD, REASSURE):
        after, _ = one_turn(state, everyone(state, code))
        fell = state.spending - after.spending
        assert (fell <= p.max_fall * dt + 1e-5).all(), code
        assert (fell > p.max_fall * dt - 1e-5).mean() > 0.05, "the limit never binds: the test needs harder pulls"


# --- alignment --------------------------------------------------------------------------------------------------
def test_each_alignment_weight_moves_its_own_factor_only():
    """The weight of expected protection drives the "protection" factor and the weight of self-reliance the
    "self-reliance" factor: setting one to zero silences its own factor and leaves the other as it was."""
    _, state = opening(campaign(ALLIES, revisionism=0.0), RUNS, params=STEADY)
    state = varied(state, 3, trust=(0.2, 0.95), presence=(0.0, 0.9), spending=(0.8, 4.5))
    state = state.evolve(capability=state.capability * np.random.default_rng(4).uniform(0.5, 2.5, state.spending.shape))
    base = {name: factor(one_turn(state, everyone(state, HOLD))[1], "alignment", name)
            for name in ("protection", "self-reliance")}
    assert all(np.abs(v).max() > 1e-3 for v in base.values())
    for weight, silenced, kept in (("alignment_dependence", "protection", "self-reliance"),
                                   ("alignment_self_reliance", "self-reliance", "protection")):
        world = replace(state.world, params=replace(state.world.params, **{weight: 0.0}))
        _, report = one_turn(state.evolve(world=world), everyone(state, HOLD))
        assert np.abs(factor(report, "alignment", silenced)).max() < 1e-9, weight
        np.testing.assert_allclose(factor(report, "alignment", kept), base[kept], atol=1e-6, err_msg=weight)


# --- influence --------------------------------------------------------------------------------------------------
def test_an_ally_that_made_its_own_deal_adds_nothing_to_the_influence_the_game_accumulates():
    """Influence over the game sums, each turn, the allies' alignment weighted by their economies, an ally that
    accommodated the adversary counting zero (as the outcome counts it at the end): a realigned ally's alignment,
    however high, adds nothing."""
    c, state = opening(campaign(ALLIES, revisionism=0.0), RUNS, params=STEADY)
    state = varied(state, 11, alignment=(0.3, 0.95))
    realigned = np.zeros(state.spending.shape, dtype=bool)
    realigned[:, 0] = True
    for flags in (state.realigned, realigned):
        after, _ = one_turn(state.evolve(realigned=flags), everyone(state, HOLD))
        weight = after.world.gdp / after.world.gdp.sum()
        loyal = after.alignment * ~after.realigned
        gained = (after.influence_total - state.influence_total) / after.world.dt
        np.testing.assert_allclose(gained, loyal @ weight, rtol=1e-5)
    assert (gained < after.alignment @ weight - 0.1 * weight[0]).all()


# --- chance -----------------------------------------------------------------------------------------------------
def test_forces_withdrawn_this_turn_no_longer_deter_this_turns_probes():
    """Probes are judged on the posture after the orders: with the other channels of a withdrawal switched off
    (credibility and the adversary's appetite), the forces removed alone raise this turn's risk, and forces added
    by reassurance lower it."""
    quiet = replace(STEADY, credibility_withdraw=0.0, revisionism_withdraw=0.0, credibility_reassure=0.0)
    _, state = opening(campaign(ALLIES, revisionism=0.8), RUNS, params=quiet)
    state = varied(state, 5, presence=(0.3, 0.9), trust=(0.4, 0.9))
    _, held = one_turn(state, everyone(state, HOLD))
    _, left = one_turn(state, everyone(state, WITHDRAW))
    _, stood = one_turn(state, everyone(state, REASSURE))
    assert (left.risk > held.risk).all()
    assert (stood.risk < held.risk).all()


def test_a_probe_usually_succeeds_where_deterrence_is_thin_and_rarely_where_it_is_strong():
    """The chance that a probe succeeds falls with the square of the deterrence ratio: even odds at parity, four in
    five against a ratio of a half, one in five at two, one in ten at three."""
    assert success(np.array(1.0)) == 0.5
    assert success(np.array(0.5)) >= 0.8
    assert success(np.array(2.0)) <= 0.2 and success(np.array(3.0)) <= 0.1
    ratios = np.linspace(0.1, 5, 50)
    assert (np.diff(success(ratios)) < 0).all()


def test_an_attack_is_told_once_as_a_strike_never_also_as_a_probe_turned_back():
    _, state = opening(campaign(ALLIES, revisionism=1.0, capability=600.0), RUNS, params=STEADY)
    state = varied(state, 6, presence=(0.0, 0.3), trust=(0.2, 0.5))
    after, report = one_turn(state, everyone(state, WITHDRAW))
    hits = repelled = 0
    for run in range(RUNS):
        said = happenings(report, after, run)
        for i, ally in enumerate(after.world.campaign.allies):
            kinds = [h.kind for h in said if h.ally == ally.id and h.kind in ("aggression", "probe")]
            hit, probed = bool(report.aggression[run, i]), bool(report.probe[run, i])
            assert kinds == (["aggression"] if hit else ["probe"] if probed else []), (run, ally.id, kinds)
            hits += hit
            repelled += probed and not hit
    assert hits > 10 and repelled > 10


# --- the adviser ------------------------------------------------------------------------------------------------
def test_the_adviser_judges_thin_deterrence_by_the_yearly_risk_whatever_the_turns_length():
    """The same worlds played in yearly and in quarterly turns: the adviser calls the same allies' deterrence thin,
    because its threshold is a yearly chance scaled to the turn."""
    allies = [{"id": "front", "threat": 0.85, "trust": 0.9}, {"id": "edge", "threat": 0.8, "trust": 0.9}]
    called = {}
    for length in ("year", "quarter"):
        _, state = opening(campaign(allies, step=length, capability=1000.0), RUNS, params=STEADY)
        state = varied(state, 7, presence=(0.0, 0.2), trust=(0.82, 0.95), threat=(0.72, 0.95))
        state = state.evolve(revisionism=np.random.default_rng(8).uniform(0.1, 1.0, state.revisionism.shape))
        called[length] = policies.adviser(state)[1] == policies.THIN
    yearly, quarterly = called["year"], called["quarter"]
    assert 0.1 < yearly.mean() < 0.9
    assert (yearly == quarterly).mean() > 0.97


# --- entrapment -------------------------------------------------------------------------------------------------
def test_unconditional_support_emboldens_a_trusting_ally_more_than_a_doubting_one():
    _, state = opening(campaign(ALLIES, revisionism=0.0), RUNS, params=STEADY)
    state = varied(state, 9, trust=(0.1, 0.95))
    after, _ = one_turn(state, everyone(state, REASSURE))
    gained = after.emboldened - state.emboldened * 0      # emboldenment starts at zero in an opening position
    assert (state.emboldened == 0).all() and (gained > 0).all()
    for i in range(state.spending.shape[1]):
        by_trust = np.argsort(state.trust[:, i])
        assert np.corrcoef(state.trust[by_trust, i], gained[by_trust, i])[0, 1] > 0.9


# --- the wartime response ---------------------------------------------------------------------------------------
def test_each_runs_wartime_response_is_drawn_in_the_first_turn_and_kept():
    world = make_world(campaign(ALLIES), STEADY)
    state, _ = new_game(world, RUNS)
    model_rng, _ = rngs(3)
    first, _ = step(state, everyone(state, HOLD), model_rng)
    assert len(np.unique(first.war, axis=0)) > 5
    later = play(first, "hold", seed=4)
    assert np.array_equal(later.war, first.war)


def test_the_war_surge_is_the_departure_from_this_turns_trend_and_none_on_the_trend():
    """An adversary growing on its trend is no war economy at any turn; one standing a tenth above this turn's
    trend is a surge of a tenth, felt in proportion to each ally's exposure; one below its trend no surge at all."""
    c, state = opening(campaign(ALLIES, growth=0.06, step="half"), 4)
    w = state.world
    for turn in range(c.turns):
        trend = w.adversary_capability0 * (1 + w.adversary_growth) ** (turn * w.dt)
        on, above, below = (state.evolve(turn=turn, adv_capability=np.broadcast_to(trend * k, state.adv_capability
                                                                                   .shape).copy())
                            for k in (1.0, 1.1, 0.9))
        assert (war_surge(on) == 0).all() and (war_surge(below) == 0).all(), turn
        np.testing.assert_allclose(war_surge(above), np.broadcast_to(0.1 * w.exposure, (4, len(w.exposure))),
                                   rtol=1e-3, err_msg=str(turn))


# --- events -----------------------------------------------------------------------------------------------------
def test_a_threat_event_moves_the_level_threat_settles_at_not_only_this_turns():
    event = {"id": "scare", "title": "Scare", "text": "A scare.", "turn": 2,
             "effects": [{"target": "allies", "var": "threat", "add": 0.2}]}
    ends = {}
    for name, events in (("quiet", []), ("scare", [event])):
        _, state = opening(campaign(ALLIES, revisionism=0.0, events=events), RUNS, params=STEADY)
        ends[name] = play(state, "hold", seed=2).threat
    lasting = ends["scare"] - ends["quiet"]
    assert (lasting > 0.1 * 0.2).all(), lasting.min()     # a tenth of the jump; it would fade to near nothing


def test_an_event_that_fires_once_never_fires_again_in_that_game():
    """A `when:` event fires the first turn its condition holds in each run and never again there, while its
    condition still holds (and while it has not yet fired in every run)."""
    event = {"id": "alarm", "title": "Alarm", "text": "An alarm.", "when": "front.hedging > 0.3",
             "effects": [{"target": "us", "var": "budget", "add": 1.0}]}
    _, state = opening(campaign(ALLIES, events=[event]), RUNS, params=STEADY)
    state = varied(state, 10, hedging=(0.0, 0.6))
    fired, first = np.zeros(RUNS, dtype=int), np.full(RUNS, -1)
    model_rng, _ = rngs(5)
    while not state.over:
        state, report = step(state, everyone(state, HOLD), model_rng)
        fired += report.fired[:, 0]
        first[(first < 0) & report.fired[:, 0]] = state.turn
    assert fired.max() == 1
    # it fired in different turns in different runs: some runs went on with it spent while others waited
    assert (first > 0).mean() > 0.2 and len(np.unique(first[first > 0])) > 2
