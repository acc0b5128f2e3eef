"""Widgets: buttons (with their key letters), a scroll position, a one-line text field.

Widgets are plain data plus a draw function; scenes own them, lay them out in `layout()` and draw them in
`draw()`. Hover and press state lives in the scene (set while handling events), never in draw.
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.ink import Ink
from game.ui.theme import ORDER_COLORS, lerp, readable_on


@dataclass
class Button:
    id: str
    label: str
    rect: pygame.Rect
    key: str = ""               # key hint drawn on the button ("P", "Enter", "Esc", ...)
    style: str = "normal"       # normal | primary | order | ghost | tab
    enabled: bool = True
    sub: str = ""               # secondary text, right-aligned (a cost, a value)
    order: str = ""             # for style "order": which order
    active: bool = False        # a toggled or chosen state (the current order, the current overlay)
    role: str = "body"


def draw_button(ink: Ink, surf: pygame.Surface, b: Button, hovered: bool = False, focused: bool = False) -> None:
    pal, th = ink.pal, ink.theme
    r = b.rect
    radius = th.px(8)
    if b.style == "primary":
        bg = pal["primary_hi"] if hovered else pal["primary"]
    elif b.style == "order":
        base = ORDER_COLORS[b.order]
        bg = base if b.active else lerp(pal["card"], base, 0.28 if hovered else 0.12)
    elif b.style == "tab":
        bg = pal["card_hi"] if b.active else pal["button_hi"] if hovered else pal["card"]
    elif b.style == "ghost":
        bg = pal["card"] if hovered else pal["panel"]
    else:
        bg = pal["button_hi"] if hovered else pal["button"]
    if not b.enabled:
        bg = lerp(bg, pal["panel"], 0.6)
    pygame.draw.rect(surf, bg, r, border_radius=radius)
    edge = pal["select"] if focused else (ORDER_COLORS[b.order] if b.style == "order" else
                                          pal["accent"] if (b.active and b.style == "tab") else pal["border"])
    pygame.draw.rect(surf, edge, r, max(th.line_w, th.px(3) if (focused or b.active) else 0), border_radius=radius)
    fg = readable_on(bg) if b.style in ("primary", "order") and (b.active or b.style == "primary") else pal["text"]
    if not b.enabled:
        fg = pal["faint"]
    pad = th.tx(12)
    x = r.x + pad
    if b.key:
        cap = ink.key_cap(surf, (x, r.centery), b.key, "small", "midleft",
                          color=None if b.enabled else pal["faint"])
        x = cap.right + th.tx(10)
    sub_w = ink.width(b.sub, "small", True) + pad if b.sub else 0
    if b.style in ("normal", "primary", "tab", "ghost") and not b.key and not b.sub:
        ink.text(surf, b.label, r.center, b.role, fg, True, "center", max_w=r.w - 2 * pad)
    else:
        ink.text(surf, b.label, (x, r.centery), b.role, fg, True, "midleft", max_w=r.right - pad - sub_w - x)
    if b.sub:
        ink.text(surf, b.sub, (r.right - pad, r.centery), "small", fg, True, "midright")


def button_at(buttons, pos) -> Button | None:
    for b in reversed(buttons):
        if b.enabled and b.rect.collidepoint(pos):
            return b
    return None


class Scroll:
    """A vertical scroll offset over content taller than its viewport."""

    def __init__(self):
        self.offset = 0
        self.content = 0
        self.view = 0

    def set_sizes(self, content: int, view: int) -> None:
        self.content, self.view = content, view
        self.offset = self.clamp(self.offset)

    def clamp(self, value: int) -> int:
        return max(0, min(int(value), max(0, self.content - self.view)))

    def by(self, delta: int) -> bool:
        new = self.clamp(self.offset + delta)
        changed = new != self.offset
        self.offset = new
        return changed

    def to(self, value: int) -> bool:
        new = self.clamp(value)
        changed = new != self.offset
        self.offset = new
        return changed

    @property
    def scrollable(self) -> bool:
        return self.content > self.view


def draw_scrollbar(ink: Ink, surf, rect: pygame.Rect, scroll: Scroll) -> None:
    if not scroll.scrollable:
        return
    th = ink.theme
    track = pygame.Rect(rect.right - th.px(8), rect.y, th.px(6), rect.h)
    pygame.draw.rect(surf, ink.pal["track"], track, border_radius=th.px(3))
    h = max(th.px(30), int(rect.h * scroll.view / scroll.content))
    y = rect.y + int((rect.h - h) * scroll.offset / max(1, scroll.content - scroll.view))
    pygame.draw.rect(surf, ink.pal["dim"], (track.x, y, track.w, h), border_radius=th.px(3))


class TextField:
    """One line of text input: printable characters from TEXTINPUT events, editing keys from KEYDOWN.

    A field opens with its default text selected, as a desktop text box does on focus: typing replaces it,
    Backspace or Delete clears it, an arrow key or End keeps it and puts the caret after it; Ctrl+A selects all
    again."""

    def __init__(self, text: str = "", max_len: int = 40):
        self.text, self.max_len = text, max_len
        self.selected = bool(text)

    def handle(self, event) -> bool:
        if event.type == pygame.TEXTINPUT:
            add = "".join(ch for ch in getattr(event, "text", "") if ch.isprintable())
            if not add:
                return False
            if self.selected:
                self.text, self.selected = "", False
            add = add[:max(self.max_len - len(self.text), 0)]
            self.text += add
            return bool(add)
        if event.type != pygame.KEYDOWN:
            return False
        mods = getattr(event, "mod", 0)
        if event.key == pygame.K_a and mods & (pygame.KMOD_CTRL | pygame.KMOD_META):
            self.selected = bool(self.text)
            return True
        if event.key in (pygame.K_BACKSPACE, pygame.K_DELETE) and self.text:
            if self.selected or mods & pygame.KMOD_CTRL:
                self.text = ""
            elif event.key == pygame.K_BACKSPACE:
                self.text = self.text[:-1]
            self.selected = False
            return True
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_HOME, pygame.K_END) and self.selected:
            self.selected = False
            return True
        return False


def draw_text_field(ink: Ink, surf: pygame.Surface, rect: pygame.Rect, field: TextField) -> None:
    """The field's box, its text (highlighted while selected: the next key replaces it) and the caret."""
    pal, th = ink.pal, ink.theme
    pygame.draw.rect(surf, pal["bg"], rect, border_radius=th.px(8))
    pygame.draw.rect(surf, pal["select"], rect, max(2, th.px(3)), border_radius=th.px(8))
    at = (rect.x + th.tx(14), rect.centery)
    if field.selected and field.text:
        box = pygame.Rect(0, 0, min(ink.width(field.text, "h3"), rect.w - th.tx(40)) + th.tx(8), ink.lh("h3"))
        box.midleft = (at[0] - th.tx(4), at[1])
        pygame.draw.rect(surf, pal["select"], box, border_radius=th.px(4))
    color = readable_on(pal["select"]) if field.selected and field.text else pal["text"]
    shown = ink.text(surf, field.text, at, "h3", color, anchor="midleft", max_w=rect.w - th.tx(40))
    caret_x = (shown.right if field.text else at[0]) + th.px(3)
    pygame.draw.line(surf, pal["select"], (caret_x, rect.y + th.tx(8)), (caret_x, rect.bottom - th.tx(8)),
                     max(2, th.px(2)))
