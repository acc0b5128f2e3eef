"""Facilitator mode: type the seed the whole class plays (from the briefing, key S). The campaign then starts
again on that seed, so every team's game faces the same dice. The save-as dialog's text field, asking for a
number instead of a name."""
from __future__ import annotations

from game.i18n import _, integer
from game.limits import MAX_SEED
from game.ui import flow
from game.ui.side.dialogs import Dialog
from game.ui.side.saveas import SaveAsScene
from game.ui.widgets import TextField


def seed_problem(text: str) -> str | None:
    """Why `text` is not a seed, in words, or None."""
    if not (text.strip().isascii() and text.strip().isdigit()):     # isdigit() alone takes '²', which int() refuses
        return _("The seed is a whole number from 0 to {max}, digits only.").format(max=integer(MAX_SEED))
    if int(text) > MAX_SEED:
        return _("The seed can be at most {max}.").format(max=integer(MAX_SEED))
    return None


class SeedDialog(SaveAsScene):
    name = "seed"

    def __init__(self, app):   # not SaveAsScene's: it lists the save slots, which a seed has nothing to do with
        Dialog.__init__(self, app, _("Play on another seed"), "",
                        [("save", _("Use this seed"), "Enter"), ("cancel", _("Cancel"),
                                                                 "Esc")], kicker=_("Facilitator"),
                        width=820)
        self.field = TextField(str(app.session.seed))
        self.problem: str | None = None
        self.existing: list[str] = []
        self.text = _("Give every team this number: the same seed and orders give the same game.")

    def choose(self, bid: str) -> None:
        if bid == "cancel":
            self.close()
            return
        self.problem = seed_problem(self.field.text)
        if self.problem:
            return
        self.close()
        self.app.seed = int(self.field.text)    # campaigns started from the title use it too
        flow.start_campaign(self.app, self.app.session.campaign, self.app.seed)
