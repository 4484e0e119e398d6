"""geoparse(): recognition and resolution on sentences we wrote, the contract of the
frame, given spans, bad input, properties of the output, and the seed report."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geoevents import Geoparser, InvalidInputError, geoparse
from geoevents._geo import km
from geoevents._geoparse import COLUMNS

from .conftest import SHARED


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser()


def names(frame) -> list[str]:
    return frame["name"].tolist()


def by_mention(frame, mention: str):
    rows = frame[frame["mention"] == mention]
    assert len(rows), f"{mention!r} not found in {frame['mention'].tolist()}"
    return rows.iloc[0]


@pytest.mark.integration
def test_finds_and_resolves_places_in_a_report(parser):
    frame = parser.parse(
        "Artillery fire hit Kharkiv and Izium overnight, and air raid sirens sounded "
        "across the Zaporizhzhia region on Tuesday."
    )
    assert set(frame["mention"]) >= {"Kharkiv", "Izium", "Zaporizhzhia"}
    assert set(frame["country_code"]) == {"UA"}
    assert by_mention(frame, "Izium")["name"] == "Izyum"
    assert by_mention(frame, "Zaporizhzhia")["kind"] == "admin1"  # "the ... region"
    assert "Tuesday" not in set(frame["mention"])


@pytest.mark.integration
def test_lists_of_places(parser):
    frame = parser.parse("Explosions were reported in Kramatorsk, Sloviansk and Kostiantynivka.")
    assert frame["mention"].tolist() == ["Kramatorsk", "Sloviansk", "Kostiantynivka"]
    assert set(frame["admin1"]) == {"Donetska oblast"}


@pytest.mark.integration
def test_people_and_organisations_are_not_places(parser):
    frame = parser.parse(
        "Foreign Minister Dmytro Kuleba met Sergei Lavrov in Antalya. NATO and the UN "
        "condemned the strike, Reuters and Twitter users reported."
    )
    assert frame["mention"].tolist() == ["Antalya"]
    assert frame.iloc[0]["country_code"] == "TR"


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "mention", "admin1", "country"),
    [
        ("Paris, Texas, is a small city north-east of Dallas.", "Paris", "Texas", "US"),
        ("He was born in Moscow, Idaho, and moved away.", "Moscow", "Idaho", "US"),
        ("Moscow and Minsk signed the agreement.", "Moscow", None, "RU"),
        ("Shelling was reported in Mykolaivka, Donetsk region.", "Mykolaivka", "Donetska oblast",
         "UA"),
    ],
)  # fmt: skip
def test_qualifiers_and_context_pick_the_place(parser, text, mention, admin1, country):
    row = by_mention(parser.parse(text), mention)
    assert row["country_code"] == country
    if admin1:
        assert row["admin1"] == admin1


@pytest.mark.integration
def test_a_definition_names_the_container_as_a_qualifier_does(parser):
    """ "X is a town in Y County, Z" says where X is, as "X, Z" does."""
    from geoevents._geoparse.records import Match

    text = "Plymouth is a college town in Grafton County, New Hampshire, U.S."
    mention = Match(0, 8, parser.finder.lookup("Plymouth"))
    country, admin1, _twin = parser.resolver._qualifier(text, mention)
    nh = parser.finder.lookup("New Hampshire").places[0]
    assert (country, admin1) == (int(parser.finder.country[nh]), int(parser.finder.admin1[nh]))
    row = parser.parse(text, spans=[(0, 8)]).iloc[0]
    assert (row["country_code"], row["admin1"]) == ("US", "New Hampshire")
    text = "Plymouth is a city in the county of Devon, England."
    assert parser.parse(text, spans=[(0, 8)]).iloc[0]["country_code"] == "GB"
    # no definition, no qualifier
    assert parser.resolver._qualifier("Plymouth was quiet.", Match(0, 8, mention.hit)) is None


@pytest.mark.integration
def test_a_given_place_the_gazetteer_lacks_stands_among_its_neighbours(parser):
    """A caller's span whose every reading lies far from the places around it is placed
    at their cluster, as an unknown place at region precision."""
    text = (
        "Lima is a hamlet in the Polohy district, between Huliaipole, Polohy and Orikhiv. "
        "Lima had forty residents; Orikhiv market is a short drive away."
    )
    second = text.index("Lima had")
    frame = parser.parse(text, spans=[(0, 4), (second, second + 4)])
    polohy = parser.gazetteer.lookup("Polohy", country="UA").iloc[0]
    for _, row in frame.iterrows():
        assert row["kind"] == "unknown" and row["name"] == "Lima"
        assert row["precision"] == 3 and pd.isna(row["geonameid"])
        assert row["country_code"] == "UA"
        assert km(row["latitude"], row["longitude"], polohy["latitude"], polohy["longitude"]) < 60
        assert 0 < row["confidence"] < 1
    # a known place of that cluster keeps its own reading
    start = text.index("Polohy and")
    row = parser.parse(text, spans=[(start, start + 6)]).iloc[0]
    assert (row["kind"], row["name"], row["precision"]) == ("city", "Polohy", 1)
    # found by the recogniser, the name is a gazetteer name: never made unknown
    assert "unknown" not in parser.parse(text)["kind"].tolist()
    # nothing around it: the gazetteer's reading stands
    row = parser.parse("Lima is a hamlet.", spans=[(0, 4)]).iloc[0]
    assert row["kind"] == "city"


@pytest.mark.integration
def test_a_span_like_no_gazetteer_name_stays_unresolved_among_places(parser):
    text = "Qwxzplk lies between Huliaipole, Polohy and Orikhiv."
    row = parser.parse(text, spans=[(0, 7)]).iloc[0]
    assert math.isnan(row["latitude"]) and pd.isna(row["kind"])


def test_the_stand_in_gate_rejects_unknown_features():
    from geoevents._geoparse.stand_ins import StandInGate

    with pytest.raises(ValueError, match="log_distance"):
        StandInGate({"log_distance": 1.0}, 0.0, 250.0)
    # the shipped weights name every feature the parser computes, and no other
    from importlib import resources

    from geoevents._geoparse import STAND_IN_FEATURES

    shipped = json.loads(
        resources.files("geoevents").joinpath("data", "stand_in.json").read_text("utf-8")
    )
    assert sorted(shipped["weights"]) == sorted(STAND_IN_FEATURES)
    assert shipped["cluster_km"] > 0


@pytest.mark.integration
def test_country_points_are_representative_not_capitals(parser):
    row = by_mention(parser.parse("Exports from China and Ukraine rose."), "China")
    assert km(row["latitude"], row["longitude"], 35.0, 105.0) < 300
    row = by_mention(parser.parse("Exports from China and Ukraine rose."), "Ukraine")
    assert km(row["latitude"], row["longitude"], 49.0, 32.0) < 100


@pytest.mark.integration
def test_cyrillic_curly_apostrophes_and_possessives(parser):
    frame = parser.parse(
        "Drones struck Харків at dawn. Mariupol’s port and Kherson's bridge were hit."
    )
    assert by_mention(frame, "Харків")["name"] == "Kharkiv"
    assert by_mention(frame, "Mariupol")["name"] == "Mariupol"
    assert by_mention(frame, "Kherson")["country_code"] == "UA"


@pytest.mark.integration
def test_multi_word_names(parser):
    frame = parser.parse("Fighting continued near Velyka Novosilka and in Nova Kakhovka.")
    assert {"Velyka Novosilka", "Nova Kakhovka"} <= set(frame["mention"])
    assert by_mention(frame, "Velyka Novosilka")["precision"] == 2  # "near X"


@pytest.mark.integration
def test_abbreviated_saint_mount_and_fort_names(parser):
    frame = parser.parse("Police in St. Louis and Ft. Worth made arrests; fires burned "
                         "near Mt. Vernon, Ohio.")  # fmt: skip
    assert by_mention(frame, "St. Louis")["admin1"] == "Missouri"
    assert by_mention(frame, "Ft. Worth")["name"] == "Fort Worth"
    # GeoNames gives the abbreviation to one Mount Vernon; the qualifier picks Ohio's
    assert by_mention(frame, "Mt. Vernon")["admin1"] == "Ohio"
    assert "St" not in frame["mention"].tolist() and "Louis" not in frame["mention"].tolist()


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("WASHINGTON (AP) — The administration signed the order.", "WASHINGTON"),
        ("By A. Writer, Associated Press KYIV, Ukraine, April 5 (Reuters) - Talks ended.",
         "KYIV"),
        ("ST. LOUIS – Detectives arrested two men.", "ST. LOUIS"),
        ("ODESA, Aug. 30, 2022 (Black Sea Wire) - Talks resumed.", "ODESA"),
        ("Notes\nKharkiv — Shelling went on overnight.", "Kharkiv"),
    ],
)  # fmt: skip
def test_datelines_are_places(parser, text, mention):
    assert mention in parser.parse(text)["mention"].tolist()


@pytest.mark.integration
@pytest.mark.parametrize(
    "text",
    ["Savur-Mohyla changed hands.", "Orlovo - Ivanivka", "LONDON: a statement followed."],
)
def test_hyphens_and_colons_alone_make_no_dateline(parser, text):
    from geoevents._geoparse.recognise import is_dateline
    from geoevents._geoparse.records import Match

    first = text.split("-")[0].split(":")[0].split()[0]
    m = Match(0, len(first), parser.finder.lookup(first))
    assert not is_dateline(text, m, "", first.isupper())


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Outbreaks were reported in Benin, Côte d'Ivoire and Ghana.", "Côte d'Ivoire", "CI"),
        ("Medical teams visited families in Kenya's sprawling Dadaab camps.", "Dadaab", "KE"),
        ("Kaohsiung is a large port city in southern Taiwan.", "Kaohsiung", "TW"),
        ("Gunmen raided a bar in the seaside resort of Acapulco.", "Acapulco", "MX"),
    ],
)  # fmt: skip
def test_elisions_possessors_definitions_and_place_words(parser, text, mention, country):
    assert by_mention(parser.parse(text), mention)["country_code"] == country


@pytest.mark.integration
@pytest.mark.parametrize(
    "text",
    ["Are they safe? Sen. Smith asked.", "A Car bomb exploded.",
     "The El Niño pattern returned this year.", "Officials told Agence France-Presse so."],
)  # fmt: skip
def test_codes_in_lower_case_and_weather_patterns_are_not_places(parser, text):
    assert parser.parse(text).empty


@pytest.mark.integration
def test_codes_in_capitals_still_are(parser):
    frame = parser.parse("Flights to the UAE and SEN resumed.")
    assert frame["country_code"].tolist() == ["AE", "SN"]


@pytest.mark.integration
def test_a_person_possessor_does_not_vouch_for_a_place(parser):
    assert parser.parse("Trump's Washington is busy.").empty


@pytest.mark.integration
def test_a_place_people_speak_from_is_a_place(parser):
    frame = parser.parse("Airstrikes hit Rafah overnight, health officials in Gaza said.")
    assert by_mention(frame, "Gaza")["role"] == "place"


@pytest.mark.integration
def test_an_opening_article_is_not_part_of_the_name(parser):
    frame = parser.parse("The Jefferson County sheriff said the road to Louisville was shut.")
    assert "Jefferson County" in frame["mention"].tolist()
    # unless a name starts with it
    assert parser.finder.exact_prefix("The Hague") and not parser.finder.exact_prefix(
        "The Jefferson"
    )


@pytest.mark.integration
def test_us_state_codes_after_a_town_name_its_state(parser):
    frame = parser.parse("The fair moved from Paris, TX to Portland, ME and Portland, OR.")
    assert frame["admin1"].tolist() == ["Texas", "Texas", "Maine", "Maine", "Oregon", "Oregon"]
    assert frame["kind"].tolist() == ["city", "admin1"] * 3
    # also at the end of a sentence
    frame = parser.parse("They toured Moscow, ID. It snowed.")
    assert frame["admin1"].tolist() == ["Idaho", "Idaho"]
    # a pair of capitals elsewhere is no state
    assert parser.parse("IN OTHER NEWS, OK then.").empty


@pytest.mark.integration
@pytest.mark.parametrize(
    ("town", "abbreviation", "state"),
    [("Lexington", "Ky.", "Kentucky"), ("Charleston", "W.Va.", "West Virginia"),
     ("Manchester", "N.H.", "New Hampshire"), ("Manhattan", "Kans.", "Kansas"),
     ("Lincoln", "Nebr.", "Nebraska")],
)  # fmt: skip
def test_ap_style_state_abbreviations(parser, town, abbreviation, state):
    frame = parser.parse(f"Fires burned near {town}, {abbreviation} on Monday.")
    assert by_mention(frame, abbreviation)["admin1"] == state
    assert by_mention(frame, town)["admin1"] == state


def test_state_codes_with_a_gazetteer_without_us_states(tmp_path):
    """A user's own gazetteer may hold no US state: codes then change nothing."""
    from geoevents import Gazetteer

    places = tmp_path / "places.csv"
    places.write_text(
        "id,name,aliases,kind,country_code,admin1,latitude,longitude,population,source\n"
        "t-1,Springfield,,city,UA,,49.0,32.0,1000,test\n",
        encoding="utf-8",
    )
    frame = Geoparser(Gazetteer.from_places(places)).parse("Shelling hit Springfield, IL.")
    assert frame["country_code"].tolist() == ["UA"]


