"""Load a game: every save, newest first; damaged, foreign or outdated files listed with their problem (never
deleted, never overwritten)."""
from __future__ import annotations

import pygame

from game.i18n import _, ngettext
from game.ui import bindings, flow, persist
from game.ui.scene import Scene
from game.ui.widgets import Button, Scroll, draw_scrollbar
from game.ui.wording import name_forms


class LoadScene(Scene):
    name = "load"

    def __init__(self, app):
        super().__init__(app)
        self.saves, self.error = persist.saves()
        self.selected = 0
        self.scroll = Scroll()
        self.names = persist.campaign_names()    # each save's campaign named in the language spoken

    def layout(self, size) -> None:
        ink, th = self.ink, self.theme
        w, h = size
        cw = min(w - th.px(80), int(th.px(1240) * min(1.4, 0.8 + 0.2 * th.text_scale)))
        self.card = pygame.Rect((w - cw) // 2, th.px(36), cw, h - th.px(72))
        pad = th.tx(32)
        bh = ink.lh("body", True) + th.tx(24)
        top = self.card.y + pad + ink.lh("h1", True) + ink.lh("small") + th.tx(16)
        self.list_rect = pygame.Rect(self.card.x + pad, top, self.card.w - 2 * pad,
                                     self.card.bottom - pad - bh - th.tx(20) - top)
        self.row_h = ink.lh("body", True) + ink.lh("small") + th.tx(18)
        self.scroll.set_sizes(len(self.saves) * (self.row_h + th.px(8)), self.list_rect.h)
        load = pygame.Rect(0, 0, ink.width(_("Load"), "body", True) + th.tx(120), bh)
        load.bottomright = (self.card.right - pad, self.card.bottom - pad)
        back = pygame.Rect(0, 0, ink.width(_("Back"), "body", True) + th.tx(100), bh)
        back.bottomright = (load.x - th.px(14), load.bottom)
        self.buttons = [Button("back", _("Back"), back, key="Esc"),
                        Button("load", _("Load"), load, key="Enter", style="primary", enabled=bool(self.saves))]
        self._place_rows()

    def _place_rows(self) -> None:
        th = self.theme
        self.buttons = [b for b in self.buttons if not b.id.startswith("save:")]
        for i in range(len(self.saves)):
            y = self.list_rect.y + i * (self.row_h + th.px(8)) - self.scroll.offset
            rect = pygame.Rect(self.list_rect.x, y, self.list_rect.w - th.px(16), self.row_h)
            if rect.bottom > self.list_rect.y and rect.y < self.list_rect.bottom:
                self.buttons.append(Button(f"save:{i}", self.saves[i].slot, rect))

    def select(self, i: int) -> None:
        if not self.saves:
            return
        self.selected = max(0, min(i, len(self.saves) - 1))
        step = self.row_h + self.theme.px(8)
        top = self.selected * step
        if top < self.scroll.offset:
            self.scroll.to(top)
        elif top + self.row_h > self.scroll.offset + self.scroll.view:
            self.scroll.to(top + self.row_h - self.scroll.view)
        self._place_rows()

    def load_selected(self) -> None:
        if not self.saves:
            return
        info = self.saves[self.selected]
        if info.problem:
            self.app.message(_("'{slot}' cannot be loaded").format(slot=info.slot),
                             info.problem[0].upper() + info.problem[1:] +
                             _(".\n\nThe file was left as it is."), kicker=_("Load problem"), accent="bad")
            return
        flow.load(self.app, info.path)

    def on_button(self, bid: str) -> None:
        if bid.startswith("save:"):
            i = int(bid.split(":")[1])
            if i == self.selected:
                self.load_selected()
            else:
                self.select(i)
        elif bid == "load":
            self.load_selected()
        elif bid == "back":
            self.app.pop(self)

    def on_key(self, event) -> bool:
        k = event.key
        if k in bindings.ENTER:
            self.load_selected()
        elif k in (pygame.K_DOWN, pygame.K_TAB):
            self.select(self.selected + 1)
        elif k == pygame.K_UP:
            self.select(self.selected - 1)
        elif k in (pygame.K_HOME, pygame.K_END):
            self.select(0 if k == pygame.K_HOME else len(self.saves) - 1)
        else:
            return False
        return True

    def on_wheel(self, dy: int) -> bool:
        if self.scroll.by(-dy * self.row_h):
            self._place_rows()
            return True
        return False

    def draw(self, surface) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        surface.fill(pal["bg"])
        ink.panel(surface, self.card, pal["panel"], radius=th.px(16))
        pad = th.tx(32)
        ink.text(surface, _("Load a saved game"), (self.card.x + pad, self.card.y + pad), "h1", pal["text"], True)
        sub = self.error or (_("Click a save, or pick one with ↑ ↓ and press Enter. Each game's autosave holds its "
                             "latest turn.") if self.saves else
                             _("No saved games yet: the game saves itself after every turn."))
        ink.text(surface, sub, (self.card.x + pad, self.card.y + pad + ink.lh("h1", True)), "small",
                 pal["bad"] if self.error else pal["dim"], max_w=self.card.w - 2 * pad)
        clip = surface.get_clip()
        surface.set_clip(self.list_rect)
        for b in self.buttons:
            if b.id.startswith("save:"):
                self._row(surface, b, int(b.id.split(":")[1]))
        surface.set_clip(clip)
        draw_scrollbar(ink, surface, self.list_rect, self.scroll)
        self.draw_buttons(surface, [b for b in self.buttons if not b.id.startswith("save:")])

    def _row(self, surface, b: Button, i: int) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        info = self.saves[i]
        chosen = i == self.selected
        ink.panel(surface, b.rect, pal["card_hi"] if chosen else pal["card"] if self.hover == b.id else pal["panel"],
                  pal["select"] if chosen else pal["border"], radius=th.px(8), width=th.px(3) if chosen else None)
        pad = th.tx(18)
        x, y = b.rect.x + pad, b.rect.y + th.tx(9)
        when = persist.when(info.saved_at)
        ink.text(surface, when, (b.rect.right - pad, y), "small", pal["dim"], anchor="topright")
        name = info.slot
        if persist.is_autosave(info.slot) and not info.problem:
            name = (_("Autosave of {team}, seed {seed}") if info.team else _("Autosave, seed {seed}")).format(
                team=info.team, seed=info.seed)
        elif info.team:
            name += f" ({info.team})"
        ink.text(surface, name, (x, y), "body", pal["bad"] if info.problem else pal["text"], True,
                 max_w=b.rect.w - 3 * pad - ink.width(when, "small"))
        y += ink.lh("body", True)
        if info.problem:
            ink.text(surface, "⚠ " + info.problem, (x, y), "small", pal["bad"], max_w=b.rect.w - 2 * pad)
        else:
            played = ngettext("{n} turn played", "{n} turns played", info.turn).format(n=info.turn)
            room = b.rect.w - 2 * pad
            tail = f"  ·  {persist.turn_words(info.turn_label)}  ·  {played}"
            forms = name_forms(persist.campaign_words(info, self.names))
            name = next((f for f in forms if ink.width(f + tail, "small") <= room), forms[-1])
            ink.text(surface, name + tail, (x, y), "small", pal["dim"], max_w=room)
