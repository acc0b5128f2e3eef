"""Faster turns for big campaigns: every ally's order at once, from the adviser (A) or from last turn (D).

Both only choose orders, through `session.execute(SetOrder(...))` like the order buttons; the player still ends
the turn, and the confirmation says where the orders came from.
"""
from __future__ import annotations

from game.campaign.model import ORDERS
from game.i18n import _
from game.sim import policies
from game.sim.explain import order_name
from game.sim.session import SetOrder
from game.ui.play.usaction import withdraw_refusal
from game.ui.wording import dollars


def adviser_orders(session) -> list[str]:
    """The built-in adviser's order for every ally, in campaign order."""
    return [ORDERS[int(code)] for code in policies.adviser(session.state)[0][0]]


def last_orders(session) -> list[str] | None:
    """Last turn's order for every ally; None before the first turn."""
    if not session.reports:
        return None
    return [ORDERS[int(code)] for code in session.reports[-1].orders[0]]


def give_all(session, orders: list[str]) -> int:
    """Set every ally's order; an ally with no U.S. forces left holds instead of withdrawing. Returns how many
    were skipped that way."""
    skipped = 0
    for i, (ally, order) in enumerate(zip(session.campaign.allies, orders)):
        if order == "withdraw" and withdraw_refusal(session, i):
            order, skipped = "hold", skipped + 1
        session.execute(SetOrder(ally.id, order))
    return skipped


def source(session) -> str:
    """Where the pending orders came from, for the confirmation: the adviser's picks, last turn's, or the
    player's own (an empty string)."""
    pending = [ORDERS[int(code)] for code in session.pending]
    if all(o == "hold" for o in pending):
        return ""
    if pending == adviser_orders(session):
        return _("Every order is the adviser's pick (A).")
    if pending == last_orders(session):
        return _("The same orders as last turn (D).")
    return ""


def confirmation(session, allies, g, congress: str) -> str:
    """The text of the end-of-turn confirmation: the orders, where they came from, the U.S. action, the cost,
    and the two keys that set every order at once."""
    given = [f"{a.name}: {order_name(a.order)}" for a in allies if a.order != "hold"]
    orders = "; ".join(given) if given else _("every ally holds")
    left = g.budget - g.projected
    money = _("{cost} of {budget} ").format(cost=dollars(g.projected), budget=dollars(g.budget)) + \
        (_("({amount} over budget)") if left < 0 else _("({amount} left)")).format(amount=dollars(abs(left)))
    origin = source(session)
    keys = _("Faster turns: A gives every ally the adviser's pick") + \
        (_("; D repeats last turn's orders.") if session.reports else ".")
    return (_("Orders: {orders}.").format(orders=orders) + (f" {origin}" if origin else "") + f"\n\n{congress}\n\n"
            + _("Projected U.S. cost (a year): {money}.").format(money=money) + f"\n\n{keys}")