@pytest.mark.integration
def test_a_preposition_reaches_over_directions(parser):
    frame = parser.parse("She grew up in north west London and moved to eastern Ukraine.")
    assert {"London", "Ukraine"} <= set(frame["mention"])


@pytest.mark.integration
def test_roles_adjectival_and_metonym(parser):
    frame = parser.parse(
        "Officials said troops advanced east of Kupiansk. Moscow denied the report. "
        "The drone was shot down over Ukrainian territory."
    )
    assert by_mention(frame, "Ukrainian")["role"] == "adjectival"
    assert by_mention(frame, "Ukrainian")["name"] == "Ukraine"
    assert by_mention(frame, "Moscow")["role"] == "metonym"
    assert by_mention(frame, "Kupiansk")["role"] == "place"


@pytest.mark.integration
def test_empty_and_placeless_texts_give_typed_empty_frames(parser):
    full = parser.parse("Strikes hit Odesa.")
    for text in ("", "   ", "nothing capitalised here at all.", "The End."):
        frame = parser.parse(text)
        assert frame.empty
        assert list(frame.columns) == list(COLUMNS)
        assert dict(frame.dtypes) == dict(full.dtypes)


@pytest.mark.integration
def test_frame_columns_and_types(parser):
    frame = geoparse("Kyiv and Lviv")
    assert list(frame.columns) == list(COLUMNS)
    assert frame["start"].dtype == "int64" and frame["latitude"].dtype == "float64"
    assert str(frame["geonameid"].dtype) == "Int64" and str(frame["precision"].dtype) == "Int64"
    assert frame["confidence"].between(0, 1).all()


