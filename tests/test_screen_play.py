"""What the play screen shows, read back from the ink's record of the frame (tests/reading.py) and compared with the
session's own numbers: each meter of the selected ally with its arrow, number and colour; the top bar's domestic
pressure and credibility with their trends, the budget and its note, the pillars and the score; the deterrence
figure's word and colour. One frame per ally at one size: these read values, the layout checks live elsewhere."""
from __future__ import annotations

import dataclasses
import re

import pygame
import pytest
from builders import scripted
from reading import (GOOD_WHEN_RISING, TREND, arrow_for, expected_role, inside, record, role, same_line,
                     shown_change, trend, window)

from game.catalog import find_campaign
from game.sim.session import SetOrder

# Europe 2024 after three turns of mixed orders and a call on Congress each turn: domestic pressure and credibility
# move, allies' meters move both ways, and one ally's hedging rises.
ORDERS = {"germany": "pressure", "poland": "reassure", "spain": "withdraw", "france": "criticize"}
VALUE = re.compile(r"^\d+\.\d\d( % GDP)?$")


@pytest.fixture(scope="module")
def play(tmp_path_factory):
    session = scripted(find_campaign("europe_2024"), 4, lambda t: ORDERS, congress=range(3), turns=3)
    with window(tmp_path_factory) as app:
        app.session = session
        app.reset_to_title(resume=False)
        app.show("play")
        yield app


@pytest.fixture(scope="module")
def panels(play):
    """Per ally (by index): the panel's first line (its name), and per meter (value text, trend text, the trend's
    colour), as drawn with that ally selected."""
    from game.ui.play.panels import METERS
    scene = play.scene
    out = {}
    for i in range(len(play.session.campaign.allies)):
        scene.select(i)
        panel = [d for d in inside(record(play), scene.L.right) if d.rect.bottom <= scene.orders_top]
        rows = {}
        for var, name, short, _ in METERS:
            label = next(d for d in panel if d.wanted in (name, short))
            line = same_line(panel, label)
            value = next(d.wanted for d in line if VALUE.match(d.wanted))
            shown = next(d for d in line if TREND.match(d.wanted))
            rows[var] = (value, shown.wanted, role(play, shown))
        out[i] = (panel[0].wanted, rows)
    scene.select(0)
    return out


@pytest.fixture(scope="module")
def meters(panels):
    return {i: rows for i, (_, rows) in panels.items()}


def changes(session, var: str, i: int) -> tuple[float, float]:
    """(the value now, last turn's change as the two printed values differ)."""
    before, now = float(getattr(session.history[-2], var)[0, i]), float(getattr(session.state, var)[0, i])
    return now, shown_change(before, now)


def test_each_meter_shows_the_selected_allys_own_current_value(play, panels):
    for i, (name, rows) in panels.items():
        assert name.startswith(play.session.campaign.allies[i].name)
        for var, (value, _, _) in rows.items():
            now, _ = changes(play.session, var, i)
            assert value == f"{now:.2f}" + (" % GDP" if var == "spending" else ""), (i, var)


def test_a_meters_arrow_and_number_are_last_turns_change_as_its_values_differ(play, meters):
    moved = 0
    for i, rows in meters.items():
        for var, (_, text, _) in rows.items():
            _, delta = changes(play.session, var, i)
            if delta == 0:
                continue
            arrow, number = trend(text)
            assert (arrow, number) == (arrow_for(delta), delta), (i, var, text)
            moved += 1
    assert moved > 20


def test_a_meter_that_held_shows_a_flat_mark_and_no_arrow(play, meters):
    held = [(i, var, text) for i, rows in meters.items() for var, (_, text, _) in rows.items()
            if changes(play.session, var, i)[1] == 0]
    assert held, "no meter held steady in this game: the test needs another one"
    assert all(text == "· 0.00" for _, _, text in held), held


def test_a_meters_change_is_coloured_good_or_bad_by_which_way_is_good_for_that_meter(play, meters):
    seen = set()
    for i, rows in meters.items():
        for var, (_, text, colour) in rows.items():
            _, delta = changes(play.session, var, i)
            assert colour == expected_role(delta, GOOD_WHEN_RISING[var]), (i, var, text, colour)
            seen.add((var, arrow_for(delta)))
    # both colours met: a rise in hedging (bad) and in trust (good), a fall in spending or alignment (bad)
    assert {("hedging", "▲"), ("trust", "▲")} <= seen and seen & {("spending", "▼"), ("alignment", "▼")}


# --- the top bar ------------------------------------------------------------------------------------------------
def column(play, drawn, labels: tuple[str, ...]):
    """(value text, note or None) of a top-bar meter: the value is drawn under its label, the note beside the value,
    both short of the next meter's label."""
    top = inside(drawn, play.scene.L.top)
    label = next(d for d in top if d.wanted in labels)
    right = min((d.rect.x for d in same_line(top, label) if d.rect.x > label.rect.x), default=play.scene.L.top.right)
    value = next(d for d in top if d.rect.x == label.rect.x and d.rect.y > label.rect.y)
    notes = [d for d in same_line(top, value) if value.rect.right < d.rect.x < right]
    return value.wanted, (notes[0] if notes else None)


