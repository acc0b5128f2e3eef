"""Loading valid campaigns: the YAML becomes the dataclasses of game.campaign.model, with defaults filled in."""
from __future__ import annotations

import dataclasses
import hashlib

import pytest

from game.campaign import (Adversary, Ally, Calendar, Campaign, CampaignError, Effect, Event, Problem, UnitedStates,
                           load_campaign, load_campaign_text, model, schema, validate_file, validate_text)
from game.campaign.safe_yaml import Mapping, Scalar, Sequence, load_located, to_python

MINI = """\
id: mini
name: Mini Campaign
description: A small test campaign.
briefing: |
  Two allies, one adversary.
  Keep them together.
turns: 8
calendar: {start: 2024, step: quarter}
us:
  budget: 120
allies:
  - id: poland
    name: Poland
    country: POL
    theatre: europe
    adversary: russia
    gdp: 810
    spending: 4.1
    threat: 0.9
    trust: 0.7
    alignment: 0.8
    presence: 0.5
    upkeep: 2.5
    latency: 0.2
    ceiling: 6
  - id: spain
    name: Spain
    country: ESP
    theatre: europe
    adversary: russia
    gdp: 1580
    spending: 1.3
    threat: 0.2
    trust: 0.6
    alignment: 0.7
    presence: 0.2
    upkeep: 1
    partner: false
    note: "Far from the front."
    dispute:
adversaries:
  - id: russia
    name: Russia
    country: RUS
    theatre: europe
    capability: 110
    growth: 0.02
events:
  - id: crisis
    title: Border crisis
    text: Troops mass on the border.
    turn: 3
    effects:
      - {target: allies, var: threat, add: 0.1, scale: exposure, theatre: europe}
      - {target: russia, var: revisionism, add: 0.05}
  - id: wobble
    title: Wobble
    text: Trust falls.
    when: "turn >= 2 and poland.trust < 0.4"
    once: false
    effects:
      - {target: us, var: credibility, add: -0.1}
goals: [Keep Poland spending]
sources:
  - NATO, Defence Expenditure of NATO Countries (2014-2024)
score_weights: {deterrence: 2}
"""


def test_minimal_campaign_loads_to_dataclasses():
    c = load_campaign_text(MINI, "mini.yaml")
    assert isinstance(c, Campaign)
    assert (c.id, c.name, c.turns) == ("mini", "Mini Campaign", 8)
    assert c.description == "A small test campaign."
    assert c.briefing == "Two allies, one adversary.\nKeep them together.\n"
    assert c.calendar == Calendar(start=2024, step="quarter")
    assert c.us == UnitedStates(budget=120.0, domestic_pressure=0.3, credibility=0.7)
    assert [type(a) for a in c.allies] == [Ally, Ally]
    poland, spain = c.allies
    assert poland == Ally(id="poland", name="Poland", country="POL", theatre="europe", adversary="russia",
                          gdp=810.0, spending=4.1, threat=0.9, trust=0.7, alignment=0.8, presence=0.5, upkeep=2.5,
                          latency=0.2, ceiling=6.0)
    # defaults, and `dispute:` with no value means "use the default"
    assert (spain.latency, spain.trade_dependence, spain.responsiveness, spain.hedging, spain.dispute,
            spain.ceiling, spain.partner, spain.note) == (0.0, 0.0, 1.0, 0.0, 0.0, 5.0, False, "Far from the front.")
    assert isinstance(spain.gdp, float) and isinstance(spain.upkeep, float)
    assert c.adversaries == (Adversary(id="russia", name="Russia", country="RUS", theatre="europe",
                                       capability=110.0, growth=0.02, revisionism=0.5),)
    crisis, wobble = c.events
    assert crisis == Event(id="crisis", title="Border crisis", text="Troops mass on the border.", turn=3,
                           effects=(Effect("allies", "threat", 0.1, "exposure", "europe"),
                                    Effect("russia", "revisionism", 0.05)))
    assert (wobble.turn, wobble.when, wobble.once) == (None, "turn >= 2 and poland.trust < 0.4", False)
    assert wobble.effects == (Effect("us", "credibility", -0.1),)
    assert c.goals == ("Keep Poland spending",)
    assert c.sources == ("NATO, Defence Expenditure of NATO Countries (2014-2024)",)
    assert c.score_weights == {"deterrence": 2.0, "burden": 1.0, "influence": 1.0, "cohesion": 1.0}
    assert c.theatres == ("europe",)
    assert c.ally_index("spain") == 1
    assert c.path == "mini.yaml"
    assert c.content_hash == hashlib.sha256(MINI.encode()).hexdigest()


def test_calendar_labels():
    c = load_campaign_text(MINI)
    assert [c.calendar.label(t) for t in range(6)] == ["2024 Q1", "2024 Q2", "2024 Q3", "2024 Q4", "2025 Q1",
                                                       "2025 Q2"]
    yearly = load_campaign_text(MINI.replace("step: quarter", "step: year"))
    assert [yearly.calendar.label(t) for t in (0, 1)] == ["2024", "2025"]
    monthly = load_campaign_text(MINI.replace("{start: 2024, step: quarter}", "{start: 2030, step: month}"))
    assert [monthly.calendar.label(t) for t in (0, 2, 12)] == ["Jan 2030", "Mar 2030", "Jan 2031"]
    default = load_campaign_text(MINI.replace("{start: 2024, step: quarter}", "{start: 2024}"))
    assert default.calendar == Calendar(2024, "year")