@pytest.mark.integration
def test_given_spans_one_row_each_in_order(parser):
    text = "Reports from Zaporizhia and Kremena and from Qwxzplk."
    spans = [(45, 52), (13, 23), (28, 35)]
    frame = parser.parse(text, spans=spans)
    assert list(zip(frame["start"], frame["end"], strict=True)) == spans
    assert frame["mention"].tolist() == ["Qwxzplk", "Zaporizhia", "Kremena"]
    assert math.isnan(frame.iloc[0]["latitude"])
    assert frame["name"].isna().iloc[0]
    assert frame.iloc[1]["name"] == "Zaporizhzhya"
    assert frame.iloc[2]["name"] == "Kreminna"
    assert parser.parse(text, spans=[]).empty


@pytest.mark.integration
@pytest.mark.parametrize(
    ("spans", "message"),
    [
        ([(5, 3)], "start >= end"),
        ([(0, 999)], "out of range"),
        ([(-1, 3)], "out of range"),
        ([(0, 5), (3, 8)], "overlap"),
        ([(0, "5")], "integers"),
        ([(0, 5, 9)], "not a \\(start, end\\) pair"),
        ([5], "not a \\(start, end\\) pair"),
        (42, "list of"),
    ],
)
def test_invalid_spans_are_clear_errors(parser, spans, message):
    with pytest.raises(InvalidInputError, match=message):
        parser.parse("Strikes hit Odesa and Kyiv.", spans=spans)


