"""A layout check for every scene at every window size and text size: `python -m game.ui.fitcheck [CAMPAIGN]`.

It draws each scene headless with the ink recording what it drew (`Ink.drawn`) and reports the faults: an
essential value (a number, an ally's name, an order) drawn cut short or with an ellipsis, or a paragraph that
stopped at its box; two pieces of text that overlap; and on the play screen, a value missing from an ally's row,
an ally on the shown map with neither a label nor a reason for leaving it out, a map label that does not read as
its own country's (it sits on another, or nearer another labelled country than its own), and the adviser's pick
unmarked. The tests run it over the nine combinations of the issue (1024x768, 1280x720, 1920x1080 times 100, 130
and 150 %); a person runs it to see what to fix.
"""
from __future__ import annotations

import itertools
import os
import sys
import tempfile
from dataclasses import dataclass

import pygame

from game.authoring.live import Broken
from game.campaign.errors import Problem
from game.campaign.model import ORDERS
from game.i18n import _, num, take_option
from game.settings import OVERLAYS, Settings
from game.sim.explain import order_name
from game.ui import flow
from game.ui.app import App
from game.ui.ink import Drawn, Ink
from game.ui.report import whatif_job
from game.ui.shots import EVENT, MESSAGE, RELOAD_PROBLEMS, scripted_game
from game.ui.widgets import Scroll

SIZES = ((1024, 768), (1280, 720), (1920, 1080))
TEXT_SCALES = (1.0, 1.3, 1.5)
# Overlap of less than a fifth of the smaller line's height is the font's own leading, not a collision.
SLACK = 0.2


@dataclass(frozen=True)
class Fault:
    scene: str
    kind: str       # cut | overlap
    text: str

    def __str__(self) -> str:
        return f"{self.scene}: {self.kind}: {self.text}"


def essential(text: str, names: set[str]) -> bool:
    """A value the player reads the game by: a figure, an ally's name, an order's name."""
    # names and orders in any case: a table writes "pressure", a button "Pressure"
    text, names = text.lower(), {n.lower() for n in names}
    words = set(text.replace("▶", " ").replace(",", " ").replace(":", " ").replace(";", " ").split())
    return any(ch.isdigit() for ch in text) or bool(words & names) or any(n in text for n in names if " " in n)


def faults(scene_name: str, drawn: list[Drawn], names: set[str], scrolled: bool = False) -> list[Fault]:
    """`scrolled`: the scene scrolls, so a row half out of its list is expected."""
    found = []
    for d in drawn:
        if d.kind == "para":
            found.append(Fault(scene_name, "cut", f"paragraph stops at {d.shown[-40:]!r} of {d.wanted[:60]!r}"))
        elif d.kind == "clipped" and not scrolled and essential(d.wanted, names):
            found.append(Fault(scene_name, "cut", f"{d.wanted!r} partly hidden by its panel's edge"))
        elif d.shown != d.wanted and essential(d.wanted, names):
            found.append(Fault(scene_name, "cut", f"{d.wanted!r} drawn as {d.shown!r}"))
        elif d.wanted.strip() and not d.shown.strip() and d.kind != "clipped":
            # a label with no room at all (a button's arrow) vanishes: nothing says anything was there
            found.append(Fault(scene_name, "cut", f"{d.wanted!r} drawn as nothing at {tuple(d.rect)}"))
    lines = [d for d in drawn if d.kind != "para" and d.shown]
    for a, b in itertools.combinations(lines, 2):
        clip = a.rect.clip(b.rect)
        if clip.w > 2 and clip.h > max(2.0, SLACK * min(a.rect.h, b.rect.h)):
            found.append(Fault(scene_name, "overlap", f"{a.shown!r} at {tuple(a.rect)} and {b.shown!r} at "
                                                      f"{tuple(b.rect)}"))
    return found


def _names(app: App) -> set[str]:
    names = {order_name(o).capitalize() for o in ORDERS}
    if app.session is not None:
        names |= {a.name for a in app.session.campaign.allies}
    return names


