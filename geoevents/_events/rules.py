"""The events stage's hand rules as data: every pattern and word table it reads reports with.

Each group carries the reason it exists, with an invented example; each has a test in
``tests/events/test_rules.py`` that shows the example. Word lists shared with the
geoparser live in :mod:`geoevents._lexicon`. To add a rule: add it here with its reason,
add its test, and run ``benchmarks/snapshot.py`` to see which outputs it changes.
"""

from __future__ import annotations

import re

from .. import _lexicon as lex

# ----------------------------------------------------------------- sentences

# Words whose dot does not end a sentence: titles ("Gen. Petrenko"), "St.", "etc.",
# month abbreviations ("on 3 Sept. the town").
ABBREVIATIONS = lex.MONTH_ABBREVIATIONS | lex.words(
    "mr mrs ms dr st gen lt col sgt maj capt cpt adm gov sen rep prof jr sr inc ltd co corp vs "
    "etc no u.s u.k e.g i.e approx est mt ft"
)
# A sentence ends at . ! or ? before a capital, a digit or an opening quote, and at a
# line break (a title, a list item).
BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9А-ЯІЇЄҐ])|\n\s*")
# A "sentence" longer than this is no sentence but text without full stops (a scraped
# page, a table): it is read in pieces of at most this many characters (PIECE_CUT), so
# that the work per sentence (its event words and places, each weighed against each)
# stays bounded. The development texts' longest sentence has 1,864 characters.
MAX_SENTENCE_CHARS = 2_000
# ... cut after the last comma, semicolon or colon of the piece's second half, else at
# its last space
PIECE_CUT = re.compile(r"[,;:]\s+|\s+")
# An event word is weighed against at most this many of its sentence's places, the
# nearest to it: beyond them the locator never chooses (its gap feature stops at 25
# words), and a piece of a page without full stops ("shelled Kharkiv, shelled Izium,
# ..." for a megabyte) names scores of places for each of its scores of event words.
LOCATOR_MAX_PLACES = 20
# ... and the event words of one sentence share this many weighings: a sentence of many
# event words weighs fewer places for each (never fewer than LOCATOR_MIN_PLACES, the
# nearest on each side and their neighbours), so that a piece of such a page costs
# about as much as 20 ordinary sentences. On the development data neither bound cuts
# anything (benchmarks/bench_locator_load.py: at most 18 places and 5 event words).
LOCATOR_WEIGHINGS = 400
LOCATOR_MIN_PLACES = 4

# ------------------------------------------------------------------ languages

# A letter of the Cyrillic script. Only text that has one is read with the Ukrainian and
# Russian words (the lexicon's Cyrillic rows, the dates' month names); the rules below
# open their Ukrainian and Russian branch with it, so that English text pays one failed
# look per word for them.
CYRILLIC = lex.CYRILLIC_LETTER
_CYR = r"(?=[\u0400-\u04ff])"

# -------------------------------------------------------------------- status