@pytest.mark.integration
@pytest.mark.parametrize("bad", [None, 42, b"Kyiv", ["Kyiv"]])
def test_non_string_text_is_a_clear_error(bad):
    with pytest.raises(InvalidInputError, match="text must be a str"):
        geoparse(bad)


@pytest.mark.integration
def test_long_text_is_read_in_sections(parser):
    paragraph = "Shelling hit Kharkiv and Izium overnight, officials in Kyiv said.\n"
    text = paragraph * 4000  # about 270,000 characters: more than one section
    frame = parser.parse(text)
    per = len(parser.parse(paragraph))
    assert len(frame) == per * 4000
    assert (frame["mention"] == [text[s:e] for s, e in zip(frame["start"], frame["end"],
                                                            strict=True)]).all()  # fmt: skip
    assert frame["start"].is_monotonic_increasing


WORDS = st.sampled_from(
    [
        "Kharkiv", "and", "the", "Izium", "said", "Mr", "Lavrov", "in", "Paris,", "Texas",
        "New", "York", "City", "shelling", "near", "Donetsk", "region.", "Zaporizhzhia",
        "Oblast", "Russian", "forces", "Moscow’s", "U.S.", "Kyiv-based", "\n", "Харків",
        "Velyka", "Novosilka", "St.", "Louis", "Jordan", "—", "(Reuters)",
    ]
)  # fmt: skip


