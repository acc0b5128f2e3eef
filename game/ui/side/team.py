"""The team's name, asked once per window: on the way from the briefing into the first game (or on the end screen's
"Save for hand-in" when it was left empty). It goes into every save of the team's games and names the team in the
class report. The save-as dialog's text field, asking for a name instead of a slot."""
from __future__ import annotations

from typing import Callable

from game.i18n import _
from game.ui import persist
from game.ui.side.dialogs import Dialog
from game.ui.side.saveas import SaveAsScene
from game.ui.widgets import TextField


class TeamDialog(SaveAsScene):
    name = "team"

    def __init__(self, app, then: Callable[[], None], needed: bool = False):
        """`then`: what to do once the name is set; `needed`: the hand-in, which cannot go without a name."""
        Dialog.__init__(self, app, _("Your team's name"), "",
                        [("save", _("Hand in") if needed else _("Play"), "Enter"), ("cancel", _("Cancel"), "Esc")],
                        kicker=_("Hand-in") if needed else _("Playing in a class?"), width=820)
        self.then, self.needed = then, needed
        self.field = TextField(app.team or "")
        self.problem: str | None = None
        self.existing: list[str] = []
        self.text = (_("The class report names your game after it.") if needed else
                     _("It goes on your saves and the class report. Playing alone? Leave it empty and press Enter."))

    def choose(self, bid: str) -> None:
        if bid == "cancel":
            self.close()
            return
        team = " ".join(self.field.text.split())
        problem = persist.team_problem(team) if team or self.needed else None
        if problem:
            self.problem = problem[0].upper() + problem[1:] + "."
            return
        self.app.team = team
        self.close()
        self.then()
