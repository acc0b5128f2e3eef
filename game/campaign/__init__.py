"""Campaign files: YAML -> validated `Campaign` objects (see docs/campaign-format.md).

    from game.campaign import load_campaign, validate_file, CampaignError
    campaign = load_campaign("campaigns/europe_2024.yaml")   # raises CampaignError listing every problem
    for problem in validate_file(path):                        # [] when the file is valid
        print(problem)                                         # FILE:LINE:COL: error: MESSAGE
"""
from .errors import CampaignError, Problem
from .loader import load_campaign, load_campaign_text, validate_file, validate_text
from .model import (ADVERSARY_VARS, ALLY_VARS, CALENDAR_STEPS, ORDERS, PILLARS, US_ACTIONS, US_VARS, Adversary, Ally,
                    Calendar, Campaign, Effect, Event, UnitedStates)

__all__ = [
    "CampaignError", "Problem", "load_campaign", "load_campaign_text", "validate_file", "validate_text",
    "Campaign", "Ally", "Adversary", "UnitedStates", "Calendar", "Event", "Effect",
    "ORDERS", "US_ACTIONS", "PILLARS", "ALLY_VARS", "ADVERSARY_VARS", "US_VARS", "CALENDAR_STEPS",
]
