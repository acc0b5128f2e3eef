"""The title screen (campaign cards) and a campaign's briefing."""
