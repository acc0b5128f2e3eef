"""What the end screen and what if? show, read back from the ink's record (tests/reading.py) and compared with the
finished session and with hold and the adviser replayed on the same seed: the verdict and each pillar's
comparison, the notes' counts and sentences, the best and most strained ally as the screen says it judges them, the
table's colours; the what-if's table, turning points and one ally's charts."""
from __future__ import annotations

import re

import pytest
from builders import first_game, left_latvia
from reading import inside, record, role, window

from game.sim.policies import built_in
from game.sim.run import simulate

PILLARS = ("deterrence", "burden", "influence", "cohesion")


def shows_everything(game) -> bool:
    """What these tests need to see: an attack and a probe turned back, an ally whose spending fell, a best and a
    most strained ally that the hedging term decides, turning points both ways."""
    from game.analysis.whatif import turning_points
    repelled = sum(int((r.probe[0] & ~r.aggression[0]).sum()) for r in game.reports)
    ranked, flipped = judged(game), judged(game, -2.0)
    worth = [round(p.worth, 1) for p in turning_points(game)]
    return (game.state.aggressions[0] > 0 and repelled > 0 and (game.state.spending < game.start.spending).any()
            and ranked[0] != flipped[0] and ranked[-1] != flipped[-1] and max(worth) > 0 > min(worth))


@pytest.fixture(scope="module")
def game():
    """Europe 2024 with the U.S. leaving Latvia (builders.left_latvia): Latvia's hedging rises, Spain is shamed."""
    return first_game(left_latvia, shows_everything)


@pytest.fixture(scope="module")
def others(game):
    """Hold and the adviser on the same seed, played apart from the screens' own replays."""
    return {name: simulate(game.campaign, built_in(name), runs=1, seed=game.seed) for name in ("hold", "adaptive")}


@pytest.fixture(scope="module")
def app(tmp_path_factory, game):
    from game.ui.report import whatif_job
    with window(tmp_path_factory) as app:
        app.session = game
        whatif_job.start(game).result(timeout=120)
        yield app


def end_screen(app):
    app.reset_to_title(resume=False)
    app.show("end")
    return record(app)


# --- the end screen ---------------------------------------------------------------------------------------------
def test_the_verdict_quotes_the_score_and_hold_and_the_adviser_on_the_same_dice(app, game, others):
    drawn = end_screen(app)
    score = float(game.outcome().score[0])
    hold, adviser = (float(others[n].outcome.score[0]) for n in ("hold", "adaptive"))
    sentence = app.scene.data["verdict"].sentence        # what the screen draws, over as many lines as it takes
    assert sentence == (f"You scored {score:.0f}. On the same dice, holding every ally every turn scores {hold:.0f} "
                        f"and the built-in adviser {adviser:.0f}.")
    assert any(d.wanted.startswith("You scored") and sentence.startswith(d.wanted) for d in drawn)


def test_each_pillar_card_quotes_hold_and_the_adviser_for_that_pillar(app, game, others):
    drawn = end_screen(app)
    titles = [k for k, d in enumerate(drawn) if d.wanted in {p.upper() for p in PILLARS}]
    assert len(titles) == 4
    for k in titles:
        pillar = drawn[k].wanted.lower()
        value = next(d.wanted for d in drawn[k:] if re.fullmatch(r"\d+", d.wanted))
        line = next(d.wanted for d in drawn[k:] if d.wanted.startswith("hold "))
        hold, adviser = (float(getattr(others[n].outcome, pillar)[0]) for n in ("hold", "adaptive"))
        assert line == f"hold {hold:.0f} · adviser {adviser:.0f}", pillar
        assert value == f"{float(getattr(game.outcome(), pillar)[0]):.0f}", pillar


