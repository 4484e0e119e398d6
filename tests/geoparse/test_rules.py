"""The geoparser's rules (``geoevents._geoparse.rules``), each shown on sentences we made up.

Every rule gets an example of the kind its comment gives (with our own sentences) and a
near miss it must leave alone. In a sentence, ``|`` marks where a name ends (or starts); two
marks enclose the gap between two names. The rule is applied there as the geoparser applies
it. Each test is parametrized by rule (the id names it) and checks all of that rule's cases,
listing the ones that fail. No gazetteer, no network.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geoevents._geoparse import rules
from tests.rules_support import after, before, between, expect, marked, public_names, untested

# ------------------------------------------------------------------ finding names


def test_upper():
    """Capitals of the Latin, Greek and Cyrillic scripts start a name."""
    capital = re.compile(f"[{rules.UPPER}]")
    assert all(capital.fullmatch(c) for c in "KŁṬЖΩ")
    assert not any(capital.fullmatch(c) for c in "kжω7-Ա")  # Armenian is not among them


@pytest.mark.parametrize(
    ("sentence", "runs"),
    [
        pytest.param(
            "Ferries left the Sea of Azov at dawn.", ["Ferries", "Sea of Azov"], id="CONNECTORS"
        ),
        pytest.param(
            "A fair in Kingsley upon Tern and Porto dos Anjos closed.",
            ["A", "Kingsley upon Tern", "Porto dos Anjos"],
            id="CONNECTORS-upon-dos",
        ),
        pytest.param(
            "Yachts moored off Côte d'Azur, not Côte d'azur.",
            ["Yachts", "Côte d'Azur", "Côte"],
            id="SEP-elided-article",
        ),
        pytest.param(
            "Overnight shelling hit Novo Selo and Bila Hora from Kyiv to Lviv.",
            ["Overnight", "Novo Selo", "Bila Hora", "Kyiv", "Lviv"],
            id="RUN",
        ),
    ],
)
def test_runs_of_capitalised_words(sentence, runs):
    assert [m.group() for m in rules.RUN.finditer(sentence)] == runs


def test_connectors_and_sep():
    """The small words one name spans: "Rio de Janeiro", "Puerto de la Cruz"."""
    assert all(re.fullmatch(rules.CONNECTORS, w) for w in ("of", "de", "upon", "and the"))
    assert not any(re.fullmatch(rules.CONNECTORS, w) for w in ("to", "near", "and"))
    joined = re.compile(rf"(?:{rules.SEP}){rules.WORD}")
    assert all(joined.fullmatch(g) for g in (" d'Azur", " de la Cruz", " \u00a0Hora"))
    assert not any(joined.fullmatch(g) for g in (" d'azur", " to Lviv", " of the Azov"))


@pytest.mark.parametrize(
    ("sentence", "tokens"),
    [
        pytest.param(
            "Flights from the U.K. to W.Va. resumed",
            ["Flights", "U.K.", "W.Va."],
            id="WORD-dotted-initials",
        ),
        pytest.param(
            "hikers on Mt. Hood and Ft. Bragg",
            ["Mt.", "Hood", "Ft.", "Bragg"],
            id="TOKEN-abbreviation-keeps-dot",
        ),
        pytest.param(
            "Mr. Kovalenko at Kryvyi-Rih's port",
            ["Mr", "Kovalenko", "Kryvyi-Rih's"],
            id="TOKEN-title-drops-dot",
        ),
        pytest.param("on Mt. everest", ["Mt"], id="TOKEN-dot-only-before-a-capital"),
    ],
)
def test_word_and_token(sentence, tokens):
    assert rules.TOKEN.pattern == rules.WORD
    assert [m.group() for m in rules.TOKEN.finditer(sentence)] == tokens


def test_abbreviated_start_and_expansions():
    """ "Mt. Hood" is also looked up as "Mount Hood"; "Stanley" is no abbreviation."""

    def full(surface):
        m = rules.ABBREVIATED_START.match(surface)
        return m and rules.EXPANSIONS[m.group(1).lower()] + surface[m.end() :]

    assert full("Mt. Hood") == "Mount Hood"
    assert full("Ft Collins") == "Fort Collins"
    assert full("St. Paul") == "Saint Paul"
    assert full("Ste. Agathe") == "Sainte Agathe"
    assert full("Pt. Barrow") == "Point Barrow"
    assert full("ST. LOUIS") == "Saint LOUIS"
    assert full("Stanley") is None
    assert full("Station Road") is None


@pytest.mark.parametrize(
    ("table", "sentence", "inside", "outside"),
    [
        # the run's first word opens the sentence, it is no part of the name after it
        pytest.param(rules.LEADING_WORDS, "[Near] Lubny, a depot burned.",
                     ["Near", "Overnight", "Residents", "Following"], ["Novo", "Fort", "near"],
                     id="LEADING_WORDS"),
        # an article opens the sentence, not the name
        pytest.param(rules.ARTICLES, "[The] Lubny mayor said so.",
                     ["The", "A", "An", "THE"], ["Hague", "Al", "the"], id="ARTICLES"),
        # a name after one of them opens a sentence (or a title line)
        pytest.param(rules.SENTENCE_END, "Power failed[.] Lubny went dark.",
                     [".", "!", "?", "\n", ":", "•", "“"], [",", "n", "-"],
                     id="SENTENCE_END"),
    ],
)  # fmt: skip
def test_tables(table, sentence, inside, outside):
    assert marked(sentence) in table
    assert [w for w in inside if w not in table] == []
    assert [w for w in outside if w in table] == []


@pytest.mark.parametrize(
    ("table", "inside", "outside"),
    [
        # "Vilnius said": a government speaking through its capital's or country's name
        pytest.param(rules.METONYM_KINDS, ["country", "city", "admin1"],
                     ["facility", "natural"], id="METONYM_KINDS"),
        # "Peru's Nazca lines": countries, continents, regions hold what they possess
        pytest.param(rules.POSSESSOR_KINDS,
                     [rules.KINDS.index(k) for k in ("country", "continent", "admin1")],
                     [rules.KINDS.index(k) for k in ("city", "facility")],
                     id="POSSESSOR_KINDS"),
    ],
)  # fmt: skip
def test_kind_tables(table, inside, outside):
    assert [k for k in inside if k not in table] == []
    assert [k for k in outside if k in table] == []


def test_leading_words_in_a_run():
    run = rules.RUN.match("Near Lubny, a depot burned.").group()
    first, *rest = [m.group() for m in rules.TOKEN.finditer(run)]
    assert first in rules.LEADING_WORDS and rest == ["Lubny"]


def test_possessive():
    """ "Lubny's depot": the name without its possessive ending."""

    def strip(surface):
        for suffix in rules.POSSESSIVE:
            if surface.endswith(suffix):
                return surface[: -len(suffix)]
        return surface

    assert [strip(s) for s in ("Lubny's", "Lubny’s", "Villiers'", "Lubny")] == [
        "Lubny",
        "Lubny",
        "Villiers",
        "Lubny",
    ]


def test_next_word():
    """The punctuation and the word right after a name."""

    def nxt(sentence):
        return after(rules.NEXT_WORD, sentence).groups()

    assert nxt("Poltava| said on Monday") == ("", "said")
    assert nxt("Poltava|, Ukraine") == (",", "Ukraine")
    assert nxt("in Poltava|. Later") == (".", "Later")
    assert nxt("the Poltava| region council") == ("", "region")


def test_punct():
    """'shelling in "(Lubny': the word before a name, without its punctuation."""
    assert '"(near'.strip(rules.PUNCT) == "near"
    assert "Lubny,".strip(rules.PUNCT) == "Lubny"
    assert "—".strip(rules.PUNCT) == ""
    assert "Ivano-Frankivsk".strip(rules.PUNCT) == "Ivano-Frankivsk"


# -------------------------------------------------- what follows a name, what precedes it


AFTER_A_NAME = [
    pytest.param(rules.STATE_CODE_AFTER, {
        "Storms hit Toledo|, OH, on Friday": "OH",
        "a plant in Tulsa|,OK. Nobody was hurt": "OK",  # a code before a full stop
        "Storms hit Toledo|, Ohio": False,  # spelt out: a qualifier, not a code
        "Storms hit Toledo|, USA": False,  # three capitals
        "Storms hit Toledo| OH": False,  # no comma
        "Storms hit Toledo|, OKAY": False,  # a longer word
    }, id="STATE_CODE_AFTER"),
    pytest.param(rules.LIST_AFTER, {
        "Lubny, Myrhorod|, Hadiach": True,
        "Lubny, Myrhorod| and Hadiach": True,
        "Lubny, Poltava| oblast": False,
        "Lubny, Poltava|. Then": False,
        "Lubny, Poltava| android": False,  # "and" as a word only
    }, id="LIST_AFTER"),
    pytest.param(rules.IS_A_PLACE, {
        "Hadiach| is a town on the Psel.": True,
        "Kremenchuk| was an industrial city": True,
        "Dunmore| is a quiet hamlet": True,  # a settlement word
        "Lesko| is a famous painter": False,
        "Lviv| is the best": False,
        "Hadiach| is a portly man": False,  # "port" as a word only
    }, id="IS_A_PLACE"),
    pytest.param(rules.TITLE_EVENT_AFTER, {
        "Lubny| depot hit by drones": True,
        "Hadiach| bridge destroyed": True,
        "Myrhorod| school on fire": True,
        "Konotop| was shelled again": True,
        "Hlukhiv| Central Market ablaze": True,
        "Lubny| residents gather": False,
        "Odesa| portrait show opens": False,  # "port" as a word only
    }, id="TITLE_EVENT_AFTER"),
    pytest.param(rules.QUALIFIER_TAIL, {
        "Dubivka|, Poltava was shelled": "Poltava",
        "Lisove| (Volyn region)": "Volyn region",
        "Toledo|, Ohio": "Ohio",
        "Lisove| village, Rivne Oblast": "Rivne Oblast",
        "Dubivka| is near Poltava": False,
        "Dubivka|, which burned": False,
    }, id="QUALIFIER_TAIL"),
    pytest.param(rules.DEFINED_IN, {
        "Ashgrove| is a village in Fairfield County, Ohio": "Fairfield County, Ohio",
        "Zlin| is a city in the Zlin Region": "Zlin Region",
        "Brenno| was a small mining town in northern Ticino": "Ticino",
        "Ashgrove| is a village in decline": False,
        "Ashgrove| said it was in Ohio": False,
    }, id="DEFINED_IN"),
    pytest.param(rules.IN_REGION_TAIL, {
        "shelling of Dubivka| in the Poltava region": "Poltava region",
        "Lisove| village in Rivne Oblast": "Rivne Oblast",
        "Lisove|, a small village in the Volyn region, burned": "Volyn region",
        "fighting near Dubivka| in the Lubny raion": "Lubny raion",
        "Dubivka| in Poltava": False,  # no type word: a list's end or a comparison
        "troops left Dubivka| in the morning": False,
        "Dubivka| in the region": False,  # no name
    }, id="IN_REGION_TAIL"),
    pytest.param(rules.LISTED_IN_REGION, {
        "shelling of Dubivka|, Lisove and Hadiach in the Poltava region": "Poltava region",
        "Dubivka| and Lisove in Rivne Oblast": "Rivne Oblast",
        "Dubivka|, Lisove and Hadiach were hit": False,
        "Dubivka| in the Poltava region": False,  # no list: IN_REGION_TAIL reads it
    }, id="LISTED_IN_REGION"),
    pytest.param(rules.LISTED_TYPE_WORD, {
        "in the Rivne| and Volyn regions": "regions",
        "the Rivne| or Volyn oblasts": "oblasts",
        "the Rivne| and Volyn residents": False,
        "the Rivne| and Volyn region": False,  # one region: the word is not shared
    }, id="LISTED_TYPE_WORD"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "cases"), AFTER_A_NAME)
def test_after_a_name(rule, cases):
    expect(after, rule, cases)


BEFORE_A_NAME = [
    pytest.param(rules.TOWN_COMMA_BEFORE, {
        "Floods reached Eugene, |OR": True,
        "Fires near St. Cloud, |MN": True,
        "Vote yes |OR no": False,
        "Sanctions by NATO, |OR": False,  # no town: an acronym
    }, id="TOWN_COMMA_BEFORE"),
    pytest.param(rules.POSSESSOR_BEFORE, {
        "Peru's |Nazca lines": "Peru",
        "South Sudan's northern |Renk": "South Sudan",
        "Estonia’s eastern |Narva": "Estonia",
        "the minister's |Renk": False,
        "Peru sent |Nazca": False,
    }, id="POSSESSOR_BEFORE"),
    pytest.param(rules.PAREN_QUALIFIER, {
        "shelling in Dubivka (|Poltava)": True,
        "shelling in Dubivka, |Poltava": True,
        "In 2023, |Poltava": False,
        "Warsaw — |Poltava": False,
    }, id="PAREN_QUALIFIER"),
    pytest.param(rules.LOCATIVE_BEFORE, {
        "Fighting in southern |Poltava": True,
        "a blast near occupied |Dubivka": True,
        "on the outskirts of |Lubny": True,
        "the mayor of |Lubny": True,
        "a blast in |Lubny": False,  # a bare "in" is the recogniser's prev_spatial
        "visited beautiful |Lubny": False,
    }, id="LOCATIVE_BEFORE"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "cases"), BEFORE_A_NAME)
def test_before_a_name(rule, cases):
    expect(before, rule, cases)


BETWEEN_NAMES = [
    pytest.param(rules.LIST_GAP, {
        "in Lubny|, |Myrhorod": True,
        "Myrhorod| and |Hadiach": True,
        "Myrhorod|, and |Hadiach": True,
        "the Lubny|/|Poltava road": True,
        "Dubivka (Poltava|) and |Lubny": True,
        "Lubny| near |Myrhorod": False,
        "Lubny|; |Myrhorod": False,
    }, id="LIST_GAP"),
    pytest.param(rules.ANCHOR_GAP, {
        "struck| the frontline town of |Dubivka": True,
        "shelled| |Dubivka": True,
        "captured| a |Lisove farm": True,
        "shelled| fields outside |Dubivka": False,
    }, id="ANCHOR_GAP"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "cases"), BETWEEN_NAMES)
def test_between_names(rule, cases):
    expect(between, rule, cases)


@pytest.mark.parametrize(
    ("sentence", "marks"),
    [
        pytest.param("POLTAVA| (Newswire) — Sirens sounded at dawn",
                     {"agency": "(Newswire)", "dash": "—"}, id="DATELINE_TAIL-agency-dash"),
        pytest.param("LUBNY|, Ukraine, May 9 (Agency) - Power failed",
                     {"agency": "(Agency)", "hyphen": "-"}, id="DATELINE_TAIL-country-date"),
        pytest.param("Hadiach|, Ukraine — Schools shut", {"dash": "—"},
                     id="DATELINE_TAIL-country-dash"),
        pytest.param("Hadiach| is calm today", None, id="DATELINE_TAIL-not-a-sentence"),
        pytest.param("Lisove|-Dubivka road", None, id="DATELINE_TAIL-not-a-hyphenated-name"),
    ],
)  # fmt: skip
def test_dateline_tail(sentence, marks):
    m = after(rules.DATELINE_TAIL, sentence)
    assert (m and {k: v for k, v in m.groupdict().items() if v}) == marks


STAGE_SOURCE = "".join(
    path.read_text(encoding="utf-8")
    for path in sorted(Path(rules.__file__).parent.glob("*.py"))
    if path.name != "rules.py"
)  # the geoparser's other modules, where the recogniser sets its features


def test_feature_sets():
    # "in X", "the town of X", "X region": a locative context
    assert {"prev_spatial", "prev_place_of", "next_place_noun"} == rules.LOCATIVE_FEATURES
    # "Ivan Franko Street", "Kyiv Post": the match is part of a longer name, never rescued
    assert {"run_after", "run_before", "after_first_name", "run_after_org"} == rules.PART_OF_NAME
    # "Ivan Franko": a longer name ends with the match
    assert {"run_before", "after_first_name"} == rules.NAME_INSIDE
    assert not rules.LOCATIVE_FEATURES & rules.PART_OF_NAME
    assert rules.NAME_INSIDE <= rules.PART_OF_NAME
    every = rules.LOCATIVE_FEATURES | rules.PART_OF_NAME | rules.NAME_INSIDE
    misspelt = [n for n in every if f'"{n}"' not in STAGE_SOURCE]  # would never fire
    assert misspelt == []


def test_type_word_kinds():
    """ "the Rivne region" keeps the region; "Lubny city" keeps the city."""
    admin = [rules.KINDS.index(k) for k in ("admin1", "admin2", "admin3")]
    city = [rules.KINDS.index("city")]

    def kinds(sentence):
        return rules.TYPE_WORD_KINDS.get(after(rules.NEXT_WORD, sentence).group(2).lower())

    assert kinds("shelling in the Volyn| region overnight") == admin
    assert kinds("the Rivne| Oblast council") == admin
    assert kinds("drones over Lubny| city") == city
    assert kinds("a blast in Lisove| village") == city
    assert kinds("the Sula| river banks") is None


def test_region_words_are_admin_type_words():
    """ "the Volyn region" never means a city that is a division of its own: the region
    words are type words that keep divisions, and no city word is among them."""
    admin = rules.TYPE_WORD_KINDS["region"]
    assert {"region", "oblast", "province", "regions"} <= rules.REGION_WORDS
    assert all(rules.TYPE_WORD_KINDS[w] == admin for w in rules.REGION_WORDS)
    assert not rules.REGION_WORDS & {"city", "town", "district", "raion", "county"}


def test_batch_pull_weights():
    """Ten places a batch named near one namesake pull it by about as much as a town 130
    times more populous gains from the prior; a town above the floor is never pulled."""
    import math

    from geoevents._geoparse import RESOLVER_FEATURES
    from geoevents._models import load_model

    prior_weight = load_model("resolver", RESOLVER_FEATURES).weights[0]
    pull = rules.BATCH_NEAR_WEIGHT * math.log1p(10)
    assert 0.5 * pull < prior_weight * math.log10(130) < 2 * pull
    assert 10_000 <= rules.BATCH_TOWN_FLOOR <= 200_000
    assert rules.BATCH_SITE_TOWN <= 5_000  # a town of some thousands beats a station


# ---------------------------------------------------------------------------- meta


def test_every_rule_has_a_test():
    assert len(public_names(rules)) > 20
    missing = untested(rules, "rules", __file__)
    assert not missing, f"rules without a test in {Path(__file__).name}: {missing}"


def test_sentence_after_word_ends_a_qualifier():
    """ "Lozove, Kharkiv. Casualties Unknown.": the qualifier is "Kharkiv", not three words."""
    split = rules.SENTENCE_AFTER_WORD.split
    assert split("Kharkiv. Casualties Unknown", maxsplit=1)[0] == "Kharkiv"
    assert split("St. Petersburg", maxsplit=1) == ["St. Petersburg"]  # an abbreviation
    assert split("Luhansk Oblast", maxsplit=1) == ["Luhansk Oblast"]


@pytest.mark.parametrize(
    ("russian", "ukrainian"),
    [
        ("veselogorovka", "veselohorivka"),
        ("logvinovo", "lohvinove"),
        ("novotroitskoe", "novotroitske"),
        ("dibrovne", "dibrivne"),
        ("verhniotoretske", "verhnotoretske"),
    ],
)
def test_slavic_variants(russian, ukrainian):
    """Issue 12: the Russian and Ukrainian spellings of one village meet (on folded keys)."""
    from geoevents._geoparse.candidates import _slavic_variants

    assert rules.SLAVIC_ENDING.search(russian)
    assert ukrainian in _slavic_variants((russian,))
    assert len(rules.SLAVIC_VARIANTS) >= 5
    assert _slavic_variants(("google",)) == []  # no Slavic ending: no guesses


def test_remembered_names():
    """A batch remembers the regions of thousands of qualified names, not without end."""
    assert 1_000 <= rules.REMEMBERED_NAMES <= 1_000_000


# ------------------------------------------------------------- Ukrainian and Russian


def test_cyrillic_words_and_runs():
    """Issue 13: a capitalised Cyrillic word keeps its apostrophe and hyphen; a run is
    such words separated by single spaces."""
    words = [m.group(0) for m in rules.CYRILLIC_WORD.finditer("у Куп'янську та Нью-Йорку")]
    assert words == ["Куп'янську", "Нью-Йорку"]
    runs = [m.group(0) for m in rules.CYRILLIC_RUN.finditer("до Кривого Рогу, а Тереза Мей —")]
    assert runs == ["Кривого Рогу", "Тереза Мей"]
    assert not rules.CYRILLIC_WORD.search("обстріляли село")


def test_cyrillic_type_word_after_a_name():
    """ "Запорізькою областю", "Краснодарського краю": the declined type word; not a
    word that merely starts alike."""
    assert after(rules.CYRILLIC_TYPE_WORD, "Запорізькою| областю вдарили")
    assert after(rules.CYRILLIC_TYPE_WORD, "Краснодарского| края")
    assert after(rules.CYRILLIC_TYPE_WORD, "Бахмутського| району")
    assert not after(rules.CYRILLIC_TYPE_WORD, "Харків| обласний центр")
    assert not after(rules.CYRILLIC_TYPE_WORD, "Харків| крайній")


def test_cyrillic_titles_and_function_words():
    """A title before a name makes it a person's; a function word opens a sentence."""
    assert {"президента", "генерал", "міністром", "премьер-министр"} <= rules.CYRILLIC_TITLES
    assert {"прем'єрка", "речниця", "міністерки"} <= rules.CYRILLIC_TITLES  # feminine
    assert "місто" not in rules.CYRILLIC_TITLES
    assert {"в", "у", "но", "після", "после", "тоді", "чому"} <= rules.CYRILLIC_FUNCTION_WORDS
    assert "харків" not in rules.CYRILLIC_FUNCTION_WORDS
    assert rules.CYRILLIC_OPENING_TOWN >= 10_000


