"""Scrollable rich text: headings, paragraphs, bullets and key/value rows, measured and drawn with an offset.

Used by the briefing, the help screen and the event dialogs. Drawing only blits lines that are visible.
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.ink import Ink


@dataclass(frozen=True)
class Block:
    kind: str                 # h (heading) | t (title) | p (paragraph) | b (bullet) | kv (key, text) | gap
    text: str = ""
    key: str = ""
    color: str = "text"
    role: str = "body"


def _lines(ink: Ink, block: Block, width: int) -> list[tuple[int, int, str, str, bool, str]]:
    """(x offset, y offset, text, role, bold, colour) per line, and the block's height as the last item's y."""
    th = ink.theme
    out = []
    if block.kind == "gap":
        return [(0, th.tx(int(block.text or 12)), "", "body", False, "text")]
    if block.kind == "h":
        lh = ink.lh("small", True)
        out.append((0, th.tx(10), block.text.upper(), "small", True, "accent"))
        return out + [(0, th.tx(10) + lh + th.tx(6), "", "small", False, "text")]
    if block.kind == "t":
        y = 0
        for line in ink.wrap(block.text, width, "h3", True):
            out.append((0, y, line, "h3", True, block.color))
            y += ink.lh("h3", True)
        return out + [(0, y + th.tx(4), "", "h3", False, "text")]
    role = block.role
    lh = int(ink.lh(role) * 1.12)
    indent = 0
    if block.kind == "b":
        indent = th.tx(24)
        out.append((0, 0, "•", role, True, "accent"))
    elif block.kind == "kv":
        indent = min(width // 3, th.tx(190 if role == "small" else 250))
        for i, line in enumerate(ink.wrap(block.key, indent - th.tx(14), role, True)):
            out.append((0, i * lh, line, role, True, "select"))
    y = 0
    for line in ink.wrap(block.text, width - indent, role):
        if line:
            out.append((indent, y, line, role, False, block.color))
        y += lh if line else lh // 2
    if block.kind == "kv":
        y = max(y, len(ink.wrap(block.key, indent - th.tx(14), role, True)) * lh)
    return out + [(0, y + th.tx(8 if block.kind == "p" else 6), "", role, False, "text")]


def measure(ink: Ink, blocks: list[Block], width: int) -> int:
    return sum(_lines(ink, b, width)[-1][1] for b in blocks)


def draw(ink: Ink, surf: pygame.Surface, blocks: list[Block], rect: pygame.Rect, offset: int = 0) -> None:
    clip = surf.get_clip()
    surf.set_clip(rect)
    y = rect.y - offset
    for block in blocks:
        lines = _lines(ink, block, rect.w)
        height = lines[-1][1]
        if y + height >= rect.y and y <= rect.bottom:
            for dx, dy, text, role, bold, color in lines[:-1]:
                if text and rect.y - 40 <= y + dy <= rect.bottom:
                    ink.text(surf, text, (rect.x + dx, y + dy), role, ink.pal[color], bold)
        y += height
        if y > rect.bottom:
            break
    surf.set_clip(clip)
