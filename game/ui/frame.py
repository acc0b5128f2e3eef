"""The last full frame, kept so that a change of the top scene's overlay alone (a tooltip that follows the
pointer) costs a blit of the rectangles it covers and a redraw of the overlay, not a redraw of the whole screen:
at 1920x1080 a full frame took 5.7 ms to draw and 9.7 ms to present on X11."""
from __future__ import annotations

import pygame


class FrameCache:
    def __init__(self):
        self._frame: pygame.Surface | None = None
        self._overlay: pygame.Rect | None = None     # what the overlay covers on the screen now

    def keep(self, screen: pygame.Surface, scene) -> None:
        """After a full frame: keep it without the overlay, then draw the overlay over the screen."""
        if self._frame is None or self._frame.get_size() != screen.get_size():
            self._frame = screen.copy()
        else:
            self._frame.blit(screen, (0, 0))
        self._overlay = scene.draw_overlay(screen)

    def redraw_overlay(self, screen: pygame.Surface, scene) -> list[pygame.Rect] | None:
        """Put back what the last overlay covered and draw the new one: the rectangles to present, or None when
        there is no kept frame of the screen's size (a full frame is then needed)."""
        if self._frame is None or self._frame.get_size() != screen.get_size():
            return None
        old = self._overlay
        if old is not None:
            screen.blit(self._frame, old, old)
        self._overlay = new = scene.draw_overlay(screen)
        return [r for r in (old, new) if r is not None]
