"""Hostile inputs at the public boundary: refused in one clear line, or kept with a warning.

Issue 15, part 1: every argument and every row read from a dataset file is checked once
(``geoevents._validate``); dates pandas cannot hold, numbers that do not fit, points off
the globe are refused naming the input, the line and what to do, or (in a report's text)
left empty with a warning, and never silently changed; CSV written by the command line
cannot run as a spreadsheet formula; map popups show values as they are. Every row and
sentence here is invented.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import tempfile
import warnings
from pathlib import Path

import folium
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geoevents as ge
from geoevents import Gazetteer, GeoEventsWarning, InvalidInputError
from geoevents._cli import main
from geoevents._events import events_frame
from geoevents._maps import EventsLayer
from geoevents._validate import DATE_MAX, DATE_MIN, MAX_DAYS, MAX_FATALITIES

from .conftest import FIXTURES

FAST = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

ACLED_HEADER = [
    "event_id_cnty",
    "event_date",
    "event_type",
    "latitude",
    "longitude",
    "fatalities",
    "iso",
    "country",
    "notes",
    "time_precision",
    "geo_precision",
]
GOOD_ACLED = {
    "event_id_cnty": "INV1",
    "event_date": "2023-04-02",
    "event_type": "Battles",
    "latitude": "46.63",
    "longitude": "32.61",
    "fatalities": "4",
    "iso": "804",
    "country": "Ukraine",
    "notes": "Invented: a skirmish by the river.",
    "time_precision": "1",
    "geo_precision": "1",
}
UCDP_HEADER = [
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "latitude",
    "longitude",
    "country",
    "date_start",
    "date_prec",
    "where_prec",
    "best",
    "event_clarity",
]
GOOD_UCDP = {
    "id": "77",
    "type_of_violence": "1",
    "side_a": "Side Blue",
    "side_b": "Side Red",
    "latitude": "46.97",
    "longitude": "31.99",
    "country": "Ukraine",
    "date_start": "2023-04-03",
    "date_prec": "1",
    "where_prec": "2",
    "best": "2",
    "event_clarity": "1",
}


def write_csv(path: Path, header: list[str], rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def one_line(message: str) -> str:
    assert "\n" not in message.strip() and "Traceback" not in message, message
    return message


# ------------------------------------------------------------------ arguments


def _lexicon():
    return ge.EventLexicon.default()


BAD_ARGUMENTS = [
    ("read_acled(None)", lambda ev: ge.read_acled(None), "path"),
    ("read_acled(bytes)", lambda ev: ge.read_acled(b"ev.csv"), "path"),
    ("read_ucdp(3)", lambda ev: ge.read_ucdp(3), "path"),
    ("read_ucdp([])", lambda ev: ge.read_ucdp([]), "path"),
    ("read_articles(3)", lambda ev: ge.read_articles(3), "paths"),
    ("read_articles progress", lambda ev: ge.read_articles(FIXTURES, progress="no"), "progress"),
    ("merge days str", lambda ev: ge.merge_events(ev, days="two"), "days"),
    ("merge days neg", lambda ev: ge.merge_events(ev, days=-1), "days"),
    ("merge days float", lambda ev: ge.merge_events(ev, days=1.5), "days"),
    ("merge days bool", lambda ev: ge.merge_events(ev, days=True), "days"),
    ("merge days huge", lambda ev: ge.merge_events(ev, days=10**30), "days"),
    ("merge km nan", lambda ev: ge.merge_events(ev, km=float("nan")), "km"),
    ("merge km neg", lambda ev: ge.merge_events(ev, km=-1.0), "km"),
    ("merge km inf", lambda ev: ge.merge_events(ev, km=math.inf), "km"),
    ("merge km str", lambda ev: ge.merge_events(ev, km="5"), "km"),
    (
        "extract published 9999",
        lambda ev: ge.extract_events("x", published="9999-12-31"),
        "published",
    ),
    (
        "extract published year 1",
        lambda ev: ge.extract_events("x", published=dt.date(1, 1, 1)),
        "published",
    ),
    (
        "extract published 1500",
        lambda ev: ge.extract_events("x", published="1500-05-03"),
        "published",
    ),
    ("extract published now", lambda ev: ge.extract_events("x", published="now"), "published"),
    ("extract published today", lambda ev: ge.extract_events("x", published="today"), "published"),
    (
        "extract record 9999",
        lambda ev: ge.extract_events([{"text": "x", "published": "9999-12-31"}]),
        "item 0: published",
    ),
    ("extract countries", lambda ev: ge.extract_events("x", countries="no"), "countries"),
    ("map cluster", lambda ev: ge.map_events(ev, cluster="no"), "cluster"),
    ("map heat nan", lambda ev: ge.map_events(ev, heat=float("nan")), "heat"),
    ("map aggregate", lambda ev: ge.map_events(ev, aggregate="auto"), "aggregate"),
    ("map fit None", lambda ev: ge.map_events(ev, fit=None), "fit"),
    ("map outlines", lambda ev: ge.map_events(ev, outlines=1), "outlines"),
    ("map tiles", lambda ev: ge.map_events(ev, tiles=3), "tiles"),
    ("map cell_km bool", lambda ev: ge.map_events(ev, cell_km=True), "cell_km"),
    ("save_map offline", lambda ev: ge.save_map(folium.Map(), "m.html", offline="yes"), "offline"),
    (
        "save_map timeout nan",
        lambda ev: ge.save_map(folium.Map(), "m.png", timeout=math.nan),
        "timeout",
    ),
    ("save_map timeout neg", lambda ev: ge.save_map(folium.Map(), "m.png", timeout=-1), "timeout"),
    ("save_map size bool", lambda ev: ge.save_map(folium.Map(), "m.png", size=(True, 5)), "size"),
    ("add_geonames(None)", lambda ev: ge.add_geonames(None), "path"),
    (
        "add_geonames classes",
        lambda ev: ge.add_geonames("UA.zip", feature_classes=3),
        "feature_classes",
    ),
    ("download timeout", lambda ev: ge.download_geonames("UA", timeout=math.nan), "timeout"),
    ("download progress", lambda ev: ge.download_geonames("UA", progress="no"), "progress"),
    ("geocoder delay", lambda ev: ge.OfflineGeocoder(min_delay_seconds=-1), "min_delay_seconds"),
    ("Gazetteer.load rebuild", lambda ev: Gazetteer.load(rebuild="yes"), "rebuild"),
    ("lexicon text", lambda ev: _lexicon().triggers_in(None), "text"),
    ("lexicon start", lambda ev: _lexicon().actors_in("x", start="0"), "start"),
]


@pytest.fixture(scope="module")
def acled_events():
    return ge.read_acled(FIXTURES / "acled_invented.csv")


@pytest.mark.parametrize(("case", "call", "name"), BAD_ARGUMENTS, ids=[c[0] for c in BAD_ARGUMENTS])
def test_a_bad_argument_is_refused_naming_it(acled_events, tmp_path, monkeypatch, case, call, name):
    monkeypatch.chdir(tmp_path)  # nothing may be written where the tests run
    with pytest.raises(InvalidInputError, match=name) as info:
        call(acled_events)
    one_line(str(info.value))
    assert not list(tmp_path.iterdir())


def test_gazetteer_methods_refuse_bad_arguments(fixture_gaz):
    with pytest.raises(InvalidInputError, match="limit"):
        fixture_gaz.geocode("Kherson", exactly_one=False, limit=-1)
    with pytest.raises(InvalidInputError, match="exactly_one"):
        fixture_gaz.geocode("Kherson", exactly_one="no")
    with pytest.raises(InvalidInputError, match="place_id"):
        fixture_gaz.place("x")
    assert len(fixture_gaz.geocode("Kherson", exactly_one=False, limit=1)) == 1


number_like = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=4),
    st.just([1]),
)


@FAST
@given(days=number_like, km=number_like)
def test_merge_events_takes_sane_numbers_and_refuses_the_rest(acled_events, days, km):
    ok_days = isinstance(days, int) and not isinstance(days, bool) and 0 <= days <= MAX_DAYS
    ok_km = (
        isinstance(km, (int, float)) and not isinstance(km, bool) and math.isfinite(km) and km >= 0
    )
    if ok_days and ok_km:
        merged = ge.merge_events(acled_events, days=days, km=km)
        assert 1 <= len(merged) <= len(acled_events)
    else:
        with pytest.raises(InvalidInputError, match="days" if not ok_days else "km"):
            ge.merge_events(acled_events, days=days, km=km)


# ------------------------------------------------------------------ dataset rows


ACLED_BAD_CELLS = [
    ("event_date", "9999-12-31", "outside the dates"),
    ("event_date", "1500-01-01", "outside the dates"),
    ("event_date", "0001-01-01", "outside the dates"),
    ("event_date", "now", "write the date itself"),
    ("event_date", "today", "write the date itself"),
    ("event_date", "-1", "cannot read date"),
    ("event_date", "NaT", "cannot read date"),
    ("fatalities", "inf", "not a whole number"),
    ("fatalities", "1e30", "not in 0..10,000,000"),
    ("fatalities", "-3", "not in 0..10,000,000"),
    ("fatalities", "2.5", "not a whole number"),
    ("latitude", "999", r"outside \[-90, 90\]"),
    ("longitude", "-999", r"outside \[-90, 90\]"),
    ("latitude", "nan", "not numbers"),
    ("time_precision", "9", "not one of 1, 2, 3"),
    ("geo_precision", "inf", "not one of 1, 2, 3"),
]


@pytest.mark.parametrize(("column", "value", "message"), ACLED_BAD_CELLS)
def test_an_acled_row_the_frame_cannot_hold_is_refused_naming_file_and_line(
    tmp_path, column, value, message
):
    path = write_csv(
        tmp_path / "acled.csv",
        ACLED_HEADER,
        [GOOD_ACLED, {**GOOD_ACLED, "event_id_cnty": "INV2", column: value}],
    )
    with pytest.raises(InvalidInputError, match=message) as info:
        ge.read_acled(path)
    text = one_line(str(info.value))
    assert text.startswith(f"{path}, line 3: ")
    assert repr(value) in text or "latitude/longitude" in text


UCDP_BAD_CELLS = [
    ("date_start", "9999-12-31", "outside the dates"),
    ("date_start", "1600-02-02", "outside the dates"),
    ("best", "inf", "not a whole number"),
    ("best", "1e30", "not in 0..10,000,000"),
    ("latitude", "999", r"outside \[-90, 90\]"),
    ("date_prec", "9", "not one of 1, 2, 3, 4, 5"),
    ("where_prec", "0", "not one of 1, 2, 3, 4, 5, 6, 7"),
]


@pytest.mark.parametrize(("column", "value", "message"), UCDP_BAD_CELLS)
def test_a_ucdp_row_the_frame_cannot_hold_is_refused_naming_file_and_line(
    tmp_path, column, value, message
):
    path = write_csv(tmp_path / "ged.csv", UCDP_HEADER, [GOOD_UCDP, {**GOOD_UCDP, column: value}])
    with pytest.raises(InvalidInputError, match=message) as info:
        ge.read_ucdp(path)
    assert one_line(str(info.value)).startswith(f"{path}, line 3: ")


def test_good_rows_keep_their_values(tmp_path):
    rows = [
        GOOD_ACLED,
        {
            **GOOD_ACLED,
            "event_id_cnty": "INV2",
            "fatalities": "3.0",
            "event_date": str(DATE_MAX),
            "latitude": "-90",
            "longitude": "180",
        },
        {
            **GOOD_ACLED,
            "event_id_cnty": "INV3",
            "fatalities": "",
            "time_precision": "",
            "event_date": str(DATE_MIN),
        },
    ]
    ev = ge.read_acled(write_csv(tmp_path / "acled.csv", ACLED_HEADER, rows))
    assert ev["fatalities"].tolist()[:2] == [4, 3] and ev["fatalities"].isna().tolist()[2]
    assert [d.date() for d in ev["event_date"]] == [dt.date(2023, 4, 2), DATE_MAX, DATE_MIN]
    assert ev["latitude"].tolist()[1] == -90.0 and ev["longitude"].tolist()[1] == 180.0
    ged = ge.read_ucdp(
        write_csv(
            tmp_path / "ged.csv", UCDP_HEADER, [{**GOOD_UCDP, "date_prec": "", "where_prec": ""}]
        )
    )
    assert ged["time_precision"].tolist() == [1] and ged["geo_precision"].tolist() == [3]


iso_dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(
    dt.date.isoformat
)
number_cells = st.one_of(
    st.integers(min_value=-(10**9), max_value=10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["", "1e30", "-inf", "3.0", "seven"]),
)
degree_cells = st.one_of(
    st.floats(min_value=-1000, max_value=1000).map(repr), st.sampled_from(["nan", "inf", "x"])
)


def _whole(cell: str) -> int | None:
    try:
        v = float(cell)
    except ValueError:
        return None
    return int(v) if math.isfinite(v) and v == int(v) and 0 <= v <= MAX_FATALITIES else None


def _degrees(cell: str, limit: float) -> float | None:
    try:
        v = float(cell)
    except ValueError:
        return None
    return v if math.isfinite(v) and -limit <= v <= limit else None


@FAST
@given(
    date=st.one_of(iso_dates, st.sampled_from(["now", "today", "tomorrow", "NaT", "-1"])),
    deaths=number_cells,
    lat=degree_cells,
    lon=degree_cells,
)
def test_an_acled_row_is_read_as_it_is_or_refused(date, deaths, lat, lon):
    row = {
        **GOOD_ACLED,
        "event_date": date,
        "fatalities": deaths,
        "latitude": lat,
        "longitude": lon,
    }
    is_iso = date[:1].isdigit() and len(date) == 10
    date_ok = is_iso and DATE_MIN <= dt.date.fromisoformat(date) <= DATE_MAX
    deaths_ok = deaths == "" or _whole(deaths) is not None
    y, x = _degrees(lat, 90), _degrees(lon, 180)
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "acled.csv", ACLED_HEADER, [row])
        if date_ok and deaths_ok and y is not None and x is not None:
            ev = ge.read_acled(path)
            assert ev["event_date"].iloc[0].date().isoformat() == date
            got = ev["fatalities"].iloc[0]
            assert (pd.isna(got) and deaths == "") or got == _whole(deaths)
            assert (ev["latitude"].iloc[0], ev["longitude"].iloc[0]) == (y, x)
        else:
            with pytest.raises(InvalidInputError) as info:
                ge.read_acled(path)
            assert one_line(str(info.value)).startswith(f"{path}, line 2: ")


# ------------------------------------------------------------------ report text


def _extract(gaz, text, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ev = ge.extract_events(text, gazetteer=gaz, **kwargs)
    return ev, [str(w.message) for w in caught if issubclass(w.category, GeoEventsWarning)]


@pytest.mark.parametrize(
    "text",
    [
        "Invented: shelling hit Kherson on 3 May 1500, killing two.",
        "Invented: shelling hit Kherson on 3 May 3000.",
        "Invented: shelling hit Kherson on 3 May 0022.",  # not 2022: a four-digit year
        "Вигадане: у ніч на 1 січня 0001 року обстріляли Херсон.",
    ],
)
def test_a_text_date_the_frame_cannot_hold_is_left_empty_with_a_warning(fixture_gaz, text):
    ev, said = _extract(fixture_gaz, text, published="2023-04-05")
    assert len(ev) == 1
    assert ev["event_date"].isna().all() and ev["time_precision"].isna().all()
    assert any("cannot hold" in m and ev["article_id"].iloc[0] in m for m in said), said


def test_a_death_toll_the_frame_cannot_hold_is_left_empty_with_a_warning(fixture_gaz):
    ev, said = _extract(
        fixture_gaz,
        "Invented: shelling of Kherson killed 99999999999999999999 people on 3 April 2023.",
    )
    assert ev["fatalities"].isna().all()
    assert ev["event_date"].tolist() == [pd.Timestamp("2023-04-03")]
    assert any("0..10,000,000" in m for m in said), said


@FAST
@given(published=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_any_publication_date_is_held_or_refused(fixture_gaz, published):
    text = "Invented: drones struck Kherson yesterday."
    if not DATE_MIN <= published <= DATE_MAX:
        with pytest.raises(InvalidInputError, match=r"published .* is outside the dates"):
            ge.extract_events(text, published=published, gazetteer=fixture_gaz)
        return
    ev, said = _extract(fixture_gaz, text, published=published)
    day = published - dt.timedelta(days=1)
    if day >= DATE_MIN:
        assert [d.date() for d in ev["event_date"]] == [day]
    else:  # the day before the first day a frame holds: empty, with a warning
        assert ev["event_date"].isna().all() and said


def test_published_in_a_frame_of_reports_names_the_row(fixture_gaz):
    reports = pd.DataFrame(
        {
            "text": ["Invented: calm in Kherson.", "Invented: calm again."],
            "published": ["2023-04-05", "0999-01-01"],
        }
    )
    with pytest.raises(InvalidInputError, match=r"row 1: published '0999-01-01' is outside"):
        ge.extract_events(reports, gazetteer=fixture_gaz)


# ------------------------------------------------------------------ command line


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9999-12-31", "'9999-12-31' is outside the dates"),
        ("1500-05-03", "'1500-05-03' is outside the dates"),
        # more than a date
        ("2022-05-04garbage", "cannot read date '2022-05-04garbage'"),
        ("2022-05-04T25:00", "cannot read date '2022-05-04T25:00'"),
    ],
)
def test_cli_published_that_cannot_be_held_is_one_line_exit_2(monkeypatch, capsys, value,
                                                              message):  # fmt: skip
    monkeypatch.setattr("sys.stdin", io.StringIO("Invented: calm in Kherson."))
    with pytest.raises(SystemExit) as info:
        main(["extract", "-", "--published", value])
    assert info.value.code == 2
    assert message in one_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("fatalities", "1e30"),
        ("fatalities", "inf"),
        ("event_date", "9999-12-31"),
        ("latitude", "999"),
    ],
)
def test_cli_map_of_a_bad_acled_file_is_one_line_exit_1(tmp_path, capsys, column, value):
    path = write_csv(
        tmp_path / "acled.csv",
        [*ACLED_HEADER, "sub_event_type"],
        [GOOD_ACLED, {**GOOD_ACLED, column: value}],
    )
    assert main(["map", str(path), "-o", str(tmp_path / "m.html")]) == 1
    err = one_line(capsys.readouterr().err)
    assert f"{path}, line 3: " in err and not (tmp_path / "m.html").exists()


FORMULAS = ['=HYPERLINK("http://x.invalid")', "+1+1", "-2+3", "@SUM(A1:A2)"]


@pytest.mark.parametrize("payload", FORMULAS)
def test_cli_csv_cannot_run_as_a_spreadsheet_formula(cli_parser, tmp_path, capsys, payload):
    report = tmp_path / "r.json"
    report.write_text(
        json.dumps(
            {
                "text": f"{payload} shelling hit Kherson on 3 April 2023.",
                "source": payload,
                "url": "https://example.org/r",
                "published": "2023-04-05",
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "ev.csv"
    assert main(["extract", str(report), "-o", str(out)]) == 0
    for text in (out.read_text("utf-8"), _stdout_of(main, ["extract", str(report)], capsys)):
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows and rows[0]["source"] == "'" + payload
        assert rows[0]["notes"].startswith("'" + payload)
        cells = [v for row in rows for v in row.values()]
        assert not [v for v in cells if v[:1] in ("=", "+", "@", "\t", "\r")]
        assert float(rows[0]["latitude"]) > 0  # numbers stay numbers


def test_spreadsheet_safe_quotes_every_formula_start_and_keeps_numbers():
    from geoevents._validate import spreadsheet_safe

    frame = pd.DataFrame(
        {"t": ["=1", "+1", "-1", "@1", "\t1", "\r1", "a=1", None], "n": [-1.5, 1, 2, 3, 4, 5, 6, 7]}
    )
    safe = spreadsheet_safe(frame)
    assert safe["t"].tolist()[:6] == ["'=1", "'+1", "'-1", "'@1", "'\t1", "'\r1"]
    assert safe["t"].tolist()[6] == "a=1" and safe["t"].isna().tolist()[7]
    assert safe["n"].tolist() == frame["n"].tolist() and frame["t"].tolist()[0] == "=1"


def _stdout_of(run, argv, capsys) -> str:
    capsys.readouterr()
    assert run(argv) == 0
    return capsys.readouterr().out


# ------------------------------------------------------------------ maps


def _payload(m: folium.Map) -> dict:
    return next(c for c in m._children.values() if isinstance(c, EventsLayer)).payload


def test_map_popups_show_dates_and_counts_as_they_are():
    frame = pd.DataFrame(
        {
            "event_type": ["Battles"] * 4,
            "latitude": [46.6, 46.7, 46.8, 46.9],
            "longitude": [32.6] * 4,
            "fatalities": [1e30, 2.5, 7, np.nan],
            "event_date": pd.Series(
                [dt.datetime(9999, 12, 31), dt.datetime(1500, 1, 1), dt.datetime(2023, 4, 2), None]
            ).astype("datetime64[s]"),
        }
    )
    with pytest.warns(GeoEventsWarning, match="1 of 4 events have fatalities that are not"):
        payload = _payload(ge.map_events(frame))
    days = [None if d is None else str(np.datetime64(d, "D")) for d in payload["day"]]
    assert days == ["9999-12-31", "1500-01-01", "2023-04-02", None]
    assert payload["fat"] == [None, 2.5, 7, None]  # 1e30 dead: unknown, never wrapped
    assert isinstance(payload["fat"][2], int)


@FAST
@given(
    st.lists(
        st.one_of(
            st.floats(allow_nan=True, allow_infinity=True),
            st.integers(min_value=0, max_value=2**62),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_map_fatalities_are_never_wrapped_around(values):
    frame = pd.DataFrame(
        {
            "latitude": [46.6] * len(values),
            "longitude": [32.6] * len(values),
            "fatalities": pd.Series(values, dtype=float),
        }
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        shown = _payload(ge.map_events(frame))["fat"]
    bad = 0
    for value, got in zip(values, shown, strict=True):
        if math.isfinite(value) and 0 <= value <= MAX_FATALITIES:
            assert got == float(value) and got >= 0
        else:
            assert got is None
            bad += not math.isnan(value)
    told = [w for w in caught if "fatalities that are not" in str(w.message)]
    assert bool(told) == bool(bad)


@pytest.mark.parametrize("geometry", [True, False])
def test_map_points_off_the_globe_are_left_out_with_a_warning(geometry):
    rows = [
        {"event_type": "Battles", "latitude": 46.6, "longitude": 32.6, "event_date": None},
        {"event_type": "Battles", "latitude": 999.0, "longitude": -999.0, "event_date": None},
    ]
    frame = events_frame(rows) if geometry else pd.DataFrame(rows)
    with pytest.warns(GeoEventsWarning, match=r"1 of 2 events have a point outside \[-90, 90\]"):
        payload = _payload(ge.map_events(frame))
    assert payload["lat"] == [46.6]


# ------------------------------------------------------------------ published, bytes, workers


@pytest.mark.parametrize(
    "value", ["2022-05-04garbage", "2022-05-04T25:00", "2022-05-04 x", "on 2022-05-04 maybe",
              "4 May 2022 and more"],
)  # fmt: skip
def test_published_text_that_is_more_than_a_date_is_refused(value):
    with pytest.raises(InvalidInputError, match=r"published cannot read .* as a date"):
        ge.extract_events("Invented: calm in Kherson.", published=value)


@pytest.mark.parametrize(
    "value", ["2022-05-04", "2022-05-04T07:00:00+03:00", "2022-05-04T07:00:00Z",
              "2022-05-04 07:00 UTC", "4 May 2022", "Wed, 04 May 2022 07:00:00 GMT",
              "04.05.2022", "4 травня 2022 року", " 2022-05-04 "],
)  # fmt: skip
def test_published_dates_and_timestamps_are_read(value):
    from geoevents._events.inputs import published_date

    assert published_date(value) == dt.date(2022, 5, 4)


def test_a_published_refusal_names_the_report_by_its_article_id(fixture_gaz):
    # a frame of reports made in memory (a file's date is refused as it is read, naming
    # the file: see test_hardening_readers)
    reports = pd.DataFrame({"article_id": ["far-1a2b3c"], "published": ["9999-12-31"],
                            "text": ["Invented: calm in Kherson."]})  # fmt: skip
    with pytest.raises(InvalidInputError) as info:
        ge.extract_events(reports, gazetteer=fixture_gaz)
    message = str(info.value)
    assert message.startswith("row 0 (article_id 'far-") and "'9999-12-31' is outside" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("items", "where"),
    [(b"Invented: calm.", "reports must be text"), (bytearray(b"x"), "reports must be text"),
     ([b"Invented: calm."], "item 0: a report is bytes"),
     ([{"text": b"Invented: calm.", "article_id": "n1"}], "item 0 (article_id 'n1'): text is "
      "bytes")],
)  # fmt: skip
def test_bytes_are_refused_with_the_advice_to_decode_them(items, where):
    with pytest.raises(InvalidInputError, match=r"decode them first") as info:
        ge.extract_events(items)
    assert str(info.value).startswith(where)


@pytest.mark.parametrize("value", ["999999999999", "1025", "0", "-1", "many", "9" * 5000])
def test_cli_workers_are_refused_above_the_bound(monkeypatch, capsys, value):
    monkeypatch.setattr("sys.stdin", io.StringIO("Invented: calm in Kherson."))
    with pytest.raises(SystemExit) as info:
        main(["extract", "-", "--workers", value])
    assert info.value.code == 2
    assert "expected a number of processes from 1 to 1,024" in one_line(capsys.readouterr().err)


@pytest.mark.parametrize("value", [10**9, 0, -2, 2.0, True, "4"])
def test_n_jobs_out_of_bounds_is_refused_before_any_process_starts(value):
    with pytest.raises(InvalidInputError, match="n_jobs must be None or a whole number from 1"):
        ge.extract_events("Invented: calm in Kherson.", n_jobs=value)


@pytest.mark.parametrize(
    ("option", "message"),
    [({"country": 5}, "country must be"), ({"kind": ["city", 5]}, "kind must be one of"),
     ({"kind": "town"}, "kind must be one of"), ({"timeout": -1}, "timeout must be"),
     ({"fallback_cache": 5}, "fallback_cache must be")],
)  # fmt: skip
def test_geocoder_options_are_checked_when_it_is_made(option, message):
    with pytest.raises(InvalidInputError, match=message):
        ge.OfflineGeocoder(**option)


# ------------------------------------------------------------------ look-up arguments


def _mine(fixture_gaz, tmp_path) -> Gazetteer:
    """The fixture gazetteer with a place of a user's own country code, "XX"."""
    extra = tmp_path / "mine.csv"
    extra.write_text("name,kind,latitude,longitude,country_code\n"
                     "Camp Zorya,facility,10.0,10.0,XX\n", encoding="utf-8")  # fmt: skip
    return fixture_gaz.with_places(extra)


