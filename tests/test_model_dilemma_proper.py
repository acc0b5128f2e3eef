"""The burden-sharing dilemma proper, felt: a capable ally that arms itself follows Washington less, on named
issues, on a scale that compares with the strain of pressure; an ally Washington could hardly leave discounts its
threats unless Congress makes them believable; an era may measure fair shares by its own yardstick; and the turn
report keeps each factor's total since the start, so a slow channel that adds up is seen."""
from __future__ import annotations

import numpy as np
from builders import STEADY, campaign, factor, one_turn, opening, play

from game.sim import explain
from game.sim.derived import ISSUES, derive, independence, issues, pressure_push
from game.sim.policies import Policy
from game.sim.state import CONGRESS, HOLD, NO_ACTION, PRESSURE, make_world

QUIET = dict(revisionism=0.0, growth=0.0)
BIG = {"id": "big", "gdp": 4000.0, "threat": 0.5, "spending": 2.0, "ceiling": 4.5, "responsiveness": 1.4}
FRONT = {"id": "front", "gdp": 300.0, "threat": 0.9, "spending": 3.0}


def pressed_with_congress(state, ally=0):
    def choose(s, rng):
        orders = np.full(s.spending.shape, HOLD, np.int8)
        orders[:, ally] = PRESSURE
        return orders
    return Policy("press", choose, lambda s, rng: np.full(s.runs, CONGRESS, np.int8))


def test_a_capable_ally_that_arms_itself_follows_less_as_much_as_pressure_strains_it():
    """Pressed every turn with Congress behind the threat, a large insulated ally builds capability; the alignment
    it gives up to its own strength (self-reliance and the third force) adds up to at least half of what the strain
    of pressure costs, and it goes its own way on named issues, in order."""
    c = campaign([BIG, FRONT], turns=12, step="half", **QUIET)
    _, state = opening(c, 300, params=STEADY)
    policy = pressed_with_congress(state)
    rng_state, reports = state, []
    from game.sim.run import rngs
    from game.sim.step import step
    model_rng, policy_rng = rngs(3)
    while not rng_state.over:
        rng_state, report = step(rng_state, policy(rng_state, policy_rng), model_rng,
                                 policy.us_action(rng_state, policy_rng))
        reports.append(report)
    total = sum(r.alignment for r in reports)[:, 0]          # summed over the game for the big ally, per run
    own = total[:, explain.FACTORS["alignment"].index("self-reliance")] + \
        total[:, explain.FACTORS["alignment"].index("third force")]
    strain = total[:, explain.FACTORS["alignment"].index("pressure")]
    assert (rng_state.spending[:, 0] > state.spending[:, 0] + 0.3).mean() > 0.9     # it really armed
    assert (own < 0).all() and (own <= 0.5 * strain).mean() > 0.9
    count = issues(rng_state)[:, 0]
    assert (count >= 1).mean() > 0.9
    # Reported turn by turn, each crossing once: the issues come one after another, never beyond the four.
    crossed = np.stack([r.own_way[:, 0] for r in reports])
    assert crossed.max() <= ISSUES
    for run in range(crossed.shape[1]):
        seen = crossed[:, run][crossed[:, run] > 0]
        assert (np.diff(seen) > 0).all()                        # each issue once, in order
    run = int(np.flatnonzero(count >= 1)[0])
    turn = int(np.flatnonzero(crossed[:, run] > 0)[0])
    titles = [h.title for h in explain.happenings(reports[turn], rng_state, run) if h.kind == "own way"]
    assert titles and explain.ISSUES[0] in titles[0]


def test_independence_is_the_pull_the_self_reliance_and_third_force_factors_follow():
    c = campaign([BIG, FRONT], **QUIET)
    _, state = opening(c, 200)
    armed = state.evolve(capability=state.capability * np.linspace(1.0, 1.6, 200)[:, None])
    pull = independence(armed)
    assert (np.diff(pull[:, 0]) > 0).all()           # more capability, more independence
    _, report = one_turn(armed, np.full(armed.spending.shape, HOLD, np.int8))
    w, p = armed.world, armed.world.params
    ra = 1 - (1 - p.alignment_rate) ** w.dt
    own = factor(report, "alignment", "self-reliance") + factor(report, "alignment", "third force")
    np.testing.assert_allclose(own, -ra * pull, atol=1e-5)


