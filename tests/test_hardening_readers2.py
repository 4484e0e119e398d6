"""Readers that read hostile files strictly, and say what they refuse or leave out.

Missing publication dates of every kind (JSON's NaN, pandas' NA and NaT) are no date;
dataset cells are read strictly (ISO dates, numbers in digits, whole rows) and refused
naming the file, the line and the column; UTF-16 is refused saying so; a row's text is
read from the first text column that holds any; a JSON key named twice, a folder of files
of no kind read, a bad date in a feed are named. Every row and sentence here is invented.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import warnings
from pathlib import PurePosixPath

import numpy as np
import pandas as pd
import pytest

import geoevents as ge
from geoevents import GeoEventsWarning, InvalidInputError
from geoevents._cli import main
from geoevents._decoding import decode, load_json
from geoevents._events.inputs import published_date
from geoevents._readers import expand_paths
from geoevents._validate import number_text
from tests.test_hardening_inputs import one_line, write_csv
from tests.test_hardening_readers import _Stdin

INVENTED = "Invented: drones struck Kherson yesterday."

ACLED_ROW = {"event_id_cnty": "INVX1", "event_date": "2023-06-07", "event_type": "Battles",
             "latitude": "46.48", "longitude": "30.73", "fatalities": "2", "iso": "804",
             "country": "Ukraine", "notes": "Invented: a clash by a dam.", "time_precision": "1",
             "geo_precision": "2"}  # fmt: skip
UCDP_ROW = {"id": "91", "type_of_violence": "1", "side_a": "Side Green", "side_b": "Side Grey",
            "latitude": "47.1", "longitude": "37.5", "country": "Ukraine",
            "date_start": "2023-06-08", "date_prec": "1", "where_prec": "2", "best": "5",
            "event_clarity": "1"}  # fmt: skip
ACLED_HEADER, UCDP_HEADER = list(ACLED_ROW), list(UCDP_ROW)


def said(caught) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, GeoEventsWarning)]


# ------------------------------------------------------------------ 1. missing publication dates


def test_a_nan_published_in_json_is_no_date(tmp_path, cli_parser, capsys):
    path = tmp_path / "night.json"
    path.write_text('[{"text": "Invented: sirens over Kherson.", "published": NaN}, '
                    '{"text": "Invented: calm in Kherson.", "date": NaN, '
                    '"published": "2023-06-07"}]', "utf-8")  # fmt: skip
    frame = ge.read_articles(path)
    assert frame["published"].isna().tolist() == [True, False]
    assert frame.loc[1, "published"] == "2023-06-07"  # NaN is no value: the next alias is
    assert main(["parse", str(path)]) == 0
    assert main(["extract", str(path)]) == 0
    assert "Kherson" in capsys.readouterr().out


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NaT, pd.NA,
                                     np.datetime64("NaT"), np.float32("nan")])  # fmt: skip
def test_every_kind_of_missing_published_is_no_date(missing):
    assert published_date(missing) is None


@pytest.mark.parametrize(
    "value", [np.datetime64("2023-06-08"), np.datetime64("2023-06-08T23:59"),
              np.datetime64("2023-06-08T00:00:00.000000001"), pd.Timestamp("2023-06-08 05:00")],
)  # fmt: skip
def test_a_numpy_datetime64_is_its_calendar_day(fixture_gaz, value):
    assert published_date(value) == dt.date(2023, 6, 8)
    ev = ge.extract_events(INVENTED, published=value, gazetteer=fixture_gaz)
    assert [d.date() for d in ev["event_date"]] == [dt.date(2023, 6, 7)]


def test_pd_na_published_is_none_as_nat_and_nan_are(fixture_gaz):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ev = ge.extract_events(INVENTED, published=pd.NA, gazetteer=fixture_gaz)
    assert ev["event_date"].isna().all()
    assert any("without a publication date" in m for m in said(caught))
    published = pd.array([pd.NA, "2023-06-08"], dtype="string")
    reports = pd.DataFrame({"text": [INVENTED, INVENTED + " Again."], "published": published})
    ev = ge.extract_events(reports, published="2023-06-05", gazetteer=fixture_gaz)
    assert sorted(d.date() for d in ev["event_date"]) == [dt.date(2023, 6, 4), dt.date(2023, 6, 7)]


@pytest.mark.parametrize("value", [np.datetime64("9999-01-01"), np.datetime64("1500-01-01"),
                                   np.datetime64("12000-01-01")])  # fmt: skip
def test_a_datetime64_the_frame_cannot_hold_is_refused_naming_it(value):
    with pytest.raises(InvalidInputError, match=r"^argument: published '.*' is outside"):
        ge.extract_events(INVENTED, published=value)


@pytest.mark.parametrize("text", ["NaT", "nan", "NaN"])
def test_text_that_names_no_date_is_refused_in_a_file_naming_the_line(tmp_path, text):
    path = tmp_path / "notes.csv"
    path.write_text(f"text,published\nInvented: calm.,2023-06-07\nInvented: rain.,{text}\n")
    with pytest.raises(InvalidInputError) as info:
        ge.read_articles(path)
    message = one_line(str(info.value))
    assert message.startswith(f"{path}, line 3: published cannot read {text!r} as a date")


# ------------------------------------------------------------------ 2. strict dates in datasets


@pytest.mark.parametrize(
    "cell", ["2023-06-07 garbage", "2023-06-07T25:99", "2023-06-07/2023-06-09", "07.06.2023",
             "06/05/2023", "13/05/2023", "2023", "7-Jun-23", "June 7, 2023", "2023-6-7",
             "2023-02-30", "7 Juin 2023", "２０２３-06-07", "2023-06-07T10:00+25:00"],
)  # fmt: skip
def test_a_date_cell_that_is_no_plain_date_is_refused(tmp_path, cell):
    path = write_csv(tmp_path / "acled.csv", ACLED_HEADER,
                     [ACLED_ROW, {**ACLED_ROW, "event_date": cell}])  # fmt: skip
    with pytest.raises(InvalidInputError) as info:
        ge.read_acled(path)
    message = one_line(str(info.value))
    assert message.startswith(f"{path}, line 3: cannot read date {cell!r} in event_date")
    assert "YYYY-MM-DD" in message


@pytest.mark.parametrize(
    "cell", ["2023-06-07", "2023-06-07T00:00:00", "2023-06-07 00:00:00", "2023-06-07 23:10",
             "2023-06-07 00:00:00.000", "2023-06-07T08:00:00Z", "2023-06-07T23:00:00-05:00",
             "07 June 2023", "7 June 2023", "07-Jun-2023", "7-jun-2023", "7 Jun. 2023"],
)  # fmt: skip
def test_plain_date_cells_are_read_as_the_day_written(tmp_path, cell):
    path = write_csv(tmp_path / "acled.csv", ACLED_HEADER, [{**ACLED_ROW, "event_date": cell}])
    assert [d.date() for d in ge.read_acled(path)["event_date"]] == [dt.date(2023, 6, 7)]
    ged = write_csv(tmp_path / "ged.csv", UCDP_HEADER, [{**UCDP_ROW, "date_start": cell}])
    assert [d.date() for d in ge.read_ucdp(ged)["event_date"]] == [dt.date(2023, 6, 7)]


@pytest.mark.parametrize(("cell", "told"), [("1500-06-07", "outside the dates"),
                                            ("7 June 9999", "outside the dates"),
                                            ("now", "write the date itself")])  # fmt: skip
def test_dates_out_of_range_and_date_words_keep_their_own_refusals(tmp_path, cell, told):
    path = write_csv(tmp_path / "ged.csv", UCDP_HEADER, [{**UCDP_ROW, "date_start": cell}])
    with pytest.raises(InvalidInputError, match=told) as info:
        ge.read_ucdp(path)
    assert one_line(str(info.value)).startswith(f"{path}, line 2: ")


# ------------------------------------------------------------------ 3. numbers in digits


@pytest.mark.parametrize(
    ("column", "cell"), [("latitude", "4_6.48"), ("longitude", "3_0.73"), ("latitude", "nan"),
                         ("latitude", "infinity"), ("latitude", "٤٦.٤٨"), ("fatalities", "1_000"),
                         ("fatalities", "Infinity"), ("fatalities", "0x10"), ("iso", "8_04"),
                         ("time_precision", "1_0"), ("geo_precision", "٢")],
)  # fmt: skip
def test_a_number_not_written_in_digits_is_refused(tmp_path, column, cell):
    path = write_csv(tmp_path / "acled.csv", ACLED_HEADER,
                     [ACLED_ROW, {**ACLED_ROW, column: cell}])  # fmt: skip
    with pytest.raises(InvalidInputError) as info:
        ge.read_acled(path)
    message = one_line(str(info.value))
    assert message.startswith(f"{path}, line 3: ") and repr(cell) in message
    named = "latitude/longitude" if column in ("latitude", "longitude") else column
    assert named in message


def test_ucdp_counts_in_digits_only(tmp_path):
    path = write_csv(tmp_path / "ged.csv", UCDP_HEADER, [{**UCDP_ROW, "best": "1_2"}])
    with pytest.raises(InvalidInputError, match=r"line 2: best '1_2' is not a whole number"):
        ge.read_ucdp(path)


@pytest.mark.parametrize(("text", "number"), [("46.48", 46.48), ("-3", -3.0), ("+0.5", 0.5),
                                              (".5", 0.5), ("3.", 3.0), ("1e3", 1000.0),
                                              ("4_6", None), ("inf", None), ("nan", None),
                                              (" 3", None), ("", None), ("1e", None)])  # fmt: skip
def test_number_text_takes_digits_only(text, number):
    assert number_text(text) == number


def test_good_numbers_keep_their_values(tmp_path):
    path = write_csv(tmp_path / "acled.csv", ACLED_HEADER,
                     [{**ACLED_ROW, "fatalities": "3.0", "iso": "804.0", "latitude": "-4.6e1",
                       "longitude": "+30.73"}])  # fmt: skip
    ev = ge.read_acled(path)
    assert ev["fatalities"].tolist() == [3] and ev["country_code"].tolist() == ["UA"]
    assert (ev["latitude"].iloc[0], ev["longitude"].iloc[0]) == (-46.0, 30.73)


# ------------------------------------------------------------------ 4. rows cut short


def test_a_dataset_row_cut_short_is_refused_naming_its_line(tmp_path):
    path = write_csv(tmp_path / "acled.csv", ACLED_HEADER, [ACLED_ROW, ACLED_ROW])
    lines = path.read_text("utf-8").splitlines()
    cut = ",".join(lines[2].split(",")[:7])  # the row's first 7 of 11 fields
    path.write_text("\n".join([*lines[:2], cut, ""]), "utf-8")
    with pytest.raises(InvalidInputError) as info:
        ge.read_acled(path)
    message = one_line(str(info.value))
    assert message.startswith(f"{path}, line 3: 7 fields where the header has 11")
    assert "cut short" in message


def test_a_ucdp_row_cut_short_is_refused_and_blank_lines_are_not_rows(tmp_path):
    path = write_csv(tmp_path / "ged.csv", UCDP_HEADER, [UCDP_ROW])
    text = path.read_text("utf-8")
    blank = tmp_path / "blank.csv"
    blank.write_text(text + "\n   \n", "utf-8")
    assert len(ge.read_ucdp(blank)) == 1
    path.write_text(text + "92,1,Side Green\n", "utf-8")
    with pytest.raises(InvalidInputError, match=r"ged.csv, line 3: 3 fields where the header "
                       r"has 12, so the row was cut short"):  # fmt: skip
        ge.read_ucdp(path)


# ------------------------------------------------------------------ 5. UTF-16


@pytest.mark.parametrize(("codec", "kind"), [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")])
def test_utf16_without_a_byte_order_mark_is_refused_saying_so(tmp_path, codec, kind):
    path = tmp_path / "night.txt"
    path.write_bytes("Invented: shelling hit Kherson at night.".encode(codec))
    with pytest.raises(InvalidInputError) as info:
        ge.read_articles(path)
    message = one_line(str(info.value))
    assert message.startswith(f"{path}: not UTF-8: byte 0x00 at offset ")
    assert f"looks like {kind} text without a byte-order mark" in message
    assert "save it as UTF-8" in message
    with pytest.warns(GeoEventsWarning, match=f"looks like {kind} text"):
        assert len(ge.read_articles(path, errors="replace")) == 1


def test_utf16_is_refused_in_datasets_too(tmp_path):
    path = write_csv(tmp_path / "acled.csv", ACLED_HEADER, [ACLED_ROW])
    path.write_bytes(path.read_text("utf-8").encode("utf-16-le"))
    with pytest.raises(InvalidInputError, match=r"acled.csv: not UTF-8: .* looks like UTF-16LE"):
        ge.read_acled(path)


def test_a_stray_nul_is_no_utf16(tmp_path):
    text = "Invented: calm in Kherson\x00 all night, and calm again at dawn."
    assert decode(text.encode("utf-8"), "calm.txt") == text


def test_utf16_with_a_byte_order_mark_is_refused_alike_in_a_file_and_on_stdin(
    tmp_path, cli_parser, monkeypatch, capsys
):
    raw = "Invented: shelling hit Kherson at night.".encode("utf-16")
    path = tmp_path / "night.txt"
    path.write_bytes(raw)
    assert main(["parse", str(path)]) == 1
    from_file = one_line(capsys.readouterr().err)
    monkeypatch.setattr("sys.stdin", _Stdin(raw))
    assert main(["parse", "-"]) == 1
    from_stdin = one_line(capsys.readouterr().err)
    assert "begins a UTF-16 byte-order mark, so this is UTF-16" in from_file
    assert from_stdin == from_file.replace(str(path), "standard input")


def test_utf16_on_stdin_without_a_byte_order_mark_is_refused(cli_parser, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", _Stdin("Invented: calm in Kherson.".encode("utf-16-le")))
    assert main(["parse", "-"]) == 1
    assert "standard input: not UTF-8: byte 0x00" in one_line(capsys.readouterr().err)


# ------------------------------------------------------------------ 6. text columns, JSON keys


def test_an_empty_text_cell_is_read_from_the_body_column(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("title,text,body\nOne,,Invented: drones over Kherson.\n"
                    "Two,Invented: calm.,\nThree,,\n", "utf-8")  # fmt: skip
    frame = ge.read_articles(path)
    assert frame["text"].tolist() == ["Invented: drones over Kherson.", "Invented: calm.", ""]


def test_text_in_two_text_columns_is_named_in_a_warning(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("text,body,content\nInvented: a summary.,Invented: the whole story.,\n"
                    "Invented: calm.,Invented: calm.,\n,Invented: rain.,Invented: a storm.\n",
                    "utf-8")  # fmt: skip
    with pytest.warns(GeoEventsWarning) as seen:
        frame = ge.read_articles(path)
    assert frame["text"].tolist() == ["Invented: a summary.", "Invented: calm.", "Invented: rain."]
    (message,) = said(seen)
    assert message.startswith(f"{path}: more than one text field holds text")
    assert "line 2 (read text, not body); line 4 (read body, not content)" in message
    assert "line 3" not in message  # the same text twice loses nothing


def test_a_json_record_reads_its_first_text_field_that_holds_text(tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text(json.dumps({"text": "", "body": "Invented: smoke over Kherson."}) + "\n"
                    + json.dumps({"text": None, "content": "Invented: calm."}) + "\n",
                    "utf-8")  # fmt: skip
    assert ge.read_articles(path)["text"].tolist() == ["Invented: smoke over Kherson.",
                                                      "Invented: calm."]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "body", "where"),
    [("one.json", '{"text": "Invented: calm.", "text": "Invented: rain."}', "one.json"),
     ("many.jsonl", '{"text": "Invented: calm."}\n{"text": "Invented: rain.", "source": "A", '
      '"source": "B"}\n', "many.jsonl, line 2")],
)  # fmt: skip
def test_a_json_key_named_twice_is_refused_naming_file_and_key(tmp_path, name, body, where):
    path = tmp_path / name
    path.write_text(body, "utf-8")
    with pytest.raises(InvalidInputError) as info:
        ge.read_articles(path)
    message = one_line(str(info.value))
    assert message.startswith(f"{tmp_path / where}: an object names the key ")
    assert "twice" in message


def test_load_json_keeps_nested_objects_and_refuses_a_nested_repeat():
    assert load_json('{"a": {"b": 1}, "c": [{"b": 2}]}', "x.json") == {"a": {"b": 1},
                                                                       "c": [{"b": 2}]}  # fmt: skip
    with pytest.raises(InvalidInputError, match="names the key 'b' twice"):
        load_json('{"a": [{"b": 1, "b": 2}]}', "x.json")


# ------------------------------------------------------------------ 7. folders of other files


def test_a_folder_of_files_of_no_kind_read_is_named_in_a_warning(tmp_path):
    folder = tmp_path / "scans"
    (folder / "older").mkdir(parents=True)
    (folder / "a.pdf").write_bytes(b"%PDF-1.4")
    (folder / "older" / "b.pdf").write_bytes(b"%PDF-1.4")
    (folder / "c.docx").write_bytes(b"PK")
    (folder / ".DS_Store").write_bytes(b"\x00")
    with pytest.warns(GeoEventsWarning) as seen:
        frame = ge.read_articles(folder)
    assert frame.empty
    (message,) = said(seen)
    assert f"{folder} (2 .pdf, 1 .docx)" in message and ".txt, .html" in message
    with pytest.warns(GeoEventsWarning, match=r"\(2 \.pdf, 1 \.docx\)"):
        assert expand_paths(folder) == []


def test_no_warning_for_a_folder_with_reports_or_only_hidden_files(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.txt").write_text("Invented: calm in Kherson.", "utf-8")
    (tmp_path / "reports" / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "hidden").mkdir()
    (tmp_path / "hidden" / ".keep").write_bytes(b"")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(ge.read_articles([tmp_path / "reports", tmp_path / "hidden"])) == 1


# ------------------------------------------------------------------ 8. paths


def test_bytes_paths_are_refused_with_the_advice_to_decode_them(tmp_path):
    (tmp_path / "a.txt").write_text("Invented: calm in Kherson.", "utf-8")
    for given in (os.fsencode(tmp_path), [os.fsencode(tmp_path)]):
        with pytest.raises(InvalidInputError) as info:
            ge.read_articles(given)
        message = one_line(str(info.value))
        assert message.startswith("paths must hold paths") and "not bytes" in message
        assert "os.fsdecode" in message


def test_any_os_pathlike_is_a_path(tmp_path):
    (tmp_path / "a.txt").write_text("Invented: calm in Kherson.", "utf-8")

    class Shelf:
        def __fspath__(self):
            return str(tmp_path)

    for given in (PurePosixPath(tmp_path), [PurePosixPath(tmp_path / "a.txt")], Shelf()):
        assert ge.read_articles(given)["text"].tolist() == ["Invented: calm in Kherson."]
    path = write_csv(tmp_path / "acled.csv", ACLED_HEADER, [ACLED_ROW])
    assert len(ge.read_acled(PurePosixPath(path))) == 1


# ------------------------------------------------------------------ 9. a bad date in a feed


def _feed(*items: str) -> str:
    return ('<rss version="2.0"><channel><title>Invented wire</title>' + "".join(items)
            + "</channel></rss>")  # fmt: skip


def test_a_bad_pub_date_names_the_feed_item(tmp_path):
    path = tmp_path / "wire.xml"
    path.write_text(_feed("<item><description> </description></item>",  # no text: left out
                          "<item><title>Invented: calm</title>"
                          "<pubDate>Wed, 07 Jun 2023 06:00:00 GMT</pubDate></item>",
                          "<item><title>Invented: rain</title>"
                          "<pubDate>Wed, 32 Jun 2023 06:00:00 GMT</pubDate></item>"),
                    "utf-8")  # fmt: skip
    with pytest.raises(InvalidInputError) as info:
        ge.read_articles(path)
    message = one_line(str(info.value))
    assert message.startswith(f"{path}, record 3: published cannot read 'Wed, 32 Jun 2023")


def test_a_feed_of_one_item_names_it_too(tmp_path):
    path = tmp_path / "one.rss"
    path.write_text(_feed("<item><title>Invented: rain</title><pubDate>soon</pubDate></item>"))
    with pytest.raises(InvalidInputError, match=r"one.rss, record 1: published cannot read"):
        ge.read_articles(path)


# ------------------------------------------------------------------ 10. UCDP codes


def test_ucdp_codes_may_be_written_with_a_trailing_zero(tmp_path):
    rows = [{**UCDP_ROW, "type_of_violence": "3.0", "date_prec": "1.0", "event_clarity": "1.0"},
            {**UCDP_ROW, "id": "92", "type_of_violence": "2", "event_clarity": "2.0"},
            {**UCDP_ROW, "id": "93", "event_clarity": ""}]  # fmt: skip
    ged = ge.read_ucdp(write_csv(tmp_path / "ged.csv", UCDP_HEADER, rows))
    assert ged["event_type"].tolist() == ["Violence against civilians", "Battles", "Battles"]
    assert ged["confidence"].tolist() == [1.0, 0.5, 0.5]


@pytest.mark.parametrize(("column", "cell", "told"),
                         [("type_of_violence", "4", "is not one of 1, 2, 3"),
                          ("type_of_violence", "3.5", "is not one of 1, 2, 3"),
                          ("type_of_violence", "", "type_of_violence is empty"),
                          ("event_clarity", "1_0", "is not one of 1, 2"),
                          ("event_clarity", "3", "is not one of 1, 2")])  # fmt: skip
def test_ucdp_codes_outside_the_list_are_refused(tmp_path, column, cell, told):
    path = write_csv(tmp_path / "ged.csv", UCDP_HEADER, [{**UCDP_ROW, column: cell}])
    with pytest.raises(InvalidInputError, match=told) as info:
        ge.read_ucdp(path)
    assert one_line(str(info.value)).startswith(f"{path}, line 2: {column}")