def _recorded(app: App, draw) -> list[Drawn]:
    """What `draw(app.screen)` drew as text, with the App's inks and any of the top scene's own (the projector
    summary's larger type)."""
    inks = list({id(i): i for i in (app.ink, app.dense, *(v for v in vars(app.scene).values()
                                                            if isinstance(v, Ink)))}.values())
    for ink in inks:
        ink.drawn = []
    try:
        draw(app.screen)
        return [d for ink in inks for d in ink.drawn]
    finally:
        for ink in inks:
            ink.drawn = None


def check_top(app: App, label: str, seen: list[Drawn] | None = None) -> list[Fault]:
    """Draw the stack, recording only the top scene's text (a dialog lies over the scenes below on purpose);
    `seen` collects what it drew (tests/test_i18n.py reads it for words left untranslated)."""
    stack = app.stack
    start = max((i for i, s in enumerate(stack) if s.opaque), default=0)
    for scene in stack[start:-1]:
        scene.draw(app.screen)
    names = _names(app)
    drawn = _recorded(app, stack[-1].draw)
    if seen is not None:
        seen.extend(drawn)
    scene = stack[-1]
    scrolled = any(isinstance(v, Scroll) or (isinstance(v, list) and v and isinstance(v[0], Scroll))
                   for v in vars(scene).values())
    play = scene.name == "play"
    return faults(label, drawn, names, scrolled) + (play_values(label, scene, drawn) + map_labels(label, scene) +
                                                    adviser_mark(label, scene, drawn) if play else [])


def play_values(label: str, scene, drawn: list[Drawn]) -> list[Fault]:
    """The play screen keeps its values: each ally row shows the name, spending, trust and the order's label, and
    the news panel shows at least its first story's title (when there is news)."""
    found = []
    views = scene.view()["allies"]
    for b in scene.buttons:
        if not b.id.startswith("ally:"):
            continue
        a = views[int(b.id.split(":")[1])]
        inside = " ".join(d.shown for d in drawn if b.rect.contains(d.rect))
        for want in (a.name, num(a.now['spending']), num(a.now['trust']), order_name(a.order).capitalize()):
            if want not in inside:
                found.append(Fault(label, "missing", f"{want!r} not in the row of {a.name}: {inside!r}"))
    news = scene.view()["news"]
    if news and not any(d.shown.strip() and d.shown in news[0][0] for d in drawn):
        found.append(Fault(label, "missing", f"the news title {news[0][0]!r}"))
    return found


def map_labels(label: str, scene) -> list[Fault]:
    """Every ally on a shown map has a label or a listed reason for leaving it out, and every ally's and adversary's
    label reads as its own country's (game.ui.map.labels.Shapes.reads_as)."""
    found, mv, campaign = [], scene.app.mapview, scene.session.campaign
    names = {a.country: a.name for a in (*campaign.allies, *campaign.adversaries)}
    for pane in scene.panes:
        paint = scene.paint_for(pane.theatre)
        placement = mv.placement(scene.dense, pane, paint)
        polys = mv.projected(pane.theatre, pane.rect.size)
        weighty = {lb.iso for lb in paint.labels if lb.kind != "other"}
        shapes = mv.shapes(pane.theatre, pane.rect.size, frozenset(weighty))
        for a in campaign.allies:
            if a.country in polys and a.country not in placement.drawn and not placement.left_out.get(a.country):
                found.append(Fault(label, "label", f"{a.name} is on the {pane.theatre} map with no label and no "
                                                   "reason given"))
        for iso, box in placement.drawn.items():
            if iso in weighty and not shapes.reads_as(box.center, iso):
                found.append(Fault(label, "label", f"{names.get(iso, iso)}'s label at {tuple(box)} sits on another "
                                                   "country, or nearer another than its own"))
    return found


def adviser_mark(label: str, scene, drawn: list[Drawn]) -> list[Fault]:
    """The adviser's pick is marked: on its order button, or on the line above the buttons that names it."""
    tip = scene.view()["advice"]
    button = scene.button(f"order:{tip[0]}") if tip else None
    if button is None:
        return []
    on_button = any(_("Adviser").lower() in d.shown.lower() for d in drawn if button.rect.contains(d.rect))
    named = any(d.shown.startswith(_("Adviser: {pick}").format(pick=order_name(tip[0]).capitalize())) for d in drawn)
    return [] if on_button or named else [Fault(label, "missing", f"the adviser's mark ({tip[0]}) is not drawn")]


