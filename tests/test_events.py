"""extract_events(), merge_events() and the readers, on reports we wrote."""

from __future__ import annotations

import datetime as dt
import json
import warnings

import pandas as pd
import pytest

from geoevents import (
    EventLexicon,
    GeoEventsWarning,
    InvalidInputError,
    extract_events,
    merge_events,
    read_acled,
    read_articles,
    read_ucdp,
)
from geoevents._events import EVENT_COLUMNS, empty_events, fatalities_in, sentences
from geoevents._geo import km

from .conftest import FIXTURES, SHARED

PUBLISHED = "2022-05-04"  # a Wednesday


def one(frame, **match):
    rows = frame
    for k, v in match.items():
        rows = rows[rows[k] == v]
    assert len(rows) == 1, f"{match}: {len(rows)} rows in\n{frame[['event_type', 'location']]}"
    return rows.iloc[0]


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "etype", "sub", "place"),
    [
        ("Russian forces shelled Kharkiv on Monday.", "Explosions/Remote violence",
         "Shelling/artillery/missile attack", "Kharkiv"),
        ("A drone strike hit an oil depot in Dnipro overnight.", "Explosions/Remote violence",
         "Air/drone strike", "Dnipro"),
        ("Ukrainian troops repelled an attack near Bakhmut.", "Battles", "Armed clash", "Bakhmut"),
        ("Ukrainian forces recaptured Kupiansk after heavy fighting.", "Battles",
         "Government regains territory", "Kupyansk"),
        ("Soldiers executed three civilians in Bucha, witnesses said.",
         "Violence against civilians", "Attack", "Bucha"),
        ("Hundreds of people protested in Kherson against the occupation.", "Protests",
         "Peaceful protest", "Kherson"),
        ("Delegations held talks in Istanbul on Tuesday.", "Strategic developments", "Other",
         "Istanbul"),
        ("A humanitarian corridor was opened to evacuate civilians from Mariupol.",
         "Strategic developments", "Other", "Mariupol"),
    ],
)  # fmt: skip
def test_each_kind_of_event(text, etype, sub, place):
    ev = extract_events(text, published=PUBLISHED)
    row = one(ev, event_type=etype)
    assert row["sub_event_type"] == sub
    assert row["location"] == place
    assert row["country_code"] == "UA" or place == "Istanbul"
    assert row["notes"] == text


@pytest.mark.integration
def test_dates_relative_to_publication():
    text = (
        "Explosions were reported in Odesa on 2 May 2022. Shelling hit Kharkiv on Tuesday. "
        "Fighting near Izium continued yesterday. Missiles struck Lviv last week. "
        "Drones hit Sumy on 02/05/2022."
    )
    ev = extract_events(text, published=PUBLISHED)
    dates = {r.location: (r.event_date.date(), r.time_precision) for r in ev.itertuples()}
    assert dates["Odesa"] == (dt.date(2022, 5, 2), 1)
    assert dates["Kharkiv"] == (dt.date(2022, 5, 3), 1)  # the latest Tuesday before
    assert dates["Izyum"] == (dt.date(2022, 5, 3), 1)
    assert dates["Lviv"] == (dt.date(2022, 4, 27), 2)
    assert dates["Sumy"] == (dt.date(2022, 5, 2), 1)  # day first


@pytest.mark.integration
def test_without_publication_date_relative_dates_stay_empty_with_a_warning():
    with pytest.warns(GeoEventsWarning, match="without a publication date"):
        ev = extract_events("Shelling hit Kharkiv on Tuesday.")
    assert len(ev) == 1 and pd.isna(ev.iloc[0]["event_date"])
    # an explicit date needs no publication date
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ev = extract_events("Shelling hit Kharkiv on 3 May 2022.")
    assert ev.iloc[0]["event_date"] == pd.Timestamp("2022-05-03")


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Russian forces reportedly captured Lyman.", "unconfirmed"),
        ("Separatists claimed to have taken Popasna.", "claimed"),
        ("Russian troops captured Lyman. The report could not be independently verified.",
         "unconfirmed"),
        ("Russian troops captured Lyman, officials said.", "reported"),
    ],
)  # fmt: skip
def test_hedges_set_the_status(text, status):
    ev = extract_events(text, published=PUBLISHED)
    assert ev.iloc[0]["status"] == status