def test_cyrillic_adjective_before_a_common_noun():
    """ "Северный поток", "Белого дома": an adjective naming a thing; "Северодонецк"
    is no adjective, and a capitalised word after the adjective is part of a name."""
    assert rules.CYRILLIC_ADJECTIVE_END.search("Северный")
    assert rules.CYRILLIC_ADJECTIVE_END.search("Белого")
    assert not rules.CYRILLIC_ADJECTIVE_END.search("Северодонецк")
    assert not any(rules.CYRILLIC_ADJECTIVE_END.search(w) for w in ("Крым", "Бахмутом", "Одеса"))
    assert after(rules.CYRILLIC_LOWER_NEXT, "Северный| поток")
    assert not after(rules.CYRILLIC_LOWER_NEXT, "Северная| Каролина")


def test_cyrillic_home_is_the_former_soviet_union_and_its_neighbours_in_cyrillic():
    assert {"UA", "RU", "BY", "KZ"} <= set(rules.CYRILLIC_HOME)
    assert not {"US", "GB", "PK"} & set(rules.CYRILLIC_HOME)


def test_cyrillic_region_gap_settlement_abbreviations_and_starts():
    """Issue 13: the gap before a region named after a village; "с." and "м." before
    a name; a Cyrillic capital opening a name."""
    assert between(rules.CYRILLIC_REGION_GAP, "Петрівку| |Одеської області")
    assert between(rules.CYRILLIC_REGION_GAP, "Петрівка|, |Одеська область")
    assert between(rules.CYRILLIC_REGION_GAP, "Петрівка| (|Одещина)")
    assert not between(rules.CYRILLIC_REGION_GAP, "Петрівка| та |Одеса")
    assert rules.CYRILLIC_SETTLEMENT_ABBR.search("Обстріляно с. ")
    assert rules.CYRILLIC_SETTLEMENT_ABBR.search("атакував м. ")
    assert not rules.CYRILLIC_SETTLEMENT_ABBR.search("Обстріляли мис. ")
    assert rules.CYRILLIC_START.match("Петрівка") and not rules.CYRILLIC_START.match("Kyiv")


def test_cyrillic_direction_names_a_front_by_its_towns_adjective():
    """Issue 13: the adjective's stem and suffix, before "напрямку"/"направлении"."""
    found = [(m.group(1), m.group(2)) for m in rules.CYRILLIC_DIRECTION.finditer(
        "На Авдіївському та Куп'янському напрямках і на Донецком направлении")]  # fmt: skip
    assert found == [("Авдіїв", "ськ"), ("Куп'ян", "ськ"), ("Доне", "цк")]
    assert not rules.CYRILLIC_DIRECTION.search("Бахмутська міська рада повідомила")
