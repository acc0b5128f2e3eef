"""Plain words for a turn report: why each ally moved, and what happened. Reads one run of a batch."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.campaign.model import ORDERS
from game.i18n import N_, _, num
from game.sim import policies
from game.sim.derived import derive
# the orders' and pillars' names live beside the factors' (game.sim.report); the screens and exports import them
# from here, with the model's other words
from game.sim.report import FACTORS, PILLAR_NAMES, PILLAR_WORDS, Report, order_name  # noqa: F401
from game.sim.state import State

NOISE = {"spending": 0.005, "trust": 0.005, "alignment": 0.005, "hedging": 0.005}  # below: shown as 0.00


@dataclass(frozen=True)
class Factor:
    name: str
    value: float            # this turn
    total: float = 0.0      # since the start of the game, this turn included


@dataclass(frozen=True)
class Change:
    """One ally variable over one turn: before, after, and the factors that add up to the difference."""
    var: str
    before: float
    after: float
    # The factors that moved it this turn or have added up since the start, largest this turn first: a slow channel
    # (self-reliance, the third force) is shown while it adds up, though each turn's share is small.
    factors: tuple[Factor, ...]

    @property
    def delta(self) -> float:
        return self.after - self.before

    @property
    def moved(self) -> tuple[Factor, ...]:
        """The factors that moved it by a shown amount this turn."""
        return tuple(f for f in self.factors if abs(f.value) >= NOISE[self.var])


def fmt(var: str, value: float, sign: bool = False) -> str:
    return num(value, 2, sign=sign) + (_(" pp") if var == "spending" else "")


def change(report: Report, before: State, after: State, var: str, ally: int, run: int = 0,
           totals: np.ndarray | None = None) -> Change:
    """`totals`: the (F,) factors summed since the start of the game, this turn included (see `running`); by
    default this turn's alone."""
    values = report.factors(var)[run, ally]
    totals = values if totals is None else totals
    found = [Factor(name, float(v), float(t)) for name, v, t in zip(FACTORS[var], values, totals)
             if abs(v) >= NOISE[var] or abs(t) >= NOISE[var]]
    found.sort(key=lambda f: (-abs(f.value), -abs(f.total)))
    return Change(var, float(getattr(before, var)[run, ally]), float(getattr(after, var)[run, ally]), tuple(found))


def running(reports, run: int = 0) -> dict[str, np.ndarray]:
    """Each ally variable's factors summed over `reports` (the game so far), (N, F) per variable."""
    return {var: sum(report.factors(var)[run] for report in reports) for var in FACTORS}


def ally_changes(report: Report, before: State, after: State, ally: int, run: int = 0,
                 totals: dict[str, np.ndarray] | None = None) -> dict[str, Change]:
    """`totals`: `running` over the game up to and including this turn."""
    return {var: change(report, before, after, var, ally, run, None if totals is None else totals[var][ally])
            for var in FACTORS}


# The named issues an ally's own strength takes it its own way on, in the order it does (derived.issues): what
# Washington's protection bought it a say in.
ISSUES = (N_("arms purchases"), N_("trade policy"), N_("policy toward {adversary}"), N_("nuclear choices"))
ISSUE_TEXTS = (
    N_("{ally} buys its next weapons at home or from its neighbours rather than from American suppliers: a country "
       "that can defend itself chooses its own arsenal."),
    N_("{ally} sets its trade policy without asking what Washington wants: U.S. protection weighs less with it than "
       "it did."),
    N_("{ally} charts its own course toward {adversary}, talking where Washington wants firmness, or the other way "
       "round."),
    N_("{ally} debates a nuclear deterrent of its own, or one shared with its neighbours, outside U.S. control."),
)


@dataclass(frozen=True)
class Happening:
    """Something that happened in a turn, for the report and the event dialog."""
    kind: str       # 'event', 'aggression', 'probe', 'entrapment', 'nuclear', 'renounced', 'realignment', 'own way',
                    # 'congress'
    title: str
    text: str
    ally: str | None = None
    grave: bool = False     # worth a dialog of its own