LOOKUP_ARGUMENTS = [
    ("lookup limit 10**20", lambda g: g.lookup("Kherson", limit=10**20), "limit", "from 1 to"),
    ("lookup limit float", lambda g: g.lookup("Kherson", limit=2.0), "limit", "from 1 to"),
    ("lookup limit bool", lambda g: g.lookup("Kherson", limit=False), "limit", "or None"),
    ("lookup limit numpy 0", lambda g: g.lookup("Kherson", limit=np.int64(0)), "limit", "from 1"),
    (
        "geocode limit huge",
        lambda g: g.geocode("Kherson", exactly_one=False, limit=10**9),
        "limit",
        "1,000,000",
    ),
    (
        "geocode limit bool",
        lambda g: g.geocode("Kherson", exactly_one=False, limit=True),
        "limit",
        "whole number",
    ),
    ("lookup country ZZ", lambda g: g.lookup("Kherson", country="ZZ"), "country", "alpha-2"),
    ("lookup blank name ZZ", lambda g: g.lookup("", country="ZZ"), "country", "alpha-2"),
    ("lookup country []", lambda g: g.lookup("Kherson", country=[]), "country", "'UA'"),
    ("best country list", lambda g: g.best("Kherson", country=["UA", "zz"]), "country", "alpha-2"),
    ("place_ids country", lambda g: g.place_ids("Kherson", country="QQ"), "country", "alpha-2"),
    ("divisions country", lambda g: g.divisions_named("Kherson", "ZZ"), "country", "alpha-2"),
    ("divisions list", lambda g: g.divisions_named("Kherson", ["ZZ"]), "country", "alpha-2"),
    ("geocode country", lambda g: g.geocode("Kherson", country="ZZ"), "country", "alpha-2"),
    (
        "geocoder country",
        lambda g: ge.OfflineGeocoder(gazetteer=g, country=["UA", "ZZ"]),
        "country",
        "alpha-2",
    ),
    ("geocoder no gazetteer", lambda g: ge.OfflineGeocoder(country="ZZ"), "country", "alpha-2"),
    ("download dump ZZ", lambda g: ge.download_geonames("ZZ"), "name", "alpha-2"),
    ("country_name code", lambda g: g.country_name(5), "code", "alpha-2"),
]


