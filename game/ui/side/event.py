"""The event dialog: one grave happening of the turn (explain.happenings), or a campaign event, in plain words."""
from __future__ import annotations

from game.ui.fonts import reflow
from game.ui.side.dialogs import Dialog

KIND_NAMES = {"aggression": "Aggression", "probe": "Probe", "entrapment": "Entrapment", "nuclear": "Proliferation",
              "renounced": "Proliferation stopped", "realignment": "Realignment", "own way": "Its own way",
              "congress": "Congress", "event": "News"}
BAD = {"aggression", "entrapment", "nuclear", "realignment", "congress"}


class EventDialog(Dialog):
    name = "event"

    def __init__(self, app, happening, number: int = 1, total: int = 1, when: str = ""):
        if isinstance(happening, tuple):
            title, text, kind = happening
        else:
            title, text, kind = happening.title, happening.text, happening.kind
        label = "Continue" if number >= total else f"Next ({number} of {total})"
        kicker = f"{KIND_NAMES.get(kind, 'News')}  ·  {when}" + (f"  ·  {number} of {total}" if total > 1 else "")
        super().__init__(app, title, reflow(text), [("ok", label, "Enter")], kicker, width=900)
        self.kind = kind
        self.accent = "bad" if kind in BAD else "accent"
