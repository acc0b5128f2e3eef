"""The end screen's notes on single allies (the best relationship and the most strained, with how they were judged)
and its skill-or-luck line: each shown whole or not at all, in the richest form the room allows, in the first
column with room for it."""
from __future__ import annotations

import pygame

from game.i18n import N_, _
from game.ui.report import whatif_job

MORAL = (N_("No single order wins everywhere: the allies that learn to carry their own defence also learn they need "
         "not follow Washington. Open the turn reports (L) to see why each ally moved as it did."))
# How "best" and "most strained" are judged, said on screen beside them (the figures they use are all shown). The
# relationship only: what an ally spent is the burden pillar's, and an ally pressed into spending more while its
# trust fell is no better a relationship for it.
JUDGED = (N_("Judged by the rise in trust and alignment, less twice the rise in hedging, and less a full point for an "
          "ally that broke ranks."))


def note_forms(scene, key: str, w: int) -> list[tuple[int, object]]:
    """The ways to show one note at width `w`, richest first: (height, draw(surface, x, y) -> y after it)."""
    ink, th, pal, d = scene.ink, scene.theme, scene.pal, scene.data
    if key == "luck":
        luck = whatif_job.luck_line(scene.session)
        text, color = (luck + _(" What if? (W) has the rest."), pal["text"]) if luck else (_(MORAL), pal["faint"])
        head = ink.lh("small", True) + th.tx(4) if luck else 0

        def luck_note(surface, x, y):
            if luck:
                ink.text(surface, _("SKILL OR LUCK?"), (x, y), "small", pal["accent"], True)
            return ink.para(surface, text, pygame.Rect(x, y + head, w, 10_000), "small", color) + th.tx(14)
        return [(head + ink.para_height(text, w, "small"), luck_note)]
    label, move, color = {"best": (d["move_labels"][0], d["best"], "good"),
                          "worst": (d["move_labels"][1], d["worst"], "bad")}[key]
    if not move:
        return []
    brief = f"{move[1]}: {move[3]}"
    head = ink.lh("small", True) + th.tx(4)

    def full(surface, x, y):
        ink.text(surface, label, (x, y), "small", pal[color], True)
        ink.text(surface, move[1], (x, y + head), "h3", pal["text"], True)
        return ink.para(surface, move[2], pygame.Rect(x, y + head + ink.lh("h3", True), w, 10_000), "small",
                        pal["dim"]) + th.tx(14)

    def short(surface, x, y):     # a short panel: the relationship's figures alone, beside the name
        ink.text(surface, label, (x, y), "small", pal[color], True)
        return ink.para(surface, brief, pygame.Rect(x, y + head, w, 10_000), "small", pal["text"]) + th.tx(10)
    return [(head + ink.lh("h3", True) + ink.para_height(move[2], w, "small") + th.tx(14), full),
            (head + ink.para_height(brief, w, "small") + th.tx(10), short)]

def draw_notes(scene, surface, rects: list[pygame.Rect]) -> None:
    """The best and most strained ally (with how they were judged) and skill or luck, each whole or not at all,
    in the first of `rects` with room for it, richest form first."""
    ink, th, pal = scene.ink, scene.theme, scene.pal
    left = ["best", "worst", "luck"]
    for rect in rects:
        x, y, w = rect.x, rect.y, rect.w
        judged_h = ink.para_height(_(JUDGED), w, "tiny") + th.tx(14)
        judged = False
        for key in [k for k in left if k != "luck"]:
            # an ally's note never goes without how it was judged, which follows the notes of the column
            form = next((f for h, f in note_forms(scene, key, w) if y + h + judged_h <= rect.bottom), None)
            if form is not None:
                y, judged = form(surface, x, y), True
                left.remove(key)
        if judged:
            y = ink.para(surface, _(JUDGED), pygame.Rect(x, y - th.tx(8), w, rect.bottom - y + th.tx(8)), "tiny",
                         pal["faint"]) + th.tx(14)
        pair = pair_line(scene.data)
        if left[:2] == ["best", "worst"] and pair and y + ink.para_height(pair, w, "small") <= rect.bottom:
            # no room for either note: both allies named in a line, judged as the notes are
            y = ink.para(surface, pair, pygame.Rect(x, y, w, rect.bottom - y), "small", pal["dim"]) + th.tx(14)
            left = left[2:]
        if "luck" in left:
            form = next((f for h, f in note_forms(scene, "luck", w) if y + h <= rect.bottom), None)
            if form is not None:
                form(surface, x, y)
                left.remove("luck")

def pair_line(d: dict) -> str:
    """Both allies named in one line, judged as the notes are (for a panel with no room for either note)."""
    if not (d["best"] and d["worst"]):
        return ""
    return _("{best_label}: {best}; {worst_label}: {worst} (by the change in trust and alignment, less twice that in "
             "hedging).").format(best_label=d['move_labels'][0].capitalize(), best=d['best'][1],
                                 worst_label=d['move_labels'][1].lower(), worst=d['worst'][1])
