"""Fair Share: the model (sim), campaign files (campaign), analyses, the user's files, the window (ui) and the CLI."""
