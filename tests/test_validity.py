"""Issue 13: the wartime response, honest uncertainty bands, the naive baselines, the Indo-Pacific backtest and
the Nixon era as recorded."""
from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from game.analysis.backtest import Backtest, render_text, run_backtest, to_json
from game.campaign.plan import load_plan
from game.catalog import find_campaign
from game.cli import main
from game.paths import campaigns_dir
from game.sim.params import DEFAULT
from game.sim.policies import plan_policy
from game.sim.session import EndTurn, Session

PLANS = {"europe_2014": "us_2014_2024.yaml", "indo_pacific_2014": "us_indo_2014_2024.yaml",
         "nixon_1969": "nixon_1969_1975.yaml"}
# The same model with no wartime response; its draws kept (all zero) so both face the same luck, run for run.
NO_WAR = dataclasses.replace(DEFAULT, shock_weight=0.0, shock_rate=0.0,
                             shock_draws=tuple((0.0, 0.0) for _ in DEFAULT.shock_draws))


def historical(campaign_id: str, runs: int = 300, params=DEFAULT, seed: int = 1) -> Backtest:
    c = find_campaign(campaign_id)
    p = load_plan(campaigns_dir() / "plans" / PLANS[campaign_id], c)
    return run_backtest(c, plan_policy(p.name, p.default, p.orders, c), runs=runs, seed=seed, params=params)


def column(bt: Backtest, ally: str) -> int:
    return [a.id for a in bt.campaign.allies].index(ally)


def test_the_war_surge_is_answered_hardest_where_exposure_is_high():
    war, peace = historical("europe_2014"), historical("europe_2014", params=NO_WAR)
    gain = war.paths[-1].mean(0) - peace.paths[-1].mean(0)     # 2024, with the wartime response against without
    poland, germany, spain = (gain[column(war, a)] for a in ("poland", "germany", "spain"))
    assert poland > 0.6 and poland > 1.5 * germany > 0 and germany > spain >= 0
    # Before Russia's capability leaves its trend (2022) the response plays no part: the years to 2022 are the same.
    until_2022 = war.years.index(2022) + 1
    assert np.array_equal(war.paths[:until_2022], peace.paths[:until_2022])


def test_steady_growth_is_no_war_surge():
    # China grows fast but on its trend: the Indo-Pacific allies' path does not depend on the wartime response.
    war, peace = historical("indo_pacific_2014", runs=100), historical("indo_pacific_2014", runs=100, params=NO_WAR)
    np.testing.assert_allclose(war.paths, peace.paths, atol=1e-9)   # equal up to rounding of the trend


def test_the_band_is_wide_where_the_fit_is_uncertain_and_holds_most_fitted_values():
    bt = historical("europe_2014", runs=400)
    p10, p90 = bt.band(10), bt.band(90)
    poland = column(bt, "poland")
    assert p90[-1, poland] - p10[-1, poland] > 0.4          # 2024 on the front line: the war's size is uncertain
    assert (p90[-1] - p10[-1]).min() > 0.05                  # every ally carries some uncertainty
    for campaign_id in ("europe_2014", "indo_pacific_2014"):
        fitted = historical(campaign_id, runs=400)
        assert 0.6 <= fitted.coverage(fitted.fit) <= 0.97, campaign_id
    certain = historical("europe_2014", runs=400, params=dataclasses.replace(NO_WAR, alarm_sd=0.0))
    assert certain.coverage(certain.fit) < 0.3                # without the uncertainty the band holds little


def test_each_run_draws_its_own_wartime_response_from_the_bootstrap():
    assert len(DEFAULT.shock_draws) >= 10
    bt = historical("europe_2014", runs=400)
    poland = bt.paths[-1][:, column(bt, "poland")]
    one_response = historical("europe_2014", runs=400, params=dataclasses.replace(DEFAULT, shock_draws=()))
    # The drawn wartime response widens the front line's 2024 spread by half again over the shocks alone.
    assert np.std(poland) > 1.3 * np.std(one_response.paths[-1][:, column(bt, "poland")])
    again = historical("europe_2014", runs=400)
    assert np.array_equal(bt.paths, again.paths)             # seeded: the same draws every time


