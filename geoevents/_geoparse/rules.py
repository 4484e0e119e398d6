"""The geoparser's hand rules as data: every pattern and word table the stage reads text with.

Each group carries the reason it exists, with an invented example; each has a test in
``tests/geoparse/test_rules.py`` that shows the example. Word lists shared with other
stages live in :mod:`geoevents._lexicon`. To add a rule: add it here with its reason,
add its test, and run ``benchmarks/snapshot.py`` to see which outputs it changes.
"""

from __future__ import annotations

import re

from .. import _lexicon as lex
from .._gazetteer.sources import KINDS

# --------------------------------------------------------------- finding names


def _upper_class() -> str:
    chars = [chr(c) for c in range(0x41, 0x0530) if chr(c).isupper() or chr(c).istitle()]
    chars += [chr(c) for c in range(0x1E00, 0x1F00) if chr(c).isupper()]
    return "".join(re.escape(c) for c in chars)


# Capital letters of the Latin, Greek and Cyrillic scripts: a name starts with one.
UPPER = _upper_class()
# Small words inside a name: "Sea of Azov", "Rio de Janeiro", "Stratford upon Avon".
CONNECTORS = (
    "of|de|del|della|di|da|do|dos|das|du|des|la|le|les|el|al|am|upon|sur|van|von|der|den|y|and the"
)
# An abbreviated first word that keeps its dot ("Mt. Hood", "Ft. Collins", "St. Paul"),
# looked up under its full form too.
ABBREVIATED_START = re.compile(r"(St|Ste|Mt|Ft|Pt)\.?[ \t\u00a0]+(?=\S)", re.IGNORECASE)
EXPANSIONS = {"st": "Saint ", "ste": "Sainte ", "mt": "Mount ", "ft": "Fort ", "pt": "Point "}
# One word of a name: a capitalised word, an abbreviation that keeps its dot, or dotted
# initials ("U.K.", "N.Y.", "W.Va.") read as one word. Every alternative starts with the
# one capital letter, which keeps the scan fast.
WORD = (
    rf"(?:[{UPPER}](?:(?<=[SMFP])(?:t|T|te|TE)\.(?=[ \t\u00a0]+[A-Z])"
    rf"|[a-z]?\.(?:[{UPPER}][a-z]?\.)+|(?:\w|['’\-](?=\w))*))"
)
# Between the words of a name: spaces, connectors, or an elided article ("Côte d'Azur").
SEP = (
    rf"(?:[ \t\u00a0]+(?:(?:{CONNECTORS})[ \t\u00a0]+){{0,2}}"
    rf"|[ \t\u00a0]+[dl]['’](?=[{UPPER}]))"
)
# A run of capitalised words, in which the longest gazetteer names are looked for.
RUN = re.compile(rf"{WORD}(?:{SEP}{WORD})*")
TOKEN = re.compile(WORD)
# Capitalised words that open a sentence without belonging to the name after them:
# "Near Odesa, ...", "Overnight Lviv ...".
LEADING_WORDS = lex.words(
    "In At On From Near Outside Inside Into Across Around Toward Towards Throughout After "
    "Before During Since Until While When Where If But And Or So As By For To With Without "
    "Meanwhile Also Elsewhere Later Earlier Yesterday Today Overnight Residents Officials "
    "Although Because However Still Even Then Now Amid Despite Over Under Along Beyond "
    "Within Via Among Following"
)
# An article opens the sentence, not the name ("The Lviv mayor said"), unless a known
# name starts with it ("The Hague").
ARTICLES = frozenset(("The", "A", "An", "THE"))
# Endings of a possessive after a name: "Kherson's port".
POSSESSIVE = ("'s", "’s", "'", "’")
# What may follow a name: a punctuation mark, then the next word.
NEXT_WORD = re.compile(r"[ \t\u00a0]*([,.;:!?)”\"]?)[ \t\u00a0]*([\w’'\-]*)")
# Characters stripped around the word before a name.
PUNCT = "\"'“”‘’()[]{}:;,.!?—–-"
# Characters that end a sentence or a title line: a name after one opens a sentence.
SENTENCE_END = '.!?\n\r"“”‘:;•|'

# ------------------------------------------------------------- US state codes

# A two-letter postal code after "Town, " names the town's state: "Dayton, OH".
STATE_CODE_AFTER = re.compile(r",[ \t]*([A-Z]{2})(?!\w)")
# ... which is a state code only after a town and a comma: "Salem, OR", not "OR".
TOWN_COMMA_BEFORE = re.compile(r"[A-Z][\w'’.-]*[a-z.],[ \t]*$")