def test_defaults_for_optional_top_level_keys():
    text = MINI.replace("score_weights: {deterrence: 2}\n", "").replace("goals: [Keep Poland spending]\n", "")
    text = text[:text.index("events:")] + text[text.index("goals:") if "goals:" in text else text.index("sources:"):]
    c = load_campaign_text(text)
    assert c.events == () and c.goals == ()
    assert c.score_weights == {p: 1.0 for p in model.PILLARS}


def test_load_campaign_from_file(tmp_path):
    path = tmp_path / "mini.yaml"
    path.write_text(MINI, encoding="utf-8")
    c = load_campaign(path)
    assert c.path == str(path)
    assert c.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert validate_file(path) == []
    assert validate_file(str(path)) == []


def test_bom_and_crlf_file_loads(tmp_path):
    path = tmp_path / "windows.yaml"
    raw = b"\xef\xbb\xbf" + MINI.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(raw)
    c = load_campaign(path)
    plain = load_campaign_text(MINI)
    assert dataclasses.replace(c, path="", content_hash="") == dataclasses.replace(plain, path="", content_hash="")
    assert c.briefing == "Two allies, one adversary.\nKeep them together.\n"
    assert c.content_hash == hashlib.sha256(raw).hexdigest()


def test_missing_file_is_a_problem_not_an_exception(tmp_path):
    missing = tmp_path / "nope.yaml"
    problems = validate_file(missing)
    assert len(problems) == 1 and problems[0].message.startswith("cannot read the file")
    with pytest.raises(CampaignError) as info:
        load_campaign(missing)
    assert str(info.value).startswith(f"{missing}:1:1: error: cannot read the file")


def test_problem_format_and_error_sorting():
    p = Problem("campaigns/x.yaml", 3, 7, "gdp: expected a number, got string 'abc'")
    assert str(p) == "campaigns/x.yaml:3:7: error: gdp: expected a number, got string 'abc'"
    err = CampaignError([Problem("f", 9, 1, "b"), Problem("f", 2, 5, "a"), Problem("f", 2, 3, "c")])
    assert [(q.line, q.col) for q in err.problems] == [(2, 3), (2, 5), (9, 1)]
    assert str(err) == "f:2:3: error: c\nf:2:5: error: a\nf:9:1: error: b"


def test_validate_text_reports_every_problem_in_order():
    text = MINI.replace("trust: 0.7", "trust: 1.7").replace("gdp: 1580", "gdp: many")
    problems = validate_text(text, "m.yaml")
    assert [str(p) for p in problems] == [
        "m.yaml:20:12: error: trust must be between 0 and 1, got 1.7",
        "m.yaml:31:10: error: gdp: expected a number, got string 'many'",
    ]


def test_schema_defaults_match_the_model():
    tables = {model.Ally: schema.ALLY, model.Adversary: schema.ADVERSARY, model.UnitedStates: schema.US,
              model.Calendar: schema.CALENDAR, model.Effect: schema.EFFECT}
    for cls, table in tables.items():
        fields = {f.name: f for f in dataclasses.fields(cls)}
        assert set(fields) == set(table), cls
        for name, f in fields.items():
            if f.default is dataclasses.MISSING:
                assert table[name].required, (cls, name)
            else:
                assert table[name].default == f.default, (cls, name)
    event_fields = {f.name for f in dataclasses.fields(model.Event)}
    assert event_fields == set(schema.EVENT)
    campaign_fields = {f.name for f in dataclasses.fields(model.Campaign)} - {"path", "content_hash"}
    assert campaign_fields == set(schema.TOP)


def test_located_tree_positions_and_yaml11_scalars():
    tree, problems = load_located(b"a: 1\nb:\n  - yes\n  - 'x'\n  - 0x1f\n  - 1_000\n  - 2024-05-01\n  - ~\n"
                                  b"c: {d: .5}\n", "t.yaml")
    assert problems == []
    assert isinstance(tree, Mapping)
    assert to_python(tree) == {"a": 1, "b": [True, "x", 31, 1000, "2024-05-01", None], "c": {"d": 0.5}}
    key, value = tree.entries["b"]
    assert (key.line, key.col) == (2, 1)
    assert isinstance(value, Sequence) and (value.line, value.col) == (3, 3)
    quoted = value.items[1]
    assert isinstance(quoted, Scalar) and (quoted.line, quoted.col, quoted.style) == (4, 5, "'")
    d = tree.get("c").get("d")
    assert (d.line, d.col, d.value) == (9, 8, 0.5)


def test_twenty_kilobyte_campaign_with_38_allies_validates():
    ally = MINI[MINI.index("  - id: spain"):MINI.index("adversaries:")]
    allies = "".join(ally.replace("id: spain", f"id: ally{i}") for i in range(38))
    event = MINI[MINI.index("  - id: crisis"):MINI.index("goals:")]
    events = "".join(event.replace("id: crisis", f"id: c{i}").replace("id: wobble", f"id: w{i}") for i in range(25))
    text = MINI.replace("adversaries:", allies + "adversaries:")
    text = text[:text.index("events:\n") + 8] + events + text[text.index("goals:"):]
    assert len(text) > 20_000
    assert validate_text(text) == []      # speed is measured by `main.py bench`, not asserted here
    assert len(load_campaign_text(text).allies) == 40
