"""Cyrillic recognition: a Ukrainian or Russian text in, the place names in it out.

Ukrainian and Russian write adjectives of peoples and regions in lower case
("українські", "харківський"), so a capitalised word inside a sentence is a proper
noun: a place, a person or an organisation. Runs of capitalised words are matched
against the gazetteer in their base forms (:mod:`.cyrillic`), longest name first, with a
type word after them ("Запорізькою областю"); the rules of
``rules.CYRILLIC_*`` then drop what is a person or an organisation (an acronym that is
no country, a name after a title, a place name that a longer capitalised name goes on
from, a small town's name opening a sentence).
"""

from __future__ import annotations

import itertools

import numpy as np

from .._cache import BoundedCache
from .._gazetteer.sources import KINDS, Q_CURATED
from . import rules
from .candidates import CandidateFinder
from .cyrillic import (
    base_forms,
    continent_name,
    country_codes,
    division_names,
    first_names,
    region_forms,
)
from .records import Hit, Match

__all__ = ["CyrillicRecogniser"]

_MAX_WORDS = 4  # the longest name looked for, in words
_MAX_FORMS = 48  # base-form combinations tried for one window of words
_CACHE_LIMIT = 200_000  # names remembered before the memo empties itself
# by kind id: the areas (a country, a continent, a division, a region)
_AREA = np.isin(np.arange(len(KINDS)), [KINDS.index(k) for k in ("country", "continent",
                                                                  "admin1", "region")])  # fmt: skip
_CITY = KINDS.index("city")
# the kinds whose own names (CLDR's, iso-codes') end a run of capitals: countries and
# first-level divisions ("губернатора Пенсильванії Джоша Шапіро")
_SPLIT = np.isin(np.arange(len(KINDS)), [KINDS.index("country"), KINDS.index("admin1")])
_NATURAL = KINDS.index("natural")
# the recogniser's confidence (logit) in a match, by what vouches for it
_LOGIT_AREA = 3.0  # a country, region or continent
_LOGIT_INSIDE = 2.0  # a town named inside a sentence
_LOGIT_OPENING = 1.0  # a prominent town opening a sentence


