"""The map's legend (colour scale, hatches, presence pips, selection) and its hover tooltip."""
from __future__ import annotations

from functools import lru_cache

import pygame

from game.i18n import N_, _, general, num
from game.settings import OVERLAYS
from game.sim.explain import order_name
from game.ui.ink import Ink, hatch_tile
from game.ui.play.view import HEDGING_HATCH, AllyView
from game.ui.theme import Color, Yardstick, overlay_color
from game.ui.wording import dollars, overlay_title

# The hatches' words, short enough for a narrow legend beside the map or a key under it (Help says them in full).
KEYS = (("/", N_("Hedging {level}+")), ("x", N_("Nuclear ☢")), ("\\", N_("Own deal ⚑")), ("#", N_("Adversary")))


def key_label(label: str) -> str:
    return _(label).format(level=general(HEDGING_HATCH))


def legend_size(ink: Ink) -> tuple[int, int]:
    th = ink.theme
    words = [key_label(label) for _kind, label in KEYS] + [_("U.S. presence"), _("Selected ally")]
    w = max(max(ink.width(label, "small") for label in words) + th.tx(34) + th.tx(10),
            max(_two_lines(ink, t) for t in map(overlay_title, OVERLAYS))) + 2 * th.tx(14)
    h = (th.tx(14) * 2 + 2 * ink.lh("small", True) + th.tx(8) + th.tx(16) + ink.lh("tiny") + th.tx(10)
         + (len(KEYS) + 2) * (ink.lh("small") + th.tx(6)))
    return w, h


def _two_lines(ink: Ink, title: str) -> int:
    """The narrowest width at which `title` wraps on the two lines the legend gives it ("Defence spending," over
    "% of GDP"): the best place to break it, since greedy wrapping at that width breaks no later."""
    words = title.split(" ")
    if len(words) < 2:
        return ink.width(title, "small", True)
    return 1 + min(max(ink.width(" ".join(words[:k]), "small", True), ink.width(" ".join(words[k:]), "small", True))
                   for k in range(1, len(words)))


def sample_color(overlay: str, yardstick: Yardstick) -> Color:
    """The colour under a hatch's sample in a legend: a light one of the overlay's scale (just above the yardstick
    on the spending scale), on which the hatch reads."""
    return overlay_color(overlay, 1.25 * yardstick.guideline if overlay == "spending" else 0.5, yardstick)


@lru_cache(maxsize=16)
def _ramp(overlay: str, yardstick: Yardstick, w: int, h: int) -> pygame.Surface:
    surf = pygame.Surface((max(1, w), max(1, h)))
    for x in range(w):
        t = x / max(1, w - 1)
        surf.fill(overlay_color(overlay, t * yardstick.top if overlay == "spending" else t, yardstick), (x, 0, 1, h))
    return surf


def draw_ramp(ink: Ink, surf, ramp: pygame.Rect, overlay: str, yardstick: Yardstick) -> int:
    """The overlay's colour scale in `ramp`, its ticks under it; returns the y under the ticks. The spending scale
    runs from 0 to the yardstick's top, with its line marked and named ("3 % line")."""
    th, pal = ink.theme, ink.pal
    surf.blit(_ramp(overlay, yardstick, ramp.w, ramp.h), ramp)
    pygame.draw.rect(surf, pal["border"], ramp, 1)
    y = ramp.bottom + th.tx(2)
    if overlay == "spending":
        line = yardstick.share(yardstick.guideline)
        ticks = ((0.0, "0 %"), (line, yardstick.line), (1.0, f"{general(yardstick.top)} %"))
        gx = ramp.x + round(ramp.w * line)
        pygame.draw.line(surf, pal["text"], (gx, ramp.y - th.px(3)), (gx, ramp.bottom + th.px(3)), max(2, th.px(3)))
    else:
        ticks = ((0.0, _("0 low")), (0.5, "0.5"), (1.0, _("high 1")))
    for t, label in ticks:
        anchor = "topleft" if t == 0 else "topright" if t == 1 else "midtop"
        ink.text(surf, label, (ramp.x + round(ramp.w * t), y), "tiny", pal["dim"], anchor=anchor)
    return y + ink.lh("tiny")


