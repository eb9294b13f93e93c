"""Date arithmetic shared by the schouw and the kompas."""

import datetime

import pytest

from reisgids.core.dates import add_months, frequency_months


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("halfjaarlijks", 6),
        ("jaarlijks", 12),
        ("elk kwartaal", 3),
        ("elke 4 maanden", 4),
        ("3 keer per jaar", 4),
        ("als het uitkomt", 12),
    ],
)
def test_frequency_from_the_agreement(text, months):
    assert frequency_months(text) == months


def test_add_months_keeps_the_end_of_the_month():
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
