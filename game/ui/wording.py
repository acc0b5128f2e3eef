"""Sentences that never contradict the numbers printed beside them.

The model explains a change with raw floats (game.sim.explain); the window prints values at two decimals. These
rules word a change from the values *as shown*, so that the words and the figures always agree:

- "held steady" only when the two values shown are equal;
- a change is "rose by D, from B to A", where D is exactly A minus B as printed (never "rose 0.10 to 0.11",
  never "rose 0.03 to 0.03");
- the adviser's figures are rounded as the meters round them, and "fair share" is said with what it means;
- factors listed as the parts of a change add up, as printed, to the change printed.
"""
from __future__ import annotations

from game.sim import policies
from game.sim.explain import Change, Factor, advice, fmt

VERBS = {"spending": "spending", "trust": "trust in the U.S.", "alignment": "alignment with the U.S.",
         "hedging": "hedging"}
DIGITS = 2      # every meter, report header and sentence shows two decimals


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
    if d == 0:
        return f"held steady at {level(var, after)}"
    return f"{'rose' if d > 0 else 'fell'} by {amount(var, d)}, from {shown(before)} to {level(var, after)}"


def _factors(factors: list[Factor], var: str) -> str:
    return " and ".join(f"{f.name} ({fmt(var, f.value, sign=True)})" for f in factors)


def change_sentence(change: Change, ally_name: str) -> str:
    """Why an ally's variable moved over a turn, worded from the values shown."""
    ups = [f for f in change.moved if f.value > 0]
    downs = [f for f in change.moved if f.value < 0]
    text = f"{ally_name}'s {VERBS[change.var]} {moved(change.var, change.before, change.after)}"
    if shown_delta(change.before, change.after) == 0:
        if ups and downs:
            text += f", {_factors(ups[:2], change.var)} balanced by {_factors(downs[:2], change.var)}"
        return text + "."
    if ups:
        text += ", pushed up by " + _factors(ups[:2], change.var)
    if downs:
        text += (" and" if ups else ",") + " held back by " + _factors(downs[:2], change.var)
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
    below = "just below" if shown(spend) == shown(fair) else "below"
    return order, (f"spends {shown(spend)} % of GDP, {below} its fair share (what its threat warrants): "
                   f"{shown(fair)} %",
                   f"{below} its fair share (what its threat warrants), {shown(fair)} %",
                   f"{below} fair share: {shown(spend)} of {shown(fair)} %", f"{below} fair share {shown(fair)} %")
