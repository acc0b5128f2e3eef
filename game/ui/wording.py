"""The words the window writes, in one place: the names it gives things and the sentences it words from values.

Names: theatres, turn lengths, a campaign's one line, the ally figures (each in every form a screen needs, from the
meter's title to a tab's cramped word and the noun a sentence uses), the pillars, what each order means.

Sentences never contradict the numbers printed beside them. The model explains a change with raw floats
(game.sim.explain); the window prints values at two decimals. These rules word a change from the values *as
shown*, so that the words and the figures always agree:

- "held steady" only when the two values shown are equal;
- a change is "rose by D, from B to A", where D is exactly A minus B as printed (never "rose 0.10 to 0.11",
  never "rose 0.03 to 0.03");
- the adviser's figures are rounded as the meters round them, and "fair share" is said with what it means;
- factors listed as the parts of a change add up, as printed, to the change printed.

Each sentence is a whole template with named fields (SENTENCES), so a translation can reorder its parts. Words
that belong below the window stay there: the model's (game.sim.explain: the happenings and the adviser's reasons;
game.sim.report: the factors' names and their help) and the analyses' (game.analysis). The keys' names come from
game.ui.bindings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from game.catalog import Card
from game.sim import policies
from game.sim.explain import Change, Factor, advice, fmt
from game.sim.report import FACTORS

DIGITS = 2      # every meter, report header and sentence shows two decimals


# --- names ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Figure:
    """One ally figure's names, longest first, and which way is good."""
    title: str              # a meter's or the legend's heading
    short: str              # where the title does not fit (a meter beside its value, a column head, a tab)
    tab: str                # the tightest overlay tab or column
    noun: str               # inside a sentence
    good_up: bool | None    # a rise is good (True), bad (False), or neither (None: the threat an ally feels)


FIGURES = {
    "spending": Figure("Defence spending", "Spending", "Spend", "spending", True),
    "threat": Figure("Threat felt", "Threat", "Threat", "threat", None),
    "trust": Figure("Trust in the U.S.", "Trust", "Trust", "trust in the U.S.", True),
    "alignment": Figure("Alignment with the U.S.", "Alignment", "Align", "alignment with the U.S.", True),
    "hedging": Figure("Hedging", "Hedging", "Hedge", "hedging", False),
    "presence": Figure("U.S. presence", "U.S. presence", "Presence", "U.S. presence", True),
}
# The figures a turn report explains (game.sim.report.FACTORS), in its order, and which way is good for each.
GOOD_UP = {var: FIGURES[var].good_up for var in FACTORS}
PILLAR_TITLES = {"deterrence": "Deterrence", "burden": "Burden", "influence": "Influence", "cohesion": "Cohesion"}
PILLAR_SHORT = {"deterrence": "DETER.", "burden": "BURDEN", "influence": "INFLU.", "cohesion": "COHES."}
ORDER_BLURB = {
    "pressure": "Spend more, or our commitment shrinks",
    "reassure": "Visits, exercises, troops: we stand by you",
    "withdraw": "Bring U.S. forces home",
    "criticize": "Shame it in public",
    "hold": "Change nothing this turn",
}
THEATRE_NAMES = {"europe": "Europe", "indo_pacific": "Indo-Pacific"}
STEP_NAMES = {"year": "yearly turns", "half": "half-year turns", "quarter": "quarterly turns", "month": "monthly turns"}


def overlay_title(var: str) -> str:
    """The map legend's and the settings' name for an overlay: the spending scale says its unit."""
    return FIGURES[var].title + (", % of GDP" if var == "spending" else "")


def theatre_name(tid: str) -> str:
    return THEATRE_NAMES.get(tid, tid.replace("_", " ").title())


def campaign_meta(c) -> str:
    return card_meta(Card.of(c))


def card_meta(card: Card) -> str:
    """A campaign's one line from its card (game.catalog.Card), which the title has without parsing the file."""
    return (f"{card.turns} {STEP_NAMES.get(card.step, 'turns')} · {' + '.join(theatre_name(t) for t in card.theatres)}"
            f" · {card.allies} allies")


def name_forms(name: str) -> tuple[str, ...]:
    """A campaign's name, then shorter forms that keep its figures: without a bracketed aside ("(historical)"),
    then the part before a colon ("Europe 2024")."""
    forms = [name]
    bare = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if bare and bare != name:
        forms.append(bare)
    if ":" in bare:
        forms.append(bare.split(":")[0].strip())
    return tuple(forms)


