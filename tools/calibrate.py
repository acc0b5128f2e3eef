"""Fit the model's free spending parameters on the recorded 2014-2019 NATO figures, and nothing later.

    python tools/calibrate.py            # fit, print the figures, write game/sim/calibration.json
    python tools/calibrate.py --check    # fit again and check the shipped file holds the same values

The fit plays `europe_2014` under the historical U.S. posture (campaigns/plans/us_2014_2024.yaml) for the
calibration years only and minimises the root-mean-square error, in percentage points of GDP, between the mean
modelled spending and the recorded values of 2015-2019 for every ally. The search is a deterministic Nelder-Mead
over a few parameters, from the hand-set values, with fixed seeds: the same data gives the same parameters.
2020-2024 never enter the fit; the backtest judges the model on them.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.analysis.backtest import default_plan, recorded_for  # noqa: E402
from game.campaign.plan import load_plan  # noqa: E402
from game.catalog import find_campaign  # noqa: E402
from game.sim.params import CALIBRATION_FILE, Params  # noqa: E402
from game.sim.policies import plan_policy  # noqa: E402
from game.sim.run import new_game, rngs  # noqa: E402
from game.sim.state import make_world  # noqa: E402
from game.sim.step import step  # noqa: E402

# The parameters fitted, with the range each may take (the model's claims must keep holding inside it).
FREE = {
    "spending_rate": (0.1, 0.8),
    "threat_weight": (1.0, 6.0),
    "threat_curvature": (1.0, 3.0),
    "free_riding": (0.1, 0.8),
    "pressure_effect": (0.2, 1.5),
    "peacetime_floor": (0.5, 1.3),
}
FIT_YEARS = range(2015, 2020)
RUNS, SEED = 64, 2014


def objective_factory():
    campaign = find_campaign("europe_2014")
    plan = load_plan(default_plan(campaign), campaign)
    policy = plan_policy(plan.name, plan.default, plan.orders, campaign)
    _, recorded = recorded_for(campaign)
    ids = [a.id for a in campaign.allies]
    start = campaign.calendar.start
    targets = [(t, i, recorded[a][start + t]) for t in range(1, len(FIT_YEARS) + 1) for i, a in enumerate(ids)
               if a in recorded and start + t in recorded[a]]

    def rmse(params: Params) -> float:
        world = make_world(campaign, params)
        model_rng, policy_rng = rngs(SEED)
        state, _ = new_game(world, RUNS)
        path = [state.spending.mean(0)]
        for _ in FIT_YEARS:
            state, _ = step(state, policy(state, policy_rng), model_rng)
            path.append(state.spending.mean(0))
        errors = [path[t][i] - value for t, i, value in targets]
        return float(np.sqrt(np.mean(np.square(errors))))

    return rmse, len(targets)


def to_params(x: np.ndarray, base: Params) -> Params:
    lo = np.array([b[0] for b in FREE.values()])
    hi = np.array([b[1] for b in FREE.values()])
    values = np.clip(x, lo, hi)
    return dataclasses.replace(base, **{k: float(v) for k, v in zip(FREE, values)})


def nelder_mead(f, x0: np.ndarray, steps: np.ndarray, iterations: int = 160) -> tuple[np.ndarray, float]:
    """Plain Nelder-Mead (no SciPy): deterministic for a deterministic objective."""
    simplex = [x0] + [x0 + np.eye(len(x0))[k] * steps[k] for k in range(len(x0))]
    scores = [f(x) for x in simplex]
    for _ in range(iterations):
        order = np.argsort(scores)
        simplex, scores = [simplex[k] for k in order], [scores[k] for k in order]
        centroid = np.mean(simplex[:-1], axis=0)
        reflected = centroid + (centroid - simplex[-1])
        fr = f(reflected)
        if fr < scores[0]:
            expanded = centroid + 2 * (centroid - simplex[-1])
            fe = f(expanded)
            simplex[-1], scores[-1] = (expanded, fe) if fe < fr else (reflected, fr)
        elif fr < scores[-2]:
            simplex[-1], scores[-1] = reflected, fr
        else:
            contracted = centroid + 0.5 * (simplex[-1] - centroid)
            fc = f(contracted)
            if fc < scores[-1]:
                simplex[-1], scores[-1] = contracted, fc
            else:
                simplex = [simplex[0]] + [simplex[0] + 0.5 * (x - simplex[0]) for x in simplex[1:]]
                scores = [scores[0]] + [f(x) for x in simplex[1:]]
    best = int(np.argmin(scores))
    return simplex[best], scores[best]


def fit() -> dict:
    base = Params()   # the hand-set values, before calibration
    rmse, n = objective_factory()
    x0 = np.array([getattr(base, k) for k in FREE])
    steps = np.array([(hi - lo) * 0.15 for lo, hi in FREE.values()])
    before = rmse(base)
    x, after = nelder_mead(lambda x: rmse(to_params(x, base)), x0, steps)
    fitted = to_params(x, base)
    return {
        "fitted_on": "europe_2014 under campaigns/plans/us_2014_2024.yaml, recorded NATO figures 2015-2019 "
                     f"({n} ally-years), mean of {RUNS} runs, seed {SEED}",
        "method": "Nelder-Mead on the RMSE in percentage points of GDP (tools/calibrate.py)",
        "rmse_before": round(before, 4),
        "rmse_after": round(after, 4),
        "params": {k: round(getattr(fitted, k), 4) for k in FREE},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the shipped calibration instead")
    args = parser.parse_args()
    result = fit()
    print(json.dumps(result, indent=2))
    if args.check:
        shipped = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
        same = shipped["params"] == result["params"]
        print("shipped calibration reproduced" if same else "shipped calibration differs from the fit")
        return 0 if same else 1
    CALIBRATION_FILE.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written to {CALIBRATION_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