# ------------------------------------------------------------ recognition cues

# Between two names of one list: "Izium, Lyman and Bakhmut", "Sumy/Kharkiv".
LIST_GAP = re.compile(r"\)?" + lex.LIST_SEPARATOR)
# After a name, the list goes on: "Sloviansk, Kramatorsk" is a list, not a qualifier.
LIST_AFTER = re.compile(lex.LIST_CONTINUES)
# "Mytilene is a port on Lesbos", "Ostrava was an industrial town": the name is defined
# as a place.
IS_A_PLACE = re.compile(
    r"[ \t]+(?:is|was)[ \t]+(?:a|an|the)[ \t]+(?:[a-z][\w-]*[ \t]+){0,3}?"
    rf"(?:{lex.words_pattern(lex.PLACE_NOUNS | lex.SETTLEMENT_WORDS)})\b"
)
# "Poland's border crossings", "Chile's Atacama desert": a country's or a region's
# possession is in it, so the place after the possessive is a place.
POSSESSOR_BEFORE = re.compile(
    r"\b([A-Z][\w’'-]+(?:[ \t][A-Z][\w’'-]+)?)['’]s[ \t]+(?:[a-z][\w-]*[ \t]+){0,2}$"
)
POSSESSOR_KINDS = frozenset(KINDS.index(k) for k in ("country", "continent", "admin1"))
# A news dateline after a place: "LVIV (Wire) —", "DNIPRO, Ukraine, March 3 (Agency) -".
# It ends with the agency or the dash, so what comes before must lead there.
DATELINE_TAIL = re.compile(
    r"(?:,[ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,2})?"
    rf"(?:,?[ \t]*(?:{'|'.join(lex.MONTH_PREFIXES)})[a-z]*\.?[ \t]+\d{{1,2}}"
    r"(?:,[ \t]*\d{4})?)?"
    r"(?:[ \t]*(?P<agency>\((?:[A-Z][\w&.]*[ \t]?){1,4}\)))?"
    r"(?:[ \t]*(?P<dash>[—–])|[ \t]+(?P<hyphen>--?)(?=[ \t])|[ \t]*(?P<colon>:))?"
    r"(?<=[)—–\-:])"
)
# Recogniser features that say the context is locative ("in X", "the town of X", "X
# region"): for the events stage, a trigger word next to such a name vouches for it.
LOCATIVE_FEATURES = frozenset(("prev_spatial", "prev_place_of", "next_place_noun"))
# Features that say the match is only part of a longer name: never rescued.
PART_OF_NAME = frozenset(("run_after", "run_before", "after_first_name", "run_after_org"))
# Features that say a longer name ends with the match ("Ivan Franko" of a person).
NAME_INSIDE = frozenset(("run_before", "after_first_name"))
# A qualifier bracket or comma right before a name: "Lozove (Kharkiv)", "Lozove, Kharkiv".
PAREN_QUALIFIER = re.compile(r"[A-Za-z’']\s*[(,]\s*$")
# Kinds whose name can stand for a government when it speaks: "Warsaw said".
METONYM_KINDS = frozenset(("country", "city", "admin1"))

# A title's place and what befell it ("Sumy depot hit by drones", "Irpin bridge
# destroyed", "Lyman school on fire"): for the events stage's short titles.
TITLE_EVENT_AFTER = re.compile(
    r"(?:['’]s)?(?:\s+[A-Z][\w'’-]*){0,3}\s+(?:(?:was|were|is|are|has been|have been)\s+)?"
    r"(?:struck|hit|shelled|destroyed|destoryed|damaged|bombed|attacked|targeted|captured|"
    r"liberated|on fire|ablaze|in ruins|burning|mass graves?|airbase|air base|airport|"
    r"theat(?:er|re)|museum|university|school|hospital|station|substation|market|bridge|"
    r"port|plant|factory|depot|church|monastery|cathedral|police|administration)\b",
    re.IGNORECASE,
)
_ADJECTIVES = lex.words_pattern(lex.PLACE_ADJECTIVES)
# A locative phrase before a name, across words that describe the place: "in southern
# Zaporizhzhia", "near occupied Tokmak", "the outskirts of Sumy".
LOCATIVE_BEFORE = re.compile(
    rf"(?:\b(?:in|at|near|into|across|outside|around|on|of|to|from)\s+(?:the\s+)?"
    rf"(?:(?:{_ADJECTIVES})\s+)+"
    r"|\b(?:control|outskirts|centre|center|edge|suburbs?|residents|mayor|governor)\s+of\s+)$",
    re.IGNORECASE,
)
# What may stand between an event word and its place: "struck the frontline town of X".
ANCHOR_GAP = re.compile(
    rf"\s+(?:the\s+|a\s+)?(?:(?:{_ADJECTIVES})\s+)?(?:(?:city|town|village|port)\s+of\s+)?$",
    re.IGNORECASE,
)

