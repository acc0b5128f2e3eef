"""The game in German and Polish beside English: the catalogues are complete and compiled from their sources, no
English is left on a translated screen, plural forms, numbers and dates follow each language, the language setting
and --lang reach the window, the CLI and the exports, and a campaign's own text is checked and switched."""
from __future__ import annotations

import ast
import csv
import io
import json
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest

from game import i18n
from game.i18n import LANGUAGES, SOURCE, ngettext, num, percent, speaking

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = [code for code in LANGUAGES if code != SOURCE]
babel = pytest.importorskip("babel", reason="Babel is a test dependency (pip install -e '.[test]')")


def catalogues():
    from tools import i18n as toolchain
    return toolchain, {code: toolchain.load(code) for code in TRANSLATED}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# --- the catalogues -------------------------------------------------------------------------------------------------
def test_every_message_the_code_marks_is_translated_in_every_catalogue():
    toolchain, langs = catalogues()
    marked = {(m.context, m.id) for m in toolchain.extract() if m.id}
    assert len(marked) > 1000
    for code, catalogue in langs.items():
        held = {(m.context, m.id): m for m in catalogue if m.id}
        assert not marked - held.keys(), f"{code}: not in the catalogue (python -m tools.i18n update)"
        assert not held.keys() - marked, f"{code}: no longer in the code"
        for key in marked:
            m = held[key]
            forms = m.string if isinstance(m.string, tuple) else (m.string,)
            assert all(forms) and not m.fuzzy, f"{code}: untranslated {key}"


def test_the_shipped_mo_files_are_what_the_po_files_compile_to():
    toolchain, _ = catalogues()
    for code in TRANSLATED:
        assert toolchain.mo_path(code).read_bytes() == toolchain.compiled(code), \
            f"{code}: run `python -m tools.i18n compile`"


def test_every_translation_fills_the_fields_its_english_names():
    _, langs = catalogues()
    for code, catalogue in langs.items():
        for m in catalogue:
            if not m.id:
                continue
            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            wanted = set().union(*map(fields, ids))
            extra = {"roman"} if m.context == "date" else set()     # I, II... where a language writes quarters so
            for form in (m.string if isinstance(m.string, tuple) else (m.string,)):
                assert fields(form) <= wanted | extra, (code, m.id, form)
                # every field but the count of a plural's singular (Polish "one" often says it without the number)
                assert wanted - fields(form) <= ({"n"} | {"year", "n"} if m.context == "date" else {"n"}), \
                    (code, m.id, form)


def test_plural_forms_come_from_each_catalogue():
    cases = {"en": ["1 ally", "2 allies", "5 allies", "22 allies"],
             "de": ["1 Verbündeter", "2 Verbündete", "5 Verbündete", "22 Verbündete"],
             "pl": ["1 sojusznik", "2 sojuszników", "5 sojuszników", "22 sojuszników"]}
    turns = {"en": ["1 turn", "2 turns", "5 turns", "22 turns"], "de": ["1 Runde", "2 Runden", "5 Runden", "22 Runden"],
             "pl": ["1 tura", "2 tury", "5 tur", "22 tury"]}     # Polish: one, few (2-4, 22-24), many (5-21)
    for code in LANGUAGES:
        with speaking(code):
            assert [ngettext("{n} ally", "{n} allies", n).format(n=n) for n in (1, 2, 5, 22)] == cases[code]
            assert [ngettext("{n} turn", "{n} turns", n).format(n=n) for n in (1, 2, 5, 22)] == turns[code]


def test_numbers_and_dates_are_written_as_each_language_writes_them():
    from game.campaign.model import Calendar
    from game.ui.wording import dollars, shown, shown_delta
    expected = {"en": ("1,234.50", "-0.25", "30%", "2026 H1", "2026 Q3", "Mar 2026", "$1,234.5 bn", "0.00"),
                "de": ("1.234,50", "-0,25", "30 %", "1. Hj. 2026", "Q3 2026", "März 2026", "1.234,5 Mrd. $", "0,00"),
                "pl": ("1\u202f234,50", "-0,25", "30%", "I półr. 2026", "III kw. 2026", "mar 2026",
                       "1\u202f234,5 mld $",
                       "0,00")}
    for code, want in expected.items():
        with speaking(code):
            got = (num(1234.5, 2, group=True), num(-0.25), percent(0.3), Calendar(2026, "half").label(0),
                   Calendar(2026, "quarter").label(2), Calendar(2026, "month").label(2), dollars(1234.5),
                   shown(-0.001))
            assert got == want
            # the change read off two shown values is the same number in every notation
            assert shown_delta(2.004, 2.106) == pytest.approx(0.11)
            # a machine's label stays English whatever is spoken (game.csv's period column)
            assert Calendar(2026, "half").label(0, SOURCE) == "2026 H1"