# --- sentences --------------------------------------------------------------------------------------------------
SENTENCES = {
    "change": "{ally}'s {figure} {moved}",
    "steady": "held steady at {level}",
    "rose": "rose by {amount}, from {before} to {level}",
    "fell": "fell by {amount}, from {before} to {level}",
    "balanced": "{ups} balanced by {downs}",
    "pushed": "pushed up by {ups}",
    "held back": "held back by {downs}",
    "factor": "{name} ({value})",
    "below par": "spends {spend} % of GDP, {below} its fair share (what its threat warrants): {fair} %",
    "below par, shorter": "{below} its fair share (what its threat warrants), {fair} %",
    "below par, short": "{below} fair share: {spend} of {fair} %",
    "below par, shortest": "{below} fair share {fair} %",
}
JOIN = {"and": " and ", "clause": ", ", "and clause": " and "}   # how the parts of a sentence join
BELOW = {True: "just below", False: "below"}   # spending that shows as the fair share, or under it


def shown(value: float) -> str:
    """A value as every screen prints it (and -0.00 as 0.00)."""
    text = f"{value:.{DIGITS}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def shown_delta(before: float, after: float) -> float:
    """The change as the two printed values differ (what a reader can check by subtracting)."""
    return round(float(shown(after)) - float(shown(before)), DIGITS)


def apportion(values, total: float) -> list[float]:
    """The values rounded to the shown precision so that they add up to `total` as shown (a sum the reader can
    check): each rounds to the nearest, then those rounding cost most move by one step until the sum is right
    (largest remainders). Each stays within one step of its true value."""
    step = 10 ** DIGITS
    units = [float(v) * step for v in values]
    rounded = [round(u) for u in units]
    short = round(total * step) - sum(rounded)
    order = sorted(range(len(units)), key=lambda i: units[i] - rounded[i], reverse=short > 0)
    for k in range(abs(short)):
        rounded[order[k % len(order)]] += 1 if short > 0 else -1
    return [r / step for r in rounded]


def level(var: str, value: float) -> str:
    return shown(value) + (" % of GDP" if var == "spending" else "")


def amount(var: str, value: float) -> str:
    return shown(abs(value)) + (" pp" if var == "spending" else "")


def moved(var: str, before: float, after: float) -> str:
    """'held steady at 0.61', or 'rose by 0.10, from 0.01 to 0.11' ('... from 2.00 to 2.10 % of GDP')."""
    d = shown_delta(before, after)
    kind = "steady" if d == 0 else "rose" if d > 0 else "fell"
    return SENTENCES[kind].format(level=level(var, after), amount=amount(var, d), before=shown(before))


def _factors(factors: list[Factor], var: str) -> str:
    return JOIN["and"].join(SENTENCES["factor"].format(name=f.name, value=fmt(var, f.value, sign=True))
                            for f in factors)


def change_sentence(change: Change, ally_name: str) -> str:
    """Why an ally's variable moved over a turn, worded from the values shown."""
    ups = [f for f in change.moved if f.value > 0]
    downs = [f for f in change.moved if f.value < 0]
    text = SENTENCES["change"].format(ally=ally_name, figure=FIGURES[change.var].noun,
                                      moved=moved(change.var, change.before, change.after))
    if shown_delta(change.before, change.after) == 0:
        if ups and downs:
            text += JOIN["clause"] + SENTENCES["balanced"].format(ups=_factors(ups[:2], change.var),
                                                                  downs=_factors(downs[:2], change.var))
        return text + "."
    if ups:
        text += JOIN["clause"] + SENTENCES["pushed"].format(ups=_factors(ups[:2], change.var))
    if downs:
        text += (JOIN["and clause"] if ups else JOIN["clause"]) + \
            SENTENCES["held back"].format(downs=_factors(downs[:2], change.var))
    return text + "."


def adviser_pick(state, ally: int) -> tuple[str, tuple[str, ...]]:
    """The adviser's order for one ally and its reason in ever shorter forms (the caller draws the first that
    fits). Figures are rounded as the meters round them, and "fair share" comes with its meaning."""
    order, short, _ = advice(state, ally)
    _, reasons = policies.adviser(state)
    if int(reasons[0, ally]) != policies.BELOW_PAR:
        return order, (short,)
    spend = float(state.spending[0, ally])
    fair = float(state.world.params.fair_share(state.threat[0, ally]))
    fields = {"spend": shown(spend), "fair": shown(fair), "below": BELOW[shown(spend) == shown(fair)]}
    return order, tuple(SENTENCES[form].format(**fields)
                        for form in ("below par", "below par, shorter", "below par, short", "below par, shortest"))
