"""Modal dialogs drawn over the scene below: a message (one button) and a yes/no confirmation."""
from __future__ import annotations

from typing import Callable

import pygame

from game.i18n import _
from game.text_rules import drawable
from game.ui.scene import ENTER_KEYS, Scene
from game.ui.widgets import Button


class Dialog(Scene):
    opaque = False
    name = "dialog"
    accent = "accent"

    def __init__(self, app, title: str, text: str, choices: list[tuple[str, str, str]], kicker: str = "",
                 width: int = 860):
        """choices: (id, label, key hint); the first is the default (Enter), the last is Esc's."""
        super().__init__(app)
        # what a dialog says may quote a file (a save's campaign path, a file name): drawn only as drawable text
        self.title, self.text = drawable(title, ""), drawable(text, "")
        self.choices, self.kicker, self.base_w = choices, kicker, width
        self.card = pygame.Rect(0, 0, 10, 10)
        self.focus = choices[0][0]

    def layout(self, size) -> None:
        th, ink = self.theme, self.ink
        w = min(th.px(self.base_w) if th.text_scale <= 1 else int(th.px(self.base_w) * min(th.text_scale, 1.4)),
                size[0] - th.px(40))
        pad = th.tx(32)
        inner = w - 2 * pad
        title_h = sum(ink.lh("h2", True) for _ in ink.wrap(self.title, inner, "h2", True))
        kicker_h = ink.lh("small", True) + th.tx(6) if self.kicker else 0
        body_max = size[1] - th.px(80) - title_h - kicker_h - th.tx(140)
        body_h = min(ink.para_height(self.text, inner, "body", spacing=1.15), max(body_max, ink.lh("body")))
        bh = ink.lh("body", True) + th.tx(22)
        h = pad + kicker_h + title_h + th.tx(16) + body_h + th.tx(28) + bh + pad
        self.card = pygame.Rect(0, 0, w, h)
        self.card.center = (size[0] // 2, size[1] // 2)
        self.body = pygame.Rect(self.card.x + pad, self.card.y + pad + kicker_h + title_h + th.tx(16), inner, body_h)
        self.buttons = []
        x = self.card.right - pad
        for i, (bid, label, key) in reversed(list(enumerate(self.choices))):
            bw = max(th.px(170), ink.width(label, "body", True) + ink.width(key, "small", True) + th.tx(70))
            rect = pygame.Rect(0, 0, bw, bh)
            rect.bottomright = (x, self.card.bottom - pad)
            self.buttons.insert(0, Button(bid, label, rect, key=key, style="primary" if i == 0 else "normal"))
            x = rect.x - th.tx(14)

    def draw(self, surface) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        ink.dim_screen(surface)
        ink.shadow(surface, self.card)
        ink.panel(surface, self.card, pal["panel"], pal[self.accent], radius=th.px(14), width=max(2, th.px(3)))
        pad = th.tx(32)
        y = self.card.y + pad
        if self.kicker:
            ink.text(surface, self.kicker.upper(), (self.card.x + pad, y), "small", pal[self.accent], True)
            y += ink.lh("small", True) + th.tx(6)
        for line in ink.wrap(self.title, self.card.w - 2 * pad, "h2", True):
            ink.text(surface, line, (self.card.x + pad, y), "h2", pal["text"], True)
            y += ink.lh("h2", True)
        ink.para(surface, self.text, self.body, "body", pal["text"], spacing=1.15)
        self.draw_buttons(surface)

    def on_key(self, event) -> bool:
        ids = [c[0] for c in self.choices]
        if event.key in ENTER_KEYS or event.key == pygame.K_SPACE:
            self.choose(self.focus or ids[0])
        elif event.key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_TAB, pygame.K_UP, pygame.K_DOWN):
            back = event.key in (pygame.K_LEFT, pygame.K_UP) or (event.mod & pygame.KMOD_SHIFT)
            return self.move_focus(ids, -1 if back else 1)
        elif event.key == pygame.K_y and len(ids) > 1:
            self.choose(ids[0])
        elif event.key == pygame.K_n and len(ids) > 1:
            self.choose(ids[-1])
        else:
            return False
        return True

    def on_button(self, bid: str) -> None:
        self.choose(bid)

    def on_back(self) -> None:
        self.choose(self.choices[-1][0])

    def choose(self, bid: str) -> None:
        self.app.pop(self)


class MessageDialog(Dialog):
    name = "message"

    def __init__(self, app, title: str, text: str, kicker: str = "", then: Callable[[], None] | None = None,
                 accent: str = "accent"):
        super().__init__(app, title, text, [("ok", "OK", "Enter")], kicker)
        self.then, self.accent = then, accent

    def choose(self, bid: str) -> None:
        self.app.pop(self)
        if self.then:
            self.then()


class ConfirmDialog(Dialog):
    name = "confirm"

    def __init__(self, app, title: str, text: str, on_yes: Callable[[], None], yes: str | None = None,
                 no: str | None = None, kicker: str = "", accent: str = "accent",
                 on_no: Callable[[], None] | None = None):
        yes, no = _("Yes") if yes is None else yes, _("Cancel") if no is None else no    # in the language spoken
        super().__init__(app, title, text, [("yes", yes, "Enter"), ("no", no, "Esc")], kicker)
        self.on_yes, self.on_no, self.accent = on_yes, on_no, accent

    def choose(self, bid: str) -> None:
        self.app.pop(self)
        if bid == "yes":
            self.on_yes()
        elif self.on_no:
            self.on_no()