def test_the_top_bar_trends_of_domestic_pressure_and_credibility_are_last_turns_change(play):
    drawn = record(play)
    session = play.session
    for labels, var in ((("DOMESTIC PRESSURE", "DOMESTIC", "DOM."), "domestic_pressure"),
                        (("CREDIBILITY", "CREDIB."), "credibility")):
        value, note = column(play, drawn, labels)
        before, now = float(getattr(session.history[-2], var)[0]), float(getattr(session.state, var)[0])
        assert value == f"{now:.2f}", var
        delta = shown_change(before, now)
        assert delta != 0, f"{var} held in this game: the test needs one where it moved"
        assert note is not None and trend(note.wanted) == (arrow_for(delta), delta), (var, note)


def test_rising_domestic_pressure_is_shown_as_bad_and_rising_credibility_as_good(play):
    drawn = record(play)
    session = play.session
    for labels, var, good_up in ((("DOMESTIC PRESSURE", "DOMESTIC", "DOM."), "domestic_pressure", False),
                                 (("CREDIBILITY", "CREDIB."), "credibility", True)):
        _, note = column(play, drawn, labels)
        delta = shown_change(float(getattr(session.history[-2], var)[0]), float(getattr(session.state, var)[0]))
        assert role(play, note) == expected_role(delta, good_up), (var, note)


def test_the_budget_note_says_what_is_left_and_by_how_much_the_pending_orders_overrun(play):
    session = play.session
    budget = float(session.state.budget[0])
    labels = ("U.S. COST, $ BN A YEAR", "U.S. COST A YEAR", "U.S. COST")
    value, note = column(play, record(play), labels)
    projected = session.projected_cost()
    assert projected < budget, "the test needs a turn within budget first"
    assert value == f"${projected:,.1f} bn of ${budget:,.1f} bn"
    assert (note.wanted, role(play, note)) == (f"${budget - projected:,.1f} bn left", "good")
    try:
        for ally in session.campaign.allies:        # reassurance everywhere costs more than the budget leaves
            session.execute(SetOrder(ally.id, "reassure"))
        projected = session.projected_cost()
        assert projected > budget
        value, note = column(play, record(play), labels)
        assert value == f"${projected:,.1f} bn of ${budget:,.1f} bn"
        assert (note.wanted, role(play, note)) == (f"${projected - budget:,.1f} bn over", "bad")
    finally:
        for ally in session.campaign.allies:
            session.execute(SetOrder(ally.id, "hold"))


def test_the_top_bar_shows_each_pillar_and_the_score_as_the_outcome_rounds_them(play):
    drawn = record(play)
    o = play.session.outcome()
    for pillar in ("deterrence", "burden", "influence", "cohesion"):
        value, _ = column(play, drawn, (pillar.upper(), pillar.upper()[:5] + "."))
        assert value == f"{float(getattr(o, pillar)[0]):.0f}", pillar
    score = next(d for d in inside(drawn, play.scene.L.top) if d.wanted == "SCORE")
    under = [d for d in inside(drawn, play.scene.L.top) if d.rect.y > score.rect.y and d.rect.right == score.rect.right]
    assert [d.wanted for d in under] == [f"{float(o.score[0]):.0f}"]


def test_just_below_fair_share_is_said_only_where_the_two_figures_shown_are_equal(play):
    """The adviser's reason for pressing: "just below" where spending and fair share print alike, else "below",
    each figure as the meters round it."""
    from game.ui.wording import adviser_pick
    state = play.session.state
    said = 0
    for i in range(len(play.session.campaign.allies)):
        _, forms = adviser_pick(state, i)
        found = re.match(r"spends (\d+\.\d\d) % of GDP, (just below|below) its fair share .*: (\d+\.\d\d) %$", forms[0])
        if not found:
            continue
        spend, fair = float(state.spending[0, i]), float(state.world.params.fair_share(state.threat[0, i]))
        assert (found.group(1), found.group(3)) == (f"{spend:.2f}", f"{fair:.2f}")
        assert (found.group(2) == "just below") == (found.group(1) == found.group(3)), forms[0]
        said += 1
    assert said, "no ally is below its fair share in this game: the test needs another"


# --- the deterrence figure --------------------------------------------------------------------------------------
STRENGTH = ("very thin", "thin", "solid", "strong")
DETERRENCE = re.compile(r"^Deterrence (\d+\.\d)× \((very thin|thin|solid|strong)\)$")


def test_the_deterrence_word_grows_with_the_ratio_and_only_very_thin_is_shown_as_bad(play):
    """Over a sweep of ratios: the number is the ratio, the word never weakens as it grows, all four words are used,
    and the figure is drawn in the warning colour exactly where its word is "very thin"."""
    from game.ui.play.panels import draw_ally_detail
    from game.ui.play.view import ally_views
    view = ally_views(play.session)[0]
    surface = pygame.Surface((760, 900))
    read = []
    for ratio in [0.3 + 0.05 * k for k in range(55)]:
        drawn = record(play, lambda s: draw_ally_detail(play.ink, surface, pygame.Rect(0, 0, 700, 880),
                                                        dataclasses.replace(view, deterrence=ratio),
                                                        play.scene.yardstick))
        line = next(d for d in drawn if d.wanted.startswith("Deterrence"))
        number, word = DETERRENCE.match(line.wanted).groups()
        assert number == f"{ratio:.1f}"
        read.append((STRENGTH.index(word), role(play, line) == "bad"))
    assert [s for s, _ in read] == sorted(s for s, _ in read)
    assert {s for s, _ in read} == set(range(4))
    assert all(bad == (s == 0) for s, bad in read), read
