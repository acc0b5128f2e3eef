"""The summary of `fairshare simulate`: a campaign played headless under one policy, as the --json object (see the
README's CLI contract) and as a text table."""
from __future__ import annotations

import numpy as np

from game.campaign import Campaign
from game.sim.policies import Policy
from game.sim.run import simulate

ALLY_FIGURES = ("spending", "threat", "trust", "alignment", "hedging", "presence")


def simulate_summary(campaign: Campaign, policy: Policy, runs: int, seed: int) -> dict:
    """Play `runs` games and return the means at the end of the game (the `simulate --json` object)."""
    result = simulate(campaign, policy, runs=runs, seed=seed)
    return summarise(result, campaign, policy.name, runs, seed)


def summarise(result, campaign: Campaign, policy: str, runs: int, seed: int) -> dict:
    final, o = result.final, result.outcome
    allies = {a.id: {var: round(float(getattr(final, var)[:, i].mean()), 4) for var in ALLY_FIGURES}
              for i, a in enumerate(campaign.allies)}
    mean = lambda x: round(float(x.mean()), 4)  # noqa: E731
    outcomes = {"aggression": mean(o.aggression), "proliferation": mean(o.proliferation),
                "realignment": mean(o.realignment), "us_cost": mean(o.us_cost),
                "us_cost_ratio": mean(o.us_cost_ratio), "influence": mean(o.influence),
                "burden_share": mean(o.burden_share), "deterrence": mean(o.deterrence), "burden": mean(o.burden),
                "cohesion": mean(o.cohesion), "score": mean(o.score)}
    p10, p50, p90 = (round(float(x), 4) for x in np.percentile(o.score, [10, 50, 90]))
    return {"campaign": campaign.id, "policy": policy, "runs": runs, "seed": seed, "turns": campaign.turns,
            "final": {**allies, "outcomes": outcomes},
            "distribution": {"sd": round(float(o.score.std()), 4), "p10": p10, "p50": p50, "p90": p90}}


def render_summary(summary: dict, campaign: Campaign) -> str:
    lines = [f"{campaign.name}: policy {summary['policy']}, {summary['runs']} runs, seed {summary['seed']}, "
             f"{summary['turns']} turns",
             "", f"{'ally':<16}{'spending':>9}{'threat':>8}{'trust':>8}{'align':>8}{'hedging':>9}"]
    for a in campaign.allies:
        f = summary["final"][a.id]
        lines.append(f"{a.name[:15]:<16}{f['spending']:>8.2f}%{f['threat']:>8.2f}{f['trust']:>8.2f}"
                     f"{f['alignment']:>8.2f}{f['hedging']:>9.2f}")
    o = summary["final"]["outcomes"]
    lines += ["", f"pillars (0-100): deterrence {o['deterrence']:.1f}  burden {o['burden']:.1f}  "
                  f"influence {o['influence']:.1f}  cohesion {o['cohesion']:.1f}  ->  score {o['score']:.1f}",
              f"runs with a successful aggression {o['aggression']:.1%}, with proliferation {o['proliferation']:.1%},"
              f" with realignment {o['realignment']:.1%}",
              f"allies' share of the common defence {o['burden_share']:.1%}; U.S. cost {o['us_cost']:.1f} bn a year "
              f"({o['us_cost_ratio']:.0%} of budget)"]
    return "\n".join(lines)
