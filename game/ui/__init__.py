"""The window: the pygame shell, with a folder per screen and the helpers the screens share at this level.

pygame's own start imports pkg_resources (setuptools), only so that pygame.pkgdata can look up pygame's bundled
files; without it pkgdata opens them from pygame's folder, as it does in a frozen app. The window never uses
pkg_resources, and importing it took 70 ms of the 0.5 s to the title's first frame, so pygame is first imported
here, with pkg_resources hidden for that moment (a later `import pkg_resources` works as usual).
"""
import sys

if "pygame" not in sys.modules and "pkg_resources" not in sys.modules:
    sys.modules["pkg_resources"] = None     # importing it now raises ImportError, which pygame.pkgdata expects
    try:
        import pygame  # noqa: F401 - imported here for the reason above; every window module imports it too
    finally:
        del sys.modules["pkg_resources"]