def test_the_system_language_is_used_where_the_game_speaks_it():
    assert i18n.system_language({"LANG": "de_DE.UTF-8"}) == "de"
    assert i18n.system_language({"LANGUAGE": "pl:en", "LANG": "de_DE.UTF-8"}) == "pl"
    assert i18n.system_language({"LC_ALL": "fr_FR.UTF-8"}) == "en"       # no French: English
    assert i18n.system_language({"LANG": "C"}) == "en" and i18n.system_language({}) == "en"
    assert i18n.resolve("system") in LANGUAGES and i18n.resolve("pl") == "pl"


def test_no_function_both_translates_and_binds_the_underscore():
    """`x, _ = ...` in a function that calls _() makes _ a local there: the call fails when that line runs."""
    found = []
    for path in (ROOT / "game").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            scope = [n for n in ast.walk(fn) if not isinstance(n, (ast.ListComp, ast.SetComp, ast.DictComp,
                                                                      ast.GeneratorExp))]
            inner = {id(n) for c in ast.walk(fn) if isinstance(c, (ast.ListComp, ast.SetComp, ast.DictComp,
                                                                    ast.GeneratorExp)) for n in ast.walk(c)}
            binds = [n for n in scope if isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)
                     and id(n) not in inner]
            calls = [n for n in ast.walk(fn) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "_"]
            if binds and calls:
                found.append(f"{path.relative_to(ROOT)}:{binds[0].lineno}")
    assert not found


# --- the window -------------------------------------------------------------------------------------------------------
def _english_phrases(catalogue) -> dict[str, str]:
    """The English phrases a translated screen must not show: the longest literal part of every message whose
    translation differs, where that part is a phrase (two words at least) rather than a name or a symbol."""
    out = {}
    for m in catalogue:
        if not m.id or isinstance(m.id, tuple) or m.string == m.id:
            continue
        parts = [p for p, _, _, _ in string.Formatter().parse(m.id)]
        longest = max(parts, key=len).strip(" .,:;()")
        if len(longest) >= 12 and " " in longest and longest not in m.string:
            out[longest] = m.id
    return out


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_english_is_left_on_a_translated_screen(home, code):
    from game.campaign import load_campaign
    from game.ui import fitcheck
    _, langs = catalogues()
    phrases = _english_phrases(langs[code])
    english = load_campaign(ROOT / "campaigns" / "europe_2024.yaml").translations[SOURCE]
    seen = []
    with speaking(code):
        fitcheck.every_scene((1280, 720), 1.0, "europe_2024", seen=seen)
    drawn = "\n".join(d.wanted for d in seen)
    assert len(seen) > 300
    left = sorted(phrase for phrase in phrases if phrase in drawn)
    assert not left, left
    # the campaign's own text too: its names, its events' titles and its goals are in the language spoken
    for text in [english["name"], *english["goals"], *(e["title"] for e in english["events"].values())]:
        assert text not in drawn, text
    assert "Russia" not in drawn.replace("Russian", "")     # the adversary on the map, in the panels and the news


def test_choosing_a_language_in_settings_switches_the_screens_and_the_campaign(app):
    from dataclasses import replace

    from game.ui import flow
    flow.start_campaign(app, "europe_2024", 7)
    flow.begin_play(app)
    campaign = app.session.campaign
    assert (campaign.allies[0].name, campaign.adversaries[0].name) == ("Poland", "Russia")
    app.apply_settings(replace(app.settings, language="pl"))
    assert i18n.language() == "pl" and campaign.allies[0].name == "Polska"
    assert campaign.events[0].title == "Kampania wyborcza w USA" and campaign.name.startswith("Europa 2024")
    app.apply_settings(replace(app.settings, language="en"))
    assert campaign.allies[0].name == "Poland" and campaign.events[0].title == "U.S. Election Season"


