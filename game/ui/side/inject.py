"""Facilitator mode: fire one of the campaign's events at the start of the next turn (from the map, key I). It goes
through `session.execute(InjectEvent(...))`, so it is logged: saves, replays, the what-if and the class report all
face the same world the class did."""
from __future__ import annotations

import pygame

from game.i18n import _
from game.sim.session import CommandError, InjectEvent
from game.ui.side.dialogs import Dialog

NUMBER_KEYS = [pygame.K_1 + i for i in range(9)]


class InjectDialog(Dialog):
    name = "inject"

    def __init__(self, app):
        session = app.session
        self.events = list(session.campaign.events)[:len(NUMBER_KEYS)]
        chosen = session.pending_events
        lines = [f"{i + 1}.  {e.title}" + (_("  (chosen)") if chosen[i] else "")
                 + (_("  (scripted for turn {n})").format(n=e.turn) if e.turn is not None else "")
                 for i, e in enumerate(self.events)]
        super().__init__(app, _("Open the next turn with an event"),
                         _("Press its number: the event happens at the start of the next turn, whatever its "
                         "condition, and the game's log records it.\n\n") + "\n".join(lines),
                         [("cancel", _("Close"), "Esc")], kicker=_("Facilitator"), width=900)

    def on_key(self, event) -> bool:
        if event.key in NUMBER_KEYS[:len(self.events)]:
            picked = self.events[NUMBER_KEYS.index(event.key)]
            try:
                self.app.session.execute(InjectEvent(picked.id))
            except CommandError as error:
                self.app.toast(str(error).capitalize())
                return True
            self.app.pop(self)
            self.app.toast(_("\u201c{event}\u201d opens the next turn").format(event=picked.title))
            return True
        return super().on_key(event)