@pytest.mark.integration
def test_background_speaker_and_metonym_are_not_event_places():
    text = (
        "Speaking in Moscow, the minister said artillery shelled Avdiivka overnight. "
        "Moscow denied any strikes on civilians. "
        "The peninsula, which Russia annexed in 2014, saw fighting back in Crimea then."
    )
    ev = extract_events(text, published=PUBLISHED)
    conflict = ev[ev["event_type"] != "Strategic developments"]
    assert "Avdiyivka" in set(conflict["location"])
    assert "Moscow" not in set(conflict["location"])
    assert "Crimean Peninsula" not in set(conflict["location"])


@pytest.mark.integration
def test_actors_fatalities_and_precision():
    ev = extract_events(
        "Ukrainian forces said Russian artillery struck near Orikhiv, killing four civilians.",
        published=PUBLISHED,
    )
    row = ev.iloc[0]
    assert row["actor1"] == "Russian forces" or row["actor1"] == "Ukrainian forces"
    assert row["fatalities"] == 4
    assert row["geo_precision"] == 2  # "near X"
    region = extract_events("Air raid alerts and explosions were reported in the Sumy region.",
                            published=PUBLISHED)  # fmt: skip
    assert region.iloc[0]["geo_precision"] == 3


@pytest.mark.integration
def test_lists_give_one_event_per_place():
    ev = extract_events(
        "Russian attacks were repelled in Donetsk and Luhansk.", published=PUBLISHED
    )
    assert set(ev["location"]) == {"Donetsk", "Luhansk"}
    assert set(ev["event_type"]) == {"Battles"}


@pytest.mark.integration
def test_one_event_per_what_where_when():
    text = "Missiles struck Mykolaiv on Monday. The missile strikes on Mykolaiv damaged a bridge."
    ev = extract_events(text, published=PUBLISHED)
    assert len(ev[ev["location"] == "Mykolayiv"]) == 1


@pytest.mark.integration
def test_stable_ids_and_schema():
    text = "Shelling hit Kharkiv on 3 May 2022."
    a = extract_events(text)
    b = extract_events(text)
    assert a["event_id"].tolist() == b["event_id"].tolist()
    assert list(a.columns) == [*EVENT_COLUMNS, "geometry"]
    assert a.crs.to_epsg() == 4326
    empty = extract_events("Nothing happened anywhere today.", published=PUBLISHED)
    assert empty.empty and list(empty.columns) == list(a.columns)
    assert dict(empty.dtypes) == dict(a.dtypes) == dict(empty_events().dtypes)


@pytest.mark.integration
def test_many_reports_in_one_frame_keep_their_ids_and_provenance():
    frame = pd.DataFrame(
        {
            "article_id": ["r1", "r2", "r3"],
            "text": ["Shelling hit Kharkiv.", "Drones struck Odesa on Monday.", "No events."],
            "published": ["2022-05-03", "2022-05-04", "2022-05-04"],
            "source": ["Wire A", "Wire B", "Wire C"],
            "url": ["https://example.org/a", None, None],
        }
    )
    ev = extract_events(frame)
    assert set(ev["article_id"]) == {"r1", "r2"}
    assert one(ev, article_id="r1")["source_url"] == "https://example.org/a"
    assert one(ev, article_id="r2")["event_date"] == pd.Timestamp("2022-05-02")
    # records and plain texts work too; a frame without article_id gets stable ids
    assert len(extract_events([{"text": "Shelling hit Kharkiv."}, "Drones hit Odesa."],
                              published=PUBLISHED)) == 2  # fmt: skip
    no_ids = extract_events(frame.drop(columns=["article_id"]))
    assert no_ids["article_id"].notna().all()