# ----------------------------------------------------------------- qualifiers

# A qualifier after a name: "Lozove, Kharkiv", "Troitske (Luhansk region)", "Dayton,
# Ohio", "Pervomaiske village, Donetsk Oblast".
QUALIFIER_TAIL = re.compile(
    lex.DIVISION_QUALIFIER_GAP + r"((?:[A-Z][\w’'\-.]*\s?){1,3}"
    r"(?:oblast|region|province|district|raion|governorate|county)?)"
)
# A qualifier ends with its sentence ("Lozove, Kharkiv. Shells fell ..."): a full stop
# after a word of four letters or more, then a space (not "St. Petersburg").
SENTENCE_AFTER_WORD = re.compile(r"(?<=\w{4})\.\s")
# A definition that names the area: "Millbrook is a village in Dutchess County, New
# York", "Ostrava is a city in the Moravian-Silesian Region".
DEFINED_IN = re.compile(
    r"\s+(?:is|was)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:in|of)\s+(?:the\s+)?"
    r"(?:[a-z][\w-]*\s+){0,3}?(?:of\s+)?((?:[A-Z][\w'’.-]*\s?)+(?:,\s*(?:[A-Z][\w'’.-]*\s?)+){0,2})"
)
# A region named after "in": "Andriivka in the Kyiv region", "Andriivka village in Kyiv
# Oblast", "Pobeda, a small village in the Donetsk region". The type word is required:
# "Bucha in Kyiv" may be a list's end or a comparison, "in the Kyiv region" is an address.
IN_REGION_TAIL = re.compile(
    r"(?:\s+(?:village|town|settlement|city|hamlet))?"
    r"(?:,?\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:village|town|settlement|city|hamlet))?"
    r",?\s+in\s+(?:the\s+)?((?:[A-Z][\w’'\-]*\s){1,2}"
    r"(?:[Oo]blast|[Rr]egion|[Pp]rovince|[Rr]aion|[Rr]ayon|[Dd]istrict|[Gg]overnorate))\b"
)
# ... and after a list that ends with it, for every name of the list: "Zelenyi Hai,
# Sokolivka and Lozuvatka in the Donetsk region".
LISTED_IN_REGION = re.compile(
    r"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
    r"[A-Z][\w’'\-]*(?:\s[A-Z][\w’'\-]*){0,2}){1,12}" + IN_REGION_TAIL.pattern
)
_ADMIN_KIND_IDS = [KINDS.index(k) for k in ("admin1", "admin2", "admin3")]
# A type word after a name keeps the candidates of that kind: "the Sumy region" (the
# oblast), "Kherson city" (the city).
TYPE_WORD_KINDS = {
    **{w: _ADMIN_KIND_IDS for w in (
        "region", "oblast", "province", "district", "county", "raion", "rayon", "governorate",
        "prefecture", "state", "krai", "municipality", "regions", "oblasts", "provinces",
        "republic")},
    **{w: [KINDS.index("city")] for w in ("city", "town", "village", "settlement")},
}  # fmt: skip
# Type words that name a region around a city, never the city: "the Kyiv region" is Kyiv
# Oblast, not the city of Kyiv, which is a first-level division of its own.
REGION_WORDS = frozenset(("region", "oblast", "province", "regions", "oblasts", "provinces"))
# One plural type word for a list of names: "the Sumy, Poltava and Kharkiv oblasts".
LISTED_TYPE_WORD = lex.LISTED_TYPE_WORD

# How much the places a batch named with confidence pull a namesake towards them (see
# BatchPrior.cells and Resolver._near_batch): logit units per log(1 + places nearby).
# With 10 such places near one Chervone and none near the other, that Chervone gains
# about 2.4, as much as a town 130 times more populous gains from the population prior;
# a city of 70,000 still beats a hamlet of its name beside the batch's front.
# Set on the ACLED development notes, checked on the CIR titles.
BATCH_NEAR_WEIGHT = 1.0
# ... except when the name's likeliest reading is a town this large: the batch then
# pulls nothing ("Mykolaiv" stays the city of 470,000 in a batch about the Donbas, where
# a Mykolaivka once bore that name)
BATCH_TOWN_FLOOR = 50_000
# ... and pulls no station or site named like a town of this many people ("Slavutych"
# is the town of 24,000, not the Kyiv metro station near the batch's events)
BATCH_SITE_TOWN = 1_000

