"""`python -m game ...`, `python main.py ...` and the installed `fairshare ...`: the command line, entered so that
Ctrl-C at any moment, even while the modules load in the first tenth of a second, ends with exit 130 and no
traceback (game.cli.main handles it from then on)."""
import sys


def run() -> int:
    try:
        from game.cli import main  # noqa: PLC0415 - imported inside the guard: Ctrl-C while it loads is caught
        return main()
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":    # worker processes (game.analysis.workers) import the main module again
    sys.exit(run())
