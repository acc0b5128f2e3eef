"""The analyses' numbers against games replayed apart from them: the what-if's turn-by-turn swings and its luck
(each chance's share, effect and contribution, their signs and order), the turning points (each order undone on the
same dice), and the class report's ranking, counts and the question each of its answers picks."""
from __future__ import annotations

import re

import numpy as np
import pytest
from builders import first_game, left_latvia, scripted

from game.analysis import class_report, whatif
from game.analysis.plans import plan_policy
from game.analysis.replay import plan_of, policy_session, session_path
from game.catalog import find_campaign
from game.campaign.model import ORDERS, PILLARS
from game.saves import write_save_file
from game.sim.explain import happenings
from game.sim.outcome import outcome
from game.sim.policies import built_in
from game.sim.run import simulate
from game.sim.session import Session
from game.sim.state import HOLD

RUNS = 300


@pytest.fixture(scope="module")
def game():
    """Europe 2024 with the U.S. leaving Latvia (builders.left_latvia), in a game where an attack succeeds."""
    return first_game(left_latvia, lambda g: g.state.aggressions[0] > 0)


# --- swings -----------------------------------------------------------------------------------------------------
def test_each_swing_is_the_score_change_over_its_own_turn_and_they_add_up_to_the_game(game):
    scores = [float(outcome(s, game.start).score[0]) for s in game.history]
    swings = whatif.swings(game)
    assert len(swings) == len(game.reports)
    by_label = {label: (change, titles) for label, change, titles in swings}
    for t in range(len(game.reports)):
        change, titles = by_label[game.campaign.calendar.label(t)]
        assert change == pytest.approx(scores[t + 1] - scores[t], abs=1e-9), t
        assert titles == [h.title for h in happenings(game.reports[t], game.history[t + 1])]
    assert sum(c for _, c, _ in swings) == pytest.approx(scores[-1] - scores[0], abs=1e-9)
    assert sum(abs(c) > 0.1 for _, c, _ in swings) >= 3     # several turns moved it: from the start is not per turn


def test_the_swings_are_listed_largest_first(game):
    sizes = [abs(c) for _, c, _ in whatif.swings(game)]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]


# --- luck -------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def luck(game):
    return whatif.chance_and_skill(game, runs=RUNS)


@pytest.fixture(scope="module")
def tallied(game):
    """The player's orders over the other games, played apart: final scores, and per chance happening, in the words
    the what-if uses, which games had it and whether this one did. `simulate` seeds a batch as the what-if does, and
    its first game, the player's own dice, is left out of the others."""
    c = game.campaign
    result = simulate(c, plan_policy(plan_of(session_path(game), c.turns)), runs=RUNS + 1, seed=game.seed,
                      keep_reports=True)

    def ever(reports, pick) -> np.ndarray:
        return np.any([pick(r) for r in reports], axis=0)

    picks = {}
    for i, a in enumerate(c.allies):
        picks[f"a successful attack on {a.name}"] = lambda r, i=i: r.aggression[:, i]
        picks[f"a probe of {a.name} turned back"] = lambda r, i=i: r.probe[:, i] & ~r.aggression[:, i]
    for k, e in enumerate(c.events):
        picks[f"the event '{e.title}'"] = lambda r, k=k: r.fired[:, k]
    picks["Congress forcing a drawdown"] = lambda r: r.congress_cut
    return result.outcome.score[1:], {text: (ever(result.reports, pick)[1:], bool(ever(game.reports, pick)[0]))
                                      for text, pick in picks.items()}


def test_the_luck_is_the_players_orders_over_other_games(luck, tallied, game):
    scores, _ = tallied
    np.testing.assert_allclose(luck.scores, scores)
    assert luck.score == pytest.approx(float(game.outcome().score[0]))
    assert luck.mean == pytest.approx(float(scores.mean()))


def test_each_chances_share_and_effect_are_those_of_the_other_games(luck, tallied):
    scores, chances = tallied
    assert len(luck.chances) >= 5
    for ch in luck.chances:
        hit, here = chances[ch.text]
        assert ch.here == here, ch.text
        assert ch.share == pytest.approx(hit.mean()), ch.text
        assert ch.effect == pytest.approx(scores[hit].mean() - scores[~hit].mean(), abs=1e-4), ch.text


