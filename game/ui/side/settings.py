"""Settings: text size, fullscreen, the window's size, colours, the map overlay at start, tutorial hints,
frame-rate cap. Every change applies at once and is saved with game.settings.save_settings."""
from __future__ import annotations

from dataclasses import replace

import pygame

from game.i18n import LANGUAGES, N_, _, system_language
from game.settings import OVERLAYS
from game.ui import bindings
from game.ui.scene import Scene
from game.ui.theme import PALETTE_NAMES
from game.ui.widgets import Button
from game.ui.windowfit import STANDARD_SIZES, desktop_size, size_choices
from game.ui.wording import overlay_title

TEXT_SIZES = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)
FPS = (30, 60, 120, 144)

def language_name(code: str) -> str:
    """A language as the settings show it: each in its own name, so a player finds theirs in any language."""
    return _("System ({language})").format(language=LANGUAGES[system_language()]) if code == "system" \
        else LANGUAGES[code]


ROWS = (  # field, label, choices, how to show a choice, what it is for
    ("text_scale", N_("Text size"), TEXT_SIZES, lambda v: f"{v * 100:.0f} %",
     N_("Makes every word and number larger. On a projector, 130 % or more reads well from the back of the room.")),
    ("language", N_("Language"), ("system", *LANGUAGES), language_name,
     N_("The language of every screen, report and export. \"System\" follows the computer's language where the "
        "game speaks it, else English.")),
    ("fullscreen", N_("Fullscreen"), (False, True), lambda v: _("On") if v else _("Off"),
     N_("Fill the whole screen (F11 toggles it anywhere). The layout adapts to any size from 1024x768 up.")),
    ("window_size", N_("Window size"), STANDARD_SIZES, lambda v: f"{v[0]} × {v[1]}",
     N_("The window's size when it is not fullscreen: the sizes this screen can show whole. Dragging the window's "
        "edge works too.")),
    ("palette", N_("Colours"), tuple(PALETTE_NAMES), lambda v: _(PALETTE_NAMES[v]),
     N_("High contrast uses a black background and brighter lines: better on washed-out projectors.")),
    ("overlay", N_("Map shows at start"), OVERLAYS, overlay_title,
     N_("Which figure colours the map when a game opens (keys 1-5 switch it during play).")),
    ("show_tutorial_hints", N_("Tutorial hints"), (True, False), lambda v: _("On") if v else _("Off"),
     N_("Short reminders of the controls at the bottom of the map screen.")),
    ("fps_cap", N_("Frame-rate cap"), FPS, lambda v: f"{v} FPS",
     N_("The most frames per second while something moves. The game redraws only when something changes.")),
    ("facilitator", N_("Facilitator mode"), (False, True), lambda v: _("On") if v else _("Off"),
     N_("For a class: type the seed on the briefing (S), hide the score until the end, and show the last turn in "
        "large type for the projector (F on the turn report).")),
)


