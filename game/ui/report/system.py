"""The turn report's "Washington and the adversaries" block: why U.S. credibility, domestic pressure and each
adversary's appetite moved, as the model's named factors (report.SYSTEM_FACTORS), in words a student can check
against the printed values."""
from __future__ import annotations

import pygame

from game.i18n import N_, _, num
from game.sim.report import SYSTEM_FACTORS, factor_name
from game.sim.state import CONGRESS, PRESSURE
from game.ui.wording import apportion, shown, shown_delta

HEAD = N_("WASHINGTON AND THE ADVERSARIES")


def _line(title: str, before: float, after: float, names: tuple[str, ...], values) -> str:
    d = shown_delta(before, after)
    fields = {"title": title, "amount": shown(abs(d)), "before": shown(before), "after": shown(after)}
    # The parts are printed so they add up to the printed change (wording.apportion): a reader checks the sum.
    parts = sorted(((n, v) for n, v in zip(names, apportion(values, d)) if v != 0), key=lambda nv: -abs(nv[1]))
    why = "; ".join(f"{factor_name(n)} {num(v, sign=True)}" for n, v in parts)
    if d == 0:
        line = _("{title} held at {after}").format(**fields)
    else:
        line = (_("{title} rose by {amount}, from {before} to {after}") if d > 0 else
                _("{title} fell by {amount}, from {before} to {after}")).format(**fields)
    if d == 0 and why:      # parts that cancel out (Congress invoked while the pressure settles): said all the same
        return _("{line}, its parts cancelling out: {why}.").format(line=line, why=why)
    return line + (": " + why + "." if why and d != 0 else ".")


def system_lines(scene) -> list[str]:
    """One sentence per system-wide number that moved on screen this turn (none when all held), and, in a turn that
    invoked Congress, what Congress did, even where the pressure it added was cancelled out."""
    r, before, after = scene.report, scene.before, scene.after
    congress = int(r.us_action[0]) == CONGRESS
    rows = [(_("U.S. credibility"), before.credibility[0], after.credibility[0], "credibility", r.credibility[0],
             False),
            (_("Domestic pressure"), before.domestic_pressure[0], after.domestic_pressure[0], "domestic",
             r.domestic[0], congress)]
    rows += [(_("{adversary}'s appetite for probing").format(adversary=a.name), before.revisionism[0, k],
              after.revisionism[0, k], "appetite",
              r.appetite[0, k], False) for k, a in enumerate(scene.session.campaign.adversaries)]
    lines = [_line(title, b, a, SYSTEM_FACTORS[var], values) for title, b, a, var, values, always in rows
             if always or shown_delta(b, a) != 0]
    if congress:
        pressed = bool((r.orders[0] == PRESSURE).any())
        lines.insert(0, _("You invoked Congress: ") + (
            _("your threats to scale back counted for more this turn (the \"pressure\" factor of the allies you "
            "pressed)") if pressed else _("it would have made any pressure this turn more believable, but you pressed "
            "no ally")) + _(", and the pressure at home rose with it; ") +
            (_("Congress forced a drawdown of U.S. forces.") if bool(r.congress_cut[0]) else
             _("Congress forced no drawdown.")))
    return lines


def system_height(scene, width: int) -> int:
    ink, th = scene.ink, scene.theme
    lines = system_lines(scene)
    if not lines:
        return 0
    return ink.lh("small", True) + th.tx(10) + sum(ink.para_height(t, width, "small") + th.tx(6) for t in lines) \
        + th.tx(18)


def draw_system(scene, surface, rect: pygame.Rect) -> None:
    ink, th, pal = scene.ink, scene.theme, scene.pal
    ink.text(surface, _(HEAD), rect.topleft, "small", pal["accent"], True, max_w=rect.w)
    y = rect.y + ink.lh("small", True) + th.tx(10)
    for text in system_lines(scene):
        y = ink.para(surface, text, pygame.Rect(rect.x, y, rect.w, 10_000), "small", pal["text"]) + th.tx(6)
