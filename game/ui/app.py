"""The window's state: a stack of scenes (pushdown automaton) and the display. game.ui.window opens it and runs
its event-driven loop.

Screens are opened by name (`app.show("briefing")`) from the registry in game.ui.screens, so that neither a scene
nor the flow imports another screen. The `App` object is also the test harness: `handle(event)`, `tick(dt)`,
`render()`, `presented()` and the `stack` can be driven without a real event loop.
"""
from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from dataclasses import replace

import pygame

from game.campaign.translations import speak_all
from game.i18n import _, language, resolve, set_language
from game.text_rules import one_line
from game.ui import bindings, flow, persist
from game.ui.fonts import FontBook
from game.ui.frame import FrameCache
from game.ui.ink import Ink
from game.ui.map.data import load_theatres
from game.ui.map.view import MapView
from game.ui.play.reload import HotReload
from game.ui.scene import Scene
from game.ui.screens import SCREENS
from game.ui.theme import Theme
from game.ui.windowfit import MIN_SIZE, desktop_size, fit_size

DENSE_CAP = 1.2
TOAST_SECONDS = 2.2


class App:
    def __init__(self, size: tuple[int, int] | None = None, settings=None, strict: bool = True, screens=None):
        """`strict`: let exceptions out (tests); otherwise an unexpected error becomes a dialog. `screens`: name ->
        scene class (default: game.ui.screens.SCREENS)."""
        self.screens = SCREENS if screens is None else screens
        # Why settings.json could not be used, if it could not: the file is then left as it is, not replaced by the
        # defaults when the window closes (only an explicit change in the Settings screen writes it).
        self.settings_note: str | None = None
        if settings is None:
            settings, self.settings_note = persist.settings()
            persist.clean_up()
        self.settings = settings
        self.strict = strict
        self.fonts = FontBook()
        self.fullscreen = False
        # a saved (or default) size the screen cannot show is shrunk to fit; a size asked for (tests, shots) is kept
        self.window_size = tuple(size) if size else fit_size(self.settings.window_size, desktop_size())
        self.screen = self._set_mode(self.window_size, self.settings.fullscreen and size is None)
        self.ink = Ink(self.fonts, self._theme())
        self.dense = self._dense()
        self.stack: list[Scene] = []
        self.session = None
        self.seed: int | None = None      # the seed for campaigns started from the title (None: a fresh one)
        self.team: str | None = None      # the team's name for its saves and hand-ins ("": none; None: not asked)
        self.autosave_slot: str | None = None   # the game in play's own autosave (game.saves.autosave_slot)
        self.facilitator_forced = False   # `play --facilitator`: facilitator mode for this window only
        self.saved_turn = 0
        self.running = True
        self.dirty = True
        self.toasts: list[list] = []      # [text, seconds left]
        self._swallow: str | None = None
        self._mapviews: dict[str, MapView] = {}
        self._failed_frames = 0
        self.overlay_dirty = False     # only the top scene's overlay changed (game.ui.frame)
        self.updated: list[pygame.Rect] | None = None   # what the last render changed (None: the whole screen)
        self._frame = FrameCache()
        self._after_present: list[Callable[[], None]] = []   # see after_present
        self.hot_reload = HotReload(self)    # watches the played campaign's file (game/ui/play/reload.py)
        self.reset_to_title()
        # once the title is on screen: what a first click would otherwise wait for
        self.after_present(lambda: self.fonts.warm(set(self.ink.theme.font_sizes.values())))
        if self.screens is SCREENS:
            self.after_present(SCREENS.load_all)
        if self.settings_note:
            print(f"fairshare: note: {self.settings_note}; the defaults are used and the file is left as it is",
                  file=sys.stderr)
            self.toast(_("Default settings in use: {note}").format(note=self.settings_note))

    @property
    def facilitator(self) -> bool:
        """Facilitator mode: the setting, or `play --facilitator` for this window."""
        return self.settings.facilitator or self.facilitator_forced

    # --- display -------------------------------------------------------------------------------------------
    def _set_mode(self, size, fullscreen: bool) -> pygame.Surface:
        if fullscreen:     # the display's own size, so the window covers it from (0, 0) to its far corner
            screen = pygame.display.set_mode(desktop_size() or size, pygame.FULLSCREEN)
        else:
            size = (max(MIN_SIZE[0], int(size[0])), max(MIN_SIZE[1], int(size[1])))
            screen = pygame.display.set_mode(size, pygame.RESIZABLE)
            if screen.get_size() != size:   # leaving fullscreen: some drivers keep the old size on the first call
                screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.fullscreen = fullscreen
        pygame.display.set_caption(_("Fair Share"))
        return screen

    def _theme(self) -> Theme:
        return Theme(self.screen.get_size(), self.settings.text_scale, self.settings.palette)

    def _dense(self) -> Ink:
        """Ink for dense displays (the map, its legend, the top bar): text size capped at 120 %, so that a large
        text setting enlarges the panels without crowding the map."""
        theme = self.ink.theme
        if theme.text_scale <= DENSE_CAP:
            return self.ink
        return Ink(self.fonts, Theme(theme.size, DENSE_CAP, theme.palette_name))

    def relayout(self) -> None:
        self.ink = Ink(self.fonts, self._theme())
        self.dense = self._dense()
        for scene in self.stack:
            scene.layout(self.screen.get_size())
        self.dirty = True

    def resize(self, size) -> None:
        if self.fullscreen:
            return
        self.window_size = (max(MIN_SIZE[0], int(size[0])), max(MIN_SIZE[1], int(size[1])))
        self.screen = self._set_mode(self.window_size, False)
        self.relayout()

    def choose_window_size(self, size) -> None:
        """The window-size choice in Settings: used now, or on leaving fullscreen, and kept."""
        self.window_size = fit_size(size, desktop_size())
        if not self.fullscreen:
            self.screen = self._set_mode(self.window_size, False)
        self.apply_settings(replace(self.settings, window_size=self.window_size))

    def set_fullscreen(self, on: bool) -> None:
        self.screen = self._set_mode(self.window_size, on)
        self.settings = replace(self.settings, fullscreen=on)
        self.relayout()

    def toggle_fullscreen(self) -> None:
        self.set_fullscreen(not self.fullscreen)

    def apply_settings(self, settings) -> None:
        """Use new settings now and keep them (a failed write becomes a toast, not a crash)."""
        fullscreen_changed = settings.fullscreen != self.fullscreen
        if settings.language != self.settings.language:     # chosen in Settings: every screen speaks it from now
            set_language(resolve(settings.language))
            speak_all(language())       # the campaigns' own text too
            pygame.display.set_caption(_("Fair Share"))
        self.settings = settings
        if fullscreen_changed:
            self.screen = self._set_mode(self.window_size, settings.fullscreen)
        self.relayout()
        error = persist.store_settings(settings, force=True)    # the player's own change replaces any file
        if error:
            self.toast(error)
        else:
            self.settings_note = None

    def keep_settings(self, settings) -> None:
        """Store settings changed on the way (fullscreen, window size), unless the player's file could not be
        read: that file is not replaced without an explicit change in the Settings screen."""
        if self.settings_note is None:
            persist.store_settings(settings)

    def map_view(self, era: str = "today") -> MapView:
        """The map of one era's borders (a campaign's `map`), loaded when first asked for."""
        view = self._mapviews.get(era)
        if view is None:
            view = self._mapviews[era] = MapView(load_theatres(era=era))
        return view

    @property
    def mapview(self) -> MapView:
        """The map of the campaign in play, with its era's borders (today's when none is in play)."""
        return self.map_view(self.session.campaign.map if self.session else "today")

    # --- the stack -----------------------------------------------------------------------------------------
    @property
    def scene(self) -> Scene:
        return self.stack[-1]

    def push(self, scene: Scene) -> None:
        scene.layout(self.screen.get_size())
        self.stack.append(scene)
        scene.on_enter()
        self.dirty = True

    def pop(self, scene: Scene | None = None) -> None:
        """Remove the top scene (or `scene`, wherever it is); the bottom scene is never removed."""
        target = scene if scene is not None else self.stack[-1]
        if target in self.stack and len(self.stack) > 1:
            was_top = target is self.stack[-1]
            self.stack.remove(target)
            target.on_exit()
            if was_top:
                self.stack[-1].on_resume()
        self.dirty = True

    def _drop(self, keep: int) -> None:
        """Remove every scene above the first `keep`, top first, each told it is leaving (Scene.on_exit)."""
        while len(self.stack) > keep:
            self.stack.pop().on_exit()

    def replace(self, scene: Scene) -> None:
        if len(self.stack) > 1:
            self.stack.pop().on_exit()
        self.push(scene)

    def make(self, name: str, *args, **kwargs) -> Scene:
        """A new scene of the screen registered as `name`, built with these arguments."""
        return self.screens[name](self, *args, **kwargs)

    def show(self, name: str, *args, **kwargs) -> Scene:
        """Push the screen registered as `name` (see game.ui.screens) and return it."""
        scene = self.make(name, *args, **kwargs)
        self.push(scene)
        return scene

    def reset_to_title(self, resume: bool = True) -> None:
        """Back to the title alone; `resume=False` when another scene is about to be pushed on top of it (the
        title then refreshes its lists only when it is shown again)."""
        if self.stack and self.stack[0].name == "title":
            self._drop(1)
            if resume:
                self.stack[0].on_resume()
        else:
            self._drop(0)
            self.show("title")
        self.dirty = True

    def message(self, title: str, text: str, kicker: str = "", accent: str = "accent", then=None) -> None:
        self.show("message", title, text, kicker, then, accent)

    def confirm(self, title: str, text: str, on_yes, yes: str | None = None, no: str | None = None, kicker: str = "",
                accent: str = "accent") -> None:
        self.show("confirm", title, text, on_yes, _("Yes") if yes is None else yes, _("Cancel") if no is None else no,
                  kicker, accent)

    def toast(self, text: str) -> None:
        self.toasts = [[text, TOAST_SECONDS]]
        self.dirty = True

    @property
    def unsaved(self) -> bool:
        """Turns played since the last named save (or load)."""
        s = self.session
        return s is not None and s.state.turn > self.saved_turn

    # --- work that waits for the frame ----------------------------------------------------------------------
    def after_present(self, work: Callable[[], None]) -> None:
        """Do `work` once the next frame is on screen (the loop calls `presented` after every present): the turn
        report shows before the autosave's disk writes. The loop presents in the same pass as the event that asked,
        so the work is done before the next event is handled."""
        self._after_present.append(work)

    def presented(self) -> None:
        """The frame is on screen: do the work that waited for it, in the order it was asked for."""
        while self._after_present:
            work = self._after_present.pop(0)
            try:
                work()
            except Exception:  # noqa: BLE001
                if self.strict:
                    raise
                self._oops()

    # --- the three calls of the loop -----------------------------------------------------------------------
    def handle(self, event) -> None:
        try:
            self._handle(event)
        except Exception:  # noqa: BLE001
            if self.strict:
                raise
            self._oops()

    def _handle(self, event) -> None:
        if event.type == pygame.TEXTINPUT and self._swallow is not None:
            swallow, self._swallow = self._swallow, None
            if getattr(event, "text", None) == swallow:
                return
        elif event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self._swallow = None
        if event.type == pygame.QUIT:
            flow.request_quit(self)
        elif event.type == pygame.VIDEORESIZE:
            self.resize(event.size)
        elif event.type == pygame.WINDOWSIZECHANGED:
            if self.screen.get_size() != (pygame.display.get_surface() or self.screen).get_size():
                self.screen = pygame.display.get_surface()
                self.relayout()
        elif event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED,
                            pygame.WINDOWMAXIMIZED, pygame.VIDEOEXPOSE):
            self.dirty = True
        elif event.type == pygame.KEYDOWN and event.key == bindings.FULLSCREEN_KEY:
            self.toggle_fullscreen()
            self.keep_settings(self.settings)
        elif self.hot_reload.handle(event):
            self.dirty = True
        else:
            top = self.scene
            changed = top.process_event(event)
            if event.type == pygame.KEYDOWN and self.stack and self.scene is not top:
                self._swallow = getattr(event, "unicode", None) or None   # its TEXTINPUT twin is not for the new scene
            if changed or event.type not in (pygame.MOUSEMOTION, pygame.ACTIVEEVENT, pygame.WINDOWENTER,
                                             pygame.WINDOWLEAVE, pygame.WINDOWFOCUSGAINED, pygame.WINDOWFOCUSLOST):
                self.dirty = True

    def tick(self, dt: float) -> bool:
        """Advance animations by `dt` seconds; True while something is moving (the loop then runs at full rate)."""
        animating = False
        try:
            self.hot_reload.tick(dt)
            animating = bool(self.scene.update(dt))
        except Exception:  # noqa: BLE001
            if self.strict:
                raise
            self._oops()
        if self.toasts:
            self.toasts[0][1] -= dt
            if self.toasts[0][1] <= 0:
                self.toasts.pop(0)
                self.dirty = True
            animating = True
        if animating:
            self.dirty = True
        return animating

    def render(self, force: bool = False) -> bool:
        """Draw the visible scenes if anything changed; True if a frame was drawn, and `updated` says what to
        present: the rectangles of an overlay-only change (Scene.draw_overlay), or None for the whole screen."""
        if not (self.dirty or force):
            return self._render_overlay() if self.overlay_dirty else False
        self.overlay_dirty, self.updated = False, None
        try:
            self._draw()
            self._failed_frames = 0
        except Exception:  # noqa: BLE001 - text or state that cannot be drawn must not close the window
            if self.strict:
                raise
            self._failed_frames += 1
            if self._failed_frames == 1:
                self._oops()
                return self.render(force=True)
            # The error dialog itself cannot be drawn: a plain screen, and no new attempt until the next event
            # (the window still answers, and closing it still works).
            self.screen.fill((0, 0, 0))
        self.dirty = False
        return True

    def _draw(self) -> None:
        start = max((i for i, s in enumerate(self.stack) if s.opaque), default=0)
        for scene in self.stack[start:]:
            scene.draw(self.screen)
        self.hot_reload.draw(self.screen)
        if self.toasts:
            self._draw_toast()
        self._frame.keep(self.screen, self.scene)

    def _render_overlay(self) -> bool:
        """Only the top scene's overlay changed: redraw just that (an error, or no kept frame of the screen's size,
        falls back to a full frame, with render's own error handling)."""
        self.overlay_dirty = False
        try:
            self.updated = self._frame.redraw_overlay(self.screen, self.scene)
        except Exception:  # noqa: BLE001 - the full frame below reports a real error as render does
            self.updated = None
        if self.updated is None:
            return self.render(force=True)
        return bool(self.updated)

    def toast_box(self) -> tuple[pygame.Rect, str, tuple[str, ...]] | None:
        """Where the current toast goes, its type size and lines: in the scene's free strip (Scene.toast_area),
        never over a value; in smaller type, or on two lines, where the strip is narrow."""
        if not self.toasts:
            return None
        ink, th = self.ink, self.ink.theme
        text = self.toasts[0][0]
        area = self.scene.toast_area()
        role = next((r for r in ("body", "small") if ink.width(text, r, True) + th.tx(48) <= area.w), "small")
        lines = ink.wrap(text, max(10, area.w - th.tx(48)), role, True)[:2]
        w = min(area.w, max(ink.width(line, role, True) for line in lines) + th.tx(48))
        rect = pygame.Rect(0, 0, w, min(area.h, len(lines) * ink.lh(role, True) + th.tx(12)))
        rect.center = area.center
        return rect, role, lines

    def _draw_toast(self) -> None:
        ink, th = self.ink, self.ink.theme
        rect, role, lines = self.toast_box()
        ink.panel(self.screen, rect, ink.pal["card_hi"], ink.pal["accent"], radius=min(rect.h // 2, th.px(18)))
        y = rect.centery - len(lines) * ink.lh(role, True) // 2
        for line in lines:
            ink.text(self.screen, line, (rect.centerx, y), role, ink.pal["text"], True, "midtop", max_w=rect.w)
            y += ink.lh(role, True)

    def _oops(self) -> None:
        """An unexpected error while handling, updating or drawing: back to the title with a dialog. The session
        is kept, so the game can still be saved under a name from that dialog."""
        detail = traceback.format_exc(limit=3)
        print(detail, file=sys.stderr)
        self.reset_to_title()
        text = (_("The game hit an unexpected error and went back to the title screen. Your last turn was autosaved: "
                "choose Continue to pick up where you were.\n\n") + one_line(detail.strip().splitlines()[-1]))
        if self.session is None:
            self.message(_("Something went wrong"), text, kicker=_("Unexpected error"), accent="bad")
        else:
            self.confirm(_("Something went wrong"),
                         text + _("\n\nThe game in progress is kept: you can save it by name."),
                         lambda: self.show("save"), yes=_("Save the game"), no=_("Close"),
                         kicker=_("Unexpected error"), accent="bad")
