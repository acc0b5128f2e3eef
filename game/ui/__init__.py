"""The window: the pygame shell, with a folder per screen and the helpers the screens share at this level."""
