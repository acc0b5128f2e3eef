"""The play screen's U.S.-level lever and the withdrawal that has nothing left to take: the words and the drawing.

"Invoke Congress" points at an impatient Congress so that this turn's threats of abandonment are believed (the
Nixon-era play), at the risk of a drawdown the player did not choose. Reads the session only; the scene sends the
commands (SetUSAction, SetOrder) through `session.execute`.
"""
from __future__ import annotations

import pygame

from game.i18n import N_, _, num
from game.sim.policies import adviser_us
from game.sim.state import CONGRESS
from game.ui.theme import OKABE_ITO, lerp, readable_on

COLOR = OKABE_ITO["green"]      # a colour no order uses, with the key letter G and the word beside it
BLURB = N_("Threats believed; risk of cuts")
# the adviser's word, in shorter forms for a narrow panel
ADVICE = (N_("Adviser: back this turn's pressure"), N_("Adviser: back the pressure"), N_("Adviser: invoke it"))


def congress_advised(state) -> bool:
    return bool(adviser_us(state)[0] == CONGRESS)


def congress_effect(session) -> str:
    """What invoking Congress does to domestic pressure, against the level where Congress may force a drawdown."""
    p = session.world.params
    now, line = float(session.state.domestic_pressure[0]), p.congress_threshold
    if now > line:
        where = _("now {now}, already past {line}: Congress may force cuts")
    elif now + p.congress_stir > line:
        where = _("now {now}: this takes it past {line}, where Congress may force cuts")
    else:
        where = _("now {now}; above {line} Congress may force cuts")
    return _("domestic pressure +{stir} ({where})").format(stir=num(p.congress_stir),
                                                          where=where.format(now=num(now), line=num(line)))


def congress_line(session) -> str:
    """The U.S. action as the end-turn confirmation states it."""
    if session.us_action == "congress":
        return _("U.S. action: invoke Congress, {effect}.").format(effect=congress_effect(session))
    return _("U.S. action: none (G invokes Congress).")


def withdraw_refusal(session, ally: int) -> str | None:
    """Why the selected ally cannot be given Withdraw, or None when it can."""
    a = session.campaign.allies[ally]
    return None if session.can_withdraw(a.id) else _("No U.S. forces left in {ally}").format(ally=a.name)


def draw_congress(scene, surface, b, advised: bool) -> None:
    """The toggle under the order buttons, drawn like them: key cap, label, a line of explanation (or the adviser's
    pick), and on the right the domestic pressure it stirs."""
    ink, th, pal = scene.ink, scene.theme, scene.pal
    r = b.rect
    p, dp = scene.session.world.params, float(scene.session.state.domestic_pressure[0])
    bg = COLOR if b.active else lerp(pal["card"], COLOR, 0.3 if scene.hover == b.id else 0.1)
    if not b.enabled:
        bg = lerp(bg, pal["panel"], 0.6)
    pygame.draw.rect(surface, bg, r, border_radius=th.px(8))
    pygame.draw.rect(surface, COLOR, r, max(th.line_w, th.px(3) if b.active else 0), border_radius=th.px(8))
    fg = readable_on(bg) if b.active else pal["text"]
    pad = th.tx(12)
    cap = ink.key_cap(surface, (r.x + pad, r.centery), b.key, "body", "midleft",
                      color=None if b.enabled else pal["faint"])
    x = cap.right + th.tx(14)
    blurb = not scene.compact_orders
    # The domestic pressure it stirs is this row's price, like an order's cost: shortened, never dropped.
    side = _("+{stir} domestic").format(stir=num(p.congress_stir))
    longest = _(ADVICE[0]) if advised else _(BLURB)
    if ink.width(side, "small", True) + ink.width(longest, "tiny", advised) + th.tx(10) > r.right - pad - x:
        side = "+" + num(p.congress_stir)
    room = r.right - pad - ink.width(side, "small", True) - th.tx(10) - x
    line = next((_(f) for f in ADVICE if ink.width(_(f), "tiny", True) <= room), _(ADVICE[-1])) if advised \
        else _(BLURB)
    top = r.centery - (ink.lh("body", True) + (ink.lh("tiny") if blurb else 0)) // 2
    note = _("  · adviser") if advised and not blurb else ""
    forms = ([_("✓ Congress invoked") + note, _("✓ Congress invoked"), _("✓ Congress")] if b.active else
             [b.label + note, b.label, _("Congress")])
    label = next((f for f in forms if ink.width(f, "body", True) <= room), forms[-1])
    ink.text(surface, label, (x, top), "body", fg, True, max_w=room)
    if blurb:
        ink.text(surface, line, (x, top + ink.lh("body", True)), "tiny", readable_on(bg) if b.active else pal["dim"],
                 advised, max_w=room)
    risky = dp + p.congress_stir > p.congress_threshold
    side_c = fg if b.active else pal["bad"] if risky else pal["dim"]
    ink.text(surface, side, (r.right - pad, r.centery), "small", side_c, True, "midright")
