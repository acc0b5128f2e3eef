"""What the turn report shows, read back from the ink's record (tests/reading.py) and compared with the session's
numbers: the U.S. spending line against the budget, the at-a-glance table of every ally's changes (arrow, number,
colour), and the "Washington and the adversaries" block (which way each figure moved, from what to what, and the
named factors behind it, each the report's own, largest first)."""
from __future__ import annotations

import re

import pygame
import pytest
from reading import GOOD_WHEN_RISING, arrow_for, expected_role, record, role, same_line, shown_change, window

from game.catalog import find_campaign
from game.sim.report import SYSTEM_FACTORS
from game.sim.session import EndTurn, Session, SetOrder, SetUSAction

GLANCE = ("spending", "trust", "alignment", "hedging")
HEADS = {"Spending": "spending", "Spend": "spending", "Trust": "trust", "Alignment": "alignment",
         "Align": "alignment", "Hedging": "hedging", "Hedge": "hedging"}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """Global 2024: six allies left by the U.S. in the first turn (under budget, credibility and Russia's appetite
    move), then every ally reassured and Congress invoked (over budget, domestic pressure moves)."""
    session = Session(find_campaign("global_2024"), seed=3)
    for ally in session.campaign.allies[:6]:
        session.execute(SetOrder(ally.id, "withdraw"))
    session.execute(EndTurn())
    for ally in session.campaign.allies:
        session.execute(SetOrder(ally.id, "reassure"))
    session.execute(SetUSAction("congress"))
    session.execute(EndTurn())
    with window(tmp_path_factory) as app:
        app.session = session
        app.reset_to_title(resume=False)
        yield app


def show(app, index: int):
    app.reset_to_title(resume=False)
    app.show("report", index)
    return record(app)


@pytest.mark.parametrize("index, over", [(0, False), (1, True)])
def test_the_report_says_how_far_under_or_over_the_budget_the_turn_ran(report, index, over):
    session = report.session
    cost, budget = float(session.reports[index].us_cost[0]), float(session.history[index].budget[0])
    assert (cost > budget) == over, "the game no longer runs over budget in the turn the test expects"
    line = next(d for d in show(report, index) if d.wanted.startswith("U.S. spending:"))
    gap = f"(${cost - budget:,.1f} bn over)" if over else f"(${budget - cost:,.1f} bn to spare)"
    assert line.wanted == f"U.S. spending: ${cost:,.1f} bn a year, of a ${budget:,.1f} bn budget  {gap}"
    assert role(report, line) == ("bad" if over else "dim")


def test_the_glance_gives_each_allys_changes_with_their_arrows_and_colours(report):
    session = report.session
    drawn = show(report, 0)
    names = [d for d in drawn if d.wanted in {a.name for a in session.campaign.allies} and d.kind == "line"]
    heads = {d.rect.x: HEADS[d.wanted] for d in drawn if d.wanted in HEADS}
    before, after = session.history[0], session.history[1]
    checked = set()
    for i, ally in enumerate(session.campaign.allies):
        name = next(d for d in names if d.wanted == ally.name)
        # the cells of its own row: on its line, right of its name and left of the next group's names
        stop = min((d.rect.x for d in names if d.rect.x > name.rect.x and abs(d.rect.y - name.rect.y) <= 4),
                   default=10 ** 6)
        cells = {heads[d.rect.x]: d for d in same_line(drawn, name) if d.rect.x in heads and name.rect.x < d.rect.x
                 < stop}
        assert set(cells) == set(GLANCE), ally.name
        for var, cell in cells.items():
            delta = shown_change(float(getattr(before, var)[0, i]), float(getattr(after, var)[0, i]))
            if delta == 0:
                assert cell.wanted == "·", (ally.name, var, cell.wanted)
            else:
                found = re.match(r"^(?:(▲|▼) )?([+-]\d+\.\d\d)$", cell.wanted)
                assert found and float(found.group(2)) == delta, (ally.name, var, cell.wanted)
                assert found.group(1) in (None, arrow_for(delta)), (ally.name, var, cell.wanted)
            assert role(report, cell) == expected_role(delta, GOOD_WHEN_RISING[var]), (ally.name, var)
            checked.add((var, arrow_for(delta)))
    assert {("hedging", "▲"), ("spending", "▲"), ("trust", "▼")} <= checked


