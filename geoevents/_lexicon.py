"""Word lists the geoparser reads context with (English news).

Small, transparent and ours; extend them by editing this file. Loaded on first
use from packages: first names and surnames from the US Census 1990 lists shipped
by ``names`` (public domain data); the common English words from Webster's Second
International word list shipped by ``english-words`` (public domain), whose
proper nouns are capitalised, so a lower-case entry is a common word.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

__all__ = [
    "AXIS_AFTER",
    "CAPITALISED_NOT_PLACES",
    "CYRILLIC_LETTER",
    "CYRILLIC_NEAR_WORDS",
    "DIRECTIONS",
    "FORCE_NOUNS",
    "NEAR_PHRASES",
    "NEAR_WORDS",
    "NOT_PLACE_NEXT",
    "NOT_PLACE_PHRASES",
    "ORG_WORDS",
    "PERSON_TITLES",
    "PLACE_NOUNS",
    "PLACE_OF_WORDS",
    "SETTLEMENT_WORDS",
    "SPATIAL_PREPOSITIONS",
    "SPEECH_VERBS",
    "US_STATE_CODES",
    "first_name_share",
    "is_common_word",
    "surname_share",
]


def words(text: str) -> frozenset[str]:
    """The set of the whitespace-separated words of ``text``."""
    return frozenset(text.split())


# Month names and their abbreviations, by month number: read in dates, never the end of
# a sentence ("on 3 Sept. the town..."), never a place's name ("May" is no town here).
_MONTH_WORDS = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"),
)  # fmt: skip
MONTHS = {word: i for i, words in enumerate(_MONTH_WORDS, start=1) for word in words}
MONTH_NAMES = tuple(words[0] for words in _MONTH_WORDS)
MONTH_ABBREVIATIONS = frozenset(MONTHS) - frozenset(MONTH_NAMES)
# The first three letters of each month, as a dateline writes them ("Mar. 3").
MONTH_PREFIXES = tuple(name[:3].title() for name in MONTH_NAMES)

# Preceding words that introduce a location.
SPATIAL_PREPOSITIONS = words(
    "in at near from to into across outside inside throughout around between toward "
    "towards via through within on off along beyond across against over under past "
    "entering entered reach reached leaving left visiting visited visit bombed shelled "
    "struck hit captured liberated seized recaptured retook occupied surrounded besieged "
    "encircled"
)
# Ukrainian and Russian words for "near": "під Бахмутом", "біля", "поблизу", "около".
CYRILLIC_NEAR_WORDS = words("під под біля около поблизу возле вблизи неподалік недалеко")
NEAR_WORDS = (
    words("near outside around nearby close towards toward beyond outskirts")
    | CYRILLIC_NEAR_WORDS
    | words("навколо вокруг")  # "around"
)
# Two words before a name that put the event on the way to it or around it, not in it:
# "in the direction of Izium", "on the highway to Kyiv", "on the outskirts of Bakhmut".
NEAR_PHRASES = frozenset((
    "direction of", "way to", "road to", "highway to", "outskirts of", "approaches to",
    "vicinity of", "edge of",
))  # fmt: skip
# A word after a name that makes it a front's sector, not the town: "the Izium axis".
AXIS_AFTER = re.compile(
    r"(?:[ \t]*(?:,|та|і|й|и)[ \t]*[А-ЯІЇЄҐЁ][\w'’-]+)*"  # "Авдіївському та Куп'янському"
    r"[ \t]+(?:axis|direction|front|frontline|sector"
    r"|напрям\w*|направлени\w*)(?!\w)",  # "на Бахмутському напрямку", "направлении"
    re.IGNORECASE,
)
DIRECTIONS = words(
    "north south east west northeast northwest southeast southwest northern southern "
    "eastern western central"
)

# Words between a locative and a place's name that say which part of it, or in what
# state it is: "in central Kramatorsk", "in occupied Melitopol", "in nearby Irpin".
PLACE_ADJECTIVES = DIRECTIONS | words(
    "northeastern northwestern southeastern southwestern north-eastern north-western "
    "south-eastern south-western downtown occupied russian-occupied russian-held "
    "ukrainian-held liberated besieged embattled frontline front-line war-torn nearby "
    "neighbouring neighboring "
    # Ukrainian and Russian, in the locative after у/в/на: "в самом Херсоне", "в
    # окупованому Мелітополі", "в прифронтовом Купянске"
    "самому самім самій самом окупованому окупованій оккупированном оккупированной "
    "прифронтовому прифронтовій прифронтовом прифронтовой звільненому освобожденном "
    "обласному областном центральному центральном"
)


def words_pattern(vocabulary: frozenset[str]) -> str:
    """A regular-expression alternation of the words, longest first."""
    return "|".join(re.escape(w) for w in sorted(vocabulary, key=lambda w: (-len(w), w)))


# Words after a name that make it a speaker (a person, or a metonym for a government).
SPEECH_VERBS = words(
    "said says told added stated announced claimed claims denied denies warned warns "
    "insisted insists accused accuses urged urges called calls argued argues believes "
    "believed thinks thought wrote writes tweeted noted explained asked asks replied "
    "responded confirmed confirms reported reports admitted admits aims wants wanted "
    "demanded demands rejected rejects condemned condemns vowed vows promised promises "
    "threatened threatens agreed agrees refused refuses hopes hoped feels felt"
)

# Nouns after an adjectival place name that make it about a state's forces or
# government ("Russian forces", "Ukrainian officials").
FORCE_NOUNS = words(
    "forces force troops army military soldiers servicemen navy fleet air aircraft jets "
    "drones drone missiles missile artillery units unit officials government authorities "
    "president prime minister ministry defence defense troopers paratroopers marines "
    "border police security intelligence separatists militants fighters occupiers "
    "invaders counteroffensive offensive positions strikes strike attack attacks shelling"
)

# Titles and roles before a person's name.
PERSON_TITLES = words(
    "mr mrs ms miss dr prof sir dame lord lady president minister secretary general gen "
    "sen senator rep representative gov governor mayor king queen prince princess pope "
    "saint st rev reverend father bishop archbishop chancellor premier ambassador judge "
    "justice commander col colonel lt lieutenant capt captain sgt sergeant maj major "
    "admiral adm chief spokesman spokeswoman spokesperson officer inspector detective "
    "coach director professor doctor deputy chairman chairwoman chair ceo head envoy "
    "correspondent reporter editor actor actress singer player striker author writer "
    "patriarch sheikh emir ayatollah mullah imam rabbi brother sister uncle aunt"
)

# Words that, following a name, make the whole a name of an organisation or thing.
ORG_WORDS = words(
    "post times news herald tribune journal gazette telegraph guardian independent "
    "observer standard express mail mirror star sun chronicle daily weekly magazine "
    "review press radio tv television channel network broadcasting corporation corp "
    "inc ltd llc company co group holdings bank university college school academy "
    "institute hospital clinic museum library council committee commission ministry "
    "department agency authority office bureau service services police army navy "
    "force forces guard party union federation association society club league team "
    "fc united city airlines airways airport railway railways motors energy oil gas "
    "cup open games championship stadium arena theatre theater church cathedral "
    "mosque foundation fund trust court parliament assembly senate congress government "
    "administration state elementary middle high magnet brand brands foods products "
    "labs laboratories laboratory pharmaceuticals industries systems technologies"
)

# Kinds of settlement and small division: "the township of X", "X is a hamlet in ...".
SETTLEMENT_WORDS = words(
    "hamlet township borough parish commune canton suburb neighbourhood neighborhood "
    "emirate kingdom resort community"
)

# "<word> of X" makes X a place: "the city of X", "east of X", "the fall of X".
PLACE_OF_WORDS = SETTLEMENT_WORDS | words(
    "city town village villages towns cities region oblast district province county state "
    "settlement outskirts suburb suburbs port capital area island republic municipality "
    "north south east west northeast northwest southeast "
    "southwest north-east north-west south-east south-west northern southern eastern western "
    "central heart centre center streets residents people mayor governor liberation capture "
    "fall battle siege shelling bombardment defence defense"
)

# Peoples and faiths, capitalised but never places ("the Orthodox pilgrim town of Pochaiv").
PEOPLE_ADJECTIVES = words(
    "shiite shia shi'ite sunni muslim muslims christian christians jewish jew jews arab arabs "
    "islamic islamist islamists catholic orthodox protestant alawite alawites druze pashtun "
    "tamil tamils sinhalese hutu tutsi chechen chechens uighur uyghur baloch baluch berber "
    "hindu hindus sikh sikhs buddhist buddhists yazidi yazidis turkmen kurdish kurds kurd "
    "coptic copts maronite bedouin tatar tatars cossack cossacks roma"
)

# Nouns that make a preceding name a place ("the Donetsk region", "Kherson city").
PLACE_NOUNS = words(
    "city town village region oblast province district county state raion area "
    "airport port river sea island peninsula border frontier capital suburb suburbs "
    "outskirts plant base highway road bridge dam reservoir valley mountains coast "
    "countryside territory municipality governorate prefecture works factory complex "
    "mill refinery mine station facility terminal depot airfield shipyard harbour harbor "
    "frontline front township borough parish"
)

# Capitalised words that are not places whatever the gazetteer says.
CAPITALISED_NOT_PLACES = words(
    "I A The An This That These Those It He She They We You His Her Their Our My Your "
    "Its There Here What When Where Who Why How Which If But And Or Yet So As At By For "
    "From In Into Of On To With Without After Before During Since Until While Although "
    "Because However Meanwhile Also Still Even Just Only Then Now Today Tomorrow "
    "Yesterday Tonight Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mr "
    "Mrs Ms Dr No Yes Not All Some Many Most More Much Several Both Each Every One Two "
    "Three Four Five Six Seven Eight Nine Ten First Second Third Last Next New Old God "
    "Lord Christ Jesus Allah Christmas Easter Ramadan Eid Internet Twitter Facebook "
    "Telegram YouTube Instagram TikTok WhatsApp Google Reuters AP AFP BBC CNN NATO UN "
    "EU's OSCE IAEA WHO UNICEF UNHCR ICRC Red Cross Parliament "
    "Government President Minister Ministry Secretary General Army Navy Police Court "
    "Update Updated Breaking Live Photo Video Read Watch Sign Subscribe Share Comment "
    "Image Getty Copyright Note Editor Source Sources Officials Official According "
    "Please Thank Thanks Dear Sir Madam OK Okay Oh Well Like Unlike Instead Despite "
    "Amid Against Among Across Over Under About Above Below Per Via Re North South East "
    "West Northern Southern Eastern Western Central Centre Center Upper Lower Middle "
    "Greater Northeast Northwest Southeast Southwest Mon Tue Tues Wed Thu Thur Thurs Fri Sat"
) | frozenset(m.title() for m in MONTHS)

# US Postal Service state codes: after a town ("Springfield, IL") they name its state.
US_STATE_CODES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas",
    "CA": "California", "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware",
    "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii",
    "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming", "PR": "Puerto Rico",
}  # fmt: skip

# After a place, the passive of what befell it: "Odesa was hit", "Kharkiv came under
# fire" (the place is the subject of the event, not its agent).
PASSIVE_AFTER = re.compile(
    r"['’]?s?\s+(?:was|were|has\s+been|have\s+been|had\s+been|is\s+being|came\s+under|"
    r"remains?\s+under)\s",
    re.IGNORECASE,
)

# A letter of the Cyrillic script: Ukrainian and Russian text is read by its own rules
# wherever one appears (the language check, the event words, dates and deaths).
CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")

# The one definition of how names follow each other in a list, and of the gap between a
# place and the region that qualifies it; the stages build their patterns from these.
# Between two names of one list: "Izium, Lyman and Bakhmut", "Sumy/Kharkiv".
LIST_SEPARATOR = (
    r"\s*(?:,|and|or|&|, and|, or|/"
    # Ukrainian and Russian: "Куп'янську, Вовчанську та Ізюму", "Шебекино и Белгород"
    r"|та|і|й|и|або|или|, а також|, а также)\s*"
)
# After a name, its list goes on: ", " " and " " or " " & ".
LIST_CONTINUES = r"\s*(?:,|\band\b|\bor\b|&|(?<!\w)(?:та|і|й|и|або|или)(?!\w))"
# Between a place and its qualifier: "Lozove, Kharkiv", "Troitske (Luhansk)", "Pervomaiske
# village, Donetsk region".
QUALIFIER_GAP = r"\s*(?:village|town|city|settlement)?\s*[(,]\s*#?"
# ... as the geoparser reads it: a district is qualified too ("Vesele, Pokrovskyi
# district, Donetsk": Donetsk qualifies the district as well as Vesele, so no Pokrovskoye
# outside it is the district's reading). The events stage keeps the narrower gap: there
# a district before a region is no village standing at it. ("X community, Y" was tried
# too: the ACLED notes gained nothing and the deep gazetteer's lost 0.3 points.)
DIVISION_QUALIFIER_GAP = r"\s*(?:village|town|city|settlement|district|raion|rayon)?\s*[(,]\s*#?"

# A region named before a list of names qualifies every name of the list (both stages):
# "positions in the Kharkiv sector near Balakliia, Savyntsi and Izium", "in the Donetsk
# region, near Avdiivka and Pisky". Group 1 is the region's name, group 2 the list.
REGION_BEFORE_LIST = re.compile(
    # "sector": the military sectors of the Donbas front are named after their oblasts
    r"\bin\s+the\s+((?:[A-Z][\w’'\-]*\s){1,2})"
    r"(?:[Oo]blast|[Rr]egion|[Pp]rovince|[Rr]aion|[Dd]istrict|sector)\s*,?\s+"
    r"(?:near|around|outside|in|at|including|between)\s+(?:the\s+)?"
    r"(?:(?:villages?|towns?|settlements?)\s+(?:of\s+)?)?"
    r"((?:[A-Z][\w’'\-]*(?:\s[A-Z][\w’'\-]*){0,2}(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)){0,12}"
    r"[A-Z][\w’'\-]*(?:\s[A-Z][\w’'\-]*){0,2})"
)

# After a name, the rest of a list of names that ends with one plural type word: "the
# Sumy, Poltava and Kharkiv oblasts", "Belgorod and Kursk regions" (the word serves all).
LISTED_TYPE_WORD = re.compile(
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*"
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(regions|oblasts|provinces|districts)\b"
)

# Capitalised phrases that name no place although a town bears the name.
NOT_PLACE_PHRASES = frozenset(
    ("El Niño", "El Nino", "La Niña", "La Nina", "France-Presse", "Agence France-Presse")
)  # the news agency AFP is no place in France

# Words after a name that make it the name of a disease, a strain or a product.
NOT_PLACE_NEXT = words(
    "virus viruses fever flu influenza strain strains syndrome encephalitis pox disease "
    "diseases vaccine vaccines variant variants"
)


def _census(files: tuple[str, ...]) -> dict[str, float]:
    shares: dict[str, float] = {}
    try:
        base = resources.files("names")
    except ModuleNotFoundError:  # pragma: no cover - optional data
        return shares
    for fname in files:
        try:
            text = base.joinpath(fname).read_text("ascii")
        except (OSError, UnicodeDecodeError):  # pragma: no cover
            continue
        for line in text.splitlines():
            parts = line.split()
            if len(parts) >= 2:
                shares[parts[0]] = shares.get(parts[0], 0.0) + float(parts[1]) / 100
    return shares


@functools.lru_cache(maxsize=1)
def _first_names() -> dict[str, float]:
    """First name (upper case) -> share of the US population with it (Census 1990)."""
    return _census(("dist.male.first", "dist.female.first"))


@functools.lru_cache(maxsize=1)
def _surnames() -> dict[str, float]:
    """Surname (upper case) -> share of the US population with it (Census 1990)."""
    return _census(("dist.all.last",))


@functools.lru_cache(maxsize=1)
def _common_words() -> dict[str, None]:
    """The common words, as the keys of a dict: a dict of strings is left alone by the
    garbage collector, a set of two hundred thousand is read whole at each full
    collection, in every report's reading."""
    try:
        from english_words import get_english_words_set
    except ImportError:  # pragma: no cover - optional data
        return {}
    return dict.fromkeys(w for w in get_english_words_set(["web2"], lower=False) if w.islower())


def is_common_word(word: str) -> bool:
    """Whether ``word`` in lower case is a common English word (not only a name).

    Examples
    --------
    >>> is_common_word("Buffalo"), is_common_word("Kharkiv")
    (True, False)
    """
    return word.lower() in _common_words()


def surname_share(word: str) -> float:
    """Share of people whose surname is ``word`` (0 when not a known surname).

    Examples
    --------
    >>> surname_share("Campbell") > 0.001
    True
    """
    return _surnames().get(word.upper(), 0.0)


def first_name_share(word: str) -> float:
    """Share of people whose first name is ``word`` (0 when not a known first name).

    Examples
    --------
    >>> first_name_share("James") > 0.01
    True
    >>> first_name_share("Mariupol")
    0.0
    """
    return _first_names().get(word.upper(), 0.0)
