"""An extraction's story: its sentence and the following ones of its paragraph, as the
store keeps it for matching (geoevents/_store/story.py). Invented sentences."""

from __future__ import annotations

import pytest

from geoevents._store import story
from geoevents._store.story import stories


def one(text: str, note: str) -> str:
    return stories({"r": text}, ["r"], [note])[0]


def test_the_story_holds_the_sentences_that_follow():
    text = "Artillery shelled Vovchansk. A clinic was hit. One nurse was wounded."
    assert one(text, "Artillery shelled Vovchansk.") == text


def test_the_story_stops_at_the_next_event_of_the_report():
    text = "Drones hit Sumy. A depot burned. Rockets fell on Konotop. A bridge was damaged."
    got = stories({"r": text}, ["r", "r"], ["Drones hit Sumy.", "Rockets fell on Konotop."])
    assert got == [
        "Drones hit Sumy. A depot burned.",
        "Rockets fell on Konotop. A bridge was damaged.",
    ]


def test_following_sentences_are_bounded():
    extra = " ".join(f"Detail number {i} was given." for i in range(1, 8))
    got = one(f"Shelling hit Okhtyrka. {extra}", "Shelling hit Okhtyrka.")
    assert got.count(".") == 1 + story.FOLLOWING


def test_the_story_is_bounded_in_length_by_whole_sentences():
    sentence = "A long account " + "of the damage " * 16 + "went on."  # 247 characters
    got = one(f"A missile hit Izium. {' '.join([sentence] * 3)}", "A missile hit Izium.")
    assert len(got) <= story.MAX_CHARS
    assert got == f"A missile hit Izium. {sentence} {sentence}"
    got = one(f"A missile hit Izium. {'Word ' * 200}ends here. More.", "A missile hit Izium.")
    assert got == "A missile hit Izium."


def test_the_events_own_sentence_is_never_cut():
    note = "A missile hit Izium, " + "and the long list of what burned went on, " * 30 + "all."
    assert len(note) > story.MAX_CHARS
    assert one(f"{note} Two people died.", note) == note


def test_a_blank_line_ends_the_story():
    text = "A drone hit Nikopol. A shop burned.\n\nThe mayor opened a new park."
    assert one(text, "A drone hit Nikopol.") == "A drone hit Nikopol. A shop burned."


@pytest.mark.parametrize(
    "opening",
    [
        "Separately, police",
        "Meanwhile, police",
        "Also on Monday, police",
        "On 4 May, police",
        "Тим часом поліція",
    ],
)
def test_new_story_words_end_the_story(opening):
    text = f"Shelling hit Kupiansk. A school was damaged. {opening} reported a fire in Balakliia."
    assert one(text, "Shelling hit Kupiansk.") == "Shelling hit Kupiansk. A school was damaged."
    assert story.NEW_STORY.match(f"{opening} reported")


def test_a_sentence_not_found_keeps_its_notes():
    assert stories({"r": "Other words."}, ["r"], ["Shelling hit Lyman."]) == ["Shelling hit Lyman."]
    assert stories({}, ["gone"], ["Shelling hit Lyman."]) == ["Shelling hit Lyman."]
    assert stories({"r": "x"}, ["r"], [None]) == [None]


def test_readings_of_one_sentence_share_its_story():
    text = "Rockets fell on Bilozerka and Kyselivka. Two houses burned."
    got = stories({"r": text}, ["r", "r"], ["Rockets fell on Bilozerka and Kyselivka."] * 2)
    assert got == [text, text]


@pytest.mark.integration
def test_the_store_matches_on_the_story():
    """A report whose site is told in the sentence after its event joins a post that
    names that site: without the story the town's two readings share no sign."""
    import pandas as pd

    from geoevents import EventStore

    reports = pd.DataFrame({
        "article_id": ["a", "b"],
        "text": ["On 3 May 2022, Russian forces struck Kharkiv with missiles. The strike "
                 "hit the central bakery near the old tram depot.",
                 "Kharkiv: fire at the bakery after the missile strike"],
        "published": ["2022-05-03", "2022-05-03"],
    })  # fmt: skip
    with EventStore(":memory:") as store:
        store.add(reports.iloc[[0]], progress=False)
        store.add(reports.iloc[[1]], progress=False)
        events = store.events()
    assert len(events) == 1, events[["notes", "n_sources"]]
    assert events["n_sources"].iloc[0] == 2
    assert "bakery" in events["notes"].iloc[0]


def test_a_paragraph_as_long_as_a_page_is_read_only_as_far_as_the_story_goes():
    """A paragraph of 40,000 sentences with no blank line: the story takes its first
    ones, and reading it does not grow with the paragraph (every sentence end of the
    paragraph was once found, each copying the text before it)."""
    import time

    text = "Troops shelled Izium. " + "Invented: the rain went on. " * 40_000
    start = time.perf_counter()
    told = stories({"r": text}, ["r"], ["Troops shelled Izium."])
    assert told == ["Troops shelled Izium. " + " ".join(["Invented: the rain went on."] * 3)]
    assert time.perf_counter() - start < 1.0