# A report that hedges what it tells: "reportedly", "could not be independently
# verified", "is said to"; in Ukrainian and Russian "нібито", "якобы" (allegedly), "за
# попередніми даними", "по предварительным данным" (according to preliminary data: the
# source itself says it may change), "по неподтверждённым данным", "інформація
# уточнюється" (being checked), "ймовірно", "предположительно" (presumably, as "is
# believed to").
HEDGE_UNCONFIRMED = re.compile(
    r"\b(?:reportedly|unconfirmed|unverified|allegedly|rumou?red|"
    r"(?:could|can)(?:\s+not|n[o']t)\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)\w*|"
    r"no\s+independent\s+(?:confirmation|verification)|"
    r"not\s+(?:been\s+)?(?:independently\s+)?(?:verified|confirmed)|"
    r"(?:is|are|was|were)\s+(?:said|reported|believed)\s+to|"
    r"according\s+to\s+(?:unconfirmed|unverified)\s+reports?|"
    + _CYR
    + r"(?:нібито|начебто|ніби\s+то|якобы|будто\s+бы|"
    r"за\s+попередн\w{0,4}\s+(?:даними|інформацією|оцінками|відомостями)|попередньо|"
    r"по\s+предварительн\w{0,3}\s+(?:данным|информации|оценкам|сведениям)|предварительно|"
    r"непідтвердж\w{0,5}|неперевірен\w{0,3}|неподтвержд[её]нн\w{0,3}|непроверенн\w{0,3}|"
    r"за\s+неофіційн\w{0,3}\s+(?:даними|інформацією)|по\s+неофициальн\w{0,3}\s+(?:данным|информации)|"
    r"(?:не|ще\s+не|поки\s+що\s+не|наразі\s+не)\s+(?:було\s+)?(?:незалежно\s+)?підтвердж\w{0,4}|"
    r"(?:не|ещё\s+не|еще\s+не|пока\s+не)\s+(?:было\s+)?(?:независимо\s+)?подтвержд\w{0,4}|"
    r"не\s+вдалося\s+(?:незалежно\s+)?(?:перевірити|підтвердити)|"
    r"не\s+удалось\s+(?:независимо\s+)?(?:проверить|подтвердить)|"
    r"інформаці[яю]\s+(?:уточнюється|уточнюють|перевіряється|перевіряють)|"
    r"информаци[яю]\s+(?:уточняется|уточняют|проверяется|проверяют)|"
    r"ймовірно|імовірно|вірогідно|вероятно|предположительно))\b",
    re.IGNORECASE,
)
# A side's own claim: "the ministry claimed", "purportedly"; "стверджують", "утверждает"
# (claim), "за твердженням", "по утверждению" (by the claim of), "заявляє про захоплення"
# (announces a capture). Plain telling, "повідомляє", "заявили", "сообщили" (reports,
# said), claims nothing, as "said" does not.
HEDGE_CLAIMED = re.compile(
    r"\b(?:claim(?:s|ed|ing)?|asserted|purported(?:ly)?|"
    + _CYR
    + r"(?:стверджу\w{0,4}|за\s+твердженням|утвержда(?:ет|ют|л|ла|ли|ло|я)|"
    r"по\s+утверждени\w{0,2}|заявля(?:є|ють|ла|ли|в)\s+про|заявля(?:ет|ют|л|ла|ли)\s+об?))\b",
    re.IGNORECASE,
)
# Before a trigger, words that make it a possibility, a plan or a wish, not news: "could
# strike", "preparing for an assault", "calls for a halt to shelling".
HYPOTHETICAL = re.compile(
    r"\b(?:prepar\w*\s+(?:for|to)|expect\w*|plan\w*\s+to|threat\w*|fears?\s+(?:of|that)|"
    r"(?-i:may)|might|could|would|will|shall|aims?\s+to|intend\w*\s+to|possible|potential|"
    r"warn\w*\s+of|risk\s+of|ready\s+to|able\s+to|want\w*\s+to|try(?:ing)?\s+to|"
    r"tried\s+to|attempt\w*\s+to|due\s+to|scheduled\s+to|stop|end|ending|halt|prevent|"
    r"call\w*\s+for|urg\w*|demand\w*|push\w*\s+for|hope\w*\s+for|seek\w*|"
    r"look\w*\s+forward\s+to|ahead\s+of|before|"
    # a denied act is no event: "Ukraine has denied shelling civilian areas" (ACLED
    # codes what happened, not what each side says did not)
    r"den(?:y|ies|ied|ying)|"
    # ... and in Ukrainian and Russian: "може завдати удару" (may strike), "загроза
    # ракетного удару" (a threat of a missile strike: an air-raid alert, no strike yet),
    # "готуються до наступу", "намагалися прорватися" (tried to), "щоб зупинити обстріли"
    + _CYR
    + r"(?:може|можуть|міг|могли|могла|можлив\w*|загроз\w*|небезпек\w*|готу\w*\s+до|"
    r"план\w*|намага\w*|спроб\w*|хоче|хочуть|прагн\w*|намір\w*|буде|будуть|погрож\w*|"
    r"щоб|запобіг\w*|припин\w*|зупин\w*|заклик\w*|вимага\w*|очіку\w*|перед|заперечу\w*|"
    r"спростову\w*|отрица\w*|опроверга\w*|"
    r"может|могут|мог|возможн\w*|угроз\w*|опасност\w*|готов\w*\s+к|пыта\w*|попыт\w*|"
    r"хочет|хотят|стрем\w*|намерен\w*|будет|будут|угрожа\w*|чтобы|предотвра\w*|прекра\w*|"
    r"останов\w*|призыва\w*|призва\w*|требу\w*|ожида\w*))\b(?:\W+\w+){0,3}\W*$",
    re.IGNORECASE,
)
# Participles that describe a place rather than report an event: "in occupied Tokmak" (a
# siege goes on and a "destroyed bridge" is news: those stay events).
DESCRIPTOR_WORDS = frozenset(
    ("occupied", "liberated", "annexed", "captured", "seized", "recaptured")
)  # a siege goes on, and a "destroyed bridge" is news: those stay events
# ... when used as adjectives: after "in", "the", "newly", "temporarily".
DESCRIPTOR_BEFORE = re.compile(
    r"(?:\b(?:in|the|of|from|at|into|across|towards?|near|newly|recently|temporarily|"
    r"partially|partly|now|still|already|heavily|badly|largely)\s+|\w-)$",
    re.IGNORECASE,
)
# A year before the report's own: "since 2014" tells history, not news; "у 2014 році", "з
# 2014 року", "в 2014 году", "с 2014 года".
PAST_YEAR = re.compile(
    r"\b(?:in|since|from|during|"
    + _CYR
    + r"(?i:у|в|з|із|с|від|от|під\s+час|во\s+время))\s+((?:19|20)\d\d)\b(?!\s*[-–])"
)
# A place named as background to the event: "annexed in 2014", "years ago", "aims to
# take".
BACKGROUND = re.compile(
    r"\b(?:annex(?:ed|ation|ing)|since\s+(?:19|20)\d\d|in\s+(?:19|20)\d\d|back\s+in|"
    r"years?\s+ago|last\s+year|(?:19|20)\d\d\s+(?:war|invasion|annexation)|"
    r"(?:aims?|wants?|seeks?|seeking|intends?|plans?|planned|hopes?|goal)\s+(?:to|of))\b",
    re.IGNORECASE,
)
# A date after "since", "until", "before" bounds a period; it is not the event's date;
# nor right after "з", "від", "до", "після", "с", "от", "после" ("з 24 лютого", "до 5
# мая"), nor a document's date ("указ від 5 травня").
SINCE = re.compile(
    r"\b(?:since|until|till|before|after)\b[^,;.]{0,50}$|"
    r"\b" + _CYR + r"(?:починаючи\s+з|з|із|від|до|після|по|начиная\s+с|с|от|после)\s+$",
    re.IGNORECASE,
)