class CyrillicRecogniser:
    """Finds the places a Ukrainian or Russian text names.

    Examples
    --------
    >>> from geoevents import Gazetteer
    >>> rec = CyrillicRecogniser(CandidateFinder(Gazetteer.load()))
    >>> text = "Ворог обстріляв Херсон і села Херсонщини, а у Харкові лунали вибухи."
    >>> [text[m.start : m.end] for m in rec.recognise(text, "uk")]
    ['Херсон', 'Херсонщини', 'Харкові']
    """

    def __init__(self, finder: CandidateFinder) -> None:
        self.finder = finder
        self._hits = BoundedCache(_CACHE_LIMIT)  # the names looked up, by their form
        self._by_code: dict[str, int] = {}
        strings = finder.index.strings
        # by country string id: whether the country writes Cyrillic (rules.CYRILLIC_HOME)
        self._home = np.zeros(len(strings), dtype=bool)
        self._home[[strings.index(c) for c in rules.CYRILLIC_HOME if c in strings]] = True

    def recognise(self, text: str, lang: str, **_options) -> list[Match]:
        """The place names of ``text`` (in ``lang``, "uk" or "ru"), left to right, each a
        :class:`Match` with its gazetteer hit; ``_options`` (the English recogniser's
        cut settings) do not apply."""
        out: list[Match] = []
        candidates: list[tuple[Match, bool]] = []
        people: set[str] = set()  # base forms of the words of names that are no place
        for run in rules.CYRILLIC_RUN.finditer(text):
            tokens = [t.span() for t in rules.CYRILLIC_WORD.finditer(text, *run.span())]
            type_word = rules.CYRILLIC_TYPE_WORD.match(text, run.end())
            self._read_run(text, tokens, type_word, run.start(), lang, candidates, people)
        # "на Бахмутському напрямку": the front's town, whatever else read the word
        fronts = self._directions(text)
        spans = {(m.start, m.end) for m in fronts}
        for m in fronts:
            m.logit = _LOGIT_INSIDE
        # one sense per discourse: "Мэй заявила" before "Тереза Мэй" is her too
        for m, opens_run in candidates:
            if (m.start, m.end) not in spans and self._keep(text, m, opens_run, people, lang):
                m.logit = self._logit(text, m)
                out.append(m)
        return sorted(out + fronts, key=lambda m: m.start)

    def _read_run(self, text, tokens, type_word, run_start, lang, candidates, people):
        """The places a run of capitalised words names into ``candidates`` (with whether
        each opens the run), or its words into ``people`` when it names none. A country,
        a division or a place before a first name ends its name, and the rest of the run
        is read as a run of its own (a loop, not a recursion: a run may be long)."""
        queue = [(tokens, type_word, run_start)]
        while queue:
            tokens, type_word, run_start = queue.pop()
            while tokens and text[slice(*tokens[0])].lower() in rules.CYRILLIC_FUNCTION_WORDS:
                tokens = tokens[1:]  # "В Мариуполе": the preposition opens the sentence
            if not tokens:
                continue
            found = self._longest(text, tokens, 0, type_word, lang)
            if (found is None or found[0] != len(tokens) - 1) and self._common_opening(
                text, tokens, lang
            ):
                # "Делегація України прибула": the sentence's first word, then the name
                tokens = tokens[1:]
                found = self._longest(text, tokens, 0, type_word, lang)
            if (
                found is not None
                and found[0] < len(tokens) - 1
                and self._splits(
                    text[tokens[0][0] : found[1]],
                    found[2],
                    text[slice(*tokens[found[0] + 1])],
                    lang,
                )
            ):
                # "президенту Пакистана Мамнуну Хусейну", "Мер Львова Андрій Садовий":
                # the place ends its name, and what follows is another name
                rest = tokens[found[0] + 1 :]
                queue.append((rest, type_word, rest[0][0]))
                tokens = tokens[: found[0] + 1]
            if found is None or found[0] != len(tokens) - 1:
                region = self._region_at_end(text, tokens, type_word, lang)
                if region is not None:
                    # "Петрівку Харківської області", "село Зелений Гай Херсонської
                    # області": a village (known or not), then its region; the words
                    # before the region are read as a run of their own
                    head = [t for t in tokens if t[1] <= region.start]
                    queue.append((head, None, head[0][0]))
                    candidates.append((region, False))
                    continue
                # "Тереза Мэй", "Техрик-э-Лабаик Пакистан": a name of several words the
                # gazetteer does not hold whole is a person's or an organisation's, and
                # its words stay theirs in the rest of the text ("Мэй заявила"), but
                # for the names of towns ("Львова" in "Мер Львова Андрій Садовий")
                if len(tokens) > 1:
                    for s, e in tokens:
                        if not self._town(text[s:e], lang):
                            people.update(base_forms(text[s:e], lang))
                continue
            candidates.append((self._match(tokens[0][0], found), tokens[0][0] == run_start))

    def _directions(self, text: str) -> list[Match]:
        """The towns fronts are named after ("на Бахмутському напрямку": Bakhmut), as
        matches over the adjective (the geoparser gives them precision 2, an axis)."""
        out = []
        for dm in rules.CYRILLIC_DIRECTION.finditer(text):
            stem, suffix = dm.group(1), dm.group(2)
            for form in (stem + suffix, stem, stem + "ка"):
                hit = self._lookup(form)
                if hit is not None and self._home_town(hit):
                    out.append(self._match(dm.start(), (0, dm.end(), hit)))
                    break
        return out

    def _home_town(self, hit: Hit) -> bool:
        """Whether a hit holds a town of a country that writes Cyrillic."""
        f = self.finder
        p = hit.places
        return bool(((f.kind[p] == _CITY) & self._home[f.country[p]]).any())

    def _match(self, start: int, found) -> Match:
        """The match of a name found from ``start`` ((last token, end, hit))."""
        m = Match(start, found[1], found[2])
        m.role = m.hit.role
        m.feats = None
        return m

    def _town(self, word: str, lang: str) -> bool:
        """Whether a word names a town of rules.CYRILLIC_OPENING_TOWN people or more in a
        country that writes Cyrillic ("Львова"; not Bolton, the surname of a person
        as often as an English town)."""
        hit = self._find([word], lang)
        if hit is None:
            return False
        f = self.finder
        p = hit.places
        return bool(
            (
                (f.kind[p] == _CITY)
                & (f.pop[p] >= rules.CYRILLIC_OPENING_TOWN)
                & self._home[f.country[p]]
            ).any()
        )

    def _region_at_end(self, text, tokens, type_word, lang) -> Match | None:
        """The region that ends a run with its type word ("Зелений Гай Херсонської
        області"), as a match, else None."""
        if type_word is None or len(tokens) < 2:
            return None
        # only a window that ends with the run can end with its type word
        for i in range(max(1, len(tokens) - _MAX_WORDS), len(tokens)):
            found = self._longest(text, tokens, i, type_word, lang)
            if (
                found is not None
                and found[1] == type_word.end()
                and _AREA[self.finder.kind[found[2].places]].all()
            ):
                return self._match(tokens[i][0], found)
        return None

    def _common_opening(self, text: str, tokens, lang: str) -> bool:
        """Whether a run of several words opens with a title ("Президентом США") or
        opens its sentence with a word that is no first name ("Делегація України", not
        "Тереза Мей")."""
        if len(tokens) < 2:
            return False
        first = text[slice(*tokens[0])]
        if first.lower() in rules.CYRILLIC_TITLES:
            return True  # a title, capitalised, before the name
        if not self._opens_sentence(text, tokens[0][0]):
            return False
        return not first.isupper() and not first_names().intersection(base_forms(first, lang))

    def _splits(self, surface: str, hit: Hit, following: str, lang: str) -> bool:
        """Whether a name found at a run's start ends there though the run goes on: a
        country's or a first-level division's own name (an acronym, or a name Ukrainian
        and Russian put before a person's: "президенту Пакистана Мамнуну Хусейну",
        "губернатора Пенсильванії Джоша Шапіро"), or any place before a first name
        ("Мер Львова Андрій Садовий")."""
        if first_names().intersection(base_forms(following, lang)):
            return True
        if " " not in surface and first_names().intersection(base_forms(surface, lang)):
            return False  # "Доминика Рааба": Dominic Raab, though Dominica is a country
        if hit.quality.min() != Q_CURATED:
            return False
        return bool(_SPLIT[self.finder.kind[hit.places]].all())

    def _longest(self, text, tokens, i, type_word, lang):
        """(last token, end, hit) of the longest name starting at token ``i``, else None
        (the recogniser keeps only a name that is its whole run)."""
        last = len(tokens) - 1
        for j in range(min(last, i + _MAX_WORDS - 1), i - 1, -1):
            words = [text[s:e] for s, e in tokens[i : j + 1]]
            if j == last and type_word is not None:
                # "Запорізькою областю": the adjective and its type word, one name
                hit = self._find([*words, type_word.group(1)], lang)
                if hit is not None:
                    return j, type_word.end(), hit
            hit = self._find(words, lang)
            if hit is not None:
                return j, tokens[j][1], hit
        return None

    def find_span(self, surface: str, lang: str) -> Hit | None:
        """The hit of a span a caller gave ("Харкові"), its words in their base forms;
        a span the gazetteer holds in none of them is looked up as the English reader
        looks up spans (folded, then fuzzy)."""
        words = surface.split()
        hit = self._find(words, lang) if 0 < len(words) <= _MAX_WORDS else None
        return hit if hit is not None else self.finder.lookup_span(surface)

    def _find(self, words: list[str], lang: str) -> Hit | None:
        """The hit of the base-form combination of ``words`` whose likeliest place is
        the most prominent ("Харкові": Харків, not Харк, an island in Iran); the words
        as written win when the gazetteer holds them."""
        if len(words) == 1:
            forms = base_forms(words[0], lang) + region_forms(words[0], lang)
        else:
            options = [base_forms(w, lang) for w in words]
            forms = tuple(" ".join(c) for c in itertools.islice(itertools.product(*options),
                                                                 _MAX_FORMS))  # fmt: skip
        best, best_prior = None, -np.inf
        prior = self.finder.prior
        for k, form in enumerate(forms):
            hit = self._lookup(form)
            if hit is not None:
                if k == 0:
                    return hit
                top = float(prior[hit.places].max())
                if top > best_prior:
                    best, best_prior = hit, top
        return best

    def _lookup(self, form: str) -> Hit | None:
        """A name's hit: a country's Ukrainian or Russian name, else the gazetteer's exact
        name (a name found only by folding it into Latin letters must be an area or a
        town of some size: "Росія" folds to the town of Rosia)."""
        key = form
        if key in self._hits:
            return self._hits[key]
        hit = None
        # (the name tables load on the first Cyrillic word: English pays nothing)
        codes, divisions = country_codes(), division_names()
        if form.isupper() and len(form) > 3 and form not in codes:
            form = form.capitalize()  # "КИЇВ" opening a dateline (not "КНДР")
        code = codes.get(form)
        places = []
        if code == "-":  # a name that is no place in these texts (cyrillic_names.csv)
            return self._hits.put(key, None)
        if code is not None and ":" in code:  # "GB:Scotland": a division by its English name
            places = [self._division(*code.split(":", 1))]
        elif code is not None:
            places = [self._place_of_code(code)]
        elif form in divisions:
            # "Пенсільванія", "Пенджаб": the divisions of that name the gazetteer holds,
            # beside its towns of that name ("Вашингтон" is the capital as often)
            places = [self._division(cc, name) for cc, name in divisions[form]]
            towns = self.finder.lookup(form)
            if towns is not None and towns.tier == 0 and towns.role == "place":
                places += [int(p) for p in towns.places if int(p) not in places]
        places = [p for p in places if p >= 0]
        if places:
            hit = Hit(np.array(places, dtype=np.int32),
                      np.full(len(places), Q_CURATED, dtype=np.uint8), 0, "place")  # fmt: skip
        if hit is None and len(form) >= 3 and not (form.isupper() and len(form) <= 5):
            found = self.finder.lookup(form)
            # only as written: a Cyrillic word folded into Latin letters finds towns
            # at random ("Есть" is East Region, Cameroon)
            if found is not None and found.role == "place" and found.tier == 0:
                hit = self._home_or_prominent(found)
        return self._hits.put(key, hit)

    def _home_or_prominent(self, hit: Hit) -> Hit | None:
        """The hit's places that a Ukrainian or Russian text may name by a Cyrillic
        name: any place of the countries that write one (rules.CYRILLIC_HOME), elsewhere
        an area or a town of rules.CYRILLIC_OPENING_TOWN people ("Сили оборони" is no
        Sealy, Texas, which GeoNames also spells in Cyrillic)."""
        f = self.finder
        p = hit.places
        keep = (
            self._home[f.country[p]]
            | _AREA[f.kind[p]]
            | (f.kind[p] == _NATURAL)  # seas and rivers: "Балтійського моря"
            | (f.pop[p] >= rules.CYRILLIC_OPENING_TOWN)
        )
        if keep.all():
            return hit
        if not keep.any():
            return None
        return Hit(p[keep], hit.quality[keep], hit.tier, hit.role)

    def _division(self, country: str, name: str) -> int:
        """The gazetteer's division of ``country`` called ``name`` (in English), else its
        likeliest place of that name in the country (the UK's nations), else -1."""
        gaz = self.finder.gazetteer
        place = gaz.division_named(name, country)
        if place >= 0:
            return place
        ids = gaz.place_ids(name, country=country, match="exact")
        return int(max(ids, key=lambda i: self.finder.prior[i])) if len(ids) else -1

    def _place_of_code(self, code: str) -> int:
        """The gazetteer's place for a territory code (a country, the EU, a continent)."""
        if code not in self._by_code:
            f = self.finder
            name = continent_name(code) or ("European Union" if code == "EU" else None)
            place = -1
            if name is not None:
                hit = f.lookup(name)
                place = -1 if hit is None else int(hit.places[int(np.argmax(f.prior[hit.places]))])
            else:
                sid = f.index.strings.index(code) if code in f.index.strings else -1
                if sid >= 0:
                    ids = np.flatnonzero((f.country == sid) & (f.kind == KINDS.index("country")))
                    place = int(ids[0]) if len(ids) else -1
            self._by_code[code] = place
        return self._by_code[code]

    def _prominent(self, hit: Hit) -> bool:
        """Whether a hit's likeliest reading is an area or a town of 50,000 or more."""
        f = self.finder
        top = int(hit.places[int(np.argmax(f.prior[hit.places]))])
        return bool(_AREA[f.kind[top]]) or (
            f.kind[top] == _CITY and f.pop[top] >= rules.CYRILLIC_OPENING_TOWN
        )

    def _keep(self, text: str, m: Match, opens_run: bool, people: set[str], lang: str) -> bool:
        """Whether a match is a place, not a person's or an organisation's name
        (``people``: the words of such names read so far)."""
        surface = text[m.start : m.end]
        curated = m.hit.quality.min() == Q_CURATED  # a country's or division's own name
        if surface.isupper() and len(surface) <= 5 and not curated:
            return False  # "ЗСУ", "ООН": an acronym that is no country
        if " " not in surface and not curated:
            if people.intersection(base_forms(surface, lang)):
                return False  # "Мэй", after "Тереза Мэй"
            if rules.CYRILLIC_ADJECTIVE_END.search(surface) and rules.CYRILLIC_LOWER_NEXT.match(
                text, m.end
            ):
                return False  # "Северный поток", "Белого дома": an adjective naming a thing
        prominent = self._prominent(m.hit)
        before = text[max(0, m.start - 40) : m.start].split()
        if (
            before
            and before[-1].lower().strip(",.") in rules.CYRILLIC_TITLES
            and not (prominent and _AREA[self.finder.kind[m.hit.places]].any())
            and self._lookup(surface) is not None
        ):
            # "президент Зеленський", "генерал Суровікін": a name as written after a
            # title; "мер Львова" (a town in the genitive) is the mayor's town
            return False
        # "Мир", "Слава", "Перемога": a sentence's first word that is a village's name
        return prominent or not (opens_run and self._opens_sentence(text, m.start))

    @staticmethod
    def _opens_sentence(text: str, start: int) -> bool:
        """Whether a word opens its sentence (not after "с." or "м.", which abbreviate
        "village" and "town" before a name)."""
        before = text[max(0, start - 3) : start].rstrip(' \t\u00a0«"„(')
        if before.endswith(".") and rules.CYRILLIC_SETTLEMENT_ABBR.search(
            text, max(0, start - 8), start
        ):
            return False
        return not before or before[-1] in rules.SENTENCE_END or before[-1] in "—–-"

    def _logit(self, text: str, m: Match) -> float:
        """How sure the recogniser is of a kept match: an area, a town inside a
        sentence, a prominent town opening one."""
        if _AREA[self.finder.kind[m.hit.places]].any():
            return _LOGIT_AREA
        if self._opens_sentence(text, m.start):
            return _LOGIT_OPENING
        return _LOGIT_INSIDE