# Spellings of one Ukrainian place name in reports and in the gazetteer (on folded keys:
# lower case, "kh" already "h", "y" already "i"), tried when a name with a Slavic ending
# (SLAVIC_ENDING) matches nothing (CandidateFinder): Russian forms and Ukrainian ones
# ("Veselogorovka" is Veselohorivka, "Logvinovo" Lohvynove, "Novotroitskoye"
# Novotroitske, "Dibrovne" Dibrivne), and the two transliterations of "ньо" ("Verkhnyo-"
# and "Verkhno-"), of "Мала"/"Малая".
SLAVIC_ENDING = re.compile(r"(?:ka|ki|ne|no|ni|ve|vo|ke|ko|oe|ets|iv|ov|ino|ine|sk)$")
SLAVIC_VARIANTS = (
    (re.compile(r"g"), "h"),  # Russian г is Ukrainian г (h)
    (re.compile(r"[oe]vka\b"), "ivka"),  # -овка/-евка: -івка
    (re.compile(r"ovo\b"), "ove"),  # -ово: -ове
    (re.compile(r"(?<=[kc])oe\b"), "e"),  # -ское: -ське
    (re.compile(r"ov(?=ne\b)"), "iv"),  # -овне: -івне
    (re.compile(r"(?<=[bdhklmnprstvz])io"), "o"),  # -ньо-: -но-
    (re.compile(r"\bmalaia\b"), "mala"),
)

# How many qualified names a batch remembers (BatchPrior.names) before it forgets them all.
REMEMBERED_NAMES = 10_000

# ------------------------------------------------------------- Ukrainian and Russian