# ---------------------------------------------------------------- fatalities

# Numbers written as words; "dozens" counts as two dozen, the least it can mean.
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a hundred": 100, "hundred": 100,
    "dozens": 24, "a dozen": 12, "dozen": 12,
}  # fmt: skip
# Digits group by threes ("1,200"): a comma after a number ends it ("in May 2022, killing
# two" counts two, not 2,022).
NUM = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+|"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + ")"
)
# "at least 12 people were killed", "killing three", "two dead": the number of the dead.
FATALITIES = re.compile(
    rf"\b(?:at\s+least\s+|some\s+|about\s+|around\s+|nearly\s+|more\s+than\s+|over\s+)?"
    rf"(?P<n>{NUM})\s+(?:\w+\s+){{0,3}}?(?:people|persons|civilians|soldiers|servicemen|troops|"
    rf"fighters|residents|children|men|women|militants|members|police(?:men)?|officers|"
    rf"personnel|workers|dead|killed|died)\b(?:\s+(?:were|was|have\s+been|had\s+been))?"
    rf"(?:\s+(?:killed|dead|died|shot\s+dead))?|"
    rf"\bkill(?:ing|ed)\s+(?:at\s+least\s+)?(?P<n2>{NUM})\b|"
    rf"\b(?P<n3>{NUM})\s+(?:were\s+)?(?:killed|dead)\b",
    re.IGNORECASE,
)
# A count of people is a count of the dead only with a word of death near it.
KILL_WORD = re.compile(r"\b(?:kill\w*|dead|died|death|deaths|shot\s+dead|lost\s+their\s+lives)\b",
                        re.IGNORECASE)  # fmt: skip
# A quick test: most sentences speak of no deaths.
DEATH_HINT = re.compile(r"kill|dead|died|death|fatalit|casualt|lives", re.IGNORECASE)
# The number words those sentences use, in their case forms.
CYRILLIC_NUMBERS = {
    **dict.fromkeys(lex.words("один одна одне одного одну одному одной одно"), 1),
    **dict.fromkeys(lex.words("два дві двоє двох двое двух двома"), 2),
    **dict.fromkeys(lex.words("три троє трьох трое трёх трех трьома"), 3),
    **dict.fromkeys(lex.words("чотири четверо чотирьох четыре четверых четырех четырёх"), 4),
    **dict.fromkeys(lex.words("п'ять п’ять пять п'ятеро п’ятеро пятеро п'ятьох пяти"), 5),
    **dict.fromkeys(lex.words("шість шестеро шесть шести"), 6),
    **dict.fromkeys(lex.words("сім семеро семь семи"), 7),
    **dict.fromkeys(lex.words("вісім восьмеро восемь восьми"), 8),
    **dict.fromkeys(lex.words("дев'ять дев’ять девять дев'ятеро девяти"), 9),
    **dict.fromkeys(lex.words("десять десятеро десяти"), 10),
}
# Deaths told in Ukrainian or Russian: a number (digits or a word of CYRILLIC_NUMBERS)
# before or after the verb or noun of dying: "загинули двоє", "три человека погибли",
# "5 загиблих", "убиты 2 мирных жителя". A death word and a number either side of it,
# at most three words apart in one clause ("чотири ракети, загинула одна людина": 1).
_CYR_DEATH = (r"(?:загинул[аио]?|загинув|загиблих|вбит[аоі]?|вбили|загибель|погибл[аио]?|погиб"
              r"|погибших|убит[аоы]?|убили)")  # fmt: skip
# (a number is no count of people when a unit follows it: "5 травня", "2022 році", "24
# години", "155-мм")
_CYR_NUMBER = (
    r"(?P<n>\d+|"
    + "|".join(sorted(map(re.escape, CYRILLIC_NUMBERS), key=len, reverse=True))
    + r")(?![\w-])(?!\s*(?:-?мм|січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листоп|груд"
    r"|янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек|рок|рік|році|год|годин|час|добу"
    r"|сут|км|відсот|процент|%))"
)
CYRILLIC_FATALITIES = re.compile(
    rf"(?<![\w'])(?:{_CYR_DEATH}(?:\s+[^\s,;.]+){{0,2}}?\s+{_CYR_NUMBER}"
    rf"|{_CYR_NUMBER.replace('<n>', '<n2>')}(?:\s+[^\s,;.]+){{0,2}}?\s+{_CYR_DEATH})(?![\w'])",
    re.IGNORECASE,
)
# "Загиблих немає", "обошлось без жертв": zero, not unknown.
CYRILLIC_NO_FATALITIES = re.compile(
    r"(?:загиблих\s+(?:немає|нема)|без\s+жертв|погибших\s+нет|жертв\s+(?:немає|нет))",
    re.IGNORECASE,
)
# "No casualties were reported": zero, not unknown.
NO_FATALITIES = re.compile(r"\bno\s+(?:fatalities|casualties|deaths|one\s+was\s+(?:killed|hurt))",
                            re.IGNORECASE)  # fmt: skip

