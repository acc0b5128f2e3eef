"""Hot reload in the window: while a campaign is played its file is watched; a valid edit rebuilds the game by
replaying the command log on the new version (a toast says so), a broken one shows every positioned problem in an
overlay while the old game goes on untouched. F5 reloads at once. The logic is game.authoring.live; this is the
part that needs the window: the App calls `tick`, `handle` and `draw` (one line each) and nothing else changes.
"""
from __future__ import annotations

import os
import time
from dataclasses import replace

import pygame

from game.authoring.live import Broken, Watch, edited, file_watch, reload_session
from game.i18n import N_, _, ngettext

TITLE = N_("The campaign file has problems: the game goes on with the last good version")
MAX_LINES = 12          # problems listed in the overlay; the rest are counted ("and 5 more")


class HotReload:
    def __init__(self, app):
        self.app = app
        self.watched = None              # the session whose campaign file is watched
        self.watch: Watch | None = None
        self.broken: Broken | None = None
        self.hidden = False              # the overlay was clicked away (it comes back on the next change)
        self.seconds = 0.0               # how long the last reload took (the target: 0.5 s at turn 10)

    def _follow(self) -> bool:
        """Watch the file of the session now in play; False when there is none (title, or a campaign from text)."""
        session = self.app.session
        if session is None or not session.campaign.path:
            self.watched, self.watch, self.broken = None, None, None
            return False
        if session is not self.watched:
            self.watched, self.watch, self.broken = session, file_watch(session.campaign.path), None
            if edited(session.campaign):      # saved between loading and the first look
                self.reload()
        return True

    def tick(self, dt: float) -> None:
        # Shown problems are checked again on any change, even back to the bytes the game was loaded from.
        if self._follow() and self.watch.poll(dt) and (self.broken or edited(self.watched.campaign)):
            self.reload()

    def handle(self, event) -> bool:
        """F5 with a game in progress reloads its campaign; a click on the overlay hides it. True if used."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F5 and self._follow():
            self.reload()
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and self.broken and not self.hidden \
                and self._rect().collidepoint(event.pos):
            self.hidden = True
            return True
        return False

    def reload(self) -> None:
        session, start = self.app.session, time.perf_counter()
        result = reload_session(session)
        self.app.dirty = True
        if isinstance(result, Broken):
            self.broken, self.hidden = result, False
            self.seconds = time.perf_counter() - start
            return
        self.broken = None
        top = self.app.scene.name
        self.app.session = self.watched = result.session
        self.app.reset_to_title(resume=False)
        # The screens are built anew on the new version (its allies, its turns): the one in play is shown again.
        self.app.show("briefing" if top == "briefing" else "end" if result.session.over else "play")
        self.seconds = time.perf_counter() - start          # checking, replaying and the screens built anew
        name = os.path.basename(session.campaign.path)
        notes = [ngettext("{n} order no longer possible dropped", "{n} orders no longer possible dropped",
                          result.dropped).format(n=result.dropped)] if result.dropped else []
        notes += [ngettext("{n} turn past the new last turn cut", "{n} turns past the new last turn cut",
                           result.cut).format(n=result.cut)] if result.cut else []
        turns = ngettext("{n} turn replayed", "{n} turns replayed", result.turns).format(n=result.turns)
        self.app.toast(_("Reloaded {name}: {what}").format(name=name, what=", ".join([turns, *notes])))

    # --- the overlay ---------------------------------------------------------------------------------------
    def _lines(self) -> list[str]:
        """The problems shown, each with the file's name alone: the folder is the author's own."""
        problems = self.broken.problems[:MAX_LINES] if self.broken else ()
        return [str(replace(problem, file=os.path.basename(problem.file))) for problem in problems]

    def _rect(self) -> pygame.Rect:
        ink, th = self.app.ink, self.app.ink.theme
        w, h = self.app.screen.get_size()
        more = 1 if self.broken and len(self.broken.problems) > MAX_LINES else 0
        # the title and each problem on as many lines as they take at this width (wrapped rather than cut)
        title = ink.para_height(_(TITLE), int(w * 0.8) - th.tx(40), "h3", True)
        problems = sum(ink.para_height(line, int(w * 0.8) - th.tx(40), "small") for line in self._lines())
        height = title + problems + ink.lh("small") * (more + 2) + th.tx(40)
        rect = pygame.Rect(0, 0, int(w * 0.8), min(height, int(h * 0.7)))
        rect.midtop = (w // 2, th.px(70))
        return rect

    def draw(self, surface: pygame.Surface) -> None:
        if self.broken is None or self.hidden:
            return
        ink, th = self.app.ink, self.app.ink.theme
        rect = self._rect()
        ink.panel(surface, rect, ink.pal["panel"], ink.pal["bad"])
        x, y, w = rect.x + th.tx(20), rect.y + th.tx(14), rect.w - th.tx(40)
        y = ink.para(surface, _(TITLE), pygame.Rect(x, y, w, rect.bottom - y), "h3", ink.pal["bad"], True) + th.tx(6)
        problems = self.broken.problems
        for line in self._lines():      # each problem wrapped: a long file name must not cut its message
            y = ink.para(surface, line, pygame.Rect(x, y, w, rect.bottom - y), "small", ink.pal["text"])
        if len(problems) > MAX_LINES:
            ink.text(surface, _("... and {n} more").format(n=len(problems) - MAX_LINES), (x, y), "small",
                     ink.pal["dim"])
            y += ink.lh("small")
        ink.text(surface, _("Fix the file and save it: the game reloads by itself (or press F5). Click to hide this."),
                 (x, y + th.tx(4)), "small", ink.pal["dim"], max_w=w)
