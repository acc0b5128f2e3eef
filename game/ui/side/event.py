"""The event dialog: one grave happening of the turn (explain.happenings), or a campaign event, in plain words."""
from __future__ import annotations

from game.i18n import N_, Translated, _
from game.ui.fonts import reflow
from game.ui.side.dialogs import Dialog

KIND_NAMES = Translated({"aggression": N_("Aggression"), "probe": N_("Probe"), "entrapment": N_("Entrapment"),
                         "nuclear": N_("Proliferation"), "renounced": N_("Proliferation stopped"),
                         "realignment": N_("Realignment"), "own way": N_("Its own way"), "congress": N_("Congress"),
                         "event": N_("News")})
BAD = {"aggression", "entrapment", "nuclear", "realignment", "congress"}


class EventDialog(Dialog):
    name = "event"

    def __init__(self, app, happening, number: int = 1, total: int = 1, when: str = ""):
        if isinstance(happening, tuple):
            title, text, kind = happening
        else:
            title, text, kind = happening.title, happening.text, happening.kind
        label = _("Continue") if number >= total else _("Next ({n} of {total})").format(n=number, total=total)
        kicker = f"{KIND_NAMES[kind] if kind in KIND_NAMES else _('News')}  ·  {when}" + \
            ("  ·  " + _("{n} of {total}").format(n=number, total=total) if total > 1 else "")
        super().__init__(app, title, reflow(text), [("ok", label, "Enter")], kicker, width=900)
        self.kind = kind
        self.accent = "bad" if kind in BAD else "accent"