# --------------------------------------------------------------------- where

# Words before a place that make it where the event happened: "in", "near", "across",
# "targeting".
LOCATIVE = frozenset(
    [
        "in",
        "at",
        "near",
        "outside",
        "on",
        "into",
        "over",
        "across",
        "around",
        "toward",
        "towards",
        "inside",
        "within",
        "along",
        "throughout",
        "off",
        "onto",
        "upon",
        "beside",
        "beyond",
        "behind",
        "past",
        "against",
        "targeting",
    ]
)
# Ukrainian and Russian prepositions before a place, read as the English word they
# translate, so that the locator weighs "по Запоріжжю", "у Харкові", "під Бахмутом",
# "из Курска" as it weighs "at Zaporizhzhia", "in Kharkiv", "near Bakhmut", "from Kursk".
CYRILLIC_PREPOSITIONS = {
    **dict.fromkeys(lex.words("у в во на"), "in"),
    "по": "at",  # the target of fire: "вдарили по Харкову"
    **dict.fromkeys(lex.CYRILLIC_NEAR_WORDS | lex.words("поруч рядом"), "near"),
    "над": "over",
    **dict.fromkeys(lex.words("навколо вокруг"), "around"),
    **dict.fromkeys(lex.words("з із зі из с со від от"), "from"),
    **dict.fromkeys(lex.words("до к ко"), "to"),
}
# "shelled by the 3rd Brigade": the agent of a passive is actor1.
BY_AGENT = re.compile(r"\bby\s+(?:the\s+)?$")
# A speech verb shortly before a place makes it the speaker's seat: "said in Warsaw".
SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told|tells|announced|stated|speaking|spoke|declared|wrote|tweeted|"
    r"added|noted|warned|insisted)\b[^.;]{0,30}$"
    # ... and in Ukrainian and Russian: "повідомили у Києві", "заявил в Москве"
    r"|(?<![\w-])(?:повідоми\w*|заяви\w*|сказа\w*|наголоси\w*|зазначи\w*|сообщи\w*"
    r"|отмети\w*|подчеркну\w*|написа\w*|розповіли|рассказа\w*)[^.;]{0,30}$",
    re.IGNORECASE,
)
# "in the area", "nearby": the event is where the last place named was.
ANAPHORA = re.compile(
    r"\b(?:in|near|around|over|outside)\s+the\s+(?:area|city|town|region|village|"
    r"oblast|province|district|settlement|port)\b|\b(?:there|nearby)\b",
    re.IGNORECASE,
)
# Between two places of one list: "in Izium, Lyman and Bakhmut", "Sumy/Kharkiv".
LIST_GAP = re.compile(lex.LIST_SEPARATOR)
# A bracketed address inside a list does not end it: "Orikhiv (Zaporizhzhia) and
# Polohy".
PARENTHETICAL = re.compile(r"\s*\([^()]{1,40}\)")
# After a qualifier's place the list goes on: "Lozove, Kharkiv and Balakliia" is a list,
# not an address.
LIST_GOES_ON = re.compile(lex.LIST_CONTINUES + r"\s*\(?[A-ZА-ЯІЇЄҐЁ]")
# Between an unknown place and the region that qualifies it: "Zelenyi Hai (Kherson)",
# "Zelenyi Hai village, Kherson".
QUALIFIER_GAP = re.compile(lex.QUALIFIER_GAP)
# A government acting through its capital's or its country's name: "Warsaw has sent",
# "Minsk's troops" (only for countries and cities the size of a capital).
AGENT_AFTER = re.compile(
    r"(?:\s+(?:has|have|had|is|was|were|will|would)(?:\s+(?:now|also|since|already|not|been))?"
    r"\s+(?:taken|launched|shifted|sent|moved|accused|begun|started|deployed|sought|tried|"
    r"failed|managed|refused|demanded|warned|denied|insisted|claimed|regrouping|sending|trying|"
    r"seeking|preparing|planning|pressing|pushing|massing|concentrating|focusing|using|"
    r"blamed|threatened|annexed|recognised|recognized|ordered|withdrawn|pulled)"
    r"|\s+(?:shifted|launched|began|moved|regrouped|sent|deployed|wants|seeks|hopes|"
    r"continues|keeps|accused|accuses|blamed|blames|annexed|recognised|recognized|ordered|"
    r"withdrew|pulled|massed|stepped)"
    r"|['’]s\s+(?:\w+\s+)?(?:offensive|effort|efforts|forces|troops|army|military|war|"
    r"invasion|campaign|goals?|aims?|plans?|strategy|attempts?|push|assault|advance|"
    r"shelling|shells|attacks?|strikes?|bombardment|artillery|missiles?|drones?)"
    r"|\s+(?:forces|troops|army|military|government|authorities|regime|officials|"
    r"militia|side|command))\b",
    re.IGNORECASE,
)
# ... the size of a capital: the gazetteer's prominence of a city of two million, or of a
# capital of 630,000 (a capital gains 0.5).
SEAT_PRIOR = 6.3
# A demonym before a lower-case noun names a people, not the town that shares its
# spelling: "a Canadian convoy".
LOWER_NEXT = re.compile(r"\s+[a-z][a-z-]+\b(?!\s+(?:of|in)\b)")
# A place after a colon or a dash that says who speaks: "... wounded in shelling: Kyiv".
ATTRIBUTION_BEFORE = re.compile(r"(?::|\s[-–—])\s*$")
# ... at the end of a line, or before "military", "officials", "said".
ATTRIBUTION_AFTER = re.compile(r"\s*(?:[;\n]|$|\s+(?:military|officials|says|said)\b)")
# A noun between a locative and the place's name: "in the capital Vilnius", "in the port
# town Berdiansk".
APPOSITION_NOUNS = lex.words(
    "capital city town village port township district province region state settlement "
    "hamlet resort suburb neighbourhood neighborhood"
)
# A river, a lake or a sea named after a place word: "the Oskil river", "the Kakhovka
# reservoir": where a town is shelled from, not the town.
WATER_AFTER = re.compile(r"\s+(?:river|reservoir|lake|sea|bay|estuary|canal|channel)\b",
                          re.IGNORECASE)  # fmt: skip
