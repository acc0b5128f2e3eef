"""The screens the window can show, by name: the registry `App.show(name, ...)` builds scenes from. Scenes and the
flow open one another by these names, so none of them imports another screen.

A screen's module is imported when it is first asked for: the title's first frame needs the title alone, and
importing every screen up front took a tenth of the start-up. The App loads the rest once that frame is on screen
(`load_all`), so that no later click waits for an import.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

WHERE = {
    "title": "game.ui.title.scene:TitleScene", "briefing": "game.ui.title.briefing:BriefingScene",
    "play": "game.ui.play.scene:PlayScene", "report": "game.ui.report.scene:ReportScene",
    "end": "game.ui.report.debrief:EndScene", "event": "game.ui.side.event:EventDialog",
    "message": "game.ui.side.dialogs:MessageDialog", "confirm": "game.ui.side.dialogs:ConfirmDialog",
    "help": "game.ui.side.help:HelpScene", "settings": "game.ui.side.settings:SettingsScene",
    "load": "game.ui.side.load:LoadScene", "save": "game.ui.side.saveas:SaveAsScene",
    # the seminar toolkit (issue 11)
    "whatif": "game.ui.report.whatif:WhatIfScene", "projector": "game.ui.report.projector:ProjectorScene",
    "seed": "game.ui.side.seed:SeedDialog", "inject": "game.ui.side.inject:InjectDialog",
    # the hand-in (issue 21)
    "team": "game.ui.side.team:TeamDialog",
    # the class room (issue 25)
    "room": "game.ui.side.room:RoomScene",
}


class Screens(Mapping):
    """name -> scene class, each imported on first use."""

    def __init__(self, where: dict[str, str]):
        self._where, self._loaded = where, {}

    def __getitem__(self, name: str):
        found = self._loaded.get(name)
        if found is None:
            module, cls = self._where[name].split(":")
            found = self._loaded[name] = getattr(importlib.import_module(module), cls)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def load_all(self) -> None:
        for name in self._where:
            self[name]


SCREENS = Screens(WHERE)
