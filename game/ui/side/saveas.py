"""Save the game under a name (a slot): a text field, the names already used, and a check before overwriting."""
from __future__ import annotations

import pygame

from game.i18n import _
from game.ui import bindings, flow, persist
from game.ui.side.dialogs import Dialog
from game.ui.widgets import TextField, draw_text_field


class SaveAsScene(Dialog):
    name = "save_as"

    def __init__(self, app):
        s = app.session
        # named after the turn the play screen shows ("Turn 6 of 12"), or the end once the game is over
        shown = _("final") if s.over else _("turn {n}").format(n=s.state.turn + 1)
        default = f"{s.campaign.id.replace('_', ' ')} {shown}"[:40]
        super().__init__(app, _("Save the game"), "", [("save", _("Save"), "Enter"), ("cancel", _("Cancel"), "Esc")],
                         kicker=_("Save as"), width=820)
        self.field = TextField(default)
        self.problem: str | None = None
        found = persist.saves()[0]
        self.existing = [i.slot for i in found if not persist.is_autosave(i.slot)][:6]
        self.text = (_("Letters, digits, spaces, '-' and '_'; up to 40 characters."))

    def layout(self, size) -> None:
        super().layout(size)
        th, ink = self.theme, self.ink
        pad = th.tx(32)
        title_h = ink.lh("h2", True) + ink.lh("small", True) + th.tx(6)
        field_h = ink.lh("h3") + th.tx(20)
        bh = self.buttons[0].rect.h
        h = pad + title_h + th.tx(16) + field_h + th.tx(12) + ink.lh("small") * 3 + th.tx(34) + bh + pad
        self.card = pygame.Rect(self.card.x, (size[1] - h) // 2, self.card.w, h)
        self.field_rect = pygame.Rect(self.card.x + pad, self.card.y + pad + title_h + th.tx(16),
                                      self.card.w - 2 * pad, field_h)
        for b in self.buttons:
            b.rect.bottom = self.card.bottom - pad

    def on_enter(self) -> None:
        pygame.key.start_text_input()

    def choose(self, bid: str) -> None:
        if bid == "cancel":
            self.close()
            return
        slot = self.field.text.strip()
        taken, problem = persist.slot_taken(slot)
        if problem:
            self.problem = problem[0].upper() + problem[1:] + "."
            return
        if persist.is_autosave(slot):
            self.problem = _("Names like 'autosave' are kept for the automatic saves; please choose another name.")
            return

        def write():
            if flow.save_as(self.app, slot):
                self.close()
        if taken:
            self.app.confirm(_("Replace the save '{slot}'?").format(slot=slot),
                             _("A save with this name exists. Saving now replaces it "
                             "with this game."), write, yes=_("Replace"), no=_("Keep it"), kicker=_("Save as"))
        else:
            write()

    def on_exit(self) -> None:
        pygame.key.stop_text_input()

    def close(self) -> None:
        self.app.pop(self)

    def on_key(self, event) -> bool:
        if event.key in bindings.ENTER:
            self.choose("save")
            return True
        if self.field.handle(event):
            self.problem = None
            return True
        return False

    def on_text(self, event) -> bool:
        if self.field.handle(event):
            self.problem = None
            return True
        return False

    def draw(self, surface) -> None:
        ink, th, pal = self.ink, self.theme, self.pal
        ink.dim_screen(surface)
        ink.shadow(surface, self.card)
        ink.panel(surface, self.card, pal["panel"], pal["accent"], radius=th.px(14), width=max(2, th.px(3)))
        pad = th.tx(32)
        ink.text(surface, self.kicker.upper(), (self.card.x + pad, self.card.y + pad), "small", pal["accent"], True)
        ink.text(surface, self.title, (self.card.x + pad, self.card.y + pad + ink.lh("small", True) + th.tx(6)), "h2",
                 pal["text"], True)
        f = self.field_rect
        draw_text_field(ink, surface, f, self.field)
        y = f.bottom + th.tx(12)
        if self.problem:
            ink.para(surface, "⚠ " + self.problem, pygame.Rect(f.x, y, f.w, ink.lh("small") * 2), "small", pal["bad"])
        else:
            ink.text(surface, self.text, (f.x, y), "small", pal["dim"], max_w=f.w)
        y += ink.lh("small") * 2 + th.tx(6)
        if self.existing:
            ink.text(surface, _("Your saves: ") + ", ".join(self.existing), (f.x, y), "small", pal["faint"], max_w=f.w)
        self.draw_buttons(surface)