@pytest.mark.parametrize(("case", "call", "name", "form"), LOOKUP_ARGUMENTS,
                         ids=[c[0] for c in LOOKUP_ARGUMENTS])  # fmt: skip
def test_a_look_up_refuses_absurd_limits_and_unknown_countries(fixture_gaz, tmp_path, case,
                                                               call, name, form):  # fmt: skip
    with pytest.raises(InvalidInputError) as info:
        call(_mine(fixture_gaz, tmp_path))
    message = one_line(str(info.value))
    assert message.startswith(name) and form in message, message


def test_a_look_up_takes_sane_limits_and_any_country_its_places_bear(fixture_gaz, tmp_path):
    mine = _mine(fixture_gaz, tmp_path)
    assert len(mine.lookup("Mykolaiv", limit=np.int64(1))) == 1
    assert len(mine.lookup("Mykolaiv", limit=1_000_000)) == len(mine.lookup("Mykolaiv", limit=None))
    assert mine.lookup("Camp Zorya", country="xx")["country_code"].tolist() == ["XX"]
    assert mine.divisions_named("Kherson Oblast", ["ua"]) == mine.divisions_named("Kherson Oblast")
    assert mine.country_name("ZZ") == "ZZ"  # a name for any code, as documented
    ge.OfflineGeocoder(gazetteer=mine, country="XX")
    with pytest.raises(InvalidInputError, match="'XX' is no country's"):
        fixture_gaz.lookup("Camp Zorya", country="XX")  # no place of this one bears it


