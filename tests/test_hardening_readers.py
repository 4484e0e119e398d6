"""Issue 15, part 2: readers that survive real files, and say what they could not read.

Bad bytes are refused naming the file and the byte (or replaced, with a warning, as the
user chooses); lone surrogates never reach a frame; JSON depth is bounded; CSV cells of
any length and any line end are read, and a row cut by unquoted commas is refused; a
file or folder that cannot be read is named in a warning (the API) or an error (the
command line, unless --skip-unreadable). Every sentence here is invented.
"""

from __future__ import annotations

import io
import json
import os
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geoevents import read_acled, read_articles
from geoevents._cli import main
from geoevents._decoding import MAX_JSON_DEPTH, clean_text, decode, load_json
from geoevents._errors import GeoEventsError, GeoEventsWarning, InvalidInputError
from geoevents._readers import expand_paths, read_articles_noting_unreadable

from .conftest import FIXTURES

HYPOTHESIS = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


class _Stdin:
    """Standard input that gives bytes, as a terminal or a pipe does."""

    def __init__(self, raw: bytes):
        self.buffer = io.BytesIO(raw)

    def read(self):  # pragma: no cover - the reader must use the bytes
        raise AssertionError("standard input was read as text")


# ------------------------------------------------------------------ dates and links of records


@pytest.mark.parametrize(
    ("name", "body", "where", "told"),
    [("far.html", '<html><meta name="date" content="9999-12-31"><p>Invented: calm.</p></html>',
      "", "'9999-12-31' is outside the dates"),
     ("notes.jsonl", '{"text": "Invented: calm."}\n{"text": "Invented: rain.", "published": '
      '"1500-05-03"}\n', ", line 2", "'1500-05-03' is outside the dates"),
     ("notes.csv", "text,published\nInvented calm,2022-05-04\nInvented rain,2022-05-04garbage\n",
      ", line 3", "cannot read '2022-05-04garbage' as a date"),
     ("notes.json", '[{"text": "Invented: calm.", "date": "0999-01-01"}]', ", item 0",
      "'0999-01-01' is outside the dates"),
     ("wire.xml", '<rss version="2.0"><channel><title>W</title><item><title>Invented calm'
      "</title></item><item><title>Invented rain</title><pubDate>2022-05-04 and more"
      "</pubDate></item></channel></rss>", ", record 2", "cannot read '2022-05-04 and more'")],
)  # fmt: skip
def test_a_published_date_the_events_cannot_take_is_refused_naming_file_and_line(
    tmp_path, cli_parser, capsys, name, body, where, told
):
    path = tmp_path / name
    path.write_text(body, "utf-8")
    with pytest.raises(InvalidInputError) as info:
        read_articles(path)
    message = one_line(str(info.value))
    assert message.startswith(f"{path}{where}: published ") and told in message, message
    assert main(["extract", str(path)]) != 0
    assert one_line(capsys.readouterr().err).endswith(message)


def test_a_link_that_is_no_http_link_is_left_empty_with_a_warning_naming_it(tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text(json.dumps({"text": "Invented: calm.", "url": "javascript:alert(1)"}) + "\n"
                    + json.dumps({"text": "Invented: rain.", "url": "https://example.org/r"}),
                    "utf-8")  # fmt: skip
    with pytest.warns(GeoEventsWarning) as seen:
        frame = read_articles(path)
    assert frame["url"].isna().tolist() == [True, False]
    message = one_line(str(seen[0].message))
    assert f"{path}, line 1: url 'javascript:alert(1)'" in message and "http(s)" in message


# ------------------------------------------------------------------ bytes that are not UTF-8


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".json", ".html"])
def test_bad_bytes_are_refused_naming_the_file_the_offset_and_the_line(tmp_path, suffix):
    body = {
        ".txt": b"Quiet night in Kherson\nthen sirens at the caf\xe9 district\n",
        ".csv": b"title,text\nNight,sirens at the caf\xe9 district\n",
        ".json": b'{"title": "Night",\n "text": "sirens at the caf\xe9 district"}',
        ".html": b"<p>Quiet night</p>\n<p>sirens at the caf\xe9 district</p>",
    }[suffix]
    path = tmp_path / f"report{suffix}"
    path.write_bytes(body)
    offset = body.index(b"\xe9")
    with pytest.raises(InvalidInputError) as info:
        read_articles(path)
    message = str(info.value)
    assert f"report{suffix}: not UTF-8: byte 0xe9 at offset {offset} (line 2)" in message
    assert 'errors="replace"' in message and "\n" not in message