def test_an_ally_washington_could_hardly_leave_discounts_its_threats_unless_congress_is_invoked():
    """The same pressure on two allies alike in all but value to U.S. strategy: the hub answers with at most two
    thirds of the other's move, while Congress is not invoked; with Congress, alike."""
    ally = {"threat": 0.7, "spending": 1.5}
    c = campaign([{"id": "hub", "hub": True, **ally}, {"id": "plain", **ally}], **QUIET)
    _, state = opening(c, 50)
    alone = pressure_push(state, derive(state))
    backed = pressure_push(state, derive(state, congress=np.ones(state.runs, bool)))
    assert (alone[:, 0] <= 2 / 3 * alone[:, 1] + 1e-9).all() and (alone[:, 0] > 0).all()
    np.testing.assert_allclose(backed[:, 0], backed[:, 1], rtol=1e-6)
    # Over a whole game, on the same dice: the hub's spending moves less unless Congress backs the threat.
    press = Policy("press", lambda s, rng: np.full(s.spending.shape, PRESSURE, np.int8))
    invoke = Policy("press", lambda s, rng: np.full(s.spending.shape, PRESSURE, np.int8),
                    lambda s, rng: np.full(s.runs, CONGRESS, np.int8))
    hold = play(state, Policy("hold", lambda s, rng: np.full(s.spending.shape, HOLD, np.int8)))
    moved = play(state, press).spending - hold.spending
    assert (moved[:, 0] < 2 / 3 * moved[:, 1] + 0.02).all()
    backed_moved = play(state, invoke).spending - hold.spending
    assert (backed_moved[:, 0] > 0.85 * backed_moved[:, 1]).all()


def test_a_campaign_may_mark_an_ally_valuable_without_making_it_a_hub():
    ally = {"threat": 0.7, "spending": 1.5}
    c = campaign([{"id": "valued", "valuable": True, **ally}, {"id": "plain", **ally}], **QUIET)
    w = make_world(c)
    assert list(w.valuable) == [1.0, 0.0] and list(w.hub) == [0.0, 0.0]
    _, state = opening(c, 5)
    push = pressure_push(state, derive(state))
    assert (push[:, 0] < push[:, 1]).all()


def test_an_era_may_measure_fair_shares_by_its_own_guideline():
    base = campaign([{"id": "alpha", "threat": 0.4, "spending": 2.5}], **QUIET)
    era = campaign([{"id": "alpha", "threat": 0.4, "spending": 2.5}], guideline=3.0, **QUIET)
    w0, w1 = make_world(base), make_world(era)
    assert w0.params.guideline == 2.0 and w1.params.guideline == 3.0
    assert np.allclose(w1.fair_share0 - w0.fair_share0, 1.0)
    # Below a 3 % yardstick, paying 2.5 %, the ally counts as short: Congress's complaint and the adviser see it.
    assert w1.shortfall0 > 0 and w0.shortfall0 == 0


def test_the_report_keeps_a_slow_factor_in_view_by_its_total():
    c = campaign([BIG, FRONT], turns=12, step="half", **QUIET)
    _, state = opening(c, 1)
    reports, s = [], state
    from game.sim.run import rngs
    from game.sim.step import step
    rng = rngs(1)[0]
    while not s.over:
        orders = np.array([[PRESSURE, HOLD]], np.int8)
        before = s
        s, report = step(s, orders, rng, np.array([CONGRESS]))
        reports.append(report)
    totals = explain.running(reports)
    ch = explain.change(reports[-1], before, s, "alignment", 0, totals=totals["alignment"][0])
    slow = [f for f in ch.factors if f.name == "self-reliance"]
    assert slow and abs(slow[0].total) > 5 * abs(slow[0].value)   # it adds up over the game
    assert slow[0] not in ch.moved or abs(slow[0].value) >= explain.NOISE["alignment"]
    np.testing.assert_allclose(sum(r.alignment[0, 0] for r in reports), totals["alignment"][0], atol=1e-9)
    # Without the totals the report would show only this turn's: the slow factor would be left out.
    bare = explain.change(reports[-1], before, s, "alignment", 0)
    assert len(bare.factors) <= len(ch.factors)
    assert NO_ACTION == 0