def judged(game, hedging_weight: float = 2.0) -> list[str]:
    """The allies' names ranked as the screen says it judges them (the JUDGED line), best first."""
    s, start = game.state, game.start
    values = []
    for i, ally in enumerate(game.campaign.allies):
        d = {v: float(getattr(s, v)[0, i] - getattr(start, v)[0, i]) for v in ("trust", "alignment", "hedging")}
        broke = bool(s.nuclear[0, i] or s.realigned[0, i])
        values.append((d["trust"] + d["alignment"] - hedging_weight * d["hedging"] - broke, ally.name))
    return [name for _, name in sorted(values, reverse=True)]


def test_the_best_and_most_strained_ally_are_the_first_and_last_by_the_judgement_the_screen_states(game):
    """Read from the end screen's account (what its notes draw; whether they find room is the layout's business)."""
    from game.ui.report.debrief import account
    from game.ui.report.endnotes import JUDGED
    assert "the rise in trust and alignment, less twice the rise in hedging" in JUDGED and "spending" not in JUDGED
    said, ranked = account(game), judged(game)
    names = [a.name for a in game.campaign.allies]
    for key, name in (("best", ranked[0]), ("worst", ranked[-1])):
        shown, figures = said[key][1], said[key][2]
        assert shown == name, key
        i = names.index(name)
        assert figures.startswith(f"spending {float(game.start.spending[0, i]):.2f} → "
                                  f"{float(game.state.spending[0, i]):.2f} % GDP, trust "
                                  f"{float(game.start.trust[0, i]):.2f} → {float(game.state.trust[0, i]):.2f}")
    # the hedging term decides this game (shows_everything): weighed the other way, another would be best and worst


def test_the_deterrence_note_counts_the_attacks_that_succeeded_and_the_probes_turned_back_apart(app, game):
    from game.ui.report.debrief import account
    hits = sum(int(r.aggression[0].sum()) for r in game.reports)
    repelled = sum(int((r.probe[0] & ~r.aggression[0]).sum()) for r in game.reports)
    assert hits and repelled, "the game needs an attack and a probe turned back"
    said = account(game)
    note = said["notes"]["deterrence"]
    assert f"; {hits} succeeded ({repelled} probe{'s' if repelled != 1 else ''} turned back)." in note
    assert f"{float(game.state.risk_total[0]):.2f} expected successful attacks" in note
    turned = [e for e in said["events"] if "(turned back)" in e]
    assert len(turned) == repelled and all(" probes " in e for e in turned)
    assert sum(" strikes " in e for e in said["events"]) == hits


def test_the_cohesion_note_says_which_way_average_trust_and_hedging_moved_and_by_how_much(app, game):
    from game.ui.report.debrief import account
    note = account(game)["notes"]["cohesion"]
    for var in ("trust", "hedging"):
        delta = float(getattr(game.state, var)[0].mean() - getattr(game.start, var)[0].mean())
        assert round(abs(delta), 2) > 0
        assert f"{var} {'rose' if delta > 0 else 'fell'} by {abs(delta):.2f}" in note.lower(), (var, note)


@pytest.mark.parametrize("delta, said", [(0.004, "held steady"), (-0.0049, "held steady"), (0.0, "held steady"),
                                         (0.006, "rose by 0.01"), (-0.013, "fell by 0.01"), (0.25, "rose by 0.25")])
def test_a_change_that_rounds_to_nothing_is_said_to_hold_steady_never_rose_by_zero(delta, said):
    from game.ui.report.debrief import moved
    assert moved(delta) == said


def test_the_allies_table_colours_a_rise_in_spending_good_and_a_fall_bad(app, game):
    drawn = end_screen(app)
    seen = set()
    for i, ally in enumerate(game.campaign.allies):
        s0, s1 = float(game.start.spending[0, i]), float(game.state.spending[0, i])
        cell = next(d for d in drawn if d.wanted == f"{s0:.2f} → {s1:.2f}")
        assert role(app, cell) == ("good" if s1 >= s0 else "bad"), ally.name
        seen.add(s1 >= s0)
    assert seen == {True, False}