@pytest.mark.integration
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=40))
def test_output_spans_are_valid_ordered_and_stable(parser, words):
    text = " ".join(words)
    frame = parser.parse(text)
    starts, ends = frame["start"].tolist(), frame["end"].tolist()
    assert all(0 <= s < e <= len(text) for s, e in zip(starts, ends, strict=True))
    assert starts == sorted(starts)
    assert all(e0 <= s1 for e0, s1 in zip(ends, starts[1:], strict=False))
    assert frame["mention"].tolist() == [text[s:e] for s, e in zip(starts, ends, strict=True)]
    again = parser.parse(text)
    assert again.equals(frame)


@pytest.mark.integration
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_any_text_parses(parser, text):
    frame = parser.parse(text)
    assert list(frame.columns) == list(COLUMNS)


SEED = SHARED / "seed"


@pytest.mark.integration
@pytest.mark.skipif(not (SEED / "gold.json").exists(), reason="../shared/seed is not present")
def test_seed_report_places_and_not_places(parser):
    gold = json.loads((SEED / "gold.json").read_text("utf-8"))
    text = (SEED / "article.txt").read_text("utf-8")
    frame = parser.parse(text)
    for place in gold["places"]:
        rows = frame[frame["mention"].str.contains(place["surface"], regex=False)]
        assert len(rows), f"{place['surface']} not found"
        for row in rows.itertuples():
            assert any(
                km(row.latitude, row.longitude, lat, lon) <= place["radius_km"]
                for lat, lon in place["accept"]
            ), f"{place['surface']} resolved to {row.name} ({row.latitude}, {row.longitude})"
    for name in gold["not_places"]:
        assert not frame["mention"].str.contains(name, regex=False).any(), name


@pytest.mark.integration
def test_fast_scores_equal_the_training_features(parser):
    """The resolver scores candidates two ways (features for fitting, a fast path for
    parsing); they must agree."""
    from geoevents._gazetteer import keys as _text
    from geoevents._geoparse import BatchPrior

    text = (
        "Shelling hit Kharkiv and Izium; officials in Kyiv and Lviv said Paris, Texas and "
        "Moscow, Idaho were unaffected. Springfield and Georgia were mentioned too."
    )
    mentions = parser.recogniser.recognise(text)
    keys = [_text.exact_key(text[m.start : m.end]) for m in mentions]
    prior = BatchPrior(countries={7: 0.5}, admin1={3: 0.4})
    view = parser.resolver._context(
        mentions, parser.resolver._initial_choices(mentions), keys, prior
    )
    checked = 0
    for k, m in enumerate(mentions):
        if len(m.hit.places) < 2:
            continue
        qual = parser.resolver._qualifier(text, m)
        full = parser.resolver._cand_features(m, view(keys[k]), qual) @ parser.resolver.weights
        fast = parser.resolver._score(m, view(keys[k]), qual)
        assert np.allclose(full, fast)
        checked += 1
    assert checked >= 3


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Bombing seen on CCTV footage near the road.", []),
        ("A strike hit the TV tower area in Kyiv.", ["Kyiv"]),
        ("Officials of the UK met in Kyiv.", ["United Kingdom", "Kyiv"]),
    ],
)
def test_an_acronym_whose_folded_spelling_matches_only_another_script_is_no_place(
    parser, text, names
):
    """Issue 12: "TV" is no Ottawa, "CCTV" no Cottonwood (names of theirs in other
    scripts, or weak ones); a country's own code stays."""
    assert parser.parse(text)["name"].tolist() == names