def test_areas_and_look_ups_check_country_codes_alike(fixture_gaz):
    from geoevents._geoparse.area import Area

    for check, what in [(Area.of, "area"), (lambda c: fixture_gaz.lookup("Kyiv", country=c),
                                            "country")]:  # fmt: skip
        with pytest.raises(InvalidInputError) as info:
            check("UK")
        assert str(info.value) == (f"{what}: 'UK' is no country's ISO 3166 alpha-2 code: "
                                   "the United Kingdom is 'GB'")  # fmt: skip


# ------------------------------------------------------------------ control characters

# not whitespace to Python: str.split() and \s read "hit<NUL>Bakhmut" as one word
CONTROLS = ["\x00", "\x01", "\x08", "\x0e", "\x1b", "\x7f", "\x80", "\x9f"]
# whitespace to Python, and line or record separators: they end a name as a line break does
SEPARATORS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\u2028", "\u2029"]
PLACES_AROUND = [
    "Invented: shelling hit Kherson{c}and Bakhmut overnight.",
    "Invented: troops shelled{c}Bakhmut.",
    "Invented: drones struck Kherson.{c}Shelling hit Bakhmut and Donetsk.",
]


@pytest.mark.parametrize("char", CONTROLS + SEPARATORS)
def test_a_control_character_loses_no_place_and_shifts_no_offset(fixture_gaz, char):
    from geoevents import Geoparser

    parser = Geoparser(fixture_gaz)
    for template in PLACES_AROUND:
        text, spaced = template.format(c=char), template.format(c=" ")
        got, want = parser.parse(text), parser.parse(spaced)
        rows = ["start", "end", "name", "role"]
        assert got[rows].values.tolist() == want[rows].values.tolist(), (template, got)
        assert [text[s:e] for s, e in zip(got["start"], got["end"], strict=True)] == got[
            "mention"
        ].tolist()