# ... and gazetteer names of water bodies.
WATER_NAME = re.compile(r"\b(?:River|Sea|Lake|Reservoir|Bay|Gulf|Estuary|Strait|Ocean|Canal)\b")

# ------------------------------------------------------------- unknown names

# A name right after an event word may be a place the gazetteer lacks: "shelled Zelenyi
# Hai", "captured the Zelena Hora ridge".
OBJECT_NAME = re.compile(
    r"\s+(?:the\s+)?[\"“]?((?:[A-Z][\w'’.-]*|al-\w+)(?:\s+(?:[A-Z][\w'’.-]*|al-\w+|of|de))*)"
)
# A part of a place, after its possessive: "Kharkiv's Saltivka district".
POSSESSED_NAME = re.compile(
    r"['’]s\s+(?:[a-z-]+\s+){0,2}((?:[A-Z][\w'’.-]*|al-\w+)(?:\s+(?:[A-Z][\w'’.-]*|al-\w+))*)"
)
# A place word whose possessive names a part of it: "the capital's Podil district".
OWNER_NOUN = re.compile(r"\b(?:capital|city|town|village|province|region|country)(?=['’]s\b)")
# A capitalised name after a locative word: "in the village of Zelenyi Hai", "at the
# Kyivskyi market".
UNRESOLVED = re.compile(
    r"\b(?i:in|at|near|outside|inside|into|from|around|of|towards?|on)\s+"
    r"(?:(?:the|a|an|its|their|his|her|popular|nearby|local|main|small|central|southern|"
    r"northern|eastern|western|village|town|city|district|neighbourhood|neighborhood|"
    r"suburb|area|region|province|camp|settlement)\s+){0,3}"
    r"((?:[A-Z][\w'’.-]*|al-\w+|el-\w+|bin|de|of)(?:\s+(?:[A-Z][\w'’.-]*|al-\w+|bin|de|of))*)"
)
# A person and their age: "Ivan Petrenko, 34, ...".
AGE_AFTER = re.compile(r",\s*\d{1,3}\s*,")
# Hyphenated adjectives, never a place: "Soviet-made", "Kyiv-based".
ADJECTIVE_SUFFIXES = (
    "-", "-made", "-based", "-backed", "-led", "-controlled", "-held", "-dominated",
    "-occupied", "-era", "-style", "-born", "-run", "-owned", "-linked", "-allied",
)  # fmt: skip
# Titles that also open place names: "Sheikh Zayed", "Saint-Malo", "San Remo".
TOPONYM_TITLES = lex.words("sheikh sheik shaikh saint st st. san santa imam mar abu bin")
# Words that make a capitalised name an armed group, an operation or an institution:
# "Azov Regiment", "Operation Spring".
GROUP_WORDS = lex.words(
    "army armies brigade brigades battalion battalions regiment regiments forces force front "
    "operation operations jabhat jaysh jaish liwaa ahrar harakat hezbollah hizbollah taliban "
    "qaeda al-qaeda isis isil daesh shabaab al-shabaab militia militias party movement council "
    "committee government ministry regime international agency organization organisation "
    "union corps guard guards division command coalition alliance group network al-sham "
    "al-nusra nusra war exchange conquest"
)
# "Ministry of Defence", "University of X": the name after "of" belongs to an
# organisation.
OF_ORG = lex.ORG_WORDS | lex.PERSON_TITLES | lex.words("chief head member members")
# Capitalised words after a locative that are no place: months, weekdays, ministries'
# portfolios.
NOT_NAME_WORDS = frozenset(lex.MONTHS) | lex.words(
    "defense defence interior health justice foreign affairs finance education energy "
    "monday tuesday wednesday thursday friday saturday sunday"
)

# ----------------------------------------------------------- parts of places

# The capitalised words after a place match: "Zelenyi Hai Druhyi" is one name the
# gazetteer only partly knows.
CAPITALISED_RUN = re.compile(r"(?:\s+#?[A-Z][\w'’-]*)+")
# Words that make "<Place> ... <word>" a building or institution in that place: "Sumy
# Regional Hospital".
FACILITY_WORDS = (
    lex.ORG_WORDS
    | lex.PLACE_NOUNS
    | lex.words(
        "substation market supermarket cemetery seminary polytechnic park square street avenue "
        "hotel mall hall centre center building tower plaza theatre gymnasium lyceum stadium "
        "warehouse shop store cafe restaurant hostel dormitory barracks prison maternity "
        "kindergarten airbase airbases grave graves checkpoint checkpoints "
        # a mine is named by a number or a person, never by its town: "Mine 6/7",
        # "Shakhta imeni Gagarina" ("the mine named after Gagarin")
        "mine mines shakhta colliery"
    )
) - frozenset(("city", "town", "village", "region", "oblast", "province", "district", "county",
                "state", "raion", "area", "capital", "territory", "municipality"))  # fmt: skip
