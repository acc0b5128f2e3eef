"""The scene stack tells a scene when it leaves, however it leaves (popped, replaced, or the stack cleared back to
the title), so a scene can let go of what it took on entry: the save-as box's text input, for one."""
from __future__ import annotations

import pygame

from game.ui import flow
from game.ui.scene import Scene


class Watched(Scene):
    name = "watched"

    def __init__(self, app, exits: list):
        super().__init__(app)
        self.exits = exits

    def on_exit(self) -> None:
        self.exits.append(self)


def test_every_way_off_the_stack_calls_on_exit_once(app):
    exits: list = []
    popped, replaced, cleared, under = (Watched(app, exits) for _ in range(4))
    app.push(popped)
    app.pop()
    assert exits == [popped]
    app.push(replaced)
    app.replace(Watched(app, []))
    assert exits == [popped, replaced]
    app.push(under)
    app.push(cleared)
    app.reset_to_title()
    assert exits == [popped, replaced, cleared, under]     # each once, the top first
    assert app.scene.name == "title" and len(app.stack) == 1


def test_leaving_the_save_box_any_way_stops_text_input(app, monkeypatch):
    stopped = []
    monkeypatch.setattr(pygame.key, "stop_text_input", lambda: stopped.append(True))
    flow.start_campaign(app, "tutorial", seed=1)
    flow.begin_play(app)
    app.show("save")
    flow.leave_to_title(app)        # no turn played: straight back to the title, the box never closed itself
    assert app.scene.name == "title" and stopped