def test_the_fonts_draw_every_character_the_translations_use(home):
    import pygame

    from game.campaign import load_campaign
    from game.paths import asset_path
    _, langs = catalogues()
    text = set()
    for catalogue in langs.values():
        for m in catalogue:
            text |= set("".join(m.string if isinstance(m.string, tuple) else (m.string,)))
    for name in ("tutorial", "europe_2024"):
        text |= set(json.dumps(load_campaign(ROOT / "campaigns" / f"{name}.yaml").translations, ensure_ascii=False))
    assert set("ąćęłńóśźżĆŁŚŻäöüßÄÖÜ„“”–") <= text
    pygame.font.init()
    for face in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        font = pygame.font.Font(os.fspath(Path(asset_path("fonts")) / face), 20)
        missing = [ch for ch in sorted(text) if ch.isprintable() and font.metrics(ch)[0] is None]
        assert not missing, (face, missing)


def test_every_country_on_the_maps_has_a_name_in_the_catalogue():
    from game.ui.map.names import COUNTRIES
    for era in ("theatres.json", "theatres_1969.json"):
        theatres = json.loads((ROOT / "assets" / "map" / era).read_text(encoding="utf-8"))["theatres"]
        for theatre in theatres.values():
            countries = theatre["countries"]
            for country in (countries.values() if isinstance(countries, dict) else countries):
                assert country["name"] in COUNTRIES, country["name"]


# --- the command line and the exports ------------------------------------------------------------------------------
def _cli(*args: str, env_lang: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.fspath(ROOT)}
    if env_lang is not None:
        env["LANGUAGE"] = env_lang
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


def test_the_cli_speaks_lang_else_the_system_language():
    german = _cli("simulate", "tutorial", "--policy", "hold", "--runs", "20", "--lang", "de")
    assert german.returncode == 0 and "Säulen (0-100): Abschreckung" in german.stdout, german.stderr
    assert "," in german.stdout.splitlines()[3]        # decimal commas in the allies' table
    polish = _cli("simulate", "tutorial", "--policy", "hold", "--runs", "20", env_lang="pl")
    assert "filary (0-100): odstraszanie" in polish.stdout
    english = _cli("simulate", "tutorial", "--policy", "hold", "--runs", "20", "--lang", "en", env_lang="pl")
    assert "pillars (0-100): deterrence" in english.stdout
    refused = _cli("simulate", "tutorial", "--policy", "hold", "--lang", "fr")
    assert refused.returncode == 2 and "--lang" in refused.stderr


def test_the_exports_follow_the_language_and_the_csv_keeps_its_column_ids(tmp_path):
    from game.analysis import class_export, class_report, debrief_export, game_table
    from game.analysis.replay import policy_session
    from game.campaign import load_campaign
    from game.saves import WINDOW, write_save_file
    from game.sim.policies import adaptive
    session = policy_session(load_campaign(ROOT / "campaigns" / "tutorial.yaml"), adaptive(), 3)
    save = tmp_path / "game.json"
    write_save_file(session, save, WINDOW, team="Team Ada")
    english = debrief_export.build(session, None)
    with speaking("de"):
        german = debrief_export.build(session, None)
        report = class_export.build(class_report.build([os.fspath(save)]))
    head_en, head_de = (next(csv.reader(io.StringIO(files["game.csv"].decode("utf-8-sig")))) for files in
                        (english, german))
    assert head_en == list(game_table.COLUMNS)
    assert head_de[game_table.COLUMNS.index("spending")] == "Verteidigungsausgaben (% des BIP) [spending]"
    assert [h.rsplit("[", 1)[1].rstrip("]") for h in head_de] == list(game_table.COLUMNS)    # ids, in brackets
    assert "Druck im Inland: Kongress anrufen [domestic" not in head_de            # factor columns by factor name
    assert any(h.startswith("Vertrauen in die USA: ") for h in head_de)
    # the rows are the same values in every language: the CSV is data
    assert english["game.csv"].decode("utf-8-sig").split("\r\n")[1:] == \
        german["game.csv"].decode("utf-8-sig").split("\r\n")[1:]
    assert "Auswertung: Team Ada" not in english["debrief.md"].decode() and \
        "Seed 3, beendet. Endstand" in german["debrief.md"].decode()
    assert "Kursbericht: Tutorial: Der Preis des Schirms" in report["class.md"].decode()
    assert report["class.csv"].decode("utf-8-sig").startswith("Rang [rank],Team [team],Datei [file],Punkte [score]")


# --- campaign text ----------------------------------------------------------------------------------------------------
SMALL = (ROOT / "campaigns" / "tutorial.yaml").read_text(encoding="utf-8")