class SettingsScene(Scene):
    name = "settings"

    def __init__(self, app):
        super().__init__(app)
        self.row = 0

    def value(self, field: str):
        return getattr(self.app.settings, field)

    def layout(self, size) -> None:
        ink, th = self.ink, self.theme
        w, h = size
        cw = min(w - th.px(80), int(th.px(1100) * min(1.4, 0.8 + 0.2 * th.text_scale)))
        # with large text on a short window the card takes the whole width and tighter rows, so that every
        # row and the whole of its explanation still show
        roomy, tight = ink.lh("body", True) + th.tx(26), ink.lh("body", True) + th.tx(16)
        for self.row_h, cw in ((roomy, cw), (tight, w - th.px(40))):
            self._place(size, cw)
            if self.fits:
                break

    def _place(self, size, cw: int) -> None:
        ink, th = self.ink, self.theme
        w, h = size
        self.card = pygame.Rect((w - cw) // 2, th.px(40), cw, h - th.px(80))
        pad = th.tx(36)
        y = self.card.y + pad + ink.lh("h1", True) + th.tx(20)
        self.rows = []
        self.buttons = []
        val_w = max(ink.width(fmt(c), "body", True) for _field, _label, choices, fmt,
                    _blurb in ROWS for c in choices) + th.tx(40)
        for i, (_field, _label, _choices, _fmt, _blurb) in enumerate(ROWS):
            rect = pygame.Rect(self.card.x + pad, y, self.card.w - 2 * pad, self.row_h)
            self.rows.append(rect)
            inset = th.px(5)
            # square, but never too narrow for its arrow beside the button's own padding (tight rows)
            bw = max(self.row_h, ink.width("▶", "body", True) + 2 * th.tx(12) + 2 * inset + 2)
            nxt = pygame.Rect(rect.right - bw, rect.y, bw, self.row_h).inflate(-2 * inset, -2 * inset)
            prv = pygame.Rect(rect.right - 2 * bw - val_w, rect.y, bw, self.row_h).inflate(-2 * inset, -2 * inset)
            self.buttons.append(Button(f"row:{i}", "", rect.copy(), style="ghost"))
            self.buttons.append(Button(f"prev:{i}", "◀", prv))
            self.buttons.append(Button(f"next:{i}", "▶", nxt))
            y += self.row_h + th.tx(10 if self.row_h > ink.lh("body", True) + th.tx(20) else 4)
        self.help_top = y + th.tx(10)
        bh = ink.lh("body", True) + th.tx(24)
        help_h = max(ink.para_height(_(r[4]), self.card.w - 2 * pad, "body") for r in ROWS)
        height = self.help_top + help_h + th.tx(24) + bh + pad - self.card.y
        self.fits = height <= self.card.h
        if height < self.card.h:    # as tall as its content, centred
            shift = (self.card.h - height) // 2
            self.card = pygame.Rect(self.card.x, self.card.y + shift, self.card.w, height)
            self.help_top += shift
            for rect in self.rows:
                rect.move_ip(0, shift)
            for b in self.buttons:
                b.rect.move_ip(0, shift)
        done = pygame.Rect(0, 0, ink.width(_("Done"), "body", True) + th.tx(110), bh)
        done.bottomright = (self.card.right - pad, self.card.bottom - pad)
        self.buttons.append(Button("done", _("Done"), done, key="Esc", style="primary"))

    def change(self, i: int, step: int) -> None:
        field, _, choices, _, _ = ROWS[i]
        current = self.value(field)
        if field == "window_size":      # only the sizes this display can show, and the one in use
            current = tuple(self.app.window_size)
            choices = size_choices(desktop_size(), current)
        idx = min(range(len(choices)), key=lambda j: abs(choices[j] - current)) if isinstance(current, float) \
            else choices.index(current) if current in choices else 0
        new = choices[(idx + step) % len(choices)]
        self.row = i
        if field == "window_size":
            self.app.choose_window_size(new)
        else:
            self.app.apply_settings(replace(self.app.settings, **{field: new}))

    def on_button(self, bid: str) -> None:
        kind, _, arg = bid.partition(":")
        if kind == "row":
            self.row = int(arg)
            self.change(int(arg), 1)
        elif kind in ("prev", "next"):
            self.change(int(arg), -1 if kind == "prev" else 1)
        elif bid == "done":
            self.app.pop(self)

    def on_key(self, event) -> bool:
        k = event.key
        if k in (pygame.K_DOWN, pygame.K_TAB):
            self.row = (self.row + (-1 if event.mod & pygame.KMOD_SHIFT else 1)) % len(ROWS)
        elif k == pygame.K_UP:
            self.row = (self.row - 1) % len(ROWS)
        elif k == pygame.K_LEFT:
            self.change(self.row, -1)
        elif k in (pygame.K_RIGHT, pygame.K_SPACE) or k in bindings.ENTER:
            self.change(self.row, 1)
        else:
            return False
        return True

    def draw(self, surface) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        surface.fill(pal["bg"])
        ink.panel(surface, self.card, pal["panel"], radius=th.px(16))
        pad = th.tx(36)
        ink.text(surface, _("Settings"), (self.card.x + pad, self.card.y + pad), "h1", pal["text"], True)
        for i, (field, label, _choices, fmt, _blurb) in enumerate(ROWS):
            rect = self.rows[i]
            focused = i == self.row
            row_b = self.button(f"row:{i}")
            bg = pal["card_hi"] if focused else pal["card"] if self.hover == row_b.id else pal["panel"]
            pygame.draw.rect(surface, bg, rect, border_radius=th.px(8))
            if focused:
                pygame.draw.rect(surface, pal["select"], rect, max(2, th.px(3)), border_radius=th.px(8))
            ink.text(surface, _(label), (rect.x + th.tx(18), rect.centery), "body", pal["text"], True, "midleft")
            prv, nxt = self.button(f"prev:{i}"), self.button(f"next:{i}")
            self.draw_buttons(surface, [prv, nxt])
            shown = self.app.window_size if field == "window_size" else self.value(field)
            ink.text(surface, fmt(shown), ((prv.rect.right + nxt.rect.x) // 2, rect.centery), "body",
                     pal["select"] if focused else pal["text"], True, "center")
        blurb = _(ROWS[self.row][4])
        done = self.button("done")
        ink.para(surface, blurb, pygame.Rect(self.card.x + pad, self.help_top, self.card.w - 2 * pad,
                                             done.rect.y - self.help_top - th.tx(10)), "body", pal["dim"])
        ink.text(surface, _("↑ ↓ choose  ·  ← → change  ·  Esc done"), (self.card.x + pad, done.rect.centery), "small",
                 pal["faint"], anchor="midleft")
        self.draw_buttons(surface, [done])
