"""The ``geoevents store`` command: add reports to an event store, export it, show what it holds."""

from __future__ import annotations

import argparse
import json

EXAMPLES = """\
  geoevents store add reports/ --store events.duckdb
  geoevents store add today/ --store events.duckdb --workers 2 --published 2022-05-04
  geoevents store add feeds/ --store events.duckdb --scheduler tcp://10.0.0.5:8786
  geoevents store export --store events.duckdb --format kml -o events.kml
  geoevents store export --store events.duckdb -o events.gpkg --since 2022-05-01
  geoevents store info --store events.duckdb"""


def add_command(sub, command, lang_option, published_type, reading_options) -> None:
    """Add ``store add|export|info`` to the command line's subcommands."""
    store = command(sub, "store", "add reports to an event store, export it, inspect it",
                    "Keep events in a store that grows day by day: reports already added "
                    "are skipped, new events join the stored events they retell, every "
                    "source is kept.")  # fmt: skip
    ssub = store.add_subparsers(dest="action", metavar="ACTION", parser_class=type(store))
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--store", required=True, metavar="PATH|URL",
                       help="the store: a DuckDB file (created by add when missing) or a "
                       "postgresql:// URL")  # fmt: skip
    add = ssub.add_parser("add", parents=[where], help="read new reports into the store")
    add.add_argument("files", nargs="+", metavar="FILE",
                     help="reports: files or folders (.txt, .html, .json, .jsonl, .csv, "
                     "Telegram result.json, .xml/.rss/.atom feeds)")  # fmt: skip
    add.add_argument(
        "--published",
        type=published_type,
        metavar="DATE",
        help="publication date (YYYY-MM-DD) for reports that carry none",
    )
    add.add_argument("--source", help="source name for reports that carry none")
    lang_option(add)
    reading_options(add)
    workers = add.add_mutually_exclusive_group()
    workers.add_argument(
        "--workers",
        type=positive,
        metavar="N",
        help="processes to read with (default: all cores for many reports)",
    )
    workers.add_argument("--scheduler", metavar="URL",
                         help="read on a Dask cluster (tcp://host:8786); needs "
                         "geoevents[dask]")  # fmt: skip
    export = ssub.add_parser("export", parents=[where], help="write the merged events")
    export.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="the file (.gpkg, .kml, .kmz) or folder (.parquet) to write",
    )
    export.add_argument(
        "--format",
        choices=("gpkg", "parquet", "kml", "kmz"),
        help="default: from the output's extension",
    )
    export.add_argument("--since", metavar="DATE", help="only events on or after this date")
    export.add_argument("--until", metavar="DATE", help="only events on or before this date")
    export.add_argument("--types", nargs="+", metavar="TYPE", help="only these event types")
    info = ssub.add_parser("info", parents=[where], help="show what the store holds")
    info.add_argument("--json", action="store_true", help="print JSON")


def positive(value: str) -> int:
    """argparse type for --workers: a number of processes in 1..MAX_WORKERS."""
    from ._validate import MAX_WORKERS

    try:
        n = int(value)
    except ValueError:
        n = 0
    if not 1 <= n <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"expected a number of processes from 1 to "
                                         f"{MAX_WORKERS:,}, not {value[:30]!r}")  # fmt: skip
    return n


def run(args, *, read_reports, progress: bool) -> int:
    """Run ``geoevents store ACTION``; errors propagate to the command line's handler."""
    from ._store import EventStore

    if args.action == "export":  # before the store is read: a path that cannot be written
        from ._cache import check_writable
        from ._store.store import export_target

        output, fmt = export_target(args.output, args.format)  # a format the store writes
        check_writable(output, folder_ok=fmt == "parquet")  # parquet: a folder of files
    # only add creates a store: info and export of a path that holds none are refused
    with EventStore(args.store, create=args.action == "add") as store:
        if args.action == "add":
            reports = read_reports(args.files, args)
            result = store.add(reports, published=args.published, source=args.source,
                               lang=args.lang, n_jobs=args.workers, scheduler=args.scheduler,
                               progress=progress)  # fmt: skip
            print(result)
            return 0
        if args.action == "export":
            filters = {"since": args.since, "until": args.until, "types": args.types}
            out = store.export(output, format=fmt, **filters)
            n = store.count(**filters)
            print(f"{n:,} event(s) -> {out}")
            return 0
        info = store.info()
        if args.json:
            print(json.dumps(info, indent=2))
        else:
            print(f"store:   {info['store']} ({info['backend']})")
            print(f"reports: {info['reports']:,}  readings: {info['extractions']:,}  "
                  f"events: {info['events']:,}  runs: {info['runs']:,}")  # fmt: skip
            if info["first_date"]:
                print(f"dates:   {info['first_date']} to {info['last_date']}")
        return 0