def draw_legend(ink: Ink, surf, rect: pygame.Rect, overlay: str, yardstick: Yardstick) -> None:
    th, pal = ink.theme, ink.pal
    ink.panel(surf, rect, pal["panel"], radius=th.px(10))
    pad = th.tx(14)
    x, y, w = rect.x + pad, rect.y + pad, rect.w - 2 * pad
    # two lines for the title (legend_size makes them enough); a paragraph, so that a cut shows in the layout check
    ink.para(surf, overlay_title(overlay), pygame.Rect(x, y, w, 2 * ink.lh("small", True)), "small", pal["text"], True)
    y = rect.y + pad + 2 * ink.lh("small", True) + th.tx(8)
    ramp = pygame.Rect(x, y, w, th.tx(16))
    y = draw_ramp(ink, surf, ramp, overlay, yardstick) + th.tx(10)
    sw_w, sw_h = th.tx(34), ink.lh("small") - th.tx(2)
    row = ink.lh("small") + th.tx(6)
    spacing, lw = max(6, th.px(11)), max(1, th.px(2.2))
    for kind, label in ((kind, key_label(label)) for kind, label in KEYS):
        sw = pygame.Rect(x, y + th.tx(1), sw_w, sw_h)
        base = pal["adversary"] if kind == "#" else sample_color(overlay, yardstick)
        pygame.draw.rect(surf, base, sw)
        color = pal["adversary_hatch"] if kind == "#" else (12, 16, 24)
        surf.blit(hatch_tile(kind, (sw_w, sw_h), color, spacing, lw), sw)
        pygame.draw.rect(surf, pal["border"], sw, 1)
        ink.text(surf, label, (sw.right + th.tx(10), y), "small", pal["text"], max_w=rect.right - pad - sw.right)
        y += row
    star = ink.text(surf, "★", (x, y), "small", pal["select"], True)
    px = star.right + th.tx(2)
    size = th.tx(7)
    for i in range(5):
        r = pygame.Rect(px + i * (size + th.tx(2)), star.centery - size // 2, size, size)
        pygame.draw.rect(surf, pal["select"], r) if i < 3 else pygame.draw.rect(surf, pal["faint"], r, 1)
    ink.text(surf, _("U.S. presence"), (max(x + sw_w + th.tx(10), px + 5 * (size + th.tx(2)) + th.tx(8)), y),
             "small", pal["text"])
    y += row
    sel = pygame.Rect(x, y + th.tx(1), sw_w, sw_h)
    pygame.draw.rect(surf, pal["select"], sel, max(2, th.px(3)))
    ink.text(surf, _("Selected ally"), (sel.right + th.tx(10), y), "small", pal["text"])


def tooltip_lines(hit_iso: str, name: str, ally: AllyView | None, adversary=None, state=None) -> list[tuple[str, bool]]:
    if ally is not None:
        n = ally.now
        return [(ally.name + ally.flags, True),
                (_("Order: {order}").format(order=order_name(ally.order)), False),
                (_("Spending {spending} % of GDP ({change})").format(spending=num(n['spending']),
                                                                     change=num(ally.delta['spending'], sign=True)),
                 False),
                (_("Threat {threat}  ·  trust {trust}").format(threat=num(n['threat']), trust=num(n['trust'])), False),
                (_("Alignment {alignment}  ·  hedging {hedging}").format(alignment=num(n['alignment']),
                                                                        hedging=num(n['hedging'])), False),
                (_("U.S. presence {presence}  ·  deterrence {deterrence}×").format(
                    presence=num(n['presence']), deterrence=num(ally.deterrence, 1)), False),
                (_("Click to select"), False)]
    if adversary is not None and state is not None:
        k = [a.id for a in state.world.campaign.adversaries].index(adversary.id)
        return [(_("{adversary}: adversary").format(adversary=adversary.name), True),
                (_("Military spending {amount} a year").format(amount=dollars(float(state.adv_capability[0, k]), 0)),
                 False),
                (_("Appetite for probing {appetite}").format(appetite=num(float(state.revisionism[0, k]))), False)]
    return [(name, True)]


def draw_tooltip(ink: Ink, surf, pos, lines: list[tuple[str, bool]]) -> pygame.Rect:
    """Draw the tooltip near `pos`; returns the rectangle it covers, its shadow included."""
    th, pal = ink.theme, ink.pal
    pad = th.tx(12)
    w = max(ink.width(t, "small", b) for t, b in lines) + 2 * pad
    h = sum(ink.lh("small", b) for _, b in lines) + 2 * pad
    rect = pygame.Rect(pos[0] + th.px(18), pos[1] + th.px(18), w, h)
    if rect.right > surf.get_width() - th.px(6):
        rect.right = pos[0] - th.px(12)
    if rect.bottom > surf.get_height() - th.px(6):
        rect.bottom = pos[1] - th.px(12)
    rect.clamp_ip(surf.get_rect())
    ink.shadow(surf, rect, th.px(8))
    ink.panel(surf, rect, pal["card"], pal["accent"], radius=th.px(8))
    y = rect.y + pad
    for text, bold in lines:
        ink.text(surf, text, (rect.x + pad, y), "small", pal["text"] if bold else pal["dim"], bold)
        y += ink.lh("small", bold)
    return rect.union(rect.move(th.px(6), th.px(6))).clip(surf.get_rect())


def _spending_lines(ink: Ink, foe, w: int) -> list[str]:
    """An adversary's military spending in `w` pixels: on one line, or the change under the sum."""
    cap = foe.capability
    change = f"({num((cap[-1] / cap[0] - 1 if cap[0] else 0.0) * 100, 0, sign=True)} %)"
    a_year = _("{amount} a year").format(amount=dollars(cap[-1], 0))
    one = f"{a_year} {change}"
    return [one] if ink.width(one, "small", True) <= w else [a_year, change]


def _appetite_lines(ink: Ink, foe, w: int) -> list[str]:
    """"Appetite for probing 0.70" in `w` pixels: on one line, or the figure under the words."""
    one = _("Appetite for probing {appetite}").format(appetite=num(foe.revisionism))
    return [one] if ink.width(one, "small") <= w else [_("Appetite for probing"), num(foe.revisionism)]


def foes_width(ink: Ink, foes) -> int:
    """The narrowest the adversaries' box can be with its figures whole (the spending on two lines)."""
    th = ink.theme
    plain = [_("Successful attacks: {n}").format(n=0), _("Crises so far: {n}").format(n=0), _("Military spending"),
             _("Appetite for probing")]
    bold = [_("{amount} a year").format(amount=dollars(f.capability[-1], 0)) for f in foes] + [_("ADVERSARIES")]
    names = [ink.width(f.name, "h3", True) + th.tx(32) for f in foes]
    return max(*(ink.width(t, "small") for t in plain), *(ink.width(t, "small", True) for t in bold),
               *names) + 2 * th.tx(14)


def _foe_heights(ink: Ink, foes, w: int) -> tuple[int, list[int]]:
    """The adversaries' box: its frame and heading, and each adversary's block, at inner width `w`."""
    th = ink.theme
    need = 2 * th.tx(14) + ink.lh("small", True) + th.tx(6) + ink.lh("small") * 2
    return need, [ink.lh("h3", True) + (1 + len(_spending_lines(ink, f, w)) + len(_appetite_lines(ink, f, w)))
                  * ink.lh("small") + th.tx(40) for f in foes]


def draw_adversaries(ink: Ink, surf, rect: pygame.Rect, foes, attacks: int, crises: int) -> None:
    """The adversaries' strength and appetite, under the legend."""
    th, pal = ink.theme, ink.pal
    pad = th.tx(14)
    w = rect.w - 2 * pad
    need, pers = _foe_heights(ink, foes, w)
    need -= ink.lh("small") * 2
    if not foes or rect.h < need + pers[0]:
        return
    room = rect.h - need - ink.lh("small") * 2
    shown = [f for k, f in enumerate(foes) if sum(pers[:k + 1]) <= room] or foes[:1]
    h = need + sum(pers[:len(shown)]) + ink.lh("small") * 2
    box = pygame.Rect(rect.x, rect.y, rect.w, min(rect.h, h))
    ink.panel(surf, box, pal["panel"], radius=th.px(10))
    x, y = box.x + pad, box.y + pad
    ink.text(surf, _("ADVERSARY") if len(foes) == 1 else _("ADVERSARIES"), (x, y), "small", pal["adversary_hatch"],
             True)
    y += ink.lh("small", True) + th.tx(6)
    for foe in shown:
        sw = pygame.Rect(x, y + th.tx(4), th.tx(22), ink.lh("h3", True) - th.tx(8))
        pygame.draw.rect(surf, pal["adversary"], sw)
        surf.blit(hatch_tile("#", sw.size, pal["adversary_hatch"], max(6, th.px(11)), max(1, th.px(2.2))), sw)
        ink.text(surf, foe.name, (sw.right + th.tx(10), y), "h3", pal["text"], True, max_w=w - sw.w - th.tx(10))
        y += ink.lh("h3", True) + th.tx(4)
        ink.text(surf, _("Military spending"), (x, y), "small", pal["dim"], max_w=w)
        y += ink.lh("small")
        for line in _spending_lines(ink, foe, w):
            ink.text(surf, line, (x, y), "small", pal["text"], True, max_w=w)
            y += ink.lh("small")
        y += th.tx(6)
        for line in _appetite_lines(ink, foe, w):
            ink.text(surf, line, (x, y), "small", pal["dim"], max_w=w)
            y += ink.lh("small")
        y += th.tx(4)
        ink.bar(surf, pygame.Rect(x, y, w, th.tx(8)), foe.revisionism, pal["adversary_hatch"])
        y += th.tx(22)
    col = pal["bad"] if attacks else pal["dim"]
    ink.text(surf, _("Successful attacks: {n}").format(n=attacks), (x, y), "small", col, bool(attacks), max_w=w)
    y += ink.lh("small")
    ink.text(surf, _("Crises so far: {n}").format(n=crises), (x, y), "small", pal["dim"], max_w=w)