@pytest.mark.integration
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (42, "expected a report text"),
        ({"body": "x"}, "no 'text' field"),
        (pd.DataFrame({"body": ["x"]}), "no 'text' column"),
        ([{"text": 5}], "text must be a str"),
    ],
)
def test_bad_input_is_a_clear_error(value, message):
    with pytest.raises(InvalidInputError, match=message):
        extract_events(value, published=PUBLISHED)


@pytest.mark.integration
def test_unparseable_published_is_a_clear_error():
    with pytest.raises(InvalidInputError, match="published"):
        extract_events("Shelling hit Kharkiv.", published="the day after tomorrow")
    with pytest.raises(InvalidInputError, match="row 0: published"):
        extract_events(pd.DataFrame({"text": ["Shelling hit Kharkiv."], "published": ["soon"]}))


@pytest.mark.integration
def test_merge_events_keeps_every_source():
    a = extract_events("Drones struck Odesa on 3 May 2022.", source="Wire A")
    b = extract_events("Odesa was hit by drones on 4 May 2022, officials said.", source="Wire B")
    c = extract_events("Drones struck Kharkiv on 3 May 2022.", source="Wire C")
    merged = merge_events(pd.concat([a, b, c], ignore_index=True))
    assert len(merged) == 2
    odesa = one(merged, location="Odesa")
    assert odesa["source"] == "Wire A | Wire B" and odesa["n_reports"] == 2
    assert merge_events(empty_events()).empty
    with pytest.raises(InvalidInputError):
        merge_events("not a frame")


@pytest.mark.integration
def test_user_extends_the_lexicon():
    more = pd.DataFrame(
        {
            "pattern": ["sabotag(?:e|ed)"],
            "event_type": ["Explosions/Remote violence"],
            "sub_event_type": ["Remote explosive/landmine/IED"],
            "weight": [0.8],
        }
    )
    lexicon = EventLexicon.default().extend(triggers=more)
    ev = extract_events("Partisans sabotaged a railway line near Melitopol.", published=PUBLISHED,
                        lexicon=lexicon)  # fmt: skip
    assert one(ev, location="Melitopol")["sub_event_type"] == "Remote explosive/landmine/IED"
    bad = pd.DataFrame({"pattern": ["x"], "event_type": ["Skirmish"], "sub_event_type": ["y"]})
    with pytest.raises(InvalidInputError, match="not one of ACLED"):
        EventLexicon.default().extend(triggers=bad)


def test_sentences_and_fatalities_helpers():
    assert len(sentences("Gen. Smith arrived in Kyiv. He met officials.\nNext line")) == 3
    assert fatalities_in("At least 12 people were killed.") == 12
    assert fatalities_in("Two soldiers died and five were wounded.") == 2
    assert fatalities_in("No casualties were reported.") == 0
    assert fatalities_in("Shelling damaged 3 houses.") is None


# ------------------------------------------------------------------- readers


@pytest.mark.integration
def test_read_articles_all_formats(tmp_path):
    (tmp_path / "one.txt").write_text("Strikes on Odesa\nDrones struck the port of Odesa.", "utf-8")
    (tmp_path / "page.html").write_text(
        "<html><head><title>Site | Shelling</title>"
        '<meta property="article:published_time" content="2022-05-03T08:00:00Z"></head>'
        "<body><nav>Home News</nav><article><h1>Shelling in Kharkiv</h1><p>Artillery hit "
        "Kharkiv.</p><script>track()</script></article><footer>(c) Site</footer></body></html>",
        "utf-8",
    )
    (tmp_path / "many.jsonl").write_text(
        json.dumps({"text": "Drones hit Sumy.", "published": "2022-05-02", "source": "W"}) + "\n"
        + json.dumps({"body": "Shelling hit Izium.", "link": "https://example.org/x"}) + "\n",
        "utf-8",
    )  # fmt: skip
    (tmp_path / "rows.csv").write_text(
        "text,date,source\nMissiles hit Lviv.,2022-05-01,Y\n", "utf-8"
    )
    (tmp_path / "list.json").write_text(json.dumps([{"text": "Fighting near Bakhmut."}]), "utf-8")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    frame = read_articles(tmp_path)
    assert list(frame.columns) == [
        "article_id", "text", "published", "source", "url", "title", "lang",
    ]  # fmt: skip
    assert len(frame) == 6 and frame["article_id"].is_unique
    page = frame[frame["title"] == "Shelling in Kharkiv"].iloc[0]
    assert page["text"] == "Shelling in Kharkiv\nArtillery hit Kharkiv."
    assert "track" not in page["text"] and "Home" not in page["text"]
    assert page["published"].startswith("2022-05-03")
    jl = frame[frame["text"] == "Shelling hit Izium."].iloc[0]
    assert jl["url"] == "https://example.org/x"
    ev = extract_events(frame, published=PUBLISHED)
    assert {"Kharkiv", "Lviv", "Sumy"} <= set(ev["location"])


