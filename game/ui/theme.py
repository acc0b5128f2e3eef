"""Colours, overlay scales and type sizes: everything that decides how the game looks.

Colour-blind safe by construction: the sequential overlay scale is viridis, good/bad is blue/orange
(Okabe-Ito), and every colour that carries meaning is doubled by a number, a label, an icon or a hatch.
No pygame display is needed to import this module.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from game.analysis.chart_png import OKABE_ITO
from game.i18n import N_, num
from game.sim.params import DEFAULT, campaign_params
from game.sim.report import guideline_line

Color = tuple[int, int, int]

# Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision deficiencies.
# OKABE_ITO is the one palette of every chart and screen (game.analysis.chart_png).

# Viridis (matplotlib), sampled; starts a little above its darkest end so low values stay visible on navy.
VIRIDIS = ((0.0, (72, 35, 116)), (0.2, (64, 70, 136)), (0.4, (41, 120, 142)), (0.6, (34, 167, 132)),
           (0.8, (121, 209, 81)), (1.0, (253, 231, 37)))

BASE = {
    "bg": (10, 18, 34), "bar": (14, 26, 48), "panel": (19, 32, 57), "card": (27, 43, 74),
    "card_hi": (38, 58, 96), "border": (50, 72, 110), "text": (236, 241, 248), "dim": (160, 176, 200),
    "faint": (104, 120, 148), "good": OKABE_ITO["sky"], "good_fill": OKABE_ITO["blue"], "bad": OKABE_ITO["orange"],
    "bad_fill": OKABE_ITO["vermillion"], "select": OKABE_ITO["yellow"], "accent": OKABE_ITO["sky"],
    "sea": (21, 42, 72), "sea_line": (30, 54, 88), "land": (58, 66, 80), "land_line": (22, 28, 40),
    "ally_line": (10, 14, 24), "adversary": (84, 40, 58), "adversary_hatch": OKABE_ITO["purple"],
    "hatch": (245, 245, 245), "track": (40, 56, 86), "button": (34, 54, 92), "button_hi": (48, 76, 126),
    "primary": (0, 104, 168), "primary_hi": (0, 126, 200), "shadow": (4, 8, 16), "label_halo": (8, 12, 22),
}

HIGH_CONTRAST = dict(BASE, **{
    "bg": (0, 0, 0), "bar": (6, 6, 10), "panel": (14, 14, 20), "card": (26, 26, 36), "card_hi": (56, 56, 76),
    "border": (200, 200, 214), "text": (255, 255, 255), "dim": (222, 222, 232), "faint": (176, 176, 190),
    "sea": (0, 26, 60), "sea_line": (0, 40, 84), "land": (86, 86, 96), "land_line": (0, 0, 0),
    "track": (70, 70, 90), "button": (40, 40, 60), "button_hi": (80, 80, 120),
})

PALETTES = {"default": BASE, "high_contrast": HIGH_CONTRAST}
PALETTE_NAMES = {"default": N_("Navy"), "high_contrast": N_("High contrast")}

# Orders: a colour AND a key letter (game.ui.bindings) AND a word, never the colour alone.
ORDER_COLORS = {"hold": (120, 132, 152), "pressure": OKABE_ITO["orange"], "reassure": OKABE_ITO["sky"],
                "withdraw": OKABE_ITO["vermillion"], "criticize": OKABE_ITO["purple"]}

SPENDING_MAX = 5.0  # top of every spending scale at NATO's 2 %, % of GDP (the least top a scale has)


def lerp(a: Color, b: Color, t: float) -> Color:
    t = 0.0 if t < 0 else 1.0 if t > 1 else t
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def scale_color(stops, t: float) -> Color:
    t = min(max(float(t), stops[0][0]), stops[-1][0])
    for (t0, c0), (t1, c1) in zip(stops, stops[1:]):
        if t <= t1:
            return lerp(c0, c1, (t - t0) / (t1 - t0) if t1 > t0 else 0.0)
    return stops[-1][1]


def viridis(t: float) -> Color:
    return scale_color(VIRIDIS, t)


# Spending: orange below the campaign's yardstick, blue above, pale near it (diverging, colour-blind safe). The stops
# are shares of the yardstick, so an ally at half of it, or half as much again, has one colour in every campaign.
SPENDING_UNDER = ((0.0, (170, 70, 0)), (0.5, (222, 130, 20)), (1.0, (246, 206, 150)))
SPENDING_OVER = ((1.0, (180, 214, 240)), (1.5, (86, 160, 220)))
SPENDING_TOP_COLOR = (16, 84, 160)
# The scale's top grows with the yardstick, 2.5 times it: 5 % at NATO's 2 %, 7.5 % at 1969's 3 %, 10 % at 1966's 4 %.
# The yardstick then stands at the same place on every bar and legend, and the allies above it keep a range of
# blues: offset_1966's Britain (6.25 % against 4 %) is mid-blue with its bar short of full, where a fixed 5 % top would
# paint it, and every ally over 5 %, in the top colour. Never under 5 %, so that a low yardstick does not cut off
# the allies that spend 3-5 %. Taiwan's 8 % in korea_1969 (yardstick 3 %) sits past the top: the darkest blue, a
# full bar, its figure printed beside it.
SPENDING_HEADROOM = 2.5


@dataclass(frozen=True)
class Yardstick:
    """A campaign's yardstick of spending as every screen draws and names it: the % of GDP it asks of every ally,
    the number the model plays by (`Params.guideline`): NATO's 2 % guideline, or the campaign's own
    (`us: guideline:`, an era before NATO's). The one place a screen reads it from: `of_session` in a game,
    `of_campaign` before one (the title's campaign card), both what `make_world` uses."""
    guideline: float = DEFAULT.guideline
    own: bool = False       # the campaign sets its own yardstick (else it plays by NATO's guideline)

    @classmethod
    def of_campaign(cls, campaign) -> "Yardstick":
        return cls(campaign_params(campaign).guideline, campaign.us.guideline is not None)

    @classmethod
    def of_session(cls, session) -> "Yardstick":
        return cls(session.world.params.guideline, session.campaign.us.guideline is not None)

    @property
    def top(self) -> float:
        """The top of a spending scale (bar, ramp), % of GDP."""
        return max(SPENDING_MAX, SPENDING_HEADROOM * self.guideline)

    def share(self, pct: float) -> float:
        """Where `pct` % of GDP sits along a spending scale, 0-1 (past 1 above the top)."""
        return pct / self.top

    def met(self, pct: float) -> bool:
        """`pct` % of GDP reaches the yardstick (drawn in the good colour, blue)."""
        return pct >= self.guideline

    def color(self, pct: float) -> Color:
        r = pct / self.guideline
        if r < 1:
            return scale_color(SPENDING_UNDER, r)
        return scale_color((*SPENDING_OVER, (self.top / self.guideline, SPENDING_TOP_COLOR)), r)

    @property
    def line(self) -> str:
        """The yardstick's line as a legend or chart names it: "3 % line"."""
        return guideline_line(self.guideline)


def overlay_color(overlay: str, value: float, yardstick: Yardstick) -> Color:
    return yardstick.color(value) if overlay == "spending" else viridis(value)


def overlay_text(overlay: str, value: float) -> str:
    return f"{num(value, 1)} %" if overlay == "spending" else num(value)


def readable_on(color: Color) -> Color:
    """Black or white, whichever reads better on `color`."""
    r, g, b = color
    return (12, 16, 24) if 0.299 * r + 0.587 * g + 0.114 * b > 150 else (250, 250, 252)


# Type roles, in pixels at 1080p and text size 1.0 (base 20 px).
TYPE = {"tiny": 15, "small": 17, "body": 20, "label": 19, "h3": 23, "h2": 30, "h1": 42, "hero": 96}


@dataclass(frozen=True)
class Theme:
    """Scale and palette for one window size and one set of settings."""
    size: tuple[int, int]
    text_scale: float = 1.0
    palette_name: str = "default"

    @cached_property
    def s(self) -> float:
        """Layout scale: 1.0 at 1920x1080, 0.667 at 1280x720, limited by the narrower side."""
        w, h = self.size
        return max(0.4, min(h / 1080, w / 1920))

    @cached_property
    def t(self) -> float:
        """Text scale: layout scale times the player's text-size setting."""
        return self.s * self.text_scale

    @cached_property
    def pal(self) -> dict[str, Color]:
        return PALETTES.get(self.palette_name, BASE)

    @property
    def high_contrast(self) -> bool:
        return self.palette_name == "high_contrast"

    def px(self, value: float) -> int:
        return int(round(value * self.s))

    def tx(self, value: float) -> int:
        """A length that grows with the text (row heights, paddings around text)."""
        return int(round(value * self.t))

    def fs(self, role: str) -> int:
        """Font size in pixels for a type role."""
        return self.font_sizes[role]

    @cached_property
    def font_sizes(self) -> dict[str, int]:
        """Every role's size, worked out once: a frame asks for them hundreds of times."""
        return {role: max(11, int(round(size * self.t))) for role, size in TYPE.items()}

    @property
    def line_w(self) -> int:
        return max(1, self.px(2 if self.high_contrast else 1.5))