# --- what if? ---------------------------------------------------------------------------------------------------
def what_if_screen(app, ally: int = 0):
    app.reset_to_title(resume=False)
    scene = app.show("whatif")
    scene.job.result(timeout=120)
    scene.ally = ally
    return scene, record(app)


def test_the_what_if_table_puts_each_strategys_pillars_in_its_own_column(app, game, others):
    _, drawn = what_if_screen(app)
    heads = {d.rect.right: d.wanted for d in drawn if d.wanted in ("You", "Hold", "Adviser")}
    rows = {d.wanted.lower(): d for d in drawn if d.wanted.lower() in (*PILLARS, "score") and d.kind == "line"}
    expected = {"You": game.outcome(), "Hold": others["hold"].outcome, "Adviser": others["adaptive"].outcome}
    for name, row in rows.items():
        cells = {heads[d.rect.right]: d.wanted for d in drawn if d.rect.right in heads and
                 abs(d.rect.y - row.rect.y) <= 2 and d is not row}
        for who, o in expected.items():
            assert cells[who] == f"{float(getattr(o, name)[0]):.0f}", (name, who)


TURNING = re.compile(r"^(.+?): (.+) (gained|cost) (\d+\.\d) points$")


def test_each_turning_point_says_gained_for_a_gain_and_cost_for_a_loss(app):
    scene, drawn = what_if_screen(app)
    points = {(p.label, p.what): p.worth for p in scene.result.turning_points}
    lines = [(TURNING.match(d.wanted), d) for d in drawn if TURNING.match(d.wanted)]
    assert {m.group(3) for m, _ in lines} == {"gained", "cost"}, "the game needs a gain and a loss"
    for m, d in lines:
        worth = points[(m.group(1), m.group(2))]
        assert m.group(3) == ("gained" if worth > 0 else "cost") and m.group(4) == f"{abs(worth):.1f}", d.wanted
        assert role(app, d) == ("good" if worth > 0 else "bad"), d.wanted


def chart_label(drawn, name: str) -> str:
    """The value a chart names at the end of its line called `name` ("Hold 3.4" -> "3.4")."""
    found = [d.wanted[len(name) + 1:] for d in drawn if re.fullmatch(re.escape(name) + r" -?\d+(\.\d+)?", d.wanted)]
    assert len(found) == 1, (name, found)
    return found[0]


def charts(app, ally: int):
    """What the what-if's right-hand panel (one ally's charts, U.S. cost) draws with `ally` chosen."""
    scene, drawn = what_if_screen(app, ally)
    return inside(drawn, scene.right)


def test_an_allys_spending_chart_draws_that_allys_spending_and_its_hold_line(app, game, others):
    hold = others["hold"].final
    differ = 0
    for i, ally in enumerate(game.campaign.allies):
        drawn = charts(app, i)
        assert any(d.wanted == f"{ally.name.upper()}: SPENDING, % OF GDP" for d in drawn)
        assert chart_label(drawn, "You") == f"{float(game.state.spending[0, i]):.1f}", ally.name
        assert chart_label(drawn, "Hold") == f"{float(hold.spending[0, i]):.1f}", ally.name
        differ += f"{float(hold.spending[0, i]):.1f}" != f"{float(hold.spending[0, 0]):.1f}"
    assert differ >= 5


def test_an_allys_meter_chart_ends_at_that_allys_trust_alignment_hedging_and_presence(app, game):
    for i in (0, 2, 9):
        drawn = charts(app, i)
        for var, name in (("trust", "Trust"), ("alignment", "Alignment"), ("hedging", "Hedging"),
                          ("presence", "U.S. presence")):
            assert chart_label(drawn, name) == f"{float(getattr(game.state, var)[0, i]):.2f}", (i, var)


def test_the_cost_chart_ends_at_the_last_turns_cost_and_budget(app, game):
    drawn = charts(app, 0)
    assert chart_label(drawn, "Cost") == f"{float(game.reports[-1].us_cost[0]):.0f}"
    assert chart_label(drawn, "Budget") == f"{float(game.history[-2].budget[0]):.0f}"
