"""The package ships every module and data file the game needs (the wheel is also checked end to end in CI)."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_python_package_is_listed_in_pyproject():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    listed = set(re.findall(r'"(game(?:\.[a-z_]+)*)"', text.split("[tool.setuptools.package-dir]")[0]))
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "game").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_shipped_data_folders_are_mapped_into_the_package():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for folder in ("campaigns", "assets", "data"):
        assert f'"game.{folder}" = "{folder}"' in text
        assert (ROOT / folder).is_dir()
