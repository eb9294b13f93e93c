"""English is the second language: every Dutch string has an English translation."""

from pathlib import Path

import polib
from django.conf import settings

CATALOG = Path(settings.BASE_DIR) / "reisgids" / "locale" / "en" / "LC_MESSAGES"


def test_english_catalog_has_no_empty_or_fuzzy_entries():
    po = polib.pofile(str(CATALOG / "django.po"))
    empty = [entry.msgid for entry in po if not entry.obsolete and not entry.translated()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert empty == []
    assert fuzzy == []
    assert len(po) > 100


def test_compiled_catalog_matches_the_source():
    po = polib.pofile(str(CATALOG / "django.po"))
    mo = polib.mofile(str(CATALOG / "django.mo"))
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo
    }
    for entry in po.translated_entries():
        key = (entry.msgctxt, entry.msgid)
        assert key in compiled, f"not compiled: {entry.msgid!r}; run `make messages`"
        assert compiled[key] == (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