def test_read_articles_gives_each_reports_language(tmp_path):
    """Issue 13: a record's own ``lang`` (or ``language``), else the one its text shows."""
    (tmp_path / "uk.txt").write_text("Обстріл Херсона\nВорог обстріляв Херсон уночі.", "utf-8")
    (tmp_path / "en.txt").write_text("Shelling in Kherson\nDrones hit Kherson.", "utf-8")
    (tmp_path / "ru.json").write_text('{"text": "Взрывы в Херсоне.", "language": "RU"}', "utf-8")
    frame = read_articles(tmp_path).set_index("title")
    assert frame.loc["Обстріл Херсона", "lang"] == "uk"
    assert frame.loc["Shelling in Kherson", "lang"] == "en"
    assert frame["lang"].tolist().count("ru") == 1


def test_read_articles_reports_missing_fields_and_files(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"title": "no text here"}\n', "utf-8")
    with pytest.raises(InvalidInputError, match=r"bad.jsonl, line 2: no text field"):
        read_articles(bad)
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("headline,date\nx,2022-01-01\n", "utf-8")
    with pytest.raises(InvalidInputError, match=r"no text column .*columns are headline, date"):
        read_articles(csv_file)
    with pytest.raises(InvalidInputError, match="no such file"):
        read_articles(tmp_path / "missing.txt")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", "utf-8")
    with pytest.raises(InvalidInputError, match="not valid JSON"):
        read_articles(broken)


def test_read_articles_refuses_non_utf8_or_replaces_with_a_warning(tmp_path):
    """Issue 15: bytes that are not UTF-8 are refused naming the file and the offset, or
    (errors="replace") read as U+FFFD with a warning; never guessed silently."""
    path = tmp_path / "legacy.txt"
    path.write_bytes("Shelling hit Kharkiv – caf\xe9".encode("cp1252"))
    with pytest.raises(InvalidInputError, match=r"legacy.txt: not UTF-8: byte 0x96 at offset 21"):
        read_articles(path)
    with pytest.warns(GeoEventsWarning, match="legacy.txt: not UTF-8 from byte offset 21"):
        frame = read_articles(path, errors="replace")
    assert frame.iloc[0]["text"] == "Shelling hit Kharkiv \ufffd caf\ufffd"


@pytest.mark.integration
def test_read_acled_and_ucdp_fixtures():
    acled = read_acled(FIXTURES / "acled_invented.csv")
    assert acled["event_id"].tolist() == ["XUKR0001", "XUKR0002"]
    assert acled["country_code"].tolist() == ["UA", "UA"]
    assert acled["event_date"].tolist() == [pd.Timestamp("2022-05-02")] * 2
    assert acled["fatalities"].tolist() == [0, 3]
    ucdp = read_ucdp(FIXTURES / "ucdp_invented.csv")
    assert ucdp["event_type"].tolist() == ["Battles", "Violence against civilians"]
    assert ucdp["geo_precision"].tolist() == [2, 3]
    assert ucdp["time_precision"].tolist() == [1, 3]
    assert ucdp["confidence"].tolist() == [1.0, 0.5]
    both = pd.concat([acled, ucdp, extract_events("Shelling hit Kharkiv.", published=PUBLISHED)])
    assert len(both) == 5  # one schema: the frames stack


