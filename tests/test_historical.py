"""The historical campaigns (europe_2014, nixon_1969) and their plans of the historical U.S. posture.

They must load, start from the recorded figures in data/ (the backtest matches the recorded series by ally name,
so the names must be the CSV's country names, or a name of the time the backtest maps to one), and play through
under their plans.
"""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from game.analysis.records import spellings
from game.campaign import load_campaign, validate_file
from game.campaign.plan import load_plan
from game.cli import main
from game.sim.policies import plan_policy
from game.sim.run import simulate

ROOT = Path(__file__).resolve().parents[1]

# campaign file, its plan file, the CSV its starting spending comes from
HISTORICAL = {
    "europe_2014": ("campaigns/europe_2014.yaml", "campaigns/plans/us_2014_2024.yaml", "nato_defence_share_gdp.csv"),
    "nixon_1969": ("campaigns/nixon_1969.yaml", "campaigns/plans/nixon_1969_1975.yaml",
                   "sipri_milex_share_gdp_1969.csv"),
    "indo_pacific_2014": ("campaigns/indo_pacific_2014.yaml", "campaigns/plans/us_indo_2014_2024.yaml",
                          "sipri_milex_share_gdp.csv"),
    "korea_1969": ("campaigns/korea_1969.yaml", "campaigns/plans/korea_1969_1979.yaml",
                   "sipri_milex_share_gdp_all.csv"),
    "offset_1966": ("campaigns/offset_1966.yaml", "campaigns/plans/offset_1966_1971.yaml",
                    "sipri_milex_share_gdp_all.csv"),
    "trump_2017": ("campaigns/trump_2017.yaml", "campaigns/plans/trump_2017_2020.yaml",
                   "nato_defence_share_gdp_all.csv"),
    "indo_partners_2018": ("campaigns/indo_partners_2018.yaml", "campaigns/plans/indo_partners_2018_2023.yaml",
                           "sipri_milex_share_gdp_all.csv"),
}
# Allies whose starting spending the data does not hold, a judgement the campaign argues (SIPRI has no Taiwan before
# 1976); the backtest leaves them out.
JUDGED_START = {("korea_1969", "taiwan")}


def recorded(csv_name: str) -> dict[tuple[str, int], float]:
    """(country, year) -> value, read from the project's copy of the reference data."""
    with open(ROOT / "data" / csv_name, newline="", encoding="utf-8") as f:
        return {(row["country"], int(row["year"])): float(row["value"])
                for row in csv.DictReader(f) if row["value"] not in ("", "NA")}


@pytest.fixture(scope="module", params=sorted(HISTORICAL))
def historical(request):
    campaign_file, plan_file, csv_name = HISTORICAL[request.param]
    campaign = load_campaign(ROOT / campaign_file)
    return campaign, load_plan(ROOT / plan_file, campaign), recorded(csv_name)


def test_files_validate(capsys):
    files = [HISTORICAL[c][0] for c in sorted(HISTORICAL)]
    for name in files:
        assert validate_file(ROOT / name) == []
    assert main(["validate", *[str(ROOT / f) for f in files]]) == 0
    assert capsys.readouterr().out.count(": ok") == len(files)


def test_campaign_ids_match_file_names(historical):
    campaign, _, _ = historical
    assert HISTORICAL[campaign.id][0] == f"campaigns/{campaign.id}.yaml"


def test_every_ally_is_a_recorded_country_at_the_start_year(historical):
    campaign, _, data = historical
    start = campaign.calendar.start
    for ally in campaign.allies:
        recorded_start = any((n, start) in data for n in spellings(ally.name))
        assert recorded_start != ((campaign.id, ally.id) in JUDGED_START), f"{ally.name!r}: {start} in the CSV?"


def test_starting_spending_is_the_recorded_value(historical):
    campaign, _, data = historical
    start = campaign.calendar.start
    for ally in campaign.allies:
        if (campaign.id, ally.id) in JUDGED_START:
            continue
        recorded_value = next(data[(n, start)] for n in spellings(ally.name) if (n, start) in data)
        assert ally.spending == pytest.approx(recorded_value, abs=1e-9), ally.name


