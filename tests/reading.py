"""Reading what a screen drew: the ink's record of every text a frame drew (game.ui.ink.Drawn: the words asked
for, where, in which colour), so that a test compares a screen's values with the session's numbers by value (sign,
arrow, colour, rounding, the ally each value belongs to) without looking at pixels or layouts."""
from __future__ import annotations

import contextlib
import re

import pygame
import pytest

from game.ui.ink import Drawn, Ink

# A change as the meters and tables print it: "▲ +0.03", "▼ -0.10"; "· 0.00" where the shown values are equal.
TREND = re.compile(r"^(?:(▲|▼) ([+-]\d+\.\d\d)|· 0\.00)$")
# The colours a value can be drawn in that say something (good and bad first: "accent" shares "good"'s colour).
ROLES = ("good", "bad", "dim", "faint", "text", "select")
# Which way is good for each meter of an ally (threat is neither: it is the world, not the player's doing).
GOOD_WHEN_RISING = {"spending": True, "threat": None, "trust": True, "alignment": True, "hedging": False}


@contextlib.contextmanager
def window(tmp_path_factory, size=(1280, 720)):
    """A headless game window with saves and settings in a folder of its own, no background plan search."""
    from game.ui.app import App
    from game.ui.report import whatif_job
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FAIRSHARE_HOME", str(tmp_path_factory.mktemp("home")))
        mp.setattr(whatif_job, "PREFETCH", False)
        pygame.init()
        try:
            yield App(size=size)
        finally:
            pygame.quit()


def record(app, draw=None) -> list[Drawn]:
    """Every text `draw(app.screen)` draws (by default the top scene's whole frame), with the App's inks and any of
    the scene's own."""
    inks = list({id(i): i for i in (app.ink, app.dense, *(v for v in vars(app.scene).values()
                                                            if isinstance(v, Ink)))}.values())
    for ink in inks:
        ink.drawn = []
    try:
        (draw or app.scene.draw)(app.screen)
        return [d for ink in inks for d in ink.drawn]
    finally:
        for ink in inks:
            ink.drawn = None


def role(app, drawn: Drawn) -> str:
    """The palette's name for the colour a text was drawn in ("good", "bad", "dim", ...), or "other"."""
    return next((name for name in ROLES if tuple(app.ink.pal[name]) == drawn.color), "other")


def inside(drawn: list[Drawn], rect: pygame.Rect) -> list[Drawn]:
    return [d for d in drawn if rect.colliderect(d.rect)]


def same_line(drawn: list[Drawn], anchor: Drawn) -> list[Drawn]:
    """The other texts drawn on the line of `anchor` (their vertical centres within a few pixels of its own)."""
    return [d for d in drawn if d is not anchor and d.kind == "line" and abs(d.rect.centery - anchor.rect.centery) <= 4]


def trend(text: str) -> tuple[str, float]:
    """A trend text as (its arrow, "" for none; its number)."""
    found = TREND.match(text)
    assert found, f"not a trend: {text!r}"
    arrow, number = found.groups()
    return arrow or "", float(number or 0.0)


def arrow_for(delta: float) -> str:
    return "" if delta == 0 else "▲" if delta > 0 else "▼"


def expected_role(delta: float, good_up: bool | None) -> str:
    """The colour a change should be drawn in: faint when it is none, dim where neither way is good."""
    if delta == 0:
        return "faint"
    if good_up is None:
        return "dim"
    return "good" if (delta > 0) == good_up else "bad"


def shown_change(before: float, after: float) -> float:
    """The change a reader works out from the two values as printed at two decimals (computed here, not by the
    game's own wording rules, so that a fault there shows)."""
    return round(float(f"{after:.2f}") - float(f"{before:.2f}"), 2)
