"""`fairshare new` for every ally and partner the data holds, in either theatre and in the years the data allows:
each builds a campaign that passes `validate --strict` and plays; U.S. presence comes from the troop tables with the
caveat that rotational forces are not counted; a partner is a partner; a year the data cannot start is refused in
one line."""
from __future__ import annotations

import dataclasses
import json
import re

import pytest
import yaml

from game.analysis.records import read_series, spellings
from game.authoring.countries import NATO_ACCESSION
from game.authoring.data import Troops, countries, start_years
from game.authoring.scaffold import GUESS, _presence, scaffold
from game.cli import main

ALL = countries()
# The two allies the game's map has no outline for: Canada is outside the European map, New Zealand east of the
# Indo-Pacific one. They build and play, and `validate` says ok; `--strict` refuses them for that one warning.
# (Singapore, too small for Natural Earth's 1:110m outlines, has a hand-digitised one: assets/map/SOURCE.md.)
OFF_MAP = {"canada": "CAN", "new_zealand": "NZL"}


def flat(text: str) -> str:
    """The file with its wrapped comments joined into one line each."""
    return re.sub(r"\n *# ", " ", text)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def latest_year(cid: str) -> int:
    """The latest year the data holds every figure of the ally for (2024, but 2018 for Viet Nam)."""
    theatre = ALL[cid].theatre
    return next(y for y in reversed(start_years(theatre)) if countries(y)[cid].spending and countries(y)[cid].gdp)


def test_the_data_holds_thirty_allies_in_europe_and_twelve_in_the_indo_pacific():
    theatres = [c.theatre for c in ALL.values()]
    assert (theatres.count("europe"), theatres.count("indo_pacific")) == (30, 12)
    nato = set(read_series("nato_defence_share_gdp_all.csv")) - {"United States", "NATO Total",
                                                                 "NATO Europe and Canada"}
    europe = [c for c in ALL.values() if c.theatre == "europe"]
    assert {next(n for n in spellings(c.name) if n in nato) for c in europe} == nato     # every NATO ally but the U.S.
    assert [cid for cid in ALL if latest_year(cid) != 2024] == ["vietnam"]


@pytest.mark.parametrize("cid", sorted(ALL))
def test_new_builds_a_campaign_for_every_ally_that_validates_and_plays(tmp_path, capsys, cid):
    country, year = ALL[cid], latest_year(cid)
    out = tmp_path / f"{cid}.yaml"
    code, _, err = run(capsys, "new", f"only_{cid}", "--theatre", country.theatre, "--allies", cid,
                       "--year", str(year), "--turns", "6", "--out", str(out))
    assert code == 0, err
    code, said, _ = run(capsys, "validate", "--strict", str(out))
    if cid in OFF_MAP:
        assert code == 1 and len(said.splitlines()) == 1
        assert f"error: country {OFF_MAP[cid]} of ally '{cid}' is not on the map of theatre" in said
        assert run(capsys, "validate", str(out))[1].splitlines()[-1] == f"{out}: ok (1 warning)"
    else:
        assert (code, said.strip()) == (0, f"{out}: ok")
    code, said, _ = run(capsys, "simulate", str(out), "--policy", "adaptive", "--runs", "8", "--json")
    result = json.loads(said)
    assert code == 0 and set(result["final"]) == {cid, "outcomes"} and 0 < result["final"]["outcomes"]["score"] < 100


def test_presence_is_seeded_from_the_troops_with_the_rotational_caveat(tmp_path):
    made = scaffold("seeded", allies=["poland", "germany", "belgium"], out=tmp_path / "s.yaml")
    allies = {a["id"]: a for a in yaml.safe_load(made.text)["allies"]}
    # Germany: 35,125 troops on 31 Dec 2023 against europe_2024's full presence of 44,000 (upkeep 17.6)
    assert (allies["germany"]["presence"], allies["germany"]["upkeep"]) == (0.8, 17.6)
    # Poland: 249 permanently assigned against 16,500; europe_2024's 0.6 counts the rotational brigade
    assert (allies["poland"]["presence"], allies["poland"]["upkeep"]) == (0.02, 6.6)
    # Belgium, judged by no shipped campaign: 1,105 against a neutral full presence of 5,000
    assert (allies["belgium"]["presence"], allies["belgium"]["upkeep"]) == (0.22, 2.0)
    text = flat(made.text)
    assert "249 on 31 Dec 2023, 312 on 31 Dec 2024" in text and "35,125 on 31 Dec 2023" in text
    assert text.count("Rotational forces are not counted, so presence is a floor") == 3
    assert "campaigns/europe_2024.yaml judges presence 0.6, rotations included" in text
    assert "rotational forces (the brigades in Poland, the Baltic states and Romania" in text


def test_a_garrison_larger_than_the_judged_full_presence_raises_it_rather_than_exceed_0_9():
    """Presence is troops over the full presence a shipped campaign judged (or 5,000, a neutral guess); a count
    that would put it above 0.9 raises the full presence, and with it the upkeep, instead."""
    japan = {"presence": 0.85, "upkeep": 25.4}
    lines = _presence(ALL["japan"], japan, None, 2024)
    assert japan == {"presence": round(55423 / 63500, 2), "upkeep": 25.4} and "63,500 troops" in flat("\n".join(lines))
    big = dataclasses.replace(ALL["belgium"], troops=Troops(60000, "60,000 on 31 Dec 2023"))
    values = dict(GUESS)
    lines = _presence(big, values, None, 2024)
    assert (values["presence"], values["upkeep"]) == (0.9, 26.8)       # 60,000 / 67,000 troops, 67,000 / 2,500
    assert "Presence 1.0 = 67,000 troops (so that they make presence 0.9)" in flat("\n".join(lines))
    tiny = dataclasses.replace(ALL["belgium"], troops=Troops(3, "3 on 31 Dec 2023"))
    values = dict(GUESS)
    _presence(tiny, values, None, 2024)
    assert values["presence"] == 0.01          # rounded up to the shipped campaigns' least, not away to nothing