def happenings(report: Report, state: State, run: int = 0) -> list[Happening]:
    """What happened during the turn `report` resolved (state: the state after it)."""
    c = state.world.campaign
    found: list[Happening] = []
    for i, ally in enumerate(c.allies):
        adv = c.adversaries[state.world.adversary[i]].name
        names = {"adv": adv, "ally": ally.name}
        if report.aggression[run, i]:
            found.append(Happening("aggression", _("{adv} strikes {ally}").format(**names),
                                   _("{adv} tested {ally} where deterrence looked thin, and got away with it. Threat "
                                     "rises across the region and the U.S. looks less credible.").format(**names),
                                   ally.id, True))
        elif report.probe[run, i]:
            found.append(Happening("probe", _("{adv} probes {ally}").format(**names),
                                   _("{adv} tested {ally}'s defences and was turned back. The crisis cost money and "
                                     "raised the threat it feels.").format(**names), ally.id))
        if report.entrapment[run, i]:
            found.append(Happening("entrapment", _("{ally} drags Washington in").format(**names),
                                   _("Emboldened by unconditional support, {ally} pressed its own quarrel with {adv}; "
                                     "the U.S. had to step in. This is entrapment.").format(**names), ally.id, True))
        if report.nuclear[run, i]:
            found.append(Happening("nuclear", _("{ally} starts a nuclear programme").format(**names),
                                   _("Unsure of U.S. protection against {adv}, {ally} has crossed from hedging into a "
                                     "weapons programme. It no longer heeds your orders, but a programme can still be "
                                     "stopped: press it to give the programme up, and reassure it between "
                                     "demands.").format(**names), ally.id, True))
        if report.renounced[run, i]:
            found.append(Happening("renounced", _("{ally} gives up its nuclear programme").format(**names),
                                   _("Pressed to stop and assured of U.S. protection, {ally} has shut its weapons "
                                     "programme down. The know-how stays, and with it the temptation if Washington's "
                                     "promise fails again.").format(**names), ally.id, True))
        if report.own_way[run, i]:
            issue = int(report.own_way[run, i]) - 1
            found.append(Happening("own way", _("{ally} goes its own way on {issue}").format(
                                       issue=_(ISSUES[issue]).format(adversary=adv), **names),
                                   _(ISSUE_TEXTS[issue]).format(ally=ally.name, adversary=adv)
                                   + " " + _("The stronger an ally grows, the less it needs to follow."), ally.id))
        if report.realignment[run, i]:
            found.append(Happening("realignment", _("{ally} makes its own deal").format(**names),
                                   _("Doubting Washington and tied to {adv} by trade, {ally} has chosen to accommodate "
                                     "{adv}. It will no longer follow U.S. orders.").format(**names), ally.id, True))
    if report.congress_cut[run]:
        found.append(Happening("congress", _("Congress forces a drawdown"),
                               _("Fed up with allies it sees as free-riding, Congress has cut U.S. forces abroad. "
                                 "Every ally feels it as a withdrawal nobody ordered: less trust, a bolder "
                                 "adversary."), None, True))
    for e in np.flatnonzero(report.fired[run]):
        event = c.events[e]
        found.append(Happening("event", event.title, event.text.strip(), None, True))
    return found


def order_summary(orders: np.ndarray, state: State) -> str:
    c = state.world.campaign
    parts = [f"{a.name}: {order_name(ORDERS[o])}" for a, o in zip(c.allies, orders) if ORDERS[o] != "hold"]
    return "; ".join(parts) if parts else _("every ally: hold")


def advice(state: State, ally: int, run: int = 0) -> tuple[str, str, str]:
    """What the built-in adviser would order for one ally now: (order, a short reason, a sentence)."""
    orders, reasons = policies.adviser(state)
    order, reason = ORDERS[orders[run, ally]], int(reasons[run, ally])
    p = state.world.params
    spend, threat = float(state.spending[run, ally]), float(state.threat[run, ally])
    fair = float(p.fair_share(threat))
    figures = {"threat": num(threat), "deterrence": num(float(derive(state).deterrence[run, ally]), 1),
               "trust": num(float(state.trust[run, ally])), "hedging": num(float(state.hedging[run, ally])),
               "spend": num(spend), "fair": num(fair), "fair_1": num(fair, 1)}
    short, long = ADVICE[reason]
    return order, _(short).format(**figures), _(long).format(**figures)


# The adviser's reasons: (a short reason, a sentence), with the figures it names as fields.
ADVICE = {
    policies.THIN: (N_("front line: stand by it"),
                    N_("it is on the front line (threat {threat}, deterrence {deterrence}x the adversary) and its "
                       "faith in you is short of firm (trust {trust})")),
    policies.SHAKY: (N_("its faith is shaky"), N_("its faith is shaky (trust {trust}, hedging {hedging})")),
    policies.BELOW_PAR: (N_("below fair share, {fair_1} %"),
                         N_("it spends {spend} % of GDP, less than the {fair} % its threat warrants")),
    policies.RESTING: (N_("pressed for a while: now the support"),
                       N_("it spends too little, but it has been pressed for a while: give it the support you "
                          "promised, and press again later")),
    policies.UNMOVED: (N_("pressure would not move it"),
                       N_("it spends {spend} % of GDP against a fair share of {fair} %, but it feels too safe or "
                          "doubts the U.S. threat: a demand it will not meet only strains the relationship")),
    policies.NO_MONEY: (N_("no budget to reassure"),
                        N_("reassurance would help, but the budget has no room left for it")),
    policies.NO_REASON: (N_("pays its share: stand by it"),
                         N_("it pays its share ({spend} % against {fair} %): stand by it, the reward for paying")),
}