def test_a_successful_attack_costs_points_in_the_games_it_happens(luck):
    attacks = [ch for ch in luck.chances if ch.text.startswith("a successful attack") and ch.share * RUNS >= 3]
    assert len(attacks) >= 2
    assert all(ch.effect < 0 for ch in attacks), [(ch.text, ch.effect) for ch in attacks]


def test_a_chance_pulls_this_game_toward_what_it_is_worth_if_it_happened_and_away_if_not(luck):
    """Its contribution is (here - share) x effect: an attack that fell here pulls the score down, one spared lifts
    it, by how much more or less often than usual it came about."""
    signs = set()
    for ch in luck.chances:
        assert ch.contribution == pytest.approx((ch.here - ch.share) * ch.effect), ch.text
        if abs(ch.effect) > 0.1:
            assert np.sign(ch.contribution) == np.sign(ch.effect) * (1 if ch.here else -1), ch.text
            signs.add((ch.here, bool(ch.contribution > 0)))
    assert (True, False) in signs and (False, True) in signs     # an attack that fell here, one that did not


def test_the_chances_are_listed_by_how_far_they_moved_this_game(luck):
    sizes = [abs(ch.contribution) for ch in luck.chances]
    assert sizes == sorted(sizes, reverse=True)


def test_the_luck_sentence_names_the_chances_that_pulled_the_way_the_game_went(luck):
    gap = luck.score - luck.mean
    assert abs(gap) >= 1
    named = [ch for ch in luck.chances[:2] if abs(ch.contribution) >= 0.5]
    assert named and ", mostly from " in luck.sentence
    for ch in luck.chances[:2]:
        words = f"{ch.text} in {ch.when}" if ch.here else ch.absent
        assert (words in luck.sentence) == (ch in named and np.sign(ch.contribution) == np.sign(gap)), words


# --- turning points ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def tutorial_game():
    c = find_campaign("tutorial")
    ids = [a.id for a in c.allies]
    return scripted(c, 11, lambda t: {ids[t % 4]: "pressure", ids[(t + 1) % 4]: "reassure"}, congress=(2,))


def undone(game: Session, turn: int, ally: str) -> float:
    """The final score of the same game with one order (or, with `ally` empty, the call on Congress) left out."""
    plan = plan_of(session_path(game), game.campaign.turns)
    ids = [a.id for a in game.campaign.allies]
    return float(scripted(game.campaign, game.seed,
                          lambda t: {a: ORDERS[plan.orders[t, i]] for i, a in enumerate(ids)
                                     if (t, a) != (turn, ally) and plan.orders[t, i] != HOLD},
                          congress=[t for t in range(game.campaign.turns) if plan.us[t] and (t, "") != (turn, ally)])
                 .outcome().score[0])


def test_each_turning_point_is_worth_what_undoing_it_alone_loses_and_the_largest_are_named(tutorial_game):
    game = tutorial_game
    played = float(game.outcome().score[0])
    plan = plan_of(session_path(game), game.campaign.turns)
    ids = [a.id for a in game.campaign.allies]
    worth = {(t, ids[i]): played - undone(game, t, ids[i]) for t, i in zip(*np.nonzero(plan.orders != HOLD))}
    worth |= {(t, ""): played - undone(game, t, "") for t in np.flatnonzero(plan.us)}
    points = whatif.turning_points(game)
    assert len(points) == whatif.TURNING_POINTS
    for p in points:
        assert p.worth == pytest.approx(worth[(p.turn, p.ally)], abs=2e-3), p
    largest = sorted(worth.values(), key=abs, reverse=True)[:len(points)]
    assert [abs(p.worth) for p in points] == pytest.approx([abs(w) for w in largest], abs=2e-3)
    assert {np.sign(p.worth) for p in points} == {1.0, -1.0}