def segment(text: str, lead: str) -> str:
    """The part of a sentence after `lead` ("pushed up by") and before the next such lead."""
    if lead not in text:
        return ""
    rest = text.split(lead, 1)[1]
    return rest.split(" held back by ")[0]


@pytest.mark.parametrize("index", [0, 1])
def test_an_allys_sentence_is_pushed_up_by_its_largest_rising_factors_and_held_back_by_its_falling_ones(report,
                                                                                                        index):
    report.reset_to_title(resume=False)
    scene = report.show("report", index)
    named = 0
    for sentences, changes in zip(scene.sentences, scene.changes):
        for var, text in sentences.items():
            factors = changes[var].moved       # the factors that moved it by a shown amount this turn
            if shown_change(changes[var].before, changes[var].after) == 0:
                continue
            up, down = segment(text, "pushed up by "), segment(text, "held back by ")
            for f in factors:
                said = f"{f.name} ({f.value:+.2f}"
                assert (said in up) == (f in [g for g in factors if g.value > 0][:2]), (text, f)
                assert (said in down) == (f in [g for g in factors if g.value < 0][:2]), (text, f)
                named += said in text
    assert named > 20


# --- Washington and the adversaries -----------------------------------------------------------------------------
MOVED = re.compile(r"^(.+?) (?:(rose|fell) by (\d+\.\d\d), from (\d+\.\d\d) to|held at) (\d+\.\d\d)"
                   r"(?:(?:, its parts cancelling out)?: (.*))?\.$")


def system_block(app, index: int) -> dict[str, re.Match]:
    """The block's sentences on each figure, drawn whole on a tall surface, by the figure each names (the line
    on what invoking Congress did, which names no figure, left aside)."""
    from game.ui.report.system import draw_system
    app.reset_to_title(resume=False)
    scene = app.show("report", index)
    surface = pygame.Surface((2400, 900))
    drawn = record(app, lambda s: draw_system(scene, surface, pygame.Rect(0, 0, 2400, 900)))
    lines = [MOVED.match(d.wanted) for d in drawn[1:] if not d.wanted.startswith("You invoked Congress")]
    assert all(lines), [d.wanted for d in drawn]
    return {m.group(1): m for m in lines}


def figures(session, index: int):
    """(title, value before, value after, factor table, the report's factors) of each system-wide figure."""
    r, before, after = session.reports[index], session.history[index], session.history[index + 1]
    rows = [("U.S. credibility", before.credibility[0], after.credibility[0], "credibility", r.credibility[0]),
            ("Domestic pressure", before.domestic_pressure[0], after.domestic_pressure[0], "domestic",
             r.domestic[0])]
    return rows + [(f"{a.name}'s appetite for probing", before.revisionism[0, k], after.revisionism[0, k], "appetite",
                    r.appetite[0, k]) for k, a in enumerate(session.campaign.adversaries)]


@pytest.mark.parametrize("index", [0, 1])
def test_the_system_block_says_which_way_each_figure_moved_from_what_to_what(report, index):
    said = system_block(report, index)
    moved = 0
    for title, before, after, _, _ in figures(report.session, index):
        delta = shown_change(float(before), float(after))
        if delta == 0:     # a figure that held on screen is reported only where its parts cancelled out
            assert title not in said or (said[title].group(2) is None and said[title].group(6)), title
            continue
        m = said[title]
        assert m.group(2) == ("rose" if delta > 0 else "fell"), m.group(0)
        assert (m.group(3), m.group(4), m.group(5)) == (f"{abs(delta):.2f}", f"{before:.2f}", f"{after:.2f}")
        moved += 1
    assert moved >= 3


@pytest.mark.parametrize("index", [0, 1])
def test_the_system_blocks_parts_are_that_figures_own_factors_largest_first(report, index):
    said = system_block(report, index)
    for title, before, after, var, values in figures(report.session, index):
        if title not in said:
            continue
        parts = [p.rsplit(" ", 1) for p in said[title].group(6).split("; ")]
        own = dict(zip(SYSTEM_FACTORS[var], (float(v) for v in values)))
        for name, value in parts:
            assert name in own and abs(float(value) - own[name]) <= 0.01 + 1e-9, (title, name, value, own)
        sizes = [abs(float(v)) for _, v in parts]
        assert sizes == sorted(sizes, reverse=True), said[title].group(0)
        assert round(sum(float(v) for _, v in parts), 2) == shown_change(float(before), float(after))
