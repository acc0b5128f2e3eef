"""The model's dice at engineered states: probes and deterrence, crises, entrapment, nuclear programmes,
realignment and Congress-forced drawdowns. Each test plays one turn over many runs from the same state, so the runs
differ only by their luck, and compares the runs where the event fired with those where it did not."""
from __future__ import annotations

import numpy as np
from builders import campaign, factor, one_turn, opening

from game.sim import explain
from game.sim.state import HOLD, REASSURE
from game.sim.derived import derive

RUNS = 600


def hold(state):
    return np.full(state.spending.shape, HOLD, dtype=np.int8)


def exposed(runs=RUNS, **ally):
    """A lone ally the adversary wants and the U.S. has left bare: probes are frequent."""
    c = campaign([{"id": "alpha", "threat": 0.7, **ally}], revisionism=1.0)
    return opening(c, runs, presence=np.zeros((runs, 1)), credibility=np.zeros(runs))


def contrast(ally, field, quiet, primed, seed):
    """One turn of holding from a lone ally's opening with `field` (an (B, N) state field) set to `quiet` or to
    `primed`, on the same dice: (report when quiet, state after primed, report when primed)."""
    _, state = opening(campaign([{"id": "alpha", **ally}], revisionism=0.0), RUNS)
    calm, ready = (state.evolve(**{field: np.full((RUNS, 1), value)}) for value in (quiet, primed))
    _, r_calm = one_turn(calm, hold(calm), seed=seed)
    after, r_ready = one_turn(ready, hold(ready), seed=seed)
    return r_calm, after, r_ready


def test_us_forces_and_credibility_deter():
    _, state = exposed(1)
    bare = derive(state)
    backed = derive(state.evolve(presence=np.ones((1, 1)), credibility=np.ones(1)))
    assert backed.deterrence[0, 0] > bare.deterrence[0, 0] + 0.5
    assert backed.hazard[0, 0] < 0.5 * bare.hazard[0, 0]
    assert backed.risk[0, 0] < 0.5 * bare.risk[0, 0]


def test_deterrence_suppresses_probes_in_play():
    _, bare = exposed()
    backed = bare.evolve(presence=np.ones((RUNS, 1)), credibility=np.ones(RUNS))
    _, r_bare = one_turn(bare, hold(bare), seed=4)
    _, r_backed = one_turn(backed, hold(backed), seed=4)
    assert r_bare.probe.mean() > 0.08
    assert r_backed.probe.mean() < 0.5 * r_bare.probe.mean()
    assert r_backed.aggression.mean() < 0.5 * r_bare.aggression.mean()


def test_crises_raise_threat_and_cost_the_us():
    _, state = exposed()
    p = state.world.params
    after, report = one_turn(state, hold(state), seed=5)
    probed = report.probe[:, 0]
    assert 0.05 < probed.mean() < 0.95
    assert after.threat[probed, 0].min() > after.threat[~probed, 0].max() + 0.5 * p.crisis_threat
    assert after.threat_shift[probed, 0].min() > 0 == after.threat_shift[~probed, 0].max()
    assert report.us_cost[probed].min() > report.us_cost[~probed].max() + 0.5 * p.crisis_cost


def test_a_successful_aggression_costs_trust_and_credibility():
    _, state = exposed(trust=0.6)
    state = state.evolve(credibility=np.full(RUNS, 0.5))   # credibility to lose, still thin deterrence
    after, report = one_turn(state, hold(state), seed=6)
    hit = report.aggression[:, 0]
    assert 0.02 < hit.mean() < 0.95
    crises = factor(report, "trust", "crises", 0)
    assert (crises[hit] < -0.01).all() and (crises[~hit] == 0).all()
    assert after.credibility[hit].max() < after.credibility[~hit].min()


def test_unconditional_support_draws_the_us_into_an_allys_own_quarrel():
    r_calm, after, r_bold = contrast({"dispute": 1.0}, "emboldened", 0.0, 1.0, seed=7)
    assert r_calm.entrapment.sum() == 0
    entrapped = r_bold.entrapment[:, 0]
    assert 0.05 < entrapped.mean() < 0.9
    assert after.threat[entrapped, 0].min() > after.threat[~entrapped, 0].max()   # a crisis of its own making
    # Reassurance is what emboldens: from calm, a reassured ally is emboldened, a held one is not.
    _, calm = opening(campaign([{"id": "alpha", "dispute": 1.0}], revisionism=0.0), RUNS)
    reassured, _ = one_turn(calm, np.full((RUNS, 1), REASSURE, dtype=np.int8))
    assert (reassured.emboldened > 0).all()