def check_reload(app: App, label: str) -> list[Fault]:
    """The hot-reload overlay (drawn by the App over any scene) as a broken campaign file shows it."""
    app.hot_reload.watched = app.session
    app.hot_reload.broken = Broken(tuple(Problem(f"{app.session.campaign.id}.yaml", 12 + 7 * i, 5, message)
                                         for i, message in enumerate(RELOAD_PROBLEMS)))
    try:
        return faults(label, _recorded(app, app.hot_reload.draw), _names(app))
    finally:
        app.hot_reload.broken = None


def every_scene(size, text_scale: float, campaign: str = "europe_2024", checked: set[type] | None = None,
                seen: list[Drawn] | None = None) -> list[Fault]:
    """Play a few turns of `campaign` and check every scene the player meets, to the end screen, and the
    dialogs and the facilitator's panels on the way. `checked` collects the classes of the scenes checked."""
    app = App(size=size, settings=Settings(text_scale=text_scale, window_size=size))
    tag = f"{size[0]}x{size[1]} {round(text_scale * 100)}%"
    checked = set() if checked is None else checked

    def top() -> list[Fault]:
        checked.add(type(app.scene))
        return check_top(app, f"{tag} {app.scene.name}", seen)

    out = top()
    flow.start_campaign(app, campaign, 7)
    out += top()
    app.reset_to_title()
    scripted_game(app, campaign, turns=3)
    out += top() + check_reload(app, f"{tag} reload")
    play, shown = app.scene, app.scene.overlay_i
    for i in (i for i in range(len(OVERLAYS)) if i != shown):   # each other overlay's legend and colours
        play.on_button(f"overlay:{i}")
        out += check_top(app, f"{tag} play, {OVERLAYS[i]}", seen)
    play.on_button(f"overlay:{shown}")
    dialogs = (lambda: app.show("report", len(app.session.reports) - 1), lambda: app.show("help"),
               lambda: app.show("settings"), lambda: app.show("save"), lambda: app.show("load"),
               lambda: app.show("seed"), lambda: app.show("inject"), lambda: app.show("team", lambda: None),
               lambda: flow.request_quit(app),
               lambda: app.show("event", *EVENT), lambda: app.message(*(_(m) for m in MESSAGE)))
    for open_it in dialogs:
        open_it()
        out += top()
        app.pop()
    out += class_room(app, top)
    while not app.session.over:
        flow.end_turn(app)
        app.presented()          # as the loop does once the report is on screen: the autosave
    app.reset_to_title()
    app.show("end")
    whatif_job.start(app.session).result()     # worked out on its thread: the end screen then says skill or luck
    out += top()
    for name, args in (("whatif", ()), ("projector", (len(app.session.reports) - 1,))):
        app.show(name, *args)
        out += top()
    return out


def class_room(app: App, top) -> list[Fault]:
    """The class room's screen: its choice of mode, then a room open on this computer (a port the system picks),
    with thirty students and their votes on every ally, and ten names too long for a phone."""
    scene = app.show("room")
    out = top()
    scene.port = 0
    scene.open("vote")
    room = app.class_room.server.room
    for k in range(30):
        _, student = room.join(f"student {k}" if k >= 10 else "a name long enough to wrap " + str(k))
        for j, ally in enumerate(room.ballot):
            room.vote(student, ally, ("pressure", "reassure", "hold")[(k + j) % 3], app.session.state.turn)
    scene.update(0.1)
    out += top()
    scene.stop()
    return out


def main(argv: list[str] | None = None) -> int:
    argv = take_option(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    campaign = argv[0] if argv else "europe_2024"
    found: list[Fault] = []
    with tempfile.TemporaryDirectory() as home:
        os.environ["FAIRSHARE_HOME"] = home
        pygame.init()
        try:
            for size, scale in itertools.product(SIZES, TEXT_SCALES):
                found += every_scene(size, scale, campaign)
        finally:
            pygame.quit()
    for fault in found:
        print(fault)
    print(f"{len(found)} fault(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