def test_read_acled_refuses_other_files(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", "utf-8")
    with pytest.raises(InvalidInputError, match=r"not an ACLED export .*columns are a, b"):
        read_acled(path)
    with pytest.raises(InvalidInputError, match="not an UCDP GED export"):
        read_ucdp(path)


@pytest.mark.integration
@pytest.mark.skipif(not (SHARED / "seed" / "gold.json").exists(), reason="../shared absent")
def test_seed_report_events():
    gold = json.loads((SHARED / "seed" / "gold.json").read_text("utf-8"))
    text = (SHARED / "seed" / "article.txt").read_text("utf-8")
    ev = extract_events(text, published=gold["published"])
    for g in gold["events"]:
        assert any(
            r.event_type == g["event_type"]
            and any(km(r.latitude, r.longitude, a, b) <= g["radius_km"] for a, b in g["accept"])
            for r in ev.itertuples()
        ), g["id"]
        if g.get("status"):
            near = [
                r
                for r in ev.itertuples()
                if r.event_type == g["event_type"]
                and any(km(r.latitude, r.longitude, a, b) <= g["radius_km"] for a, b in g["accept"])
            ]
            assert any(r.status == g["status"] for r in near), g["id"]
    conflict = ev[ev["event_type"].isin(["Battles", "Explosions/Remote violence",
                                         "Violence against civilians"])]  # fmt: skip
    for g in gold["not_events"]:
        assert not (conflict["mention"].str.contains(g["place"], regex=False)).any(), g["place"]


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list is not an address: every town listed is hit
        ("Shelling hit Kramatorsk, Sloviansk and Bakhmut on Monday.",
         {("Kramatorsk", 1), ("Slovyansk", 1), ("Bakhmut", 1)}),
        # an address inside a list does not end it
        ("Russian forces shelled Orikhiv (Zaporizhzhia Oblast) and Huliaipole.",
         {("Orikhiv", 1), ("Hulyaypole", 1)}),
        # the address of a known village is not a second event
        ("Artillery struck Velyka Novosilka, Donetsk Oblast, on Monday.",
         {("Velyka Novosilka", 1)}),
        # a building named after its town: the event is in the town
        ("Mykolaiv Regional Eye Hospital was struck by rockets.", {("Mykolayiv", 2)}),
        # a village the gazetteer does not know falls back to the region it is said to be in
        ("Troops shelled Zorianivka village, Kharkiv Oblast, overnight.",
         {("Kharkivska oblast", 3)}),
    ],
)  # fmt: skip
def test_lists_addresses_and_buildings(text, expected):
    """``expected``: (location, the finest geo_precision it may claim)."""
    ev = extract_events(text, published=PUBLISHED)
    assert set(ev["location"]) == {name for name, _ in expected}
    for name, finest in expected:
        assert (ev.loc[ev["location"] == name, "geo_precision"] >= finest).all(), name


@pytest.mark.integration
def test_events_known_only_to_a_country_are_kept_only_when_asked():
    text = "Delegations held talks in Turkey on Tuesday."
    assert extract_events(text, published=PUBLISHED).empty
    ev = extract_events(text, published=PUBLISHED, countries=True)
    assert len(ev) == 1 and ev["country_code"].iloc[0] == "TR"
    assert ev["geo_precision"].iloc[0] == 3
    # a conflict event never sits at a whole country, asked or not
    assert extract_events("Fighting raged in Ukraine.", published=PUBLISHED, countries=True).empty


@pytest.mark.integration
def test_a_note_placed_by_the_fallback_takes_only_a_trigger_that_tells_news():
    """A short note the locator cannot tie to a place keeps its strongest trigger's type,
    but a description ("occupied"), a possibility ("could strike") or history is no
    trigger there either."""
    for text in (
        "Russian armour was seen in occupied Buryn.",
        "Russian forces could strike Sumy again, officials warned.",
    ):
        ev = extract_events(text, published=PUBLISHED)
        assert len(ev) == 1, text
        assert (ev["event_type"].iloc[0], ev["sub_event_type"].iloc[0]) == (
            "Strategic developments", "Other",
        ), text  # fmt: skip


