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
from game.i18n import N_, NC_, N_plural, Translated, _, delocalise, ngettext, num, pgettext
from game.sim import policies
from game.sim.explain import PILLAR_NAMES, Change, Factor, advice, fmt
from game.sim.report import FACTORS, factor_name

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


class _Figures(Translated):
    """FIGURES: each read in the language spoken (the names are marked for translation, a tab's with its context)."""

    def __getitem__(self, key) -> Figure:
        f = self._messages[key]
        return Figure(_(f.title), _(f.short), pgettext("tab", f.tab), pgettext("noun", f.noun), f.good_up)


FIGURES = _Figures({
    "spending": Figure(N_("Defence spending"), N_("Spending"), NC_("tab", "Spend"), NC_("noun", "spending"), True),
    "threat": Figure(N_("Threat felt"), N_("Threat"), NC_("tab", "Threat"), NC_("noun", "threat"), None),
    "trust": Figure(N_("Trust in the U.S."), N_("Trust"), NC_("tab", "Trust"), NC_("noun", "trust in the U.S."), True),
    "alignment": Figure(N_("Alignment with the U.S."), N_("Alignment"), NC_("tab", "Align"),
                        NC_("noun", "alignment with the U.S."), True),
    "hedging": Figure(N_("Hedging"), N_("Hedging"), NC_("tab", "Hedge"), NC_("noun", "hedging"), False),
    "presence": Figure(N_("U.S. presence"), N_("U.S. presence"), NC_("tab", "Presence"), NC_("noun", "U.S. presence"),
                       True),
})
# The figures a turn report explains (game.sim.report.FACTORS), in its order, and which way is good for each.
GOOD_UP = {var: FIGURES[var].good_up for var in FACTORS}
PILLAR_TITLES = Translated({p: PILLAR_NAMES.source(p) for p in ("deterrence", "burden", "influence", "cohesion")})
PILLAR_SHORT = Translated({"deterrence": NC_("pillar, short", "DETER."), "burden": NC_("pillar, short", "BURDEN"),
                           "influence": NC_("pillar, short", "INFLU."), "cohesion": NC_("pillar, short", "COHES.")},
                          "pillar, short")
ORDER_BLURB = Translated({
    "pressure": N_("Spend more, or our commitment shrinks"),
    "reassure": N_("Visits, exercises, troops: we stand by you"),
    "withdraw": N_("Bring U.S. forces home"),
    "criticize": N_("Shame it in public"),
    "hold": N_("Change nothing this turn"),
})
THEATRE_NAMES = Translated({"europe": N_("Europe"), "indo_pacific": N_("Indo-Pacific")})
# a campaign's number of turns and their length ("12 half-year turns"), plural by the catalogue's rule
STEP_NAMES = {"year": N_plural("{n} yearly turn", "{n} yearly turns"),
              "half": N_plural("{n} half-year turn", "{n} half-year turns"),
              "quarter": N_plural("{n} quarterly turn", "{n} quarterly turns"),
              "month": N_plural("{n} monthly turn", "{n} monthly turns")}


def overlay_title(var: str) -> str:
    """The map legend's and the settings' name for an overlay: the spending scale says its unit."""
    return FIGURES[var].title + (_(", % of GDP") if var == "spending" else "")


def theatre_name(tid: str) -> str:
    return THEATRE_NAMES[tid] if tid in THEATRE_NAMES else tid.replace("_", " ").title()


def campaign_meta(c) -> str:
    return card_meta(Card.of(c))


def card_meta(card: Card) -> str:
    """A campaign's one line from its card (game.catalog.Card), which the title has without parsing the file."""
    return card_meta_forms(card)[0]


def card_meta_forms(card: Card) -> tuple[str, str]:
    """The line, then a shorter one without the theatres (in a language whose words are long)."""
    turns = ngettext(*STEP_NAMES.get(card.step, N_plural("{n} turn", "{n} turns")), card.turns).format(n=card.turns)
    allies = ngettext("{n} ally", "{n} allies", card.allies).format(n=card.allies)
    return f"{turns} · {' + '.join(theatre_name(t) for t in card.theatres)} · {allies}", f"{turns} · {allies}"


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
SENTENCES = Translated({
    "change": N_("{ally}'s {figure} {moved}"),
    "steady": N_("held steady at {level}"),
    "rose": N_("rose by {amount}, from {before} to {level}"),
    "fell": N_("fell by {amount}, from {before} to {level}"),
    "balanced": N_("{ups} balanced by {downs}"),
    "pushed": N_("pushed up by {ups}"),
    "held back": N_("held back by {downs}"),
    "factor": N_("{name} ({value})"),
    "below par": N_("spends {spend} % of GDP, {below} its fair share (what its threat warrants): {fair} %"),
    "below par, shorter": N_("{below} its fair share (what its threat warrants), {fair} %"),
    "below par, short": N_("{below} fair share: {spend} of {fair} %"),
    "below par, shortest": N_("{below} fair share {fair} %"),
})
# how the parts of a sentence join
JOIN = Translated({"and": NC_("join", " and "), "clause": NC_("join", ", "), "and clause": NC_("join", " and ")},
                  "join")
BELOW = {True: N_("just below"), False: N_("below")}   # spending that shows as the fair share, or under it


def shown(value: float) -> str:
    """A value as every screen prints it, in the language's notation (and -0.00 as 0.00)."""
    text = num(value, DIGITS)
    return text[1:] if text.startswith("-") and float(delocalise(text)) == 0 else text


def shown_delta(before: float, after: float) -> float:
    """The change as the two printed values differ (what a reader can check by subtracting)."""
    return round(float(delocalise(shown(after))) - float(delocalise(shown(before))), DIGITS)


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


def dollars(value: float, digits: int = 1) -> str:
    """U.S. dollars in billions: "$1,234.5 bn" in English, "1.234,5 Mrd. $" in German, "1 234,5 mld $" in Polish."""
    return _("${amount} bn").format(amount=num(value, digits, group=True))


def level(var: str, value: float) -> str:
    return shown(value) + (_(" % of GDP") if var == "spending" else "")


def amount(var: str, value: float) -> str:
    return shown(abs(value)) + (_(" pp") if var == "spending" else "")


def moved(var: str, before: float, after: float) -> str:
    """'held steady at 0.61', or 'rose by 0.10, from 0.01 to 0.11' ('... from 2.00 to 2.10 % of GDP')."""
    d = shown_delta(before, after)
    kind = "steady" if d == 0 else "rose" if d > 0 else "fell"
    return SENTENCES[kind].format(level=level(var, after), amount=amount(var, d), before=shown(before))


def _factors(factors: list[Factor], var: str) -> str:
    return JOIN["and"].join(SENTENCES["factor"].format(name=factor_name(f.name), value=fmt(var, f.value, sign=True))
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
    order, short = advice(state, ally)[:2]
    reasons = policies.adviser(state)[1]
    if int(reasons[0, ally]) != policies.BELOW_PAR:
        return order, (short,)
    spend = float(state.spending[0, ally])
    fair = float(state.world.params.fair_share(state.threat[0, ally]))
    fields = {"spend": shown(spend), "fair": shown(fair), "below": _(BELOW[shown(spend) == shown(fair)])}
    return order, tuple(SENTENCES[form].format(**fields)
                        for form in ("below par", "below par, shorter", "below par, short", "below par, shortest"))