# A capitalised Cyrillic word (apostrophes and hyphens inside: "Куп'янськ", "Нью-Йорк"),
# and a run of them separated by single spaces: the names CyrillicRecogniser looks up.
CYRILLIC_WORD = re.compile(
    r"[А-ЯІЇЄҐЁ][а-яіїєґёА-ЯІЇЄҐЁ'’ʼ]*(?:-[А-ЯІЇЄҐЁа-яіїєґё][а-яіїєґёА-ЯІЇЄҐЁ'’ʼ]*)*"
)
CYRILLIC_RUN = re.compile(CYRILLIC_WORD.pattern + r"(?:[ \u00a0]" + CYRILLIC_WORD.pattern + ")*")
# A lower-case type word after a name, part of it: "Запорізькою областю", "Краснодарського
# краю", "Бахмутського району", "Балтійського моря" (declined as the name is).
CYRILLIC_TYPE_WORD = re.compile(
    r"[ \u00a0](област[ьіию]\w*|район\w*|регіон\w*|регион\w*|кра[йюїяе]|округ\w*"
    r"|республік\w*|республик\w*|громад\w*|мор[еяюі]\w*|озер\w*|заток\w*|залив\w*)(?!\w)"
)
# Lower-case words before a name that make it a person's: titles and offices, in the
# cases Ukrainian and Russian put them ("президента Зеленського", "генералом").
CYRILLIC_TITLES = frozenset(
    stem + suffix
    for stem in (
        "президент", "прем'єр", "прем’єр", "прем'єр-міністр", "прем’єр-міністр", "премьер",
        "премьер-министр", "міністр", "министр", "генерал", "посол", "речник", "спікер",
        "спикер", "депутат", "губернатор", "лідер", "лидер", "канцлер", "полковник",
        "сенатор", "журналіст", "журналист", "командувач", "пан", "господин", "мер",
        "голова", "глава", "пані", "госпожа", "патріарх", "патриарх", "король", "принц",
        "радник", "советник", "міністра", "суддя", "судья",
        # feminine forms Ukrainian news use: "прем'єрка Мей", "речниця", "депутатка"
        "прем'єрка", "прем’єрка", "прем'єр-міністерка", "прем’єр-міністерка", "міністерка",
        "президентка", "речниця", "депутатка", "канцлерка", "лідерка", "радниця", "суддиня",
    )
    for suffix in ("", "а", "у", "ом", "ові", "е", "і", "ю", "ем", "ою", "ой", "ей", "и")
) | frozenset(
    # their oblique cases, which the suffixes above cannot make from the nominative
    stem + ending
    for stem in ("прем'єрк", "прем’єрк", "прем'єр-міністерк", "прем’єр-міністерк",
                 "міністерк", "президентк", "депутатк", "канцлерк", "лідерк")
    for ending in ("и", "у", "ою", "ці")
) | frozenset(("речниці", "речницю", "речницею", "радниці", "радницю"))  # fmt: skip
# A town's name opening a sentence is read as one when the town has this many people (or
# the name is a country's or a region's): "Мир", "Слава", "Перемога" are villages too.
CYRILLIC_OPENING_TOWN = 50_000
# Words that open a sentence (capitalised there) without being names: prepositions,
# conjunctions, pronouns and particles of both languages. A run of capitalised words
# starting with one ("В Мариуполе", "Но Киев") starts after it; alone, it is no place
# ("Но" folds to Ho in Ghana).
CYRILLIC_FUNCTION_WORDS = lex.words("""
в у на з із зі с со к ко о об обо от від до для під под над при про через після после
біля около из за без но а и і й та але або или ли же ведь вы ви мы ми он она оно они він
вона воно вони я ее її его його их їх это це этот эта эти ця цей ці той тот так как як
когда коли где де что що кто хто есть є был была было были уже вже еще ещё ще более менее
все всі весь вся также також тоже теж сейчас зараз сегодня сьогодні вчера вчора завтра
между між среди серед вокруг навколо против проти вместо замість кроме крім
во ваш ваша ваше наш наша наше кому самое самый саме самий
тоді тогда чому почему усі бути быть думаю думаєте
""")
# The endings of an adjective, and a lower-case word after it: a capitalised adjective
# before a common noun names a thing ("Северный поток", "Белого дома"), not a town
# called Severny ("Запорізькою областю" is read with its type word before this).
# Only endings no noun of a place has, on words of five letters or more ("Крым",
# "Бахмутом", "Одеса" end like adjectives).
CYRILLIC_ADJECTIVE_END = re.compile(
    r"^\w{3,}(?:ый|ий|ій|ой|ая|яя|ые|ие|ого|его|ому|ему|ую|юю|ої|ым)$"
)
CYRILLIC_LOWER_NEXT = re.compile(r"[ \u00a0]+[а-яіїєґё]")
# The countries whose small places Ukrainian and Russian texts name in Cyrillic: those
# of the former Soviet Union and the others that write Cyrillic (Bulgaria, Serbia, North
# Macedonia, Montenegro, Bosnia, Mongolia). A village elsewhere needs its own script.
CYRILLIC_HOME = ("UA", "RU", "BY", "MD", "KZ", "KG", "TJ", "UZ", "TM", "AZ", "AM", "GE",
                 "LT", "LV", "EE", "BG", "RS", "MK", "ME", "BA", "MN")  # fmt: skip
# "на Бахмутському напрямку", "на Донецком направлении": a front named by the adjective of
# its town. Group 1 is the adjective's stem ("Бахмут", "Доне"), group 2 its suffix
# ("ськ", "цьк"): the town is the stem, the stem and suffix (Донецьк, Куп'янськ), or the
# stem and "-ка" (Авдіївка).
CYRILLIC_DIRECTION = re.compile(
    r"(?<![\w'’-])([А-ЯІЇЄҐЁ][а-яіїєґё'’-]+?)(ськ|цьк|зьк|ск|цк|зк)(?:ому|ого|ий|ім|ом|ой|ое|их)"
    # ... before the word "direction", or before more adjectives that end with it:
    # "на Авдіївському та Куп'янському напрямках"
    r"(?=(?:[ \u00a0]*(?:,|та|і|й|и)[ \u00a0]*[А-ЯІЇЄҐЁ][а-яіїєґё'’-]+)*"
    r"[ \u00a0]+(?:напрям|направлени))"
)
# A Cyrillic name's first letter, and the gap between a name and the region named right
# after it: "Петрівку Харківської області", "Петрівка, Харківська область", "Петрівка
# (Харківщина)".
CYRILLIC_START = re.compile(r"[А-ЯІЇЄҐЁ]")
CYRILLIC_REGION_GAP = re.compile(r"[ \u00a0]*,?[ \u00a0]*\(?")
# "с. Петрівка", "смт Козача Лопань", "м. Ізюм", "пос. Глушково": the abbreviated
# "village", "settlement", "town" before a name; its full stop ends no sentence.
CYRILLIC_SETTLEMENT_ABBR = re.compile(r"(?<![\w.])(?:с|м|смт|сел|пос|г|д|х|р-н)\.[ \u00a0]*$")