def test_a_byte_order_mark_counts_in_the_offset(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfConvoy seen near Kyiv \xff")
    with pytest.raises(InvalidInputError, match=r"byte 0xff at offset 25 \(line 1\)"):
        read_articles(path)


def test_replace_reads_bad_bytes_as_u_fffd_with_one_warning(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"Patrols in Mykolaiv \xfe\xff and \xc3 calm elsewhere \xef\xbf\xbd")
    with pytest.warns(GeoEventsWarning, match=r"mixed.txt: not UTF-8 from byte offset 20 "
                      r"\(line 1\): 3 bad bytes read as U\+FFFD") as seen:  # fmt: skip
        frame = read_articles(path, errors="replace")
    assert len([w for w in seen if issubclass(w.category, GeoEventsWarning)]) == 1
    # the U+FFFD the file held itself is no bad byte
    expected = "Patrols in Mykolaiv \ufffd\ufffd and \ufffd calm elsewhere \ufffd"
    assert frame.loc[0, "text"] == expected


@pytest.mark.parametrize("errors", ["ignore", "REPLACE", None, 1])
def test_an_unknown_errors_choice_is_refused_naming_it(tmp_path, errors):
    (tmp_path / "a.txt").write_text("Calm day in Donetsk.", "utf-8")
    with pytest.raises(InvalidInputError, match=r'^errors must be "strict" or "replace"'):
        read_articles(tmp_path, errors=errors)


@HYPOTHESIS
@given(raw=st.binary(max_size=200))
def test_any_bytes_are_text_or_one_clear_refusal(tmp_path, raw):
    path = tmp_path / "any.txt"
    path.write_bytes(raw)
    try:
        frame = read_articles(path)
    except InvalidInputError as exc:
        assert "any.txt: not UTF-8: byte 0x" in str(exc)
    else:
        assert frame.loc[0, "text"] == raw.decode("utf-8-sig")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GeoEventsWarning)
        text = read_articles(path, errors="replace").loc[0, "text"]
    text.encode("utf-8")  # no surrogates, whatever the bytes


def test_bad_bytes_on_standard_input_are_one_line_or_replaced(cli_parser, monkeypatch, capsys):
    raw = b"Sirens over Kherson\n\xc0\xc1 at dawn"
    monkeypatch.setattr("sys.stdin", _Stdin(raw))
    assert main(["parse", "-"]) == 1
    err = one_line(capsys.readouterr().err)
    assert "standard input: not UTF-8: byte 0xc0 at offset 20 (line 2)" in err
    assert "--encoding-errors replace" in err
    monkeypatch.setattr("sys.stdin", _Stdin(raw))
    assert main(["parse", "-", "--encoding-errors", "replace"]) == 0
    captured = capsys.readouterr()
    assert "Kherson" in captured.out
    assert one_line(captured.err).startswith("geoevents: warning: standard input: not UTF-8")


def test_standard_input_keeps_its_line_ends_as_a_text_stream_would(cli_parser, monkeypatch):
    from geoevents._cli import _stdin_report

    monkeypatch.setattr("sys.stdin", _Stdin(b"Drones near Kyiv\r\nlater calm\rend"))
    assert _stdin_report().loc[0, "text"] == "Drones near Kyiv\nlater calm\nend"


# ------------------------------------------------------------------ lone surrogates

_SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
_TEXT = st.text(st.one_of(st.characters(), _SURROGATES), max_size=40)


