"""`python -m game ...` is the same as `fairshare ...`."""
import sys

from game.cli import main

sys.exit(main())