# After a name, the words that make it a building's or a site's name: "the Lenin plant",
# "Market complex", "Oak Grove Park" (capitalised words may come between).
FACILITY_AFTER = re.compile(
    r"(?:\s+[A-Z][\w'’-]*)*\s+(?i:" + lex.words_pattern(FACILITY_WORDS) + r")\b"
)
# After a town's name, a site that usually lies out of town, kilometres from the town's
# point: "Lysychansk Oil Refinery", "Hostomel airport", "the Slovianska power station"
# (the event there claims 25 km, not 10).
OUTLYING_SITE_AFTER = re.compile(
    r"(?:\s+[A-Z][\w'’-]*)?\s+(?i:airport|airfield|air\s+base|airbase|refinery|substation"
    r"|power\s+(?:station|plant)|thermal\s+power|nuclear\s+power|dam|training\s+(?:ground|range)"
    r"|proving\s+ground|ammunition\s+depot|oil\s+depot|fuel\s+depot)\b"
)
# ... and a place named as where that building or site is: "... plant in Sumy", and
# after a site's number or patron, its address: "Mine 6/7, Donetsk", "Shakhta imeni
# Gagarina, Donetsk".
CONTAINER_BEFORE = re.compile(
    r"(?:\s+(?:No\.?\s*)?\d[\w/-]*(?=,)|\s+imeni(?:\s+[A-Z][\w'’-]*)+(?=,))?"
    r"(?:,\s*|\s+(?:in|at|near|of)\s+(?:the\s+)?(?:city\s+of\s+)?)",
    re.I,
)
# An armed unit's name is no place: "battalion Sparta", "the Sokil brigade".
UNIT_BEFORE = re.compile(r"\b(?:battalion|brigade|regiment|detachment|squad|unit)\s+$", re.I)
# A facility's name with its links: "Kharkiv Institute of Arts and Crafts".
NAME_WITH_LINKS = re.compile(r"(?:\s+(?:(?:of|and|for|the|&)\s+)?[A-Z][\w'’.-]*)*")
# A district, a street or a park of a city: "Kyivskyi District, Odesa" is part of
# the city, not of its region.
CITY_PART = re.compile(
    r"\b(?:district|microdistrict|neighbou?rhood|quarter|street|avenue|square|park)\W*$",
    re.IGNORECASE,
)
# "the capital of Moldova, Chisinau": the capital is the place, the country its address.
CAPITAL_OF = re.compile(r"\b(?:capital|capital city)\s+of\s+(?:the\s+)?$")
# A place named as part of another: "Chile's northern Atacama", "the Poltava district
# of Kyivskyi".
POSSESSIVE_GAP = re.compile(
    r"['’]s?\s+(?:[a-z-]+,?\s+){0,2}"
    r"|\s+(?:[a-z-]+\s+)?(?:neighbou?rhoods?|districts?|suburbs?|quarters?|areas?|"
    r"villages?|towns?|port city|city|province|governorate|region)\s+of\s+(?:the\s+)?"
)
# ... the other way round: "the Kyivskyi district of Poltava", "the outskirts of Sumy".
PART_OF_GAP = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:area|areas|neighbou?rhoods?|district|districts|suburbs?|quarters?|"
    r"sections?|parts?|outskirts|countryside|camp|sector|town|village|junction)\s+(?:of|in)\s+"
    r"(?:the\s+)?(?:[a-z-]+\s+)?"
)
# A distance in a landmark phrase: "40 km south of Zaporizhzhia", "five kilometres west".
DISTANCE = re.compile(
    r"(\d[\d,.]*|" + "|".join(w for w in sorted(NUMBER_WORDS, key=len, reverse=True)
                              if not w.startswith(("a ", "doz"))) + r")"
    r"\s*(?:-\s*)?(km|kilomet(?:er|re)s?|miles?|mi)\b",
    re.IGNORECASE,
)  # fmt: skip
# The direction in a landmark phrase, as a compass bearing (degrees clockwise from north):
# "10 km south of Kramatorsk" puts the place 10 km due south of Kramatorsk's point.
DIRECTION = re.compile(
    r"(?<!the\s)\b((?i:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
    r"|NE|NW|SE|SW|N|S|E|W)\s+of\s"
)
BEARINGS = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
    "southwest": 225.0, "west": 270.0, "northwest": 315.0,
    "n": 0.0, "ne": 45.0, "e": 90.0, "se": 135.0, "s": 180.0, "sw": 225.0, "w": 270.0,
    "nw": 315.0,
}  # fmt: skip
# An offset this long (km) still claims 25 km: a compass point is 22.5 degrees wide, and
# 50 km x tan(22.5) is about 20 km across; a longer one claims its region.
OFFSET_FINE_KM = 50.0
# A landmark that says where the place before it is: "Bilohorivka, 10 km east of
# Siversk", "Hrakove near Chuhuiv".
REFERENCE_GAP = re.compile(
    r"(?:\s+(?:town|city|village|district|area))?"
    r"[\s,(]*(?:(?:in|a|an|the|some|about|roughly|just|around|approximately|located|which|"
    r"is|lies|small|tiny|large|frontline|front-line|village|town|settlement|hamlet)\s+)*"
    r"(?:(?:\d[\d,.]*|"
    + "|".join(
        w for w in sorted(NUMBER_WORDS, key=len, reverse=True) if not w.startswith(("a ", "doz"))
    )
    + r")"
    r"\s*(?:-\s*)?(?:km|kilometers?|kilometres?|miles?|mi)\s+"
    r"(?:\([^)]{0,20}\)\s+)?)?(?:near|outside|close\s+to|not\s+far\s+from|"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west"
    r"|(?-i:NE|NW|SE|SW|N|S|E|W))\s+of|from)"
    r"\s+(?:the\s+)?(?:(?:city|town|village|provincial\s+capital|capital)\s+(?:of\s+)?)?",
    re.IGNORECASE,
)
# The words a landmark phrase ends with, right before the landmark.
LANDMARK_LAST_WORDS = frozenset(
    ("near", "of", "from", "outside", "to", "the", "city", "town", "village", "capital")
)
# A capitalised name, then the landmark phrase that ends right before a place.
LANDMARK_BEFORE = re.compile(r"[A-Z][\w'’.-]*" + REFERENCE_GAP.pattern + r"$", REFERENCE_GAP.flags)
# ... whose last words are these ("near ", "north of the city of "): looked for first, as
# it is cheap, while LANDMARK_BEFORE tries every letter of its window, a large share of a
# long report's time ("the mayor of Sumy" ends no landmark phrase)
LANDMARK_TAIL = re.compile(
    r"(?:near|outside|close\s+to|from|(?:north|south|east|west|(?-i:[NSEW]))\s+of)"
    r"\s+(?:the\s+)?(?:(?:city|town|village|provincial\s+capital|capital)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)

# ------------------------------------------------------------- batch strangers

# A place is a stranger to a batch of reports (EventPlaces._stranger) when it is a town,
# site or division (STRANGER_KINDS) of a country the batch's reports carry less than
# STRANGER_COUNTRY_WEIGHT of (BatchPrior.countries: 0.1 per report, fading by 2% per
# report), not qualified by its text, and either names a site (FACILITY_AFTER: "the
# Antonovo airport") or lies more than STRANGER_KM from every place the batch named with
# confidence and is no city of STRANGER_MAX_POPULATION people or more. Such a name in a one-line
# title is a common word or a venue ("Cars on fire" -> Kars, Turkey; "the Antonovo
# airport" -> Antonovo, Bulgaria), not an event place. The batch must first have named
# STRANGER_MIN_PLACES places with confidence. 800 km: a batch about the Donbas still
# reaches Lviv (1,000 km, but in its country), Belgorod and Rostov (near), not Turkey.
STRANGER_KINDS = frozenset(("city", "facility", "natural", "admin1", "admin2", "admin3"))
STRANGER_COUNTRY_WEIGHT = 0.05
STRANGER_KM = 800.0
STRANGER_MAX_POPULATION = 1_000_000
STRANGER_MIN_PLACES = 20  # ... for the distance test
# A batch is about a country once that country weighs this much (five reports in a row,
# or more spread out): then a site or a common word of another country is a stranger.
STRANGER_BATCH_COUNTRY = 0.4

# ----------------------------------------------------- namesakes across a collection

# batch.rechoose_namesakes: a village's namesakes in one division, scored by the
# collection's events claiming 25 km or better (a Gaussian kernel of NAMESAKE_KERNEL_KM,
# over events within NAMESAKE_WINDOW_DAYS of its date: fronts move); the best takes the
# event when it scores over NAMESAKE_MIN_SCORE (about one event 17 km away). Chosen in an
# offline simulation on the ACLED development notes with the Ukraine dump (within 10 km
# 0.836 -> 0.862 there; 15 km, 90 days and all dates did a little worse), checked on the
# CIR titles (0.860 -> 0.865); the pass as built moved bench_events' ACLED figure 0.836 ->
# 0.858.
NAMESAKE_KERNEL_KM = 10.0
NAMESAKE_WINDOW_DAYS = 180
NAMESAKE_MIN_SCORE = 0.05
# ... an event at a town this large stays: "Zaporizhzhia" is the city of 700,000, not a
# hamlet of its name nearer the collection's front
NAMESAKE_TOWN_FLOOR = 50_000

# ------------------------------------------------- origins and speakers (issue 12)

# Where a weapon came from is no event place: "missiles fired from Saratov", "drones
# launched from the Kursk region", "shelling from the direction of Belgorod". Read in the
# 80 characters before a place (the event is where it lands; "withdrew from Kherson" is
# no launch and stays an event place).
ORIGIN_BEFORE = re.compile(
    r"(?:\b(?:fired|launched|shot|took\s+off|flew|flown|released|sent)\s+"
    r"(?:[\w-]+\s+){0,3}?from|\bfrom\s+(?:the\s+)?(?:territory|direction|airspace|waters)"
    r"\s+of)\s+(?:the\s+)?(?:(?:occupied|temporarily|Russian|Belarusian)\s+)*$",
    re.IGNORECASE,
)
# Where people speak or react is no event place: "analysts in Washington said", "the
# strike caused concern in Moscow". A group of speakers in the place, said after it...
SPEAKERS_IN = re.compile(
    r"\b(?:officials?|analysts?|authorities|experts?|diplomats?|observers?|sources?|"
    r"spokes(?:man|woman|person)|journalists?|correspondents?|think\s+tanks?|institute|"
    r"embassy|ministry|leaders?|politicians?|lawmakers?)\s+(?:based\s+)?in\s+$",
    re.IGNORECASE,
)
SAID_AFTER = re.compile(
    r"(?:\s*,)?\s+(?:\w+\s+){0,2}?(?:said|say|says|told|reported|report|believe|believes|"
    r"warned|warn|claimed|claim|added|noted|estimated|assessed|wrote|stated)\b",
    re.IGNORECASE,
)
# A speaker's place whose sentence names no other place is the event's: "officials in
# Kharkiv said the city was shelled"; SENTENCE_END finds where that sentence ends.
SENTENCE_END = re.compile(r"[.!?;\n](?:\s|$)")
# ... or a reaction in the place: "concern in Moscow", "alarm in Warsaw".
REACTION_IN = re.compile(
    r"\b(?:concern|concerns|alarm|anger|outrage|unease|relief|jubilation|dismay|shock|"
    r"condemnation|criticism|reactions?|fears?|celebrations?)\s+in\s+$",
    re.IGNORECASE,
)

# ------------------------------------------------------------- lists (issue 12)

# A list of capitalised names: "Novokalynove, Stepove, Avdiivka and Keramik". Each name
# of a list with a known place gets its event; one the gazetteer lacks stands at the
# list's region (EventPlaces.listed_unknowns).
_LIST_NAME = r"[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2}"
NAME_RUN = re.compile(
    _LIST_NAME + r"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)" + _LIST_NAME + r")+"
)
RUN_NAME = re.compile("(" + _LIST_NAME + ")")
# The region named right after a list: "... and Lozuvatka in the Donetsk region".
LIST_REGION_AFTER = re.compile(
    r",?\s+in\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?\s+"
    r"(?:[Oo]blast|[Rr]egion|[Pp]rovince|[Rr]aion|[Dd]istrict)\b"
)

# What may stand between an event word and the city it acts on: "shelled Kharkiv",
# "struck the city of Kharkiv" (EventPlaces._struck_city).
STRUCK_GAP = re.compile(
    r"\s+(?:the\s+(?:city|town)\s+of\s+)?"
    # Ukrainian and Russian: "вдарили по Харкову", "нанесли удар по Донецку", "обстріляли
    # місто Херсон"
    r"|\s+(?:по\s+)?(?:(?:місту|місто|городу|город)\s+)?"
)
# ... and it holds at most this many words ("the city of"): an event word further back
# acts on something else, so a long report's thousands of event words are not all tried
STRUCK_GAP_MAX_WORDS = 3

# ACLED's notes say where they code an event: "the Sokilky district (coded to Zelenyi Yar,
# Donetsk)", "the Sumy region (coded to Sumy)": that place is the event's.
CODED_TO_BEFORE = re.compile(r"[(\[]\s*coded\s+to\s+(?:the\s+)?$", re.IGNORECASE)

# ACLED's "<city> - <district>": "Donetsk - Petrovskyi", "Kyiv - Pecherskyi". The
# district is looked for within CITY_DISTRICT_KM of the city (EventPlaces._city_districts).
CITY_DISTRICT = re.compile(r"\s+[-–]\s+([A-Z][\w'’-]*(?:skyi|skyy|sky|skiy|skyj|ska|ske))\b")
CITY_DISTRICT_KM = 20.0

# A title read again at a lower cut (extract._TITLE_CUT_SHIFT) keeps only a town of a
# country the batch weighs this much (BatchPrior.countries: 0.1 per report, fading 2%):
# on UCDP's headlines, which rarely name a place, the lower cut otherwise found a
# common word abroad in one title in five.
TITLE_COUNTRY_WEIGHT = 0.2

# A town written in lower case in a title that names no place otherwise ("smoke rising in
# mariupol"): a word of 4+ letters that no dictionary holds, the name of a town of
# LOWER_TOWN_FLOOR people or more (EventPlaces.lower_case_towns).
LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]{3,}(?![\w'’-])")
LOWER_TOWN_FLOOR = 10_000

# A place named with a landmark ("Pavlivka, just south of Vuhledar") but read more than
# this far from it (with no distance given; else twice the distance) is a namesake of the
# village meant: the event stands by the landmark (EventExtractor._landmark_over_namesake).
LANDMARK_NEAR_KM = 30.0

# A town's name before a street, square or park word names the street or the park, not
# the town: "a car on Derevianka street", "a crater in Shevchenko Park" (the town of
# Derevianka, the village of Shevchenko lie elsewhere).
STREET_AFTER = re.compile(
    r"\s+(?:(?:street|avenue|lane|boulevard|blvd|prospekt|prospect|square|park|garden|"
    r"gardens|embankment)\b|st\.|ave\.)",
    re.IGNORECASE,
)
