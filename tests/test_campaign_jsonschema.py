"""The JSON Schema for editors is generated from the loader's tables and kept in step with them."""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from game.campaign.jsonschema import campaign_schema

ROOT = Path(__file__).resolve().parents[1]


def test_committed_schema_is_up_to_date():
    committed = json.loads((ROOT / "docs" / "campaign.schema.json").read_text(encoding="utf-8"))
    assert committed == campaign_schema(), "run: python -m game.campaign.jsonschema > docs/campaign.schema.json"


def test_shipped_campaigns_use_only_keys_the_schema_knows_and_all_it_requires():
    schema = campaign_schema()
    ally = schema["properties"]["allies"]["items"]
    for path in sorted((ROOT / "campaigns").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(doc) <= set(schema["properties"]) and set(schema["required"]) <= set(doc), path.name
        for entry in doc["allies"]:
            assert set(entry) <= set(ally["properties"]) and set(ally["required"]) <= set(entry), path.name
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


def test_schema_rejects_unknown_keys_and_bounds_shares():
    schema = campaign_schema()
    ally = schema["properties"]["allies"]["items"]
    assert ally["additionalProperties"] is False
    assert (ally["properties"]["trust"]["minimum"], ally["properties"]["trust"]["maximum"]) == (0, 1)
    assert schema["properties"]["calendar"]["properties"]["step"]["enum"] == ["year", "half", "quarter", "month"]
