"""The map's country names in the language spoken. The outlines (assets/map/theatres*.json, built by
tools/build_map.py from Natural Earth) name each country in English; that name is its message id here, marked for
extraction (tests/test_i18n.py checks every name in the map files is listed)."""
from __future__ import annotations

from game.i18n import NC_, pgettext

COUNTRIES = (NC_("country", "Afghanistan"), NC_("country", "Albania"), NC_("country", "Algeria"),
             NC_("country", "Armenia"), NC_("country", "Australia"), NC_("country", "Austria"),
             NC_("country", "Azerbaijan"), NC_("country", "Bangladesh"), NC_("country", "Belarus"),
             NC_("country", "Belgium"), NC_("country", "Bhutan"), NC_("country", "Bosnia and Herz."),
             NC_("country", "Brunei"), NC_("country", "Bulgaria"), NC_("country", "Cambodia"), NC_("country", "China"),
             NC_("country", "Croatia"), NC_("country", "Cyprus"), NC_("country", "Czechia"),
             NC_("country", "Czechoslovakia"), NC_("country", "Denmark"), NC_("country", "East Germany"),
             NC_("country", "Estonia"), NC_("country", "Finland"), NC_("country", "France"), NC_("country", "Georgia"),
             NC_("country", "Germany"), NC_("country", "Greece"), NC_("country", "Hungary"), NC_("country", "India"),
             NC_("country", "Indonesia"), NC_("country", "Iran"), NC_("country", "Iraq"), NC_("country", "Ireland"),
             NC_("country", "Italy"), NC_("country", "Japan"), NC_("country", "Kazakhstan"), NC_("country", "Kosovo"),
             NC_("country", "Kyrgyzstan"), NC_("country", "Laos"), NC_("country", "Latvia"), NC_("country", "Lebanon"),
             NC_("country", "Lithuania"), NC_("country", "Luxembourg"), NC_("country", "Malaysia"),
             NC_("country", "Moldova"), NC_("country", "Mongolia"), NC_("country", "Montenegro"),
             NC_("country", "Morocco"), NC_("country", "Myanmar"), NC_("country", "N. Cyprus"), NC_("country", "Nepal"),
             NC_("country", "Netherlands"), NC_("country", "North Korea"), NC_("country", "North Macedonia"),
             NC_("country", "North Vietnam"), NC_("country", "Norway"), NC_("country", "Pakistan"),
             NC_("country", "Papua New Guinea"), NC_("country", "Philippines"), NC_("country", "Poland"),
             NC_("country", "Portugal"), NC_("country", "Romania"), NC_("country", "Russia"), NC_("country", "Serbia"),
             NC_("country", "Singapore"), NC_("country", "Slovakia"), NC_("country", "Slovenia"),
             NC_("country", "Solomon Is."), NC_("country", "South Korea"), NC_("country", "South Vietnam"),
             NC_("country", "Soviet Union"), NC_("country", "Spain"), NC_("country", "Sri Lanka"),
             NC_("country", "Sweden"), NC_("country", "Switzerland"), NC_("country", "Syria"), NC_("country", "Taiwan"),
             NC_("country", "Tajikistan"), NC_("country", "Thailand"), NC_("country", "Timor-Leste"),
             NC_("country", "Tunisia"), NC_("country", "Turkey"), NC_("country", "Ukraine"),
             NC_("country", "United Kingdom"), NC_("country", "Vietnam"), NC_("country", "West Germany"),
             NC_("country", "Yugoslavia"))


def country_name(name: str) -> str:
    return pgettext("country", name)
