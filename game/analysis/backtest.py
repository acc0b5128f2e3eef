"""The backtest (`fairshare backtest`): play a historical campaign under a plan and compare each ally's modelled
spending path with the recorded series the project holds (data/*.csv)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.analysis.records import lookup, read_series, runs_of
from game.analysis.summary import Progress
from game.analysis.workers import Recipe, policy_of, run_all
from game.paths import campaigns_dir
from game.sim.batches import chunk_rngs, chunk_rows
from game.sim.params import DEFAULT
from game.sim.policies import Policy
from game.sim.run import new_game
from game.sim.state import World, make_world
from game.sim.step import step

# Recorded series, most authoritative first: NATO's own figures for NATO members, SIPRI otherwise; the smaller
# tables the shipped campaigns cite before the full tables they are part of (data/README.md), so that a shipped
# campaign keeps naming its own.
SERIES = ("nato_defence_share_gdp.csv", "sipri_milex_share_gdp.csv", "sipri_milex_share_gdp_1969.csv",
          "nato_defence_share_gdp_all.csv", "sipri_milex_share_gdp_all.csv")
# The full table a smaller one is part of: its years for the same allies count too, so a held-out year is scored
# whichever of the two it is dropped into.
FULL_TABLE = {"nato_defence_share_gdp.csv": "nato_defence_share_gdp_all.csv",
              "sipri_milex_share_gdp.csv": "sipri_milex_share_gdp_all.csv",
              "sipri_milex_share_gdp_1969.csv": "sipri_milex_share_gdp_all.csv"}
# The historical posture shipped for each historical campaign.
DEFAULT_PLANS = {"europe_2014": "us_2014_2024.yaml", "nixon_1969": "nixon_1969_1975.yaml",
                 "indo_pacific_2014": "us_indo_2014_2024.yaml", "korea_1969": "korea_1969_1979.yaml",
                 "offset_1966": "offset_1966_1971.yaml", "trump_2017": "trump_2017_2020.yaml",
                 "indo_partners_2018": "indo_partners_2018_2023.yaml"}
# The recorded years each historical campaign's figures entered the fit on (tools/calibrate.py); the start year is
# given, not fitted, but it is no test either. Every other recorded year found in data/ judges the model. A campaign
# whose years entered the fit through another campaign's allies counts them as fitted too: trump_2017's 2018-2019
# were fitted as europe_2014's, indo_partners_2018's 2019 and 2024 as indo_pacific_2014's (for Japan, Australia and
# the Philippines; its partners' were not, but the campaign claims no more than its least).
FIT_YEARS = {"europe_2014": (*range(2014, 2020), 2024), "indo_pacific_2014": (*range(2014, 2020), 2024),
             "trump_2017": (2017, 2018, 2019), "indo_partners_2018": (2018, 2019, 2024)}


def fit_years(campaign) -> tuple[int, ...]:
    return FIT_YEARS.get(campaign.id, (campaign.calendar.start,))


def default_plan(campaign) -> Path | None:
    """The shipped historical plan of a historical campaign, or None for a campaign without one."""
    name = DEFAULT_PLANS.get(campaign.id)
    return campaigns_dir() / "plans" / name if name else None


def recorded_for(campaign) -> tuple[str, dict[str, dict[int, float]]]:
    """The series that covers most of the campaign's allies at its start year, keyed by ally id, with the years of
    the campaign's span its full table adds for them."""
    start = campaign.calendar.start
    best_name, best = "", {}
    for name in SERIES:
        table = read_series(name)
        found = {a.id: lookup(table, a.name) for a in campaign.allies}
        found = {i: years for i, years in found.items() if start in years}
        if len(found) > len(best):
            best_name, best = name, found
    if best_name in FULL_TABLE:
        full, end = read_series(FULL_TABLE[best_name]), last_year(campaign)
        names = {a.id: a.name for a in campaign.allies}
        best = {i: {**{y: v for y, v in lookup(full, names[i]).items() if start <= y <= end}, **years}
                for i, years in best.items()}
    return best_name, best


