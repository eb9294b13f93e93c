"""Date arithmetic that more than one app needs (schouw rounds, kompas periods, reminders)."""

import calendar
import datetime
import re

# Words for a frequency in a deal's agreement, tried after the numeric forms.
FREQUENCY_WORDS = [
    (r"kwarta", 3),
    (r"halfjaar|half jaar|halfjaarlijks|twee keer per jaar|2 keer per jaar|2x per jaar", 6),
    (r"maand", 1),
    (r"jaar|jaarlijks", 12),
]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier), on the month's last day where it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def frequency_months(text: str) -> int:
    """How many months between two events, read from a Dutch agreement ("halfjaarlijks", "elke 4
    maanden", "3 keer per jaar"). Anything unreadable counts as yearly."""
    text = (text or "").lower()
    match = re.search(r"(\d+)\s*(?:keer|x)\s*per\s*jaar", text)
    if match and int(match.group(1)) > 0:
        return max(1, 12 // int(match.group(1)))
    match = re.search(r"(\d+)\s*maand", text)
    if match and int(match.group(1)) > 0:
        return int(match.group(1))
    match = re.search(r"(\d+)\s*jaar", text)
    if match and int(match.group(1)) > 0:
        return 12 * int(match.group(1))
    for pattern, months in FREQUENCY_WORDS:
        if re.search(pattern, text):
            return months
    return 12
