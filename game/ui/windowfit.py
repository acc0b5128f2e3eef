"""Window sizes that fit the display: the size the window opens at, and the sizes Settings offers.

A saved or default size larger than the screen (1280x720 on a 1024x768 lab machine) would open with its edges
off the screen; it is shrunk to what the screen can show instead. The window always opens centred on the
display (SDL_VIDEO_CENTERED, set by game.ui.window.run), so no position from another, larger screen is restored.
No pygame display is needed to import this module.
"""
from __future__ import annotations

import pygame

STANDARD_SIZES = ((960, 540), (1024, 576), (1024, 768), (1280, 720), (1366, 768), (1600, 900), (1920, 1080),
                  (2560, 1440), (3840, 2160))
MIN_SIZE = (960, 540)       # the smallest window the layout is built for
TITLE_AND_TASKBAR = 72      # screen height a window's title bar and the system's taskbar take, in pixels


def usable(desktop: tuple[int, int]) -> tuple[int, int]:
    """The largest window that shows whole on a screen of `desktop` pixels, title bar and taskbar included."""
    w, h = desktop
    return max(1, int(w)), max(1, int(h) - TITLE_AND_TASKBAR)


def fit_size(want: tuple[int, int], desktop: tuple[int, int] | None) -> tuple[int, int]:
    """`want`, shrunk where it is wider or taller than the screen can show; never below MIN_SIZE, unless the
    screen itself is smaller (then the whole screen)."""
    w, h = int(want[0]), int(want[1])
    if desktop:
        room_w, room_h = usable(desktop)
        w, h = min(w, room_w), min(h, room_h)
        floor = (min(MIN_SIZE[0], room_w), min(MIN_SIZE[1], room_h))
    else:
        floor = MIN_SIZE
    return max(floor[0], w), max(floor[1], h)


def size_choices(desktop: tuple[int, int] | None, current: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    """The standard sizes that fit the screen, and the current size (a dragged window's) in its place among them."""
    room = usable(desktop) if desktop else (10 ** 6, 10 ** 6)
    found = {s for s in STANDARD_SIZES if s[0] <= room[0] and s[1] <= room[1]} | {tuple(current)}
    return tuple(sorted(found, key=lambda s: (s[0] * s[1], s)))


def desktop_size() -> tuple[int, int] | None:
    """The size of the (first) display, or None where the video driver cannot say."""
    sizes = pygame.display.get_desktop_sizes() if pygame.display.get_init() else []
    return tuple(sizes[0]) if sizes else None