def test_europe_2014_shape():
    c = load_campaign(ROOT / HISTORICAL["europe_2014"][0])
    assert (c.calendar.start, c.calendar.step, c.turns) == (2014, "year", 10)
    ids = {a.id for a in c.allies}
    europe_2024 = {a.id for a in load_campaign(ROOT / "campaigns/europe_2024.yaml").allies}
    assert europe_2024 | {"norway"} <= ids
    assert [a.id for a in c.adversaries] == ["russia"]
    assert c.adversaries[0].capability == pytest.approx(69.9)   # SIPRI 2014, constant 2023 US$ bn
    # Only the allies with a global role spend above the model's floor for reasons beyond Russia.
    assert {a.id for a in c.allies if a.baseline is not None} == {"france", "united_kingdom"}
    turns = {e.id: e.turn for e in c.events}
    assert turns["crimea"] == 1 and turns["full_invasion"] == 9      # 2014 and 2022
    for event in ("crimea", "full_invasion"):
        threat = [f for e in c.events if e.id == event for f in e.effects if f.var == "threat"]
        assert threat and all(f.scale == "exposure" and f.target == "allies" and f.add > 0 for f in threat)
    # No event scripts the allies' spending: their answers are the model's.
    assert not [f for e in c.events for f in e.effects if f.var == "spending"]


def test_indo_pacific_2014_shape():
    c = load_campaign(ROOT / HISTORICAL["indo_pacific_2014"][0])
    assert (c.calendar.start, c.calendar.step, c.turns) == (2014, "year", 10)
    assert {a.id for a in c.allies} == {"japan", "south_korea", "australia", "philippines", "taiwan"}
    assert [a.id for a in c.adversaries] == ["china"]
    assert c.adversaries[0].capability == pytest.approx(184.7)   # SIPRI 2014, constant 2023 US$ bn
    turns = {e.id: e.turn for e in c.events}
    assert turns["arbitral_ruling"] == 3 and turns["taiwan_drills"] == 9      # 2016 and 2022
    assert not [f for e in c.events for f in e.effects if f.var == "spending"]   # the answers are the model's


def test_nixon_1969_shape():
    c = load_campaign(ROOT / HISTORICAL["nixon_1969"][0])
    assert (c.calendar.start, c.calendar.step, c.turns) == (1969, "year", 6)
    assert len(c.allies) >= 8
    assert [a.id for a in c.adversaries] == ["soviet_union"]
    germany = next(a for a in c.allies if a.id == "west_germany")
    assert germany.country == "DEU"
    assert germany.presence == max(a.presence for a in c.allies)    # most U.S. troops were in West Germany
    turns = {e.id: e.turn for e in c.events}
    assert (turns["edip"], turns["mansfield_vote"], turns["detente"], turns["jackson_nunn"]) == (2, 3, 4, 5)
    detente = [f for e in c.events if e.id == "detente" for f in e.effects if f.var == "threat"]
    assert detente and all(f.scale == "exposure" and f.add < 0 for f in detente)
    pressure = [f for e in c.events if e.id in ("mansfield_vote", "jackson_nunn") for f in e.effects
                if f.target == "us" and f.var == "domestic_pressure"]
    assert len(pressure) == 2 and all(f.add > 0 for f in pressure)


def test_allies_are_on_the_map(historical):
    from game.ui.map.data import load_theatres  # no pygame needed
    campaign, _, _ = historical
    theatres = load_theatres(era=campaign.map)
    for entity in (*campaign.allies, *campaign.adversaries):
        assert entity.country in theatres[entity.theatre].countries, (entity.id, entity.country)


def test_plan_gives_every_ally_an_order_for_every_turn(historical):
    campaign, plan, _ = historical
    assert plan.default == "hold"
    for ally_id, seq in plan.orders.items():
        assert len(seq) in (1, campaign.turns), f"{ally_id}: write one order or one per turn"
    assert set(plan.orders) == {a.id for a in campaign.allies}    # every ally is listed explicitly


def test_plan_plays_through_and_is_reproducible(historical):
    campaign, plan, _ = historical
    policy = plan_policy(plan.name, plan.default, plan.orders, campaign)
    first = simulate(campaign, policy, runs=40, seed=7)
    again = simulate(campaign, policy, runs=40, seed=7)
    assert first.final.turn == campaign.turns
    np.testing.assert_array_equal(first.final.spending, again.final.spending)
    ceilings = np.array([a.ceiling for a in campaign.allies])
    assert np.all(first.final.spending >= 0) and np.all(first.final.spending <= ceilings + 1e-9)


def test_simulate_command_takes_the_plan_files(capsys):
    for campaign_id, (_, plan_file, _) in sorted(HISTORICAL.items()):
        assert main(["simulate", campaign_id, "--policy", str(ROOT / plan_file), "--runs", "20", "--json"]) == 0
        assert f'"campaign": "{campaign_id}"' in capsys.readouterr().out