def test_a_lone_surrogate_in_json_is_refused_naming_the_record(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = ['{"text": "Calm in Kyiv."}', "", '{"text": "Smoke over \\ud800 Bakhmut"}']
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(InvalidInputError, match=r"feed.jsonl, line 3, text: holds a lone "
                       r"surrogate \(U\+D800 at character 11\)"):  # fmt: skip
        read_articles(path)


def test_a_lone_surrogate_is_replaced_with_one_warning_per_file(tmp_path):
    path = tmp_path / "items.json"
    items = [{"text": "Rain over Paris."}, {"text": "Shots \udc00 in Donetsk", "title": "\ud801"}]
    path.write_text(json.dumps(items), "utf-8")  # ensure_ascii: "\udc00" escapes
    with pytest.warns(GeoEventsWarning, match=r"items.json: 2 lone surrogates .* the first "
                      r"at item 1$"):  # fmt: skip
        frame = read_articles(path, errors="replace")
    assert frame["text"].tolist() == ["Rain over Paris.", "Shots \ufffd in Donetsk"]
    assert frame.loc[1, "title"] == "\ufffd"


def test_a_surrogate_pair_is_a_character_not_an_error(tmp_path):
    path = tmp_path / "pair.json"
    path.write_text('{"text": "Flags \\ud83c\\udff3 over Zaporizhzhia"}', "utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read_articles(path).loc[0, "text"] == "Flags \U0001f3f3 over Zaporizhzhia"


def test_a_lone_surrogate_in_a_telegram_post_names_the_message(tmp_path):
    export = {"name": "Front desk", "type": "public_channel", "id": 5, "messages": [
        {"id": 41, "type": "message", "text": "Blasts \ud800 near Mykolaiv"}]}  # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export), "utf-8")
    with pytest.raises(InvalidInputError, match=r"result.json, message 41, text: holds"):
        read_articles(path)


@HYPOTHESIS
@given(texts=st.lists(_TEXT, min_size=1, max_size=4))
def test_json_with_any_text_reads_or_refuses_and_replace_always_encodes(tmp_path, texts):
    path = tmp_path / "any.jsonl"
    path.write_text("\n".join(json.dumps({"text": t, "title": t}) for t in texts), "utf-8")
    lone = any(0xD800 <= ord(c) <= 0xDFFF for t in texts for c in t)
    try:
        frame = read_articles(path)
    except InvalidInputError as exc:
        assert lone and "holds a lone surrogate" in str(exc)
    else:
        assert not lone and frame["text"].tolist() == texts
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GeoEventsWarning)
        frame = read_articles(path, errors="replace")
    frame.to_csv(io.BytesIO(), encoding="utf-8")  # writes: nothing left it cannot encode


@HYPOTHESIS
@given(text=_TEXT)
def test_clean_text_leaves_no_surrogate_and_counts_them(text):
    clean, n = clean_text(text, "x", "replace")
    assert n == sum(0xD800 <= ord(c) <= 0xDFFF for c in text)
    clean.encode("utf-8")
    assert len(clean) == len(text)


def test_extract_events_reads_a_lone_surrogate_as_u_fffd_and_writes(cli_parser):
    from geoevents import extract_events

    with pytest.warns(GeoEventsWarning, match=r"lone surrogates .* read as U\+FFFD in report 0"):
        events = extract_events("Artillery \ud800 struck Kherson overnight.",
                                published="2022-05-04")  # fmt: skip
    assert len(events) >= 1
    assert "\ufffd" in events.loc[0, "notes"]
    events.drop(columns="geometry").to_csv(io.BytesIO(), encoding="utf-8")


# ------------------------------------------------------------------ JSON depth


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 50_000])
def test_deep_json_is_refused_naming_the_file_and_the_line(tmp_path, depth):
    path = tmp_path / "deep.json"
    path.write_text('{\n"text": "Calm in Kyiv.",\n"tags": ' + _nested(depth - 1) + "\n}", "utf-8")
    with pytest.raises(InvalidInputError, match=rf"deep.json, line 3: JSON nested deeper "
                       rf"than {MAX_JSON_DEPTH} levels"):  # fmt: skip
        read_articles(path)


def test_deep_jsonl_names_its_line(tmp_path):
    path = tmp_path / "deep.jsonl"
    good = '{"text": "Calm in Kyiv."}'
    path.write_text(f"{good}\n{good}\n{_nested(30_000)}\n", "utf-8")
    with pytest.raises(InvalidInputError, match=r"deep.jsonl, line 3: JSON nested deeper"):
        read_articles(path)


def test_json_at_the_depth_bound_and_brackets_in_strings_are_read(tmp_path):
    path = tmp_path / "edge.json"
    record = {"text": "Brackets [[[{{{ in a report about Moscow" * 40,
              "tags": json.loads(_nested(MAX_JSON_DEPTH - 1))}  # fmt: skip
    path.write_text(json.dumps(record), "utf-8")
    assert read_articles(path).loc[0, "text"].startswith("Brackets [[[{{{")