def last_year(campaign) -> int:
    """The year the state after the campaign's last turn stands for."""
    return campaign.calendar.start + -(-campaign.turns // campaign.calendar.per_year)


@dataclass(frozen=True)
class Backtest:
    campaign: object
    plan: str
    runs: int
    years: list[int]
    paths: np.ndarray                 # (T + 1, B, N) spending at the start and after each turn
    series: str
    recorded: dict[str, dict[int, float]]
    fit: tuple[int, ...]              # the years fitted on (see FIT_YEARS)

    @property
    def late(self) -> list[int]:
        """The campaign's years outside the fit: recorded values there judge the model."""
        return [y for y in self.years[1:] if y not in self.fit]

    def band(self, q: float) -> np.ndarray:
        return np.percentile(self.paths, q, axis=1)   # (T + 1, N)

    def errors(self, years) -> dict[str, list[float]]:
        """Per ally, median model minus recorded, for the recorded years among `years` (the start excluded)."""
        median = self.band(50)
        out = {}
        for i, ally in enumerate(self.campaign.allies):
            rec = self.recorded.get(ally.id, {})
            out[ally.id] = [float(median[t, i] - rec[y]) for t, y in enumerate(self.years)
                            if t > 0 and y in rec and y in years]
        return out

    def rmse(self, years) -> float:
        return _rms([e for errs in self.errors(years).values() for e in errs])

    def cells(self, years) -> list[tuple[int, int, float]]:
        """(turn index, ally index, recorded value) of every recorded value among `years`, the start excluded."""
        return [(t, i, self.recorded[a.id][y]) for t, y in enumerate(self.years) if t > 0 and y in years
                for i, a in enumerate(self.campaign.allies) if y in self.recorded.get(a.id, {})]

    def coverage(self, years) -> float:
        """Share of the recorded values among `years` that fall inside the model's 10-90 % band."""
        p10, p90 = self.band(10), self.band(90)
        inside = [p10[t, i] - 1e-9 <= v <= p90[t, i] + 1e-9 for t, i, v in self.cells(years)]
        return float(np.mean(inside)) if inside else float("nan")

    def baselines(self, years) -> dict[str, float]:
        """RMSE of two naive forecasts on the recorded values among `years`, from the fitted years alone: the last
        fitted year stays, and a straight line between the fitted years on either side (the last stays past the
        end)."""
        last, line = [], []
        for t, i, value in self.cells(years):
            y, rec = self.years[t], self.recorded[self.campaign.allies[i].id]
            known = sorted(k for k in rec if k in self.fit)
            before, after = [k for k in known if k < y], [k for k in known if k > y]
            if not before:
                continue
            b = before[-1]
            last.append(rec[b] - value)
            guess = rec[b] if not after else rec[b] + (rec[after[0]] - rec[b]) * (y - b) / (after[0] - b)
            line.append(guess - value)
        return {"last_recorded_stays": _rms(last), "straight_line": _rms(line)}


def run_backtest(campaign, policy: Policy | Recipe, runs: int = 1000, seed: int = 0, params=None, workers: int = 1,
                 progress: Progress | None = None) -> Backtest:
    """The spending paths of `runs` games, streamed in chunks as `simulate` plays them: only the paths are kept. A
    Recipe's chunks are played by `workers` processes, with the same paths as one."""
    world = make_world(campaign, params or DEFAULT)
    paths = np.empty((campaign.turns + 1, runs, world.n_allies))
    layout = chunk_rows(runs)
    tasks = [(world, policy, seed, index, rows) for index, (_, rows) in enumerate(layout)]
    for (first, rows), part in zip(layout, run_all(_chunk_paths, tasks, workers if isinstance(policy, Recipe) else 1)):
        paths[:, first:first + rows] = part
        if progress:
            progress(first + rows, runs)
    years, at = yearly(campaign)
    series, recorded = recorded_for(campaign)
    return Backtest(campaign, policy_of(policy, campaign).name, runs, years, paths[at], series, recorded,
                    fit_years(campaign))


def yearly(campaign) -> tuple[list[int], list[int]]:
    """(the years a campaign's states stand for at the turn of each year, the turns they are after): every state of a
    yearly campaign, every other of one played in half-years. The records are yearly, so only those are compared."""
    per_year = campaign.calendar.per_year
    turns = range(0, campaign.turns + 1, per_year)
    return [campaign.calendar.start + t // per_year for t in turns], list(turns)


def _chunk_paths(task: tuple[World, Policy | Recipe, int, int, int]) -> np.ndarray:
    """(turns + 1, rows, allies) spending of chunk `index`'s games."""
    world, policy, seed, index, rows = task
    policy, (model_rng, policy_rng) = policy_of(policy, world.campaign), chunk_rngs(seed, index, rows)
    state, _ = new_game(world, rows)
    paths = np.empty((world.campaign.turns + 1, rows, world.n_allies))
    paths[0] = state.spending
    while not state.over:
        state, _ = step(state, policy(state, policy_rng), model_rng, policy.us_action(state, policy_rng),
                        policy.forced(state))
        paths[state.turn] = state.spending
    return paths


def to_json(bt: Backtest) -> dict:
    p10, p50, p90 = bt.band(10), bt.band(50), bt.band(90)
    r = lambda a: [round(float(x), 4) for x in a]  # noqa: E731
    allies = {a.id: {"name": a.name, "years": bt.years, "model": r(p50[:, i]), "p10": r(p10[:, i]),
                     "p90": r(p90[:, i]),
                     "recorded": {str(y): v for y, v in sorted(bt.recorded.get(a.id, {}).items())}}
              for i, a in enumerate(bt.campaign.allies)}
    late = bt.late
    return {"campaign": bt.campaign.id, "plan": bt.plan, "runs": bt.runs, "series": bt.series, "allies": allies,
            "fit_years": list(bt.fit), "out_of_fit_years": [y for y in late if any(c for c in bt.cells([y]))],
            "rmse": {"in_sample": _round(bt.rmse(bt.fit)), "out_of_sample": _round(bt.rmse(late)),
                     "all": _round(bt.rmse(bt.years))},
            "coverage": {"band": "10-90", "in_sample": _round(bt.coverage(bt.fit)),
                         "out_of_fit": _round(bt.coverage(late)), "values_out_of_fit": len(bt.cells(late))},
            "baselines": {"model": _round(bt.rmse(late)),
                          **{k: _round(v) for k, v in bt.baselines(late).items()}}}


def _rms(errors) -> float:
    return float(np.sqrt(np.mean(np.square(errors)))) if len(errors) else float("nan")


def _round(x: float):
    return None if np.isnan(x) else round(x, 4)


def _span(years) -> str:
    return ", ".join(f"{a}-{b}" if b > a else f"{a}" for a, b in runs_of(years))


def coverage_line(bt: Backtest) -> str:
    """How often the 10-90 % band holds the record, in the fitted years and outside them."""
    parts = [f"{label} {100 * value:.0f} % of {len(bt.cells(years))}" for label, years, value in
             (("fitted years", bt.fit, bt.coverage(bt.fit)), ("years outside the fit", bt.late, bt.coverage(bt.late)))
             if not np.isnan(value)]
    return "10-90 % band holds the recorded value: " + ("; ".join(parts) if parts else "no recorded year to test")


def render_text(bt: Backtest) -> str:
    median = bt.band(50)
    recorded_years = sorted({y for rec in bt.recorded.values() for y in rec if y in bt.years and y != bt.years[0]})
    head = f"{'ally':<16}" + "".join(f"{y:>13}" for y in recorded_years) + f"{'RMSE':>8}"
    lines = [f"Backtest of {bt.campaign.name}: plan {bt.plan}, {bt.runs} runs; recorded series {bt.series}",
             "each cell: model median / recorded, % of GDP", "", head]
    errors = bt.errors(bt.years)
    for i, ally in enumerate(bt.campaign.allies):
        rec = bt.recorded.get(ally.id, {})
        cells = "".join(f"{median[bt.years.index(y), i]:>6.2f}/{rec[y]:<6.2f}" if y in rec else f"{'-':>13}"
                        for y in recorded_years)
        errs = errors[ally.id]
        rmse = f"{np.sqrt(np.mean(np.square(errs))):>8.2f}" if errs else f"{'-':>8}"
        lines.append(f"{ally.name[:15]:<16}{cells}{rmse}")
    late = bt.late
    parts = [("all recorded years", bt.rmse(bt.years)), (f"{_span(bt.fit)} (fitted)", bt.rmse(bt.fit)),
             ("years outside the fit", bt.rmse(late))]
    shown = [f"{label} {value:.3f}" for label, value in parts if not np.isnan(value)]
    lines += ["", "overall RMSE, percentage points: " + ("; ".join(shown) if shown else
                                                         "no recorded year after the start to compare with"),
              coverage_line(bt)]
    base = bt.baselines(late)
    if bt.cells(late):
        last = max(y for y in bt.fit if y < min(late))
        lines.append(f"outside the fit ({_span(y for y in late if bt.cells([y]))}), RMSE: model {bt.rmse(late):.3f}; "
                     f"'{last} stays' {base['last_recorded_stays']:.3f}; straight line between fitted years "
                     f"{base['straight_line']:.3f}")
    else:
        lines.append(f"no recorded value outside the fitted years ({_span(bt.fit)}) in data/: add recorded years "
                     "there to judge the model against the baselines")
    mean = bt.paths.mean(axis=(1, 2))
    gdp = np.array([a.gdp for a in bt.campaign.allies])
    weighted = bt.paths.mean(axis=1) @ gdp / gdp.sum()
    lines.append(f"allies' average spending (model mean): unweighted {mean[0]:.2f} % in {bt.years[0]} -> "
                 f"{mean[-1]:.2f} % in {bt.years[-1]}; GDP-weighted {weighted[0]:.2f} % -> {weighted[-1]:.2f} %")
    order = np.argsort(-median[-1])
    lines.append(f"model ranking in {bt.years[-1]}: " + ", ".join(bt.campaign.allies[i].name for i in order))
    return "\n".join(lines)


# The spending path (T + 1, B, N) float64, and the sorted copy np.percentile makes of it: what the memory check
# counts per turn.
KEPT_PER_TURN = 16
