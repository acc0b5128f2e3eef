"""What the play screen shows, read off the Session: per-ally figures with their history, the global meters,
the budget effect of each order, and the map paint. Pure reads: nothing here changes the session or the model.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.campaign.model import ORDERS
from game.i18n import N_, _
from game.ui.map.names import country_name
from game.settings import OVERLAYS
from game.sim.derived import derive
from game.sim.explain import happenings
from game.sim.state import ORDER_CODE
from game.ui.map.labels import Label
from game.ui.map.view import Paint
from game.ui.theme import Yardstick, overlay_color, overlay_text
from game.ui.wording import shown_delta

VARS = ("spending", "threat", "trust", "alignment", "hedging", "presence")
HEDGING_HATCH = 0.3     # hedging at or above this is hatched on every overlay


@dataclass(frozen=True)
class AllyView:
    index: int
    id: str
    name: str
    iso: str
    theatre: str
    adversary: str
    partner: bool
    order: str
    now: dict               # var -> current value
    delta: dict             # var -> change over the last turn as the two values shown differ (0 before the first)
    history: dict           # var -> tuple of values, one per state so far
    nuclear: bool
    realigned: bool
    renounced: bool         # gave up a nuclear programme it had started
    deterrence: float
    self_reliance: float
    protection: float

    def overlay(self, overlay: str) -> float:
        return self.now[overlay]

    @property
    def flags(self) -> str:
        return (" ☢" if self.nuclear else "") + (" ⚑" if self.realigned else "")


@dataclass(frozen=True)
class GlobalView:
    turn: int               # turns completed
    turns: int
    label: str              # calendar label of the turn being planned
    budget: float
    projected: float        # U.S. cost next turn with the pending orders
    last_cost: float | None
    domestic: tuple         # history of domestic pressure
    credibility: tuple
    pillars: dict           # name -> 0-100, None before the first turn (nothing to judge yet)
    score: float | None
    over: bool


def ally_views(session) -> list[AllyView]:
    states = session.history
    s = states[-1]
    c = session.campaign
    d = derive(s)
    out = []
    for i, a in enumerate(c.allies):
        hist = {v: tuple(float(getattr(st, v)[0, i]) for st in states) for v in VARS}
        now = {v: hist[v][-1] for v in VARS}
        delta = {v: shown_delta(hist[v][-2], hist[v][-1]) if len(states) > 1 else 0.0 for v in VARS}
        adv = c.adversaries[int(s.world.adversary[i])]
        out.append(AllyView(i, a.id, a.name, a.country, a.theatre, adv.name, a.partner,
                            ORDERS[int(session.pending[i])], now, delta, hist, bool(s.nuclear[0, i]),
                            bool(s.realigned[0, i]), bool(s.renounced[0, i]), float(d.deterrence[0, i]),
                            float(d.self_reliance[0, i]),
                            float(d.protection[0, i])))
    return out


def global_view(session, hide_score: bool = False) -> GlobalView:
    """`hide_score`: facilitator mode keeps the pillars and the score out of sight until the end."""
    s, c = session.state, session.campaign
    o = session.outcome()
    shown = s.turn and not (hide_score and not session.over)
    pillars = {p: (float(getattr(o, p)[0]) if shown else None) for p in ("deterrence", "burden", "influence",
                                                                         "cohesion")}
    return GlobalView(
        turn=s.turn, turns=c.turns, label=c.calendar.label(min(s.turn, c.turns - 1)), budget=float(s.budget[0]),
        projected=session.projected_cost(),
        last_cost=float(session.reports[-1].us_cost[0]) if session.reports else None,
        domestic=tuple(float(st.domestic_pressure[0]) for st in session.history),
        credibility=tuple(float(st.credibility[0]) for st in session.history),
        pillars=pillars, score=float(o.score[0]) if shown else None, over=session.over)


def order_costs(session, ally: int) -> dict[str, float]:
    """U.S. cost next turn if `ally` got each order (the others keep theirs), relative to holding."""
    base = session.pending.copy()
    base[ally] = ORDER_CODE["hold"]
    hold = session.projected_cost(base)
    out = {}
    for order in ORDERS:
        trial = base.copy()
        trial[ally] = ORDER_CODE[order]
        out[order] = session.projected_cost(trial) - hold
    return out


def news(session) -> list[tuple[str, str, bool]]:
    """(title, text, grave) of what happened last turn, or of the opening events before the first turn."""
    if session.reports:
        return [(h.title, h.text, h.grave) for h in happenings(session.reports[-1], session.state)]
    return [(session.campaign.events[e].title, session.campaign.events[e].text, True) for e in session.opening_events]


def paint(session, allies: list[AllyView], overlay: str, theatre, palette: str) -> Paint:
    """Fills, hatches and labels of one theatre map for the chosen overlay."""
    assert overlay in OVERLAYS
    fills, hatches, labels = [], [], []
    countries, yardstick = theatre.countries, Yardstick.of_session(session)
    for a in allies:
        if a.iso not in countries:
            continue
        fills.append((a.iso, overlay_color(overlay, a.overlay(overlay), yardstick)))
        if a.nuclear:
            hatches.append((a.iso, "x"))
        elif a.realigned:
            hatches.append((a.iso, "\\"))
        elif a.now["hedging"] >= HEDGING_HATCH:
            hatches.append((a.iso, "/"))
        labels.append(Label(a.iso, a.name, overlay_text(overlay, a.overlay(overlay)), a.now["presence"], "ally",
                            a.flags))
    taken = {a.iso for a in allies}
    for adv in session.campaign.adversaries:
        if adv.country in countries and adv.country not in taken:
            taken.add(adv.country)
            hatches.append((adv.country, "#"))
            labels.append(Label(adv.country, adv.name.upper(), _("adversary"), -1.0, "adversary"))
    for iso, country in countries.items():
        if iso not in taken and not country.clipped:
            labels.append(Label(iso, country_name(country.name), kind="other"))
    return Paint(tuple(fills), tuple(hatches), tuple(labels), palette)


def deterrence_word(ratio: float) -> str:
    return N_("strong") if ratio >= 2.0 else N_("solid") if ratio >= 1.3 else N_("thin") if ratio >= 0.8 \
        else N_("very thin")



@dataclass(frozen=True)
class AdversaryView:
    name: str
    iso: str
    theatre: str
    capability: tuple       # military spending per state so far, US$ bn a year
    revisionism: float
    allies: int             # how many allies face it


def adversary_views(session) -> list[AdversaryView]:
    c = session.campaign
    w = session.world
    return [AdversaryView(a.name, a.country, a.theatre,
                          tuple(float(st.adv_capability[0, k]) for st in session.history),
                          float(session.state.revisionism[0, k]), int((w.adversary == k).sum()))
            for k, a in enumerate(c.adversaries)]
