"""The screens the window can show, by name: the registry `App.show(name, ...)` builds scenes from. Scenes and the
flow open one another by these names, so none of them imports another screen."""
from __future__ import annotations

from game.ui.play.scene import PlayScene
from game.ui.report.debrief import EndScene
from game.ui.report.projector import ProjectorScene
from game.ui.report.scene import ReportScene
from game.ui.report.whatif import WhatIfScene
from game.ui.side.dialogs import ConfirmDialog, MessageDialog
from game.ui.side.event import EventDialog
from game.ui.side.help import HelpScene
from game.ui.side.inject import InjectDialog
from game.ui.side.load import LoadScene
from game.ui.side.saveas import SaveAsScene
from game.ui.side.seed import SeedDialog
from game.ui.side.settings import SettingsScene
from game.ui.title.briefing import BriefingScene
from game.ui.title.scene import TitleScene

SCREENS = {
    "title": TitleScene, "briefing": BriefingScene, "play": PlayScene, "report": ReportScene, "end": EndScene,
    "event": EventDialog, "message": MessageDialog, "confirm": ConfirmDialog,
    "help": HelpScene, "settings": SettingsScene, "load": LoadScene, "save": SaveAsScene,
    # the seminar toolkit (issue 11)
    "whatif": WhatIfScene, "projector": ProjectorScene, "seed": SeedDialog, "inject": InjectDialog,
}