def test_advanced_hedging_crosses_into_a_nuclear_programme_and_breaks_with_the_us():
    r_low, after, r_high = contrast({"threat": 0.8, "latency": 1.0}, "hedging", 0.4, 0.95, seed=8)
    assert r_low.nuclear.sum() == 0
    bomb = r_high.nuclear[:, 0]
    assert 0.1 < bomb.mean() < 0.9
    assert after.nuclear[bomb, 0].all() and not after.nuclear[~bomb, 0].any()
    assert (factor(r_high, "hedging", "nuclear programme", 0)[bomb] > 0).all()
    assert (factor(r_high, "alignment", "break with the U.S.", 0)[bomb] < -0.01).all()
    assert (factor(r_high, "alignment", "break with the U.S.", 0)[~bomb] == 0).all()
    # A programme counts as a break: the ally no longer deters as a loyal member of the alliance.
    assert (derive(after).risk[bomb, 0] == 0).all()


def test_a_distrustful_trade_dependent_ally_may_accommodate_the_adversary():
    ally = {"threat": 0.9, "trade_dependence": 0.8, "alignment": 0.2}
    r_trusting, after, r_doubting = contrast(ally, "trust", 0.6, 0.1, seed=9)
    assert r_trusting.realignment.sum() == 0
    deal = r_doubting.realignment[:, 0]
    assert 0.05 < deal.mean() < 0.9
    assert after.realigned[deal, 0].all()
    assert (factor(r_doubting, "alignment", "break with the U.S.", 0)[deal] < -0.01).all()


def test_congress_forces_a_drawdown_when_domestic_pressure_runs_high():
    c = campaign([{"id": "alpha"}, {"id": "beta", "threat": 0.3}], revisionism=0.0)
    _, state = opening(c, RUNS)
    p = state.world.params
    calm = state.evolve(domestic_pressure=np.full(RUNS, p.congress_threshold - 0.1))
    angry = state.evolve(domestic_pressure=np.ones(RUNS))
    _, r_calm = one_turn(calm, hold(calm), seed=10)
    after, r_angry = one_turn(angry, hold(angry), seed=10)
    assert r_calm.congress_cut.sum() == 0
    cut = r_angry.congress_cut
    assert 0.2 < cut.mean() < 0.95
    assert (after.presence[cut] < after.presence[~cut].min(0) - 0.5 * p.congress_cut).all()
    # Felt as a withdrawal nobody ordered: trust falls where forces leave, the adversary grows bolder.
    left = factor(r_angry, "trust", "withdrawal")
    assert (left[cut] < 0).all() and (left[~cut] == 0).all()
    assert (r_angry.appetite[cut, 0, 0] > 0).all() and (r_angry.appetite[~cut, 0, 0] == 0).all()
    assert after.domestic_pressure[cut].max() < after.domestic_pressure[~cut].min()   # the vote releases some
    # The report says so, in words.
    run = int(np.flatnonzero(cut)[0])
    assert any(h.kind == "congress" for h in explain.happenings(r_angry, after, run))
    quiet = int(np.flatnonzero(~cut)[0])
    assert not any(h.kind == "congress" for h in explain.happenings(r_angry, after, quiet))


def test_free_riding_allies_and_an_overrun_budget_stir_congress():
    """Domestic pressure rises when the allies fall further short of the 2 % line, and when the U.S. overspends."""
    c = campaign([{"id": "alpha", "spending": 1.8}, {"id": "beta", "threat": 0.3, "spending": 1.8}], revisionism=0.0)
    _, state = opening(c, RUNS)
    state = state.evolve(domestic_pressure=np.random.default_rng(11).uniform(0.2, 0.5, RUNS))
    held, _ = one_turn(state, hold(state))
    short, _ = one_turn(state.evolve(spending=state.spending * 0.6), hold(state))
    broke, _ = one_turn(state.evolve(budget=state.budget * 0.5), hold(state))
    assert (short.domestic_pressure > held.domestic_pressure + 0.01).all()
    assert (broke.domestic_pressure > held.domestic_pressure + 0.01).all()