def test_a_name_around_a_control_character_is_found_and_shown_as_written(fixture_gaz):
    from geoevents import Geoparser

    text = "Invented: shelling near Ciudad\x00Juárez overnight."
    got = Geoparser(fixture_gaz).parse(text)
    assert got["name"].tolist() == ["Ciudad Juárez"]
    assert (
        got["mention"].tolist() == ["Ciudad\x00Juárez"] == [text[got["start"][0] : got["end"][0]]]
    )


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x0b", "\u2028"])
def test_events_lose_nothing_after_a_control_character(fixture_gaz, char):
    template = ("Invented: drones struck Kherson on 3 April 2023.{c}Shelling hit{c}Bakhmut on 4 "
                "April 2023, killing{c}two.")  # fmt: skip
    got = ge.extract_events(template.format(c=char), gazetteer=fixture_gaz)
    want = ge.extract_events(template.format(c=" "), gazetteer=fixture_gaz)
    columns = ["location", "event_date", "fatalities", "event_type"]
    assert got[columns].astype(str).values.tolist() == want[columns].astype(str).values.tolist()
    assert got["location"].tolist() == ["Kherson", "Bakhmut"]
    assert got["article_id"].tolist() != want["article_id"].tolist()  # the text as given


# invisible format characters a web page, a chat or a paste leaves inside words: soft
# hyphen, zero-width non-joiner and joiner, LRM, RLM, an embedding, the word joiner, an
# isolate and the byte-order mark
INVISIBLE = ["\u00ad", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u2060",
             "\u2066", "\ufeff"]  # fmt: skip