def test_one_game_is_reproducible_bit_for_bit_with_the_uncertainty_on():
    campaign = find_campaign("europe_2014")
    histories = []
    for _ in range(2):
        session = Session(campaign, seed=5)
        for _ in range(campaign.turns):
            session.execute(EndTurn())
        histories.append(np.stack([s.spending for s in session.history]))
    assert np.array_equal(histories[0], histories[1])
    assert not np.array_equal(histories[0][1], histories[0][0])


def fake_backtest(recorded: dict[int, float], median: dict[int, float]) -> Backtest:
    """A one-ally backtest of europe_2014 whose runs all follow `median`."""
    campaign = find_campaign("europe_2014")
    years = list(range(2014, 2025))
    paths = np.zeros((len(years), 3, len(campaign.allies)))
    for t, y in enumerate(years):
        paths[t, :, 0] = median.get(y, 0.0) + np.array([-0.1, 0.0, 0.1])
    return Backtest(campaign, "plan", 3, years, paths, "test", {campaign.allies[0].id: recorded},
                    (*range(2014, 2020), 2024))


def test_baselines_and_coverage_use_the_fitted_years_only():
    recorded = {2014: 1.0, 2019: 2.0, 2020: 2.5, 2022: 3.0, 2024: 4.0}
    bt = fake_backtest(recorded, {2019: 2.0, 2020: 2.5, 2022: 2.0, 2024: 4.0})
    base = bt.baselines(bt.late)
    # "2019 stays": 2.0 against 2.5 and 3.0; the straight line 2019-2024: 2.4 and 2.8.
    assert base["last_recorded_stays"] == pytest.approx(np.sqrt((0.5 ** 2 + 1.0 ** 2) / 2))
    assert base["straight_line"] == pytest.approx(np.sqrt((0.1 ** 2 + 0.2 ** 2) / 2))
    assert bt.rmse(bt.late) == pytest.approx(np.sqrt(1.0 / 2))
    assert bt.coverage(bt.late) == pytest.approx(0.5)     # 2020 inside the band, 2022 outside
    assert bt.coverage(bt.fit) == pytest.approx(1.0)
    text, data = render_text(bt), to_json(bt)
    assert "'2019 stays' 0.791" in text and "years outside the fit 50 % of 2" in text
    assert data["out_of_fit_years"] == [2020, 2022] and data["coverage"]["out_of_fit"] == 0.5


def test_backtest_json_and_text_report_coverage_and_baselines(capsys):
    assert main(["backtest", "indo_pacific_2014", "--runs", "60", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fit_years"] == [2014, 2015, 2016, 2017, 2018, 2019, 2024]
    assert set(data["coverage"]) >= {"in_sample", "out_of_fit"} and 0 < data["coverage"]["in_sample"] <= 1
    assert set(data["baselines"]) == {"model", "last_recorded_stays", "straight_line"}
    assert set(data["allies"]) == {"japan", "south_korea", "australia", "philippines", "taiwan"}
    assert main(["backtest", "indo_pacific_2014", "--runs", "60"]) == 0
    out = capsys.readouterr().out
    assert "10-90 % band holds" in out and "Taiwan" in out


def weighted_average(bt: Backtest) -> np.ndarray:
    gdp = np.array([a.gdp for a in bt.campaign.allies])
    return bt.paths.mean(1) @ gdp / gdp.sum()


def test_nixon_era_drifts_down_as_recorded_not_in_a_collapse():
    bt = historical("nixon_1969")
    average = weighted_average(bt)
    assert average[0] == pytest.approx(3.65, abs=0.05)       # SIPRI 1969, weighted by the campaign's GDP
    # about 3.2 % in 1975 (issue 13, SIPRI); the campaign ends at 3.47 % since the backtest plays the plan's warnings
    # about Congress, as the game always did (docs/model.md, nixon_1969: why the floor was not fitted again)
    assert 3.0 <= average[-1] <= 3.5
    assert np.all(np.diff(average) < 0.05)                    # a drift, never a rebound


def test_nixon_era_country_shocks_of_1974():
    bt = historical("nixon_1969")
    median = bt.band(50)
    greece, portugal = column(bt, "greece"), column(bt, "portugal")
    y1973 = bt.years.index(1973)   # the 1974 events act on the 1974 state: compare with the year before
    assert median[y1973 + 1:, greece].min() > median[y1973, greece] + 0.1     # Cyprus: Greece arms against Turkey
    assert median[y1973 + 1:, portugal].max() < median[y1973, portugal] - 0.6  # the revolution ends the wars
