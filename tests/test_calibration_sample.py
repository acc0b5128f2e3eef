"""The calibration's larger sample (tools/calibrate.py --allies all, tools/calibration_sample.py): every ally and
partner the data holds joins the historical campaigns, its figures from the data and its judgements argued
(tools/calibration_allies.yaml), fitted on the years the data gives and never on a year held out; the default sample
stays the one the shipped calibration was fitted on."""
from __future__ import annotations

import statistics

import pytest

import game.analysis.records as records
from game.analysis.records import lookup, read_series
from game.authoring.data import countries
import tools.calibration_sample as calibration_sample
from builders import opening
from game.campaign.model import ORDERS
from tools.calibrate import Fit
from tools.calibration_sample import games

EUROPE_2014 = {c.id for c in countries(2014).values() if c.theatre == "europe" and c.tie.kind != "none"}


@pytest.fixture(scope="module")
def wide():
    return {g.campaign.id: g for g in games("all")}


def test_the_default_sample_is_the_shipped_one():
    fit = Fit("shipped")
    assert [g.campaign.id for g in fit.games] == ["europe_2014", "indo_pacific_2014"]
    assert len(fit.allies) == 16 and len(fit.targets) == 96 and fit.peacetime.sum() == 55
    assert all(not g.added for g in fit.games)


def test_every_ally_the_data_holds_joins_its_theatre_s_historical_campaign(wide):
    europe, indo = wide["europe_2014"].campaign, wide["indo_pacific_2014"].campaign
    assert {a.id for a in europe.allies} == EUROPE_2014 and len(EUROPE_2014) == 30
    assert len(indo.allies) == 12
    assert "nixon_1969" not in wide          # every year after its start is held out: nothing to fit
    # the Cold War campaigns with given years join as they ship; the later ones would count the 2014 ones' years twice
    assert not wide["korea_1969"].added and not wide["offset_1966"].added
    assert wide["korea_1969"].fit == (1969, 1976, 1977) and wide["offset_1966"].fit == (1966, 1967, 1968, 1969)
    assert not {"trump_2017", "indo_partners_2018"} & set(wide)
    nato = read_series("nato_defence_share_gdp_all.csv")
    for ally in europe.allies:
        if ally.id in wide["europe_2014"].added:
            assert ally.spending == lookup(nato, ally.name)[2014], ally.id
    partners = {a.id for a in europe.allies if a.partner}
    assert partners == {"finland", "sweden", "montenegro", "north_macedonia"}    # NATO members only later


def test_an_added_ally_s_gdp_is_put_into_the_host_s_units_and_the_budget_pays_for_it(wide):
    game = wide["europe_2014"]
    data = countries(2014)
    own = [a for a in game.campaign.allies if a.id not in game.added]
    scale = statistics.median(a.gdp / data[a.id].gdp.value for a in own)
    assert 1.0 < scale < 1.5                  # 2023 GDP standing in for 2014's, as europe_2014 says
    for ally in game.campaign.allies:
        if ally.id in game.added:
            assert ally.gdp == round(data[ally.id].gdp.value * scale, 1), ally.id
    added_cost = sum(a.presence * a.upkeep for a in game.campaign.allies if a.id in game.added)
    assert game.campaign.us.budget == pytest.approx(28.9 + round(added_cost * 1.15, 1))


def test_the_larger_sample_fits_the_years_given_and_never_one_held_out(tmp_path, monkeypatch):
    for name in ("nato_defence_share_gdp.csv", "nato_defence_share_gdp_all.csv", "sipri_milex_share_gdp.csv",
                 "sipri_milex_share_gdp_all.csv", "sipri_milex_share_gdp_1969.csv"):
        (tmp_path / name).write_bytes(records.dataset_path(name).read_bytes())
    with open(tmp_path / "nato_defence_share_gdp_all.csv", "a", encoding="utf-8") as f:
        f.write("Albania,2021,9.99,\n")          # made up: a held-out year dropped into the data
    monkeypatch.setattr(records, "dataset_path", lambda name: tmp_path / name)
    fit = Fit("all")
    years = {g.campaign.calendar.start + t for g, t in ((fit.games[t[0]], t[1]) for t in fit.targets)}
    assert years == {1967, 1968, 1969, 1976, 1977, 2015, 2016, 2017, 2018, 2019, 2024}
    assert len(fit.allies) == 46 and len(fit.targets) == 260 and fit.peacetime.sum() == 150


def test_every_added_ally_is_argued_and_plays_what_washington_did(wide):
    """No neutral guess enters the fit: each added ally's judgements are the file's, with a reason each, and it plays
    the orders the file argues (the host's plan names only its own allies)."""
    argued = calibration_sample.argued()
    for cid in ("europe_2014", "indo_pacific_2014"):
        game = wide[cid]
        assert set(game.added) == set(argued[cid]["allies"])
        for ally in game.campaign.allies:
            if ally.id in game.added:
                for key, value in argued[cid]["allies"][ally.id].items():
                    assert getattr(ally, key) == value, (cid, ally.id, key)
    text = calibration_sample.ARGUED.read_text(encoding="utf-8")
    judged = [line for line in text.splitlines() if line.startswith("      ") and ":" in line]
    assert judged and all("#" in line for line in judged)          # every judgement carries its reason
    europe = wide["europe_2014"]
    romania, belgium = europe.campaign.ally_index("romania"), europe.campaign.ally_index("belgium")
    state = opening(europe.campaign, runs=1)[1]
    orders = europe.policy(state, None)[0]
    assert ORDERS[orders[romania]] == "reassure" and ORDERS[orders[belgium]] == "hold"    # 2014: rotations east


def test_an_added_ally_without_argued_judgements_stops_the_sample(monkeypatch):
    table = {cid: dict(parts) for cid, parts in calibration_sample.argued().items()}
    table["europe_2014"] = {**table["europe_2014"], "allies": {k: v for k, v in table["europe_2014"]["allies"].items()
                                                               if k != "sweden"}}
    monkeypatch.setattr(calibration_sample, "argued", lambda: table)
    with pytest.raises(ValueError, match="argues no judgements for sweden"):
        calibration_sample.games("all")