@pytest.mark.parametrize("char", INVISIBLE)
def test_an_invisible_character_inside_a_name_hides_no_place(fixture_gaz, char):
    from geoevents import Geoparser

    parser = Geoparser(fixture_gaz)
    text = f"{char}Invented: shelling hit Kher{char}son and Bakh{char}{char}mut overnight{char}."
    got = parser.parse(text)
    assert got["name"].tolist() == ["Kherson", "Bakhmut"]
    # offsets index the text given, and the mention is what is written there
    assert got["mention"].tolist() == [f"Kher{char}son", f"Bakh{char}{char}mut"]
    assert [text[s:e] for s, e in zip(got["start"], got["end"], strict=True)] == got[
        "mention"
    ].tolist()
    spans = [(int(s), int(e)) for s, e in zip(got["start"], got["end"], strict=True)]
    given = parser.parse(text, spans=spans)  # spans given are looked up without it
    assert given["name"].tolist() == ["Kherson", "Bakhmut"]
    events = ge.extract_events(f"Invented: drones struck Kher{char}son on 3 April 2023.",
                               gazetteer=fixture_gaz)  # fmt: skip
    assert events["location"].tolist() == ["Kherson"]
    assert events["notes"].tolist() == ["Invented: drones struck Kherson on 3 April 2023."]


