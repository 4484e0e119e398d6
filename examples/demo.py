"""`make demo`: resolve place names as reports spell them, with the offline gazetteer.

Later steps of geoevents turn whole reports into events and an HTML map; this demo
shows the foundation they stand on.
"""

from __future__ import annotations

import time

from geoevents import Gazetteer

NAMES = [
    "Mariupol", "Zaporizhia", "Запоріжжя", "Kremena", "Mykolaiv", "Nikolaev", "Kiev",
    "Artemivsk", "Dnipropetrovsk", "Donbass", "Crimea", "Azovstal",
    "Zaporizhzhia Nuclear Power Plant", "Donetsk Oblast", "Kherson region", "Moscow",
    "Kharkov", "Sievierodonetsk", "Mariupl",
]  # fmt: skip


def main() -> None:
    start = time.perf_counter()
    gaz = Gazetteer.load()
    print(f"gazetteer: {len(gaz):,} places, loaded in {time.perf_counter() - start:.2f} s\n")
    print(f"{'as written':<34} {'resolved to':<44} {'kind':<9} {'lat':>8} {'lon':>9}  match")
    for name in NAMES:
        best = gaz.best(name)
        if best is None:
            print(f"{name:<34} (no match)")
            continue
        parts = (best.name, best.admin1 if best.admin1 != best.name else "", best.country_code)
        where = ", ".join(p for p in parts if p)
        if len(where) > 44:
            where = where[:43] + "…"
        print(
            f"{name:<34} {where:<44} {best.kind:<9} {best.latitude:8.4f} "
            f"{best.longitude:9.4f}  {best.match} ({best.score:.2f})"
        )
    print("\nMoscow outside Russia:", gaz.best("Moscow", country="US").admin1, "(US)")


if __name__ == "__main__":
    main()