@HYPOTHESIS
@given(depth=st.integers(1, 3 * MAX_JSON_DEPTH), noise=st.text('[]{}"\\ab', max_size=30))
def test_load_json_refuses_exactly_what_is_too_deep(depth, noise):
    value = json.dumps({"note": noise, "x": json.loads(_nested(depth))})
    if depth + 1 > MAX_JSON_DEPTH:
        with pytest.raises(InvalidInputError, match="nested deeper"):
            load_json(value, "v.json")
    else:
        assert load_json(value, "v.json")["note"] == noise


@pytest.mark.parametrize("text", ["[" * 60_000, "{" * 60_000, '{"text": "' + "[" * 60_000])
def test_unbalanced_or_unterminated_json_is_one_clear_error(tmp_path, text):
    path = tmp_path / "broken.json"
    path.write_text(text, "utf-8")
    with pytest.raises(InvalidInputError, match=r"broken.json(, line 1)?: (not valid JSON|JSON "
                       r"nested deeper)"):  # fmt: skip
        read_articles(path)


def test_a_number_too_long_to_read_is_refused(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text('{"text": "Calm.", "article_id": ' + "7" * 5000 + "}\n", "utf-8")
    with pytest.raises(InvalidInputError, match=r"long.jsonl, line 1: JSON holds a number too"):
        read_articles(path)


def test_a_jsonl_line_may_hold_unicode_line_separators(tmp_path):
    path = tmp_path / "seps.jsonl"
    path.write_text('{"text": "Sirens\u2028in Kyiv\u0085today"}\n', "utf-8")
    assert read_articles(path).loc[0, "text"] == "Sirens\u2028in Kyiv\u0085today"


# ------------------------------------------------------------------ CSV


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_csv_with_any_line_end_and_a_long_cell(tmp_path, end):
    long = "Shelling reported near Bakhmut again. " * 5_000  # 190,000 characters
    rows = ["title,text", f'One,"Two lines{end}in one cell"', f"Two,{long}", ""]
    path = tmp_path / "reports.csv"
    path.write_bytes(end.join(rows).encode("utf-8"))
    frame = read_articles(path)
    assert frame["title"].tolist() == ["One", "Two"]
    assert frame.loc[0, "text"] == f"Two lines{end}in one cell"
    assert frame.loc[1, "text"] == long and len(long) > 131_072


def test_a_row_cut_by_unquoted_commas_is_refused_naming_its_line(tmp_path):
    path = tmp_path / "cut.csv"
    path.write_text('title,text,date\nA,"Quiet,\nnight",2022-05-01\nB,Drones hit Kyiv, then '
                    "Lviv,2022-05-02\n", "utf-8")  # fmt: skip
    with pytest.raises(InvalidInputError) as info:
        read_articles(path)
    message = str(info.value)  # the row starts on line 4: the quoted cell above spans two
    assert "cut.csv, line 4: 4 fields where the header has 3" in message
    assert "double quotes" in message and "\n" not in message


def test_empty_extra_fields_and_short_rows_lose_nothing(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("text,source\nCalm in Paris.,Desk,,\nRain in Moscow.\n", "utf-8")
    frame = read_articles(path)
    assert frame["text"].tolist() == ["Calm in Paris.", "Rain in Moscow."]
    assert frame["source"].isna().tolist() == [False, True]


def test_a_csv_with_a_nul_byte_or_a_stray_quote_is_read(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text('text\n"Calm\x00 in Kyiv"\nA "quoted" word in Donetsk\n', "utf-8")
    assert read_articles(path)["text"].tolist() == ["Calm\x00 in Kyiv",
                                                    'A "quoted" word in Donetsk']  # fmt: skip


def test_dataset_csv_with_bare_cr_a_long_cell_and_a_cut_row(tmp_path):
    lines = (FIXTURES / "acled_invented.csv").read_text("utf-8").splitlines()
    header = lines[0].split(",")
    notes = header.index("notes")
    long = "x" * 200_000
    first = lines[1].replace("artillery hit a residential district", long)
    path = tmp_path / "acled.csv"
    path.write_text("\r".join([lines[0], first, *lines[2:]]) + "\r", "utf-8")
    events = read_acled(path)
    assert events["event_id"].tolist() == ["XUKR0001", "XUKR0002"]
    assert long in events.loc[0, "notes"]
    assert len(header) > notes
    cut = tmp_path / "cut.csv"
    cut.write_text("\n".join([lines[0], lines[1], lines[2] + ",stray,cells"]) + "\n", "utf-8")
    with pytest.raises(InvalidInputError, match=r"cut.csv, line 3: \d+ fields where the header"):
        read_acled(cut)


def test_a_dataset_that_is_not_utf8_is_refused_naming_the_byte(tmp_path):
    path = tmp_path / "acled.csv"
    text = (FIXTURES / "acled_invented.csv").read_text("utf-8")
    path.write_bytes(text.replace("Kharkiv", "Kh\xe2rkiv").encode("latin-1"))
    with pytest.raises(InvalidInputError, match=r"acled.csv: not UTF-8: byte 0xe2 at offset "
                       r"\d+ \(line 2\) .*save the file as UTF-8$"):  # fmt: skip
        read_acled(path)


# ------------------------------------------------------------------ unreadable files, folders


@pytest.fixture
def three_folders(tmp_path):
    """Three folders of one report each; the one named "locked" cannot be listed."""
    for name, text in [("north", "Drones over Kyiv."), ("locked", "Smoke near Bakhmut."),
                       ("south", "Shelling in Kherson.")]:  # fmt: skip
        (tmp_path / "reports" / name).mkdir(parents=True)
        (tmp_path / "reports" / name / "day.txt").write_text(text, "utf-8")
    return tmp_path / "reports"


@pytest.fixture
def locked(monkeypatch, three_folders):
    """os.scandir refuses the "locked" folder, as it does for another user (tests run as
    root, which chmod does not stop)."""
    real = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return three_folders / "locked"


def test_an_unreadable_folder_is_named_in_a_warning(locked, three_folders):
    with pytest.warns(GeoEventsWarning, match=r"could not read 1 file or folder, so their "
                      r"reports are left out: .*locked \(Permission denied\)$"):  # fmt: skip
        frame = read_articles(three_folders)
    assert sorted(frame["text"]) == ["Drones over Kyiv.", "Shelling in Kherson."]
    with pytest.warns(GeoEventsWarning, match=r"locked \(Permission denied\)"):
        assert len(expand_paths(three_folders)) == 2


def test_an_unreadable_file_is_named_in_the_same_warning(locked, three_folders, monkeypatch):
    real = Path.read_bytes
    refused = three_folders / "south" / "day.txt"

    def read_bytes(self):
        if self == refused:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    (three_folders / "gone.txt").symlink_to(three_folders / "nowhere.txt")
    frame, unreadable = read_articles_noting_unreadable(three_folders, progress=False)
    assert frame["text"].tolist() == ["Drones over Kyiv."]
    assert unreadable == sorted([
        f"{three_folders / 'gone.txt'} (a broken link, or not a regular file)",
        f"{three_folders / 'locked'} (Permission denied)",
        f"{refused} (Permission denied)",
    ])  # fmt: skip


def test_the_command_line_refuses_unreadable_folders_unless_told_to_skip(
    cli_parser, locked, three_folders, capsys
):
    assert main(["parse", str(three_folders)]) == 1
    err = one_line(capsys.readouterr().err)
    assert err.startswith("geoevents: error: cannot read 1 file or folder: ")
    assert f"{locked} (Permission denied)" in err and "--skip-unreadable" in err
    assert main(["parse", str(three_folders), "--skip-unreadable"]) == 0
    captured = capsys.readouterr()
    assert "Kyiv" in captured.out and "Kherson" in captured.out
    warning = one_line(captured.err)
    assert warning.startswith("geoevents: warning: left out 1 file or folder")
    assert str(locked) in warning


def test_extract_exits_non_zero_on_an_unreadable_folder(cli_parser, locked, three_folders,
                                                         tmp_path, capsys):  # fmt: skip
    out = tmp_path / "events.csv"
    assert main(["extract", str(three_folders), "-o", str(out)]) == 1
    assert "cannot read 1 file or folder" in one_line(capsys.readouterr().err)
    assert not out.exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads a folder whatever its mode")  # fmt: skip
def test_a_folder_without_permission_is_named(three_folders):
    locked = three_folders / "locked"
    locked.chmod(0)
    try:
        with pytest.warns(GeoEventsWarning, match=r"locked \(Permission denied\)"):
            assert len(read_articles(three_folders)) == 2
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize("bad", ["", "  ", "re\x00ports"])
def test_a_path_that_is_no_path_is_refused(bad):
    with pytest.raises(InvalidInputError, match=r"^paths must hold paths"):
        read_articles(bad)


def test_a_folder_without_unreadable_parts_gives_no_warning(three_folders):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(read_articles(three_folders)) == 3


def test_decode_refuses_a_bad_byte_in_a_long_file_at_its_line():
    raw = b"Calm.\n" * 1000 + b"\x80"
    with pytest.raises(GeoEventsError, match=r"x.txt: not UTF-8: byte 0x80 at offset 6000 "
                       r"\(line 1001\)"):  # fmt: skip
        decode(raw, "x.txt")


# ------------------------------------------------------------------ names, headers, chats


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path, cli_parser, capsys):
    folder = tmp_path / "names"
    folder.mkdir()
    raw_name = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(raw_name, "wb") as f:
        f.write(b"Invented: calm in Kherson.")
    frame = read_articles(folder)
    assert frame["text"].tolist() == ["Invented: calm in Kherson."]
    (aid,) = frame["article_id"]
    assert aid.startswith("caf\\xe9-") and aid.encode("utf-8")  # no lone surrogate
    assert main(["parse", str(folder), "--json"]) == 0
    assert '"mention": "Kherson"' in capsys.readouterr().out


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_a_bad_file_behind_a_name_that_is_not_utf8_is_refused_in_utf8(tmp_path):
    raw_name = os.fsencode(tmp_path) + b"/bad\xff.json"
    with open(raw_name, "wb") as f:
        f.write(b'{"title": "no text here"}')
    with pytest.raises(InvalidInputError) as info:
        read_articles(tmp_path)
    message = str(info.value)
    assert "bad\\xff.json" in message and message.encode("utf-8")


@pytest.mark.parametrize("header", ["text,title,text", "title,text,title"])
def test_a_csv_header_that_names_a_column_twice_is_refused(tmp_path, header):
    path = tmp_path / "twice.csv"
    path.write_text(f"{header}\nInvented: calm in Kherson.,Calm,Invented: rain.\n")
    repeated = header.split(",")[0]
    with pytest.raises(InvalidInputError, match=rf"twice\.csv: .*column '{repeated}' twice"):
        read_articles(path)


def test_blank_header_cells_may_repeat(tmp_path):
    path = tmp_path / "trailing.csv"
    path.write_text("text,title,,\nInvented: calm in Kherson.,Calm,,\n")
    assert read_articles(path)["title"].tolist() == ["Calm"]


def _account(*chats) -> dict:
    return {"about": "invented", "chats": {"list": list(chats)}}


def _chat(n: int, **extra) -> dict:
    posts = [{"id": i, "type": "message", "date_unixtime": "1651561200",
              "text": f"Invented post {i} of chat {n}."} for i in (1, 2)]  # fmt: skip
    return {"id": n, "name": f"Chat {n}", "messages": posts, **extra}


def test_a_telegram_chat_without_a_type_is_read(tmp_path):
    path = tmp_path / "result.json"
    path.write_text(json.dumps(_account(_chat(7))))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = read_articles(path)
    assert frame["article_id"].tolist() == ["tg-7-1", "tg-7-2"]


def test_a_telegram_chat_of_an_unknown_type_is_named_in_a_warning(tmp_path):
    path = tmp_path / "result.json"
    chats = [_chat(1, type="public_channel"), _chat(2, type="saved_messages"),
             _chat(3, type="invented_kind"), _chat(4, type=["odd"])]  # fmt: skip
    path.write_text(json.dumps(_account(*chats)))
    with pytest.warns(
        GeoEventsWarning,
        match=r"2 Telegram chats .*chat 2 \(type "
        r"'invented_kind'\), chat 3 \(type \"\['odd'\]\"\)",
    ) as said:
        frame = read_articles(path)
    assert len(said) == 1 and "saved_messages" not in str(said[0].message)
    assert frame["article_id"].tolist() == ["tg-1-1", "tg-1-2"]


def test_map_tells_a_dataset_by_a_header_cell_of_any_length(tmp_path):
    from geoevents._cli import _dataset_kind

    long = "x" * 200_000
    path = tmp_path / "wide.csv"
    path.write_text(f"event_id_cnty,event_date,event_type,latitude,longitude,{long}\n")
    assert _dataset_kind(path) == "acled"
    (tmp_path / "quote.csv").write_text('"text\nInvented.\n')  # a quote never closed
    assert _dataset_kind(tmp_path / "quote.csv") is None
