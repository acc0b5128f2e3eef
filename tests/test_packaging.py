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


def test_an_installed_game_reads_its_own_files_not_those_beside_it(tmp_path):
    """Installed, the package holds the shipped folders (game/campaigns, ...); a top-level data/, assets/ or
    campaigns/ that another package put in site-packages must not shadow them."""
    import os
    import shutil
    import subprocess
    import sys
    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "game", site / "game", ignore=shutil.ignore_patterns("__pycache__"))
    for folder in ("campaigns", "assets", "data", "docs"):
        if folder != "docs":
            (site / "game" / folder).symlink_to(ROOT / folder)     # as the wheel packages them
        (site / folder).mkdir()                                    # and another package's folders beside it
    probe = ("from game import paths; print(paths.campaigns_dir(), paths.asset_path('map', 'theatres.json'), "
             "paths.dataset_path('nato_defence_share_gdp.csv'), paths.docs_path('campaign.schema.json'), sep='\\n')")
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    found = [Path(line) for line in out.stdout.split()]
    assert found[:3] == [site / "game" / "campaigns", site / "game" / "assets" / "map" / "theatres.json",
                         site / "game" / "data" / "nato_defence_share_gdp.csv"]
    assert all(p.exists() for p in found[:3]) and not found[3].exists()
