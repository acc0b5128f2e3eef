"""Small campaigns built in code, so a model test can hold everything fixed but the one thing it studies."""
from __future__ import annotations

import numpy as np
import yaml

from game.campaign import load_campaign_text
from game.sim.policies import Policy, built_in
from game.sim.run import simulate
from game.sim.state import ORDER_CODE

ALLY = dict(theatre="europe", adversary="rival", gdp=1000.0, spending=1.5, threat=0.6, trust=0.65,
            alignment=0.7, presence=0.4, upkeep=4.0, latency=0.5, trade_dependence=0.05, responsiveness=1.0,
            ceiling=5.0)


def campaign(allies: list[dict] | None = None, turns: int = 10, revisionism: float = 0.5, growth: float = 0.0,
             events: list[dict] | None = None, domestic_pressure: float = 0.3, step: str = "year",
             capability: float = 150.0, adversaries: list[dict] | None = None, **us):
    """A campaign with the given allies (each a dict of overrides on ALLY; `id` required)."""
    allies = allies or [{"id": "alpha"}]
    built = []
    for i, a in enumerate(allies):
        ally = {**ALLY, "name": a["id"].title(), "country": f"A{chr(65 + i)}A", **a}
        built.append(ally)
    budget = us.pop("budget", 1.3 * sum(a["presence"] * a["upkeep"] for a in built) + 1.0)
    doc = {
        "id": "test", "name": "Test", "description": "A test campaign.", "briefing": "Test.", "turns": turns,
        "calendar": {"start": 2030, "step": step},
        "us": {"budget": budget, "domestic_pressure": domestic_pressure, "credibility": us.pop("credibility", 0.7)},
        "adversaries": adversaries or [{"id": "rival", "name": "Rival", "country": "RVL", "theatre": "europe",
                                        "capability": capability, "growth": growth, "revisionism": revisionism}],
        "allies": built, "events": events or [], "sources": ["tests"],
    }
    return load_campaign_text(yaml.safe_dump(doc, sort_keys=False), "test.yaml")


def per_ally(orders: dict[str, str], campaign, default: str = "hold") -> Policy:
    """The same order for each ally every turn."""
    codes = np.array([ORDER_CODE[orders.get(a.id, default)] for a in campaign.allies], dtype=np.int8)
    return Policy("per-ally", lambda state, rng: np.broadcast_to(codes, state.spending.shape).copy())


def final(campaign, policy: str | Policy, runs: int = 400, seed: int = 7):
    """The result of `runs` games under a policy (a built-in name or a Policy)."""
    policy = built_in(policy) if isinstance(policy, str) else policy
    return simulate(campaign, policy, runs=runs, seed=seed)
