"""Fair Share: `python main.py` opens the game; `python main.py --help` lists the other commands."""
try:    # Ctrl-C from the first line on is exit 130, not a traceback (game.__main__.run guards the rest)
    import sys

    from game.__main__ import run

    if __name__ == "__main__":
        sys.exit(run())
except KeyboardInterrupt:
    raise SystemExit(130) from None