def test_partners_and_nuclear_powers_are_the_facts_of_the_year(tmp_path):
    doc = yaml.safe_load(scaffold("ip", theatre="indo_pacific", allies=["india", "taiwan", "japan", "new_zealand"],
                                  out=tmp_path / "i.yaml").text)
    allies = {a["id"]: a for a in doc["allies"]}
    assert {k for k, a in allies.items() if a.get("partner")} == {"india", "taiwan", "new_zealand"}
    assert {k for k, a in allies.items() if a.get("nuclear_power")} == {"india"}
    old = yaml.safe_load(scaffold("old", allies=["finland", "sweden", "poland", "montenegro", "norway"], year=2016,
                                  out=tmp_path / "o.yaml").text)
    partners = {a["id"] for a in old["allies"] if a.get("partner")}
    assert partners == {c for c in ("finland", "sweden", "montenegro") if NATO_ACCESSION[c] > 2016}
    assert partners == {"finland", "sweden", "montenegro"}


def test_a_year_other_than_2024_takes_that_year_s_figures(tmp_path, capsys):
    out = tmp_path / "y2016.yaml"
    code, _, err = run(capsys, "new", "y2016", "--allies", "poland,estonia,germany,finland", "--year", "2016",
                       "--out", str(out))
    assert code == 0, err
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert doc["calendar"]["start"] == 2016 and doc["briefing"].startswith("It is 2016.")
    nato = read_series("nato_defence_share_gdp_all.csv")
    usd, share = read_series("sipri_milex_constant2023_usd_m_all.csv"), read_series("sipri_milex_share_gdp_all.csv")
    for ally in doc["allies"]:
        name = ally["name"]
        assert ally["spending"] == nato[name][2016]                        # NATO's series for Europe from 2014
        assert ally["gdp"] == round(usd[name][2016] / share[name][2016] * 100 / 1000, 1)   # derived, 2023 prices
    assert doc["adversaries"][0]["capability"] == round(usd["Russia"][2016] / 1000, 1)
    text = out.read_text(encoding="utf-8")
    assert "the data holds no count for 2016" in text and "Defense Manpower" not in text
    assert "Judgements (as in campaigns/europe_2014.yaml)" in text          # the shipped campaign nearest in time
    assert run(capsys, "validate", "--strict", str(out))[0] == 0
    early = yaml.safe_load(scaffold("early", allies=["poland"], year=2005, out=tmp_path / "e.yaml").text)
    assert early["allies"][0]["spending"] == share["Poland"][2005]          # SIPRI's series before 2014


@pytest.mark.parametrize("year, why", [
    (2021, "its figures are held out for the backtest (data/README.md)"),
    (1969, "SIPRI gives Russia's military expenditure from 1992 only"),
    (2031, "no table in data/ holds it"),
])
def test_a_year_the_data_cannot_start_is_refused_in_one_line(tmp_path, capsys, year, why):
    out = tmp_path / "x.yaml"
    code, said, err = run(capsys, "new", "x", "--year", str(year), "--out", str(out))
    assert code == 2 and not out.exists() and said == ""
    assert len(err.strip().splitlines()) == 1 and why in err
    assert err.startswith(f"fairshare: error: --year {year}: the data cannot start a campaign in Europe that year")
    assert err.strip().endswith("choose from 1992-2019 and 2024")


def test_the_indo_pacific_starts_where_china_s_figures_start(tmp_path, capsys):
    assert start_years("indo_pacific")[0] == 1989 and start_years("europe")[0] == 1992
    assert run(capsys, "new", "ip", "--theatre", "indo_pacific", "--year", "1990", "--out",
               str(tmp_path / "ip.yaml"))[0] == 0
    code, _, err = run(capsys, "new", "both", "--theatre", "both", "--year", "1990", "--out", str(tmp_path / "b.yaml"))
    assert code == 2 and "in Europe that year" in err


def test_the_spellings_of_the_tables_and_the_old_ids_are_understood(tmp_path):
    made = scaffold("names", allies=["turkey", "slovak-republic", "Czechia"], out=tmp_path / "n.yaml")
    assert made.allies == ("turkiye", "slovakia", "czechia")
    names = [a["name"] for a in yaml.safe_load(made.text)["allies"]]
    assert names == ["Türkiye", "Slovakia", "Czechia"]


def test_a_country_that_was_no_ally_or_partner_that_year_is_refused(tmp_path, capsys):
    out = tmp_path / "x.yaml"
    code, _, err = run(capsys, "new", "x", "--allies", "germany,poland", "--year", "1993", "--out", str(out))
    assert code == 2 and not out.exists()
    assert err.strip() == ("fairshare: error: Poland was neither a U.S. ally nor a partner in 1993 (a U.S. partner "
                           "only from 1994); choose a later --year or leave it out")
    assert run(capsys, "new", "x", "--allies", "germany,poland", "--year", "1994", "--out", str(out))[0] == 0
    code, _, err = run(capsys, "new", "y", "--theatre", "indo_pacific", "--allies", "vietnam", "--year", "1990",
                       "--out", str(tmp_path / "y.yaml"))
    assert code == 2 and "Viet Nam was neither a U.S. ally nor a partner in 1990" in err
    assert scaffold("z", year=1993, out=tmp_path / "z.yaml").allies == ("germany", "spain")   # the defaults then