def test_a_zero_width_space_parts_two_words(fixture_gaz):
    template = "Invented: shelling hit{c}Bakhmut and Kherson{c}on 3 April 2023."
    got = ge.extract_events(template.format(c="\u200b"), gazetteer=fixture_gaz)
    want = ge.extract_events(template.format(c=" "), gazetteer=fixture_gaz)
    assert sorted(got["location"]) == sorted(want["location"]) == ["Bakhmut", "Kherson"]
    text = template.format(c="\u200b")
    from geoevents import Geoparser

    rows = Geoparser(fixture_gaz).parse(text)
    assert [text[s:e] for s, e in zip(rows["start"], rows["end"], strict=True)] == [
        "Bakhmut", "Kherson"
    ]  # fmt: skip


# ------------------------------------------------------------------ links


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "/news/7",
            "ftp://example.org/a", "https://example.org/a b"],
)  # fmt: skip
def test_a_url_that_is_no_http_link_is_left_empty_with_a_warning(fixture_gaz, url):
    text = "Invented: shelling hit Kherson on 3 April 2023."
    record = {"text": text, "url": url, "article_id": "n1"}
    calls = [
        (text, {"url": url}, "url"),
        ([record], {"url": "https://example.org/ok"}, "item 0 (article_id 'n1'): url"),
    ]
    for reports, kwargs, where in calls:
        with pytest.warns(GeoEventsWarning) as seen:
            ev = ge.extract_events(reports, gazetteer=fixture_gaz, **kwargs)
        assert ev["source_url"].isna().all()  # not even the url argument: its own was bad
        message = one_line(str(seen[0].message))
        assert f"{where} {url!r}" in message and "only http and https" in message


