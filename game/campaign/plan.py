"""Plan files: a scripted U.S. posture for `simulate --policy FILE` and the backtest.

    default: hold                    # order for allies/turns not listed
    orders:
      poland: pressure               # every turn
      germany: [reassure, reassure, pressure]   # turn by turn; the last entry repeats
    us: [congress, none]             # optional: the U.S.-level action by turn (none, congress); the last repeats
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from game.safe_files import read_bytes_capped

from .errors import CampaignError, Problem
from .model import ORDERS, US_ACTIONS, Campaign
from .safe_yaml import MAX_BYTES, Mapping, Scalar, Sequence, load_located
from .schema import did_you_mean


@dataclass(frozen=True)
class Plan:
    name: str
    default: str
    orders: dict[str, tuple[str, ...]]
    us: tuple[str, ...] = ("none",)


def load_plan(path: str | os.PathLike, campaign: Campaign) -> Plan:
    """Read and check a plan against the campaign it will be played on. Raises CampaignError."""
    name = os.fspath(path)
    try:
        data = read_bytes_capped(name, MAX_BYTES)
    except OSError as exc:
        raise CampaignError([Problem(name, 1, 1, f"cannot read the plan: {exc.strerror or exc}")]) from None
    tree, problems = load_located(data, name)
    if tree is None:
        raise CampaignError(problems)

    def error(node, message: str) -> None:
        problems.append(Problem(name, node.line, node.col, message))

    def choice(node, allowed: tuple[str, ...], what: str) -> str | None:
        if isinstance(node, Scalar) and node.value in allowed:
            return node.value
        shown = node.text if isinstance(node, Scalar) else "a list or mapping"
        error(node, f"unknown {what} '{shown}'{did_you_mean(str(shown), allowed)} ({what}s: {', '.join(allowed)})")
        return None

    def order(node) -> str | None:
        return choice(node, ORDERS, "order")

    def sequence(value, pick, label: str) -> tuple[str, ...]:
        """One choice or a list of them by turn; () if any is wrong (each wrong one reported)."""
        items = value.items if isinstance(value, Sequence) else [value]
        if not items:
            error(value, f"the list for '{label}' is empty")
        seq = tuple(c for c in (pick(item) for item in items) if c)
        return seq if seq and len(seq) == len(items) else ()

    if not isinstance(tree, Mapping):
        error(tree, "a plan must be a mapping with 'default' and 'orders'")
        raise CampaignError(problems)
    for key, (key_node, _) in tree.entries.items():
        if key not in ("default", "orders", "us"):
            error(key_node, f"unknown key '{key}'{did_you_mean(key, ('default', 'orders', 'us'))}")
    default = "hold"
    if tree.get("default") is not None:
        default = order(tree.get("default")) or "hold"
    orders: dict[str, tuple[str, ...]] = {}
    table = tree.get("orders")
    ids = [a.id for a in campaign.allies]
    if table is not None and not isinstance(table, Mapping):
        error(table, "'orders' must map ally ids to an order or a list of orders")
    elif table is not None:
        for ally, (key_node, value) in table.entries.items():
            if ally not in ids:
                error(key_node, f"unknown ally '{ally}' in campaign '{campaign.id}'{did_you_mean(ally, ids)}")
                continue
            seq = sequence(value, order, ally)
            if seq:
                orders[ally] = seq
    us = ("none",)
    if tree.get("us") is not None:
        us = sequence(tree.get("us"), lambda node: choice(node, US_ACTIONS, "U.S. action"), "us") or us
    if problems:
        raise CampaignError(problems)
    return Plan(os.path.basename(name), default, orders, us)