def test_a_campaign_missing_a_translation_warns_at_the_right_line(tmp_path):
    from game.authoring.lint import lint_file
    text = SMALL.replace("      spain: {name: Spanien}\n", "", 1)
    lines = text.splitlines()
    de = lines.index("  de:")
    allies = de + lines[de:].index("    allies:")
    path = tmp_path / "tutorial.yaml"
    path.write_text(text, encoding="utf-8")
    campaign, warnings = lint_file(path)
    assert campaign is not None
    found = [w for w in warnings if "translations" in w.message]
    assert [(w.line, w.col) for w in found] == [(allies + 1, 5)]
    assert "no German text for the name of ally 'spain'" in found[0].message
    # a language left out entirely: one warning per key, at its block
    path.write_text(SMALL.replace("    name: \"Samouczek: kto płaci za parasol?\"\n", ""), encoding="utf-8")
    _, warnings = lint_file(path)
    pl = SMALL.splitlines().index("  pl:") + 1
    assert [(w.line, w.message.split(";")[0]) for w in warnings if "translations" in w.message] == \
        [(pl, "translations.pl: no Polish text for 'name'")]


def test_translation_mistakes_are_errors_at_their_position(tmp_path):
    from game.authoring.lint import lint_file
    from game.campaign import validate_text
    text = SMALL.replace("  de:\n", "  fr:\n  en:\n    name: x\n  de:\n", 1)
    text = text.replace("      poland: {name: Polen}", "      polnad: {name: Polen}", 1)
    text = text.replace("        title: \"Lektion 2: Bedrohung treibt die Anstrengung\"",
                        "        titel: \"Lektion 2: Bedrohung treibt die Anstrengung\"", 1)
    lines = text.splitlines()
    problems = {p.message: (p.line, p.col) for p in validate_text(text, "t.yaml")}
    assert problems["translations: unknown language 'fr' (the game speaks de, pl beside English)"] == \
        (lines.index("  fr:") + 1, 3)
    assert any(m.startswith("translations: 'en' is the campaign's own text") for m in problems)
    assert problems["unknown key 'titel' in translations.de.events.lesson_threat; did you mean 'title'?"][1] == 9
    # text for an ally the campaign does not have is not an error (an ally removed while the game runs): a warning
    assert not any("polnad" in m for m in problems)
    path = tmp_path / "t.yaml"
    stale = SMALL.replace("      poland: {name: Polen}", "      polnad: {name: Polen}", 1)
    path.write_text(stale, encoding="utf-8")
    found = {w.message: (w.line, w.col) for w in lint_file(path)[1]}
    assert found["translations.de.allies: no ally 'polnad' in this campaign; did you mean 'poland'?; its text is "
                 "not used"] == (stale.splitlines().index("      polnad: {name: Polen}") + 1, 7)


def test_the_language_changes_no_number_the_game_plays_by():
    from game.campaign import load_campaign
    from game.campaign.model import meaning_hash
    from game.sim.state import initial_state, make_world
    plain = load_campaign(ROOT / "campaigns" / "europe_2024.yaml")
    with speaking("de"):
        german = load_campaign(ROOT / "campaigns" / "europe_2024.yaml")
        assert german.allies[0].name == "Polen" and german.name.startswith("Europa 2024")
        assert meaning_hash(german) == meaning_hash(plain)
    assert initial_state(make_world(german)).spending.tolist() == initial_state(make_world(plain)).spending.tolist()


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_screen_keeps_its_values_at_the_nine_sizes_in_each_language(home, code):
    """German words are long: the layout check (game.ui.fitcheck, `python -m game.ui.fitcheck --lang de`) at the
    three window sizes times 100, 130 and 150 % finds no value cut, no text overlapping, no label off its country."""
    import itertools

    from game.ui import fitcheck
    with speaking(code):
        faults = [f for size, scale in itertools.product(fitcheck.SIZES, fitcheck.TEXT_SCALES)
                  for f in fitcheck.every_scene(size, scale, "europe_2024")]
    assert not faults, [str(f) for f in faults]


def test_the_wheel_carries_the_compiled_catalogues():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"game" = ["locale/*/LC_MESSAGES/*.mo"]' in text
    assert all((ROOT / "game" / "locale" / code / "LC_MESSAGES" / "fairshare.mo").is_file() for code in TRANSLATED)
