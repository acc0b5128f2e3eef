"""`python -m game ...` is the same as `fairshare ...`."""
import sys

from game.cli import main

if __name__ == "__main__":    # worker processes (game.analysis.workers) import the main module again
    sys.exit(main())
