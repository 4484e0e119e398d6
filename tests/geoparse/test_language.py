"""Language (``geoevents._geoparse.language``): a report's text in, "en", "uk" or "ru" out.
Invented sentences."""

from __future__ import annotations

import pytest

from geoevents import GeoEventsError, geoparse
from geoevents._geoparse.language import LANGUAGES, checked_language, detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ворог вдарив по Сумах, є поранені.", "uk"),  # є, ї
        ("Противник обстрелял Белгород, есть пострадавшие.", "ru"),  # ы? no: words
        ("Въезд в город закрыт.", "ru"),  # ъ
        ("В Херсоне взрывы", "ru"),  # no letter of its own, no word of either: Russian
        ("У Херсоні вибухи", "uk"),
        ("Shelling hit Kharkiv (Харків) overnight.", "en"),
        ("", "en"),
    ],
)
def test_the_language_of_a_report(text, lang):
    assert detect_language(text) == lang


def test_a_given_language_is_checked():
    assert checked_language(None) is None
    assert checked_language("UK") == "uk"
    assert set(LANGUAGES) == {"en", "uk", "ru"}
    with pytest.raises(GeoEventsError, match="lang must be one of"):
        checked_language("de")
    with pytest.raises(GeoEventsError, match="lang must be one of"):
        geoparse("Вибухи у Харкові.", lang="ua")