# --- the class report -------------------------------------------------------------------------------------------
CLASS_SEED = 9


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """Six teams on the tutorial's seed 9: two leave different allies, one presses all, one holds, one reassures
    and shames, one plays the adviser's orders."""
    folder = tmp_path_factory.mktemp("class")
    c = find_campaign("tutorial")
    teams = {"left_estonia": {"estonia": "withdraw"}, "left_spain": {"spain": "withdraw", "poland": "pressure"},
             "pressed": {a.id: "pressure" for a in c.allies}, "held": {},
             "reassured": {"estonia": "reassure", "poland": "reassure", "germany": "criticize"}}
    for name, orders in teams.items():
        write_save_file(scripted(c, CLASS_SEED, lambda t, o=orders: o), folder / f"{name}.json")
    write_save_file(policy_session(c, built_in("adaptive"), CLASS_SEED), folder / "adviser.json")
    return class_report.build([str(folder)])


def baseline(name: str) -> float:
    return float(simulate(find_campaign("tutorial"), built_in(name), runs=1, seed=CLASS_SEED).outcome.score[0])


def question(report, start: str) -> str:
    return next(q for q in report.questions if re.search(start, q))


def test_the_teams_are_ranked_by_their_games_scores(report):
    scores = [float(t.session.outcome().score[0]) for t in report.teams]
    assert scores == sorted(scores, reverse=True) and len(set(np.round(scores, 6))) == len(scores)
    assert [t.score for t in report.teams] == pytest.approx(scores)


def test_the_beat_hold_and_beat_adviser_counts_compare_each_team_with_that_baseline(report):
    hold, adviser = baseline("hold"), baseline("adaptive")
    said = re.search(r"(\d+) of (\d+) teams beat holding every ally every turn \((\d+)\), and (\d+) beat the "
                     r"built-in adviser \((\d+)\)", question(report, "teams beat holding")).groups()
    scores = [t.score for t in report.teams]
    expected = (sum(s > hold for s in scores), len(scores), round(hold), sum(s > adviser for s in scores),
                round(adviser))
    assert tuple(int(x) for x in said) == expected
    assert expected[0] != expected[3], "hold and the adviser must split the class differently for this test"


def test_the_pillar_question_names_the_pillar_the_teams_differed_most_on(report):
    spread = {p: [t.pillar(p) for t in report.teams] for p in PILLARS}
    widest = max(PILLARS, key=lambda p: max(spread[p]) - min(spread[p]))
    hi = max(report.teams, key=lambda t: t.pillar(widest))
    lo = min(report.teams, key=lambda t: t.pillar(widest))
    assert question(report, "differed most on").startswith(
        f"The teams differed most on {widest}: {hi.name} reached {hi.pillar(widest):.0f}, {lo.name} "
        f"{lo.pillar(widest):.0f}.")
    assert sorted(max(v) - min(v) for v in spread.values())[-2] < max(spread[widest]) - min(spread[widest])


def test_the_withdrawal_question_picks_the_ally_whose_hedging_gap_was_largest(report):
    c = report.campaign
    gaps = {}
    for i, ally in enumerate(c.allies):
        out = [t for t in report.teams if any(int(r.orders[0, i]) == ORDERS.index("withdraw")
                                              for r in t.session.reports)]
        stayed = [t for t in report.teams if t not in out]
        if out and stayed:
            hedging = lambda ts: np.mean([float(t.session.state.hedging[0, i]) for t in ts])  # noqa: E731
            gaps[ally.name] = hedging(out) - hedging(stayed)
    assert len(gaps) >= 2 and len(set(np.round(list(gaps.values()), 6))) == len(gaps)
    said = question(report, "withdrew from")
    picked = re.search(r"withdrew from (.+?) \(first in", said).group(1)
    assert picked == max(gaps, key=gaps.get), (gaps, said)


def test_the_disagreement_question_picks_the_ally_the_teams_answered_most_differently(report):
    c = report.campaign
    answers = {}
    for i, ally in enumerate(c.allies):
        usual = []
        for t in report.teams:
            orders = [ORDERS[int(r.orders[0, i])] for r in t.session.reports]
            usual.append(max(set(orders), key=lambda o: (orders.count(o), -orders.index(o))))
        answers[ally.name] = len(set(usual))
    picked = re.search(r"disagreed most over (.+?):", question(report, "disagreed most over")).group(1)
    assert answers[picked] == max(answers.values()) > min(answers.values()), (picked, answers)
