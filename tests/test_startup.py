"""Start-up and `validate` do only the work they need: what the title's first frame imports, and how often
`fairshare validate` parses a file."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from game.authoring import lint
from game.campaign import safe_yaml
from game.paths import campaigns_dir
from game.ui.render_bench import FIRST_FRAME_CHILD

REPO = Path(__file__).resolve().parents[1]

# the bench's child, then what it had imported by the first frame and once that frame's deferred work was done
_TITLE_FRAME = FIRST_FRAME_CHILD + """
import sys
first = {m for m in ("pkg_resources", "game.ui.play.scene", "game.ui.report.scene", "game.ui.side.help")
         if m in sys.modules}
app.presented()
later = {m for m in ("game.ui.play.scene", "game.ui.report.scene", "game.ui.side.help") if m in sys.modules}
print(sorted(first), sorted(later))
"""


def test_the_title_s_first_frame_imports_no_other_screen_and_no_pkg_resources(tmp_path):
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "FAIRSHARE_HOME": str(tmp_path),
           "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    out = subprocess.run([sys.executable, "-c", _TITLE_FRAME], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[-2] == "[] ['game.ui.play.scene', 'game.ui.report.scene', 'game.ui.side.help']"


def test_validate_parses_each_file_once_and_the_shipped_ranges_come_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FAIRSHARE_HOME", str(tmp_path))
    parses = []
    real = safe_yaml.load_located
    monkeypatch.setattr(safe_yaml, "load_located", lambda *a, **k: parses.append(1) or real(*a, **k))
    monkeypatch.setattr("game.campaign.loader.load_located", safe_yaml.load_located)
    lint.shipped_ranges.cache_clear()
    shipped = len(list(campaigns_dir().glob("*.yaml")))
    campaign, _ = lint.lint_file(campaigns_dir() / "tutorial.yaml")
    assert campaign is not None and len(parses) == 1 + shipped     # the file, and the shipped ones for the ranges
    first = lint.shipped_ranges()
    lint.shipped_ranges.cache_clear()
    parses.clear()
    lint.lint_file(campaigns_dir() / "tutorial.yaml")
    assert len(parses) == 1                                        # the ranges came from the cache this time
    assert lint.shipped_ranges() == first
    lint.shipped_ranges.cache_clear()
