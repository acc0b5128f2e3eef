"""Synthetic input for driving the window without a person: the tests, the bench and the screenshot script use it.

    drive = Driver(app)
    drive.press(pygame.K_RETURN)          # a key (KEYDOWN, then KEYUP)
    drive.type("my save")                 # TEXTINPUT events
    drive.click("end")                    # click the centre of the current scene's target "end"
    drive.keyboard_turn({"poland": "pressure"})   # one whole turn by keyboard: orders, Enter, confirm, dialogs
"""
from __future__ import annotations

import pygame

from game.ui.bindings import KEY_OF_ORDER


def key_event(key: int, mod: int = 0, unicode: str = "", up: bool = False) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYUP if up else pygame.KEYDOWN, key=key, mod=mod, unicode=unicode,
                              scancode=0)


def click_events(pos, button: int = 1) -> list[pygame.event.Event]:
    pos = (int(pos[0]), int(pos[1]))
    return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)]


class Driver:
    def __init__(self, app, render: bool = True):
        self.app, self.render = app, render

    def send(self, *events) -> None:
        for event in events:
            self.app.handle(event)
        self.app.tick(1 / 60)
        if self.render:
            self.app.render()
        self.app.presented()      # as the loop does after each pass: the deferred autosave is written

    @property
    def scene(self):
        return self.app.scene

    def press(self, key: int, mod: int = 0, unicode: str = "") -> None:
        self.send(key_event(key, mod, unicode), key_event(key, mod, unicode, up=True))

    def type(self, text: str) -> None:
        for ch in text:
            self.send(pygame.event.Event(pygame.TEXTINPUT, text=ch))

    def target(self, bid: str) -> pygame.Rect:
        targets = self.scene.targets()
        if bid not in targets:
            raise KeyError(f"no target '{bid}' on the {self.scene.name} screen (have: {', '.join(sorted(targets))})")
        return targets[bid]

    def click(self, bid: str) -> None:
        self.click_at(self.target(bid).center)

    def click_at(self, pos) -> None:
        self.send(*click_events(pos))

    # --- whole turns ----------------------------------------------------------------------------------------
    def keyboard_turn(self, orders: dict[str, str]) -> None:
        """From the play screen: give `orders` by Tab + letter, end the turn, read through dialogs and report."""
        app = self.app
        ids = [a.id for a in app.session.campaign.allies]
        for ally, order in orders.items():
            while ids[self.scene.selected] != ally:
                self.press(pygame.K_TAB)
            self.press(KEY_OF_ORDER[order])
        self.press(pygame.K_RETURN)          # ask to end the turn
        self.press(pygame.K_RETURN)          # confirm
        self.read_through(keyboard=True)

    def mouse_turn(self, orders: dict[str, str]) -> None:
        """From the play screen: click each ally in the list and its order button, End turn, confirm, read on."""
        ids = [a.id for a in self.app.session.campaign.allies]
        for ally, order in orders.items():
            self.click(f"ally:{ids.index(ally)}")
            self.click(f"order:{order}")
        self.click("end")
        self.click("yes")
        self.read_through(keyboard=False)

    def read_through(self, keyboard: bool) -> None:
        """Dismiss event dialogs and the turn report until the play or end screen is back."""
        for _ in range(50):
            name = self.scene.name
            if name in ("play", "end", "title"):
                return
            if keyboard:
                self.press(pygame.K_RETURN)
            else:
                self.click({"event": "ok", "message": "ok", "report": "close", "confirm": "yes"}.get(name, "ok"))
        raise RuntimeError(f"stuck on the {self.scene.name} screen")