@pytest.mark.integration
def test_own_places_reach_events(tmp_path):
    from geoevents import Gazetteer

    sites = tmp_path / "sites.csv"
    sites.write_text(
        "name,kind,country_code,latitude,longitude\nCamp Zorya,facility,UA,47.61,36.02\n",
        encoding="utf-8",
    )
    text = "Drones struck Camp Zorya overnight."
    assert not (extract_events(text, published=PUBLISHED)["location"] == "Camp Zorya").any()
    ev = extract_events(text, published=PUBLISHED, gazetteer=Gazetteer.load().with_places(sites))
    row = one(ev, location="Camp Zorya")
    assert row["event_type"] == "Explosions/Remote violence"
    assert km(row["latitude"], row["longitude"], 47.61, 36.02) < 1


@pytest.mark.integration
def test_many_reports_read_by_several_processes_give_the_same_events():
    places = ["Kharkiv", "Izium", "Orikhiv", "Pavlivka", "Vuhledar", "Kupiansk", "Lyman"]
    texts = [
        f"Russian forces shelled {places[i % 7]} on {1 + i % 28} May 2022, local officials said."
        for i in range(1100)
    ]
    frame = pd.DataFrame({"text": texts, "published": "2022-05-31"})
    one_process = extract_events(frame, n_jobs=1)
    default = extract_events(frame)  # 3 blocks: read by every core the machine has
    two = extract_events(frame, n_jobs=2)
    assert len(one_process) >= 1000
    pd.testing.assert_frame_equal(default, one_process)
    pd.testing.assert_frame_equal(two, one_process)
    for bad in (0, -1, 1.5, "2", True):
        with pytest.raises(InvalidInputError, match="n_jobs"):
            extract_events(frame.head(3), n_jobs=bad)


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a river is where the shells came from, not where they fell
        ("Russian forces shelled Beryslav from across the Dnipro on Monday.", {("Beryslav", 1)}),
        # fighting along a river has no honest point
        ("Fighting raged near the Dnipro on Monday.", set()),
        # a town named only as a landmark claims only what the distance allows
        ("A bomb exploded on Monday in the town of Zorianivka, 70 km east of Kharkiv.",
         {("Kharkiv", 3)}),
        # an unknown village near a known town stands at the town, near it
        ("Russian forces shelled Zorianivka near Izium on Monday.", {("Izyum", 2)}),
    ],
)  # fmt: skip
def test_rivers_landmarks_and_unknown_villages(text, expected):
    ev = extract_events(text, published=PUBLISHED)
    assert {(r.location, r.geo_precision) for r in ev.itertuples()} == expected


@pytest.mark.integration
def test_a_title_naming_its_town_weakly_still_gets_its_event():
    """Issue 12: "Drone footage of the destruction of Makariv" names Makariv below the
    usual cut; in a batch about Ukraine the title is read again at a lower cut and its
    town is the event's. A word read that way abroad is not (a town of a country the
    batch is not about)."""
    towns = ["Kharkiv", "Bucha", "Irpin", "Borodianka", "Hostomel"]
    texts = [f"Russian forces shelled {towns[i % 5]} overnight." for i in range(20)]
    titles = ["Drone footage of the destruction of Makariv"]
    frame = pd.DataFrame({"text": texts + titles, "published": PUBLISHED,
                          "article_id": [f"r{i}" for i in range(21)]})  # fmt: skip
    events = extract_events(frame, n_jobs=1)
    last = events[events["article_id"] == "r20"]
    assert last[["location", "admin1"]].values.tolist() == [["Makariv", "Kyivska oblast"]]
    alone = extract_events(titles[0], published=PUBLISHED)
    assert alone.empty  # read alone, nothing says which country its words are about