def test_an_http_url_is_kept_without_a_word(fixture_gaz):
    ev = ge.extract_events("Invented: shelling hit Kherson on 3 April 2023.",
                           url="https://example.org/r?id=1", gazetteer=fixture_gaz)  # fmt: skip
    assert ev["source_url"].tolist() == ["https://example.org/r?id=1"]


# ------------------------------------------------------------------ one fatalities bound


def test_one_fatalities_bound_checks_files_texts_and_maps(tmp_path, monkeypatch):
    from geoevents import _validate

    monkeypatch.setattr(_validate, "MAX_FATALITIES", 5)  # every check must follow it
    path = write_csv(tmp_path / "acled.csv", ACLED_HEADER, [{**GOOD_ACLED, "fatalities": "6"}])
    with pytest.raises(InvalidInputError, match="line 2: fatalities '6' is not in"):
        ge.read_acled(path)
    with pytest.warns(GeoEventsWarning, match="left empty"):
        frame = events_frame([{"event_type": "Battles", "latitude": 46.6, "longitude": 32.6,
                               "fatalities": 6, "article_id": "n1"}])  # fmt: skip
    assert frame["fatalities"].isna().all()
    with pytest.warns(GeoEventsWarning, match="fatalities that are not"):
        payload = _payload(
            ge.map_events(
                pd.DataFrame(
                    {"latitude": [46.6, 46.7], "longitude": [32.6, 32.6], "fatalities": [6.0, 5.0]}
                )
            )
        )
    assert payload["fat"] == [None, 5]
