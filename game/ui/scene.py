"""The scene contract of the pushdown automaton, and the behaviour every scene shares.

A scene is `process_event(event) -> bool` (did anything visible change), `update(dt) -> bool` (still
animating), `draw(surface)` (pure: reads, never changes the scene, the session or the model), plus
`layout(size)` which the app calls on entry and on every window resize to place buttons and panels, and three
hooks the app calls as the stack changes: `on_enter` (pushed), `on_resume` (the scene above it removed) and
`on_exit` (removed, however: popped, replaced, or the stack cleared back to the title). A scene
whose hover moves only a tooltip draws it in `draw_overlay` and sets `app.overlay_dirty` instead of returning True:
the app then re-blits its cached frame under the old tooltip and draws the new one, not the whole frame.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import bindings
from game.ui.widgets import Button, button_at, draw_button

if TYPE_CHECKING:
    from game.ui.app import App


class Scene:
    opaque = True           # False: the scene below shows through (dialogs)
    name = "scene"

    def __init__(self, app: "App"):
        self.app = app
        self.buttons: list[Button] = []
        self.hover: str | None = None
        self.focus: str | None = None      # keyboard focus among the buttons, where a scene uses it

    # --- convenience ---------------------------------------------------------------------------------------
    @property
    def ink(self):
        return self.app.ink

    @property
    def dense(self):
        """Ink for the map, its legend and the top bar (text size capped)."""
        return self.app.dense

    @property
    def theme(self):
        return self.app.ink.theme

    @property
    def pal(self):
        return self.app.ink.pal

    @property
    def session(self):
        return self.app.session

    def button(self, bid: str) -> Button | None:
        for b in self.buttons:
            if b.id == bid:
                return b
        return None

    def targets(self) -> dict[str, pygame.Rect]:
        """Clickable things by id, in screen pixels (what a test, or a curious player, can click)."""
        return {b.id: pygame.Rect(b.rect) for b in self.buttons if b.enabled}

    # --- lifecycle -----------------------------------------------------------------------------------------
    def layout(self, size: tuple[int, int]) -> None:
        pass

    def on_enter(self) -> None:
        pass

    def on_resume(self) -> None:
        """Called when the scene above this one has been popped."""

    def on_exit(self) -> None:
        """Called once the app has removed this scene from the stack, however it went (popped, replaced, or the
        stack cleared back to the title): let go of what on_enter took, such as text input."""

    # --- the three calls of the loop ---------------------------------------------------------------------
    def process_event(self, event) -> bool:
        if event.type == pygame.MOUSEMOTION:
            return self._hover(event.pos)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            b = button_at(self.buttons, event.pos)
            if b is not None:
                self.on_button(b.id)
                return True
            return self.on_click(event.pos)
        if event.type == pygame.MOUSEWHEEL:
            return self.on_wheel(event.y)
        if event.type == pygame.KEYDOWN:
            if event.key == bindings.BACK_KEY:
                self.on_back()
                return True
            return self.on_key(event)
        if event.type == pygame.TEXTINPUT:
            return self.on_text(event)
        return False

    def update(self, dt: float) -> bool:
        return False

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_buttons(surface)

    def draw_overlay(self, surface: pygame.Surface) -> pygame.Rect | None:
        """Draw what changes with the pointer alone (a tooltip) over the frame; return the rectangle it covers."""
        return None

    # --- hooks ---------------------------------------------------------------------------------------------
    def on_button(self, bid: str) -> None:
        pass

    def on_click(self, pos) -> bool:
        return False

    def on_wheel(self, dy: int) -> bool:
        return False

    def on_key(self, event) -> bool:
        return False

    def on_text(self, event) -> bool:
        return False

    def on_back(self) -> None:
        self.app.pop()

    # --- helpers -------------------------------------------------------------------------------------------
    def _hover(self, pos) -> bool:
        b = button_at(self.buttons, pos)
        new = b.id if b else None
        changed = new != self.hover
        self.hover = new
        return changed

    def toast_area(self) -> pygame.Rect:
        """Where a passing message (a toast) may show without covering a value or a button: the widest gap
        in the lowest row of buttons (on the play screen, where the hint line is; the hint gives way)."""
        screen = self.app.screen.get_rect()
        row = [b.rect for b in self.buttons if b.rect.h and b.rect.bottom >= max(
            (r.rect.bottom for r in self.buttons), default=screen.bottom) - 2]
        if not row:
            return pygame.Rect(0, screen.bottom - screen.h // 10, screen.w, screen.h // 10)
        row.sort(key=lambda r: r.x)
        gap = self.theme.px(12)
        edges = [screen.x, *[x for r in row for x in (r.x, r.right)], screen.right]
        spans = [(edges[i + 1] - edges[i], edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
        _width, left, right = max(spans)
        return pygame.Rect(left + gap, min(r.y for r in row), max(0, right - left - 2 * gap), max(r.h for r in row))

    def draw_buttons(self, surface, buttons=None) -> None:
        for b in (self.buttons if buttons is None else buttons):
            draw_button(self.ink, surface, b, hovered=(b.id == self.hover), focused=(b.id == self.focus))

    def move_focus(self, ids: list[str], step: int) -> bool:
        """Move keyboard focus along `ids` (wrapping)."""
        if not ids:
            return False
        i = ids.index(self.focus) if self.focus in ids else (-1 if step > 0 else 0)
        self.focus = ids[(i + step) % len(ids)]
        return True


ENTER_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
