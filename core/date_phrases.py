"""Date and time phrases in a request: the grammar half of :mod:`tinyagent.core.dates`.

The finder reads a normalised copy of the text: ASCII letters are lowercased and common typos
and shorthands are spelled out ("tmrw", "wensday", "tonite"). It reports each phrase as the
exact span of the original text. It finds and classifies only; ``dates`` gives phrases their
meaning. Words that only *might* be dates are held back on purpose. A month name needs a day
number ("email may", "text june"). "the 2nd" and fraction-like "1/2" need a cue word ("on",
"by", "until", ...) or a time next to them ("open the 2nd file", "1/2 cup"). A bare hour
needs "at" ("call 555 0100", "room 301").

A shift ("30 minutes before", "the day after") is not a phrase by itself: it joins the next
phrase when only a few words of the same clause lie between them ("30 minutes before the
match tonight at 8"), and is dropped otherwise ("remind me the day before").
"""

from __future__ import annotations

import enum
import functools
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz.distance import OSA


class Kind(enum.Enum):
    """What one piece of a phrase says."""

    RELATIVE_DAY = "relative_day"  # today, tomorrow, the day after tomorrow, yesterday
    WEEKDAY = "weekday"  # friday, on thu, next fri, last sun, tuesday next week, tuesday week
    MONTH_DAY = "month_day"  # on the 1st, the 15th (a day of the month, no month named)
    CALENDAR_DATE = "calendar_date"  # june 5th, 5 june, the 2nd of july, 5/6, 6/5/2025, 2024-07-04
    PERIOD = "period"  # next week / month / year, this / next / the weekend
    END_OF = "end_of"  # (the) end of (the / next) week / month / year
    DAY_OFFSET = "day_offset"  # in 3 days, in 2 weeks, a month from now
    PART_OF_DAY = "part_of_day"  # tonight, this morning, in the evening, eod, every night; "morning" + a day
    CLOCK = "clock"  # at 3, 2:30pm, 14:00, 5 oclock, noon, midnight, half past 4, quarter to 8
    TIME_RANGE = "time_range"  # from 2 to 4pm, 9am-5pm, between 1 and 3; "9 to 10" with a day
    TIME_OFFSET = "time_offset"  # in 20 min, in 2 hours, in half an hour
    DURATION = "duration"  # for 30 minutes, lasting an hour, an hour long; bare: a 2 hour (meeting)
    NTH_WEEKDAY = "nth_weekday"  # the first monday of next month, the last fri of june 2025
    RECURRING = "recurring"  # every monday, each day, every weekday, on mondays
    SHIFT = "shift"  # 30 minutes before, an hour after, the day before, 2 days after, a week on (+ a phrase)


_SLOTS = {
    Kind.PART_OF_DAY: "part",
    Kind.CLOCK: "time",
    Kind.TIME_RANGE: "time",
    Kind.TIME_OFFSET: "moment",
    Kind.DURATION: "duration",
    Kind.SHIFT: "shift",
}


@dataclass(frozen=True)
class Piece:
    """One matched piece; ``start``/``end`` index the normalised text."""

    kind: Kind
    start: int
    end: int
    fields: Mapping[str, str]  # the named groups that matched
    needs_cue: bool = False  # a date only next to a time or after a cue word ("on", "by", ...)

    @property
    def slot(self) -> str:
        """Which part of a phrase this piece fills: date, part, time, moment or duration."""
        return _SLOTS.get(self.kind, "date")


@dataclass(frozen=True)
class Phrase:
    """Adjacent pieces that say one date or time ("tomorrow" + "at 3" + "for 30 minutes")."""

    text: str  # exactly as in the request
    start: int  # normalised offsets, for distances between phrases
    end: int
    date: Piece | None = None
    part: Piece | None = None
    time: Piece | None = None
    moment: Piece | None = None
    duration: Piece | None = None
    shift: Piece | None = None  # "30 minutes before" the rest of the phrase


@dataclass(frozen=True)
class Found:
    """What the finder saw: phrases, plus durations that stand apart ("a 2 hour meeting ...")."""

    phrases: tuple[Phrase, ...]
    loose_durations: tuple[Piece, ...]


# --- normalisation ----------------------------------------------------------------------------

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_TOKEN = re.compile(r"[^\W_]+")
_SHORTHAND_TEXT = {
    "tomorrow": "tmrw tmr tmw tmrow tomoro 2moro 2morrow 2morow",
    "tonight": "tonite 2nite",
    "today": "2day",
    "night": "nite",
    "midnight": "midnite",
    "monday": "mondy monady",
    "tuesday": "tusday",
    "thursday": "thurday",
    "friday": "firday fridy frday",
    "sunday": "sundy sunady",
}
_SHORTHANDS = {short: word for word, shorts in _SHORTHAND_TEXT.items() for short in shorts.split()}
# Other typos are matched by edit distance, and only against long words: one edit away from
# "sunday" is "sundry", but nothing common is that close to "wednesday".
_SPELLING_TARGET_TEXT = """
tomorrow tonight tuesday wednesday thursday saturday weekend morning evening afternoon midnight
january february september october november december
"""
_SPELLING_TARGETS = tuple(_SPELLING_TARGET_TEXT.split())


@functools.lru_cache(maxsize=4096)
def _spelled_out(word: str) -> str:
    if word in _SHORTHANDS:
        return _SHORTHANDS[word]
    if len(word) < 6 or not word.isascii() or not word.isalpha():
        return word
    for target in _SPELLING_TARGETS:
        if target[0] != word[0] or abs(len(target) - len(word)) > 2:
            continue
        limit = 1 if len(target) <= 7 else 2
        if OSA.distance(word, target, score_cutoff=limit) <= limit:
            return target
    return word


@dataclass(frozen=True)
class Normalized:
    """The normalised text and a map from its characters back to the original."""

    text: str
    starts: tuple[int, ...] | None = None  # per character: where its source begins; None: same
    ends: tuple[int, ...] | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` that normalised ``[start, end)`` came from."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def normalize(text: str) -> Normalized:
    """Lowercase ASCII letters and spell out shorthands and typos, keeping a map back."""
    lowered = text.translate(_ASCII_LOWER)  # str.lower() could change the length
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for match in _TOKEN.finditer(lowered):
        spelled = _spelled_out(match.group())
        if spelled == match.group():
            continue
        out += [lowered[pos : match.start()], spelled]
        starts += [*range(pos, match.start()), *[match.start()] * len(spelled)]
        ends += [*range(pos + 1, match.start() + 1), *[match.end()] * len(spelled)]
        pos = match.end()
    if not out:
        return Normalized(lowered)
    out.append(lowered[pos:])
    starts += range(pos, len(lowered))
    ends += range(pos + 1, len(lowered) + 1)
    return Normalized("".join(out), tuple(starts), tuple(ends))


# --- the grammar ------------------------------------------------------------------------------

_W = r"(?<![\w$€£])"  # a word starts here
_N = r"(?<![\w$€£/:.,-])"  # a number starts here (not inside an amount, a date or "1,2")
_END = r"(?![\w/:]|[.,/][0-9])"  # a number ends here
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)"
_YEAR = r"(?:19|20)[0-9]{2}"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MER = r"\s?(?:am|pm|a\.m\.?|p\.m\.?)(?!\w)"
_HOUR = r"(?:1[0-2]|0?[1-9])"
_TIME = rf"(?:(?:[01]?[0-9]|2[0-3]):[0-5][0-9]|{_HOUR})(?:{_MER})?|noon|midnight"
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    "|forty[- ]five|forty|fifty|sixty|ninety"
)
_AMOUNT = rf"(?:[0-9]{{1,3}}(?:\.[0-9]+)?|an?|{_NUMBER_WORDS})"
# "2 hours", "a 2-hour", "two and a half hours", "an hour and a half", "1.5 hrs"; the trailing
# "and a half" is possessive, so "2 hours and a half ago" cannot fall back to "2 hours".
_MINUTES = (
    rf"(?P<amount>{_AMOUNT})(?:[\s-]+and[\s-]+(?P<half>a[\s-]+half)[\s-]+|\s*-?\s*)"
    r"(?P<unit>minutes?|mins?|hours?|hrs?|h)(?:\s+and\s+(?P<half_after>a\s+half))?+"
)
_HALF_HOUR = r"(?P<halfhour>half\s+an\s+hour|a\s+half[\s-]hour|half[\s-]hour)"
_LENGTH = rf"(?:{_MINUTES}|{_HALF_HOUR})"
# A length then one of these is a point in time or a distance, not a length ("2 hours ago").
_NOT_A_LENGTH = r"(?!\s+(?:ago|earlier|later|before|after|early|late|away|back)(?!\w))"
_DAYS = rf"(?P<amount>{_AMOUNT})\s*(?P<unit>days?|weeks?|wks?|fortnights?|months?|years?|yrs?)"
_TO = r"\s*(?:-|–|—|to|until|till|til|thru|through)\s*"
_CLOCK_END = r"(?![\w:]|[.,/][0-9])"

_RELATIVE = rf"{_W}(?P<rel>today|tomorrow|(?:the\s+)?day\s+after\s+tomorrow|yesterday)(?!\w)"
_WEEKDAY = (
    rf"{_W}(?:on\s+)?(?:(?P<mod>next|this|coming|this\s+coming|last)\s+)?"
    r"(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues?|thu(?:rs?)?|fri)\.?"
    r"(?:\s+(?P<week>next|this)\s+week|\s+(?P<plus_week>week|after\s+next))?(?!\w)"
)
# "mon", "wed", "sat" and "sun" are words too: a day only after "on", "next", "this", "coming"
# or "last", or before a time ("sat at 3", "sun morning").
_SHORT_WEEKDAY = (
    rf"{_W}(?:on\s+|(?=(?:next|this|coming|last)\s))(?:(?P<mod>next|this|coming|last)\s+)?"
    r"(?P<day>mon|wed|weds|sat|sun)\.?(?!\w)"
)
_SHORT_WEEKDAY_TIMED = (
    rf"{_W}(?P<day>mon|wed|weds|sat|sun)\.?(?=\s+(?:at\s|@|noon|morning|afternoon|evening|night"
    rf"|{_HOUR}(?::[0-5][0-9])?{_MER}))"
)
# "the first monday of next month", "2nd tue in july", "the last friday of june 2025", "the first
# monday of every month"; "of the month" is matched so that no part of it is read alone.
_NTH_WEEKDAY = (
    rf"{_W}(?:(?P<on>on)\s+)?(?:the\s+)?(?P<nth>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+"
    r"(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?"
    rf"(?:\s+(?:(?:of|in)\s+)?(?:the\s+)?(?P<which>this|next|every|each)\s+month"
    rf"|\s+(?:of|in)\s+(?P<which_the>the)\s+month"
    rf"|\s+(?:of|in)\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?)(?!\w)"
)
# Recurring days are grounded to their first occurrence: "every monday", "each day", "everyday",
# "every weekday", "every other fri"; a plural day needs "on" or a time ("on mondays", "mondays at 10").
_EVERY = (
    rf"{_W}(?:(?P<each>every|each)\s+(?:other\s+)?(?:(?P<day>monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday|mon|tues?|wed|weds|thu(?:rs?)?|fri|sat|sun)s?|(?P<every>day|weekday))|(?P<daily>everyday))\.?(?!\w)"
)
_PLURAL_WEEKDAY = (
    rf"{_W}(?:(?P<on>on)\s+)?(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s(?!\w)"
)
_PART_EVERY = rf"{_W}(?:every|each)\s+(?P<part>morning|afternoon|evening|night)(?!\w)"
_MONTH_DAY = rf"{_W}(?:(?P<on>on)\s+)?the\s+(?P<day>{_DAY}){_ORD}(?!\w)"
_MONTH_FIRST = (
    rf"{_W}(?:(?P<on>on)\s+)?(?P<date>{_MONTH}\s+(?:the\s+)?(?P<day>{_DAY}){_ORD}?"
    rf"(?:,?\s+(?P<year>{_YEAR}))?){_END}"
)
_DAY_FIRST = (
    rf"{_W}(?:(?P<on>on)\s+)?(?P<date>(?:the\s+)?(?P<day>{_DAY}){_ORD}?\s+(?:of\s+)?{_MONTH}"
    rf"(?:,?\s+(?P<year>{_YEAR}))?)(?!\w)"
)
_NUMERIC = (
    rf"{_N}(?:(?P<on>on)\s+)?(?P<date>(?P<a>[0-9]{{1,2}})/(?P<b>[0-9]{{1,2}})"
    rf"(?:/(?P<year>[0-9]{{4}}|[0-9]{{2}}))?){_END}"
)
_ISO = rf"{_N}(?:(?P<on>on)\s+)?(?P<date>(?P<year>[0-9]{{4}})-(?P<a>[0-9]{{2}})-(?P<b>[0-9]{{2}}))(?![\w/:-])"
_PERIOD = (
    rf"{_W}(?P<period>next\s+(?:week|month|year)|(?:the\s+)?weekend\s+after\s+next"
    r"|(?:this|next)\s+weekend|(?:on\s+)?the\s+weekend)(?!\w)"
)
_END_OF = (
    rf"{_W}(?:at\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?(?:(?P<which>this|next)\s+)?"
    r"(?P<unit>week|month|year)(?!\w)"
)
_PART_TODAY = rf"{_W}(?:(?P<today>this)\s+(?P<part>morning|afternoon|evening)|(?P<tonight>tonight))(?!\w)"
_PART_IN_THE = rf"{_W}in\s+the\s+(?P<part>morning|afternoon|evening)(?!\w)"
_EOD = rf"{_W}(?P<eod>eod|cob|close\s+of\s+business|end\s+of\s+(?:the\s+)?(?:business\s+|work\s+)?day)(?!\w)"
_PART_WITH_DAY = rf"{_W}(?P<weak>morning|afternoon|evening|night)(?!\w)"
_CLOCK_COLON = rf"{_N}(?:(?:at|@)\s*)?(?P<clock>(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?:{_MER})?){_END}"
_CLOCK_MERIDIEM = rf"{_N}(?:(?:at|@)\s*)?(?P<clock>{_HOUR}{_MER})"
_CLOCK_AT = rf"{_W}(?:at|@|around)\s+(?P<clock>{_HOUR}|1[3-9]|2[0-3])(?:\s*o'?\s?clock)?{_CLOCK_END}"
_CLOCK_OCLOCK = rf"{_N}(?P<clock>{_HOUR})\s*o'?\s?clock(?!\w)"
_CLOCK_WORD = rf"{_W}(?:(?:at|@|around)\s+)?(?:12\s+)?(?P<clock>noon|midday|midnight)(?!\w)"
_CLOCK_PAST = (
    rf"{_W}(?:(?:at|@|around)\s+)?(?P<clock>(?:(?:half|quarter)\s+past|quarter\s+to)\s+{_HOUR}(?:{_MER})?)"
    rf"{_CLOCK_END}"
)
_RANGE_FROM = rf"{_W}from\s+(?P<t1>{_TIME}){_TO}(?P<t2>{_TIME}){_END}"
_RANGE_BETWEEN = rf"{_W}between\s+(?P<t1>{_TIME})\s+and\s+(?P<t2>{_TIME}){_END}"
_RANGE = rf"{_N}(?P<t1>{_TIME}){_TO}(?P<t2>{_TIME}){_END}"
# Without "for", "lasting" or "long", "a minute" or "an hour" is too often not a length
# ("give me a minute", "an hour ago").
_BARE_DURATION = rf"{_N}(?!an?\s){_MINUTES}(?!\w){_NOT_A_LENGTH}"
_BARE_HALF_HOUR = rf"{_W}{_HALF_HOUR}(?!\w){_NOT_A_LENGTH}"
_DURATION_FOR = rf"{_W}(?:for|lasting(?:\s+for)?)\s+{_LENGTH}(?!\w)"  # "for an hour", "lasting 90 minutes"
_DURATION_LONG = rf"{_N}{_LENGTH}[\s-]+long(?!\w)"  # ", an hour and a half long", "a 2-hour-long call"
# A length or a number of days and "before" / "after": a shift of the phrase that follows.
_SHIFT_TIME = rf"{_N}(?!ah\s){_LENGTH}\s+(?P<dir>before|after)(?!\w)"  # "half an hour before"
# "a week on tuesday", "2 weeks from friday", "a week tomorrow": days after the day named. Not
# "for a week from monday" (a length from monday on) nor "every 2 weeks on monday".
_SHIFT_ON = (
    rf"{_N}(?<!for\s)(?<!every\s)(?<!each\s)(?<!other\s)(?P<amount>{_AMOUNT})\s*(?P<unit>days?|weeks?|wks?)"
    r"(?=\s+(?:(?:on|from)\s+)?(?:(?:next|this|coming)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun|tomorrow|today)(?!\w))"
)
_SHIFT_DAYS = (
    rf"{_N}(?:(?P<the_day>the\s+day)|(?P<amount>{_AMOUNT})\s*(?P<unit>days?|weeks?|wks?))"
    r"\s+(?P<dir>before|after)(?!\w)(?!(?<=day\safter)\s+tomorrow)"  # not "a [day after tomorrow]"
)

_GRAMMAR: tuple[tuple[Kind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (Kind.RELATIVE_DAY, _RELATIVE),
        (Kind.WEEKDAY, _WEEKDAY),
        (Kind.WEEKDAY, _SHORT_WEEKDAY),
        (Kind.WEEKDAY, _SHORT_WEEKDAY_TIMED),
        (Kind.NTH_WEEKDAY, _NTH_WEEKDAY),
        (Kind.RECURRING, _EVERY),
        (Kind.RECURRING, _PLURAL_WEEKDAY),
        (Kind.MONTH_DAY, _MONTH_DAY),
        (Kind.CALENDAR_DATE, _MONTH_FIRST),
        (Kind.CALENDAR_DATE, _DAY_FIRST),
        (Kind.CALENDAR_DATE, _NUMERIC),
        (Kind.CALENDAR_DATE, _ISO),
        (Kind.PERIOD, _PERIOD),
        (Kind.END_OF, _END_OF),
        (Kind.DAY_OFFSET, rf"{_W}in\s+{_DAYS}(?!\w)"),
        (Kind.DAY_OFFSET, rf"{_W}{_DAYS}\s+from\s+(?:now|today)(?!\w)"),
        (Kind.PART_OF_DAY, _PART_TODAY),
        (Kind.PART_OF_DAY, _PART_IN_THE),
        (Kind.PART_OF_DAY, _EOD),
        (Kind.PART_OF_DAY, _PART_WITH_DAY),
        (Kind.PART_OF_DAY, _PART_EVERY),
        (Kind.CLOCK, _CLOCK_COLON),
        (Kind.CLOCK, _CLOCK_MERIDIEM),
        (Kind.CLOCK, _CLOCK_AT),
        (Kind.CLOCK, _CLOCK_OCLOCK),
        (Kind.CLOCK, _CLOCK_WORD),
        (Kind.CLOCK, _CLOCK_PAST),
        (Kind.TIME_RANGE, _RANGE_FROM),
        (Kind.TIME_RANGE, _RANGE_BETWEEN),
        (Kind.TIME_RANGE, _RANGE),
        (Kind.TIME_OFFSET, rf"{_W}in\s+(?:{_MINUTES}|{_HALF_HOUR})(?!\w)"),
        (Kind.TIME_OFFSET, rf"{_W}{_MINUTES}\s+from\s+now(?!\w)"),
        (Kind.DURATION, _DURATION_FOR),
        (Kind.DURATION, _DURATION_LONG),
        (Kind.DURATION, _BARE_DURATION),  # "a 2 hour meeting"
        (Kind.DURATION, _BARE_HALF_HOUR),
        (Kind.SHIFT, _SHIFT_TIME),
        (Kind.SHIFT, _SHIFT_DAYS),
        (Kind.SHIFT, _SHIFT_ON),
    )
)

# --- context: what the words around a match say about it -------------------------------------

_CUE_TEXT = "on by until till til before after due from to for starting since through thru"
_ORDINAL_NOUN_TEXT = """
floor file files page item one time row line place email message slide attempt version paragraph
note document option step round chapter person quarter half week grade
"""
_QUANTITY_NOUN_TEXT = """
dollars dollar bucks euros euro pounds cents percent people persons guests items pieces times units
kg lbs miles km degrees point points stars copies pages slides files emails
"""
_RECURRING_TEXT = "every each first second third fourth 1st 2nd 3rd 4th"
_SUBJECT_TEXT = "i you we they he she it that this which who there"
_CUES = frozenset(_CUE_TEXT.split())
_ORDINAL_NOUNS = frozenset(_ORDINAL_NOUN_TEXT.split())  # "the 2nd file"
_QUANTITY_NOUNS = frozenset(_QUANTITY_NOUN_TEXT.split())  # "at 10 dollars", "may 5 times"
_RECURRING = frozenset(_RECURRING_TEXT.split())  # "every monday", "the 2nd monday of july"
_SUBJECTS = frozenset(_SUBJECT_TEXT.split())  # "you may"
_FRACTION_DENOMINATORS = frozenset({2, 3, 4, 8})
_GAP = re.compile(r"\s*,?\s*")
# "friday the 14th": the date wins, and the weekday vouches for it
_WEEKDAY_AND_DATE = ({Kind.WEEKDAY, Kind.MONTH_DAY}, {Kind.WEEKDAY, Kind.CALENDAR_DATE})
_RANGE_MARKERS = re.compile(r"[:ap]|noon|midnight")
_LAST_WORD = re.compile(r"(\w+)\W*$")
_NEXT_WORD = re.compile(r"\W*(\w+)")


def _word_before(text: str, position: int) -> str:
    match = _LAST_WORD.search(text, max(0, position - 24), position)
    return match.group(1) if match else ""


def _word_after(text: str, position: int) -> str:
    match = _NEXT_WORD.match(text, position, position + 30)
    return match.group(1) if match else ""


def _not_a_date(kind: Kind, fields: Mapping[str, str], before: str, after: str) -> bool:
    """Whether the words around a match show it is something else."""
    if kind is Kind.WEEKDAY:
        return before in _RECURRING or after in ("of", "in")  # "every monday", "2nd monday of july"
    if kind is Kind.MONTH_DAY:
        return after in _ORDINAL_NOUNS
    if kind is Kind.CALENDAR_DATE:
        modal = fields["date"].startswith("may") and before in _SUBJECTS
        return modal or after in _QUANTITY_NOUNS or ("a" in fields and after == "of")  # "5/6 of"
    return kind is Kind.CLOCK and after in _QUANTITY_NOUNS


def _needs_cue(kind: Kind, fields: Mapping[str, str]) -> bool:
    if kind is Kind.MONTH_DAY:
        return "on" not in fields
    if kind is Kind.RECURRING:  # "on mondays", "mondays at 10"; not "i hate mondays"
        return "day" in fields and "each" not in fields and "on" not in fields
    if kind is Kind.CALENDAR_DATE and "a" in fields and "year" not in fields and "on" not in fields:
        return int(fields["a"]) < int(fields["b"]) and int(fields["b"]) in _FRACTION_DENOMINATORS
    return False


def _piece(kind: Kind, match: re.Match[str]) -> Piece | None:
    fields = {k: v for k, v in match.groupdict().items() if v is not None}
    if _not_a_date(
        kind, fields, _word_before(match.string, match.start()), _word_after(match.string, match.end())
    ):
        return None
    bare_range = not match.group().startswith(("from", "between"))
    if kind is Kind.TIME_RANGE and bare_range and not _RANGE_MARKERS.search(f"{fields['t1']} {fields['t2']}"):
        fields["weak"] = "bare"  # "2 to 4" is a time only next to a day ("9 to 10 tomorrow")
    return Piece(kind, match.start(), match.end(), fields, _needs_cue(kind, fields))


def _pieces(text: str) -> list[Piece]:
    """All pieces, leftmost first; where pieces overlap, the longest one wins."""
    found = [
        (m.start(), -m.end(), index, kind, m)
        for index, (kind, pattern) in enumerate(_GRAMMAR)
        for m in pattern.finditer(text)
    ]
    chosen: list[Piece] = []
    last_end = 0
    for start, _, _, kind, match in sorted(found, key=lambda f: f[:3]):
        if start >= last_end and (piece := _piece(kind, match)) is not None:
            chosen.append(piece)
            last_end = piece.end
    return chosen


# --- assembling phrases -----------------------------------------------------------------------


@dataclass
class _Builder:
    """A phrase being assembled from adjacent pieces, at most one per slot."""

    pieces: list[Piece] = field(default_factory=list)
    slots: dict[str, Piece] = field(default_factory=dict)

    def accepts(self, piece: Piece, text: str) -> bool:
        gap = _GAP.fullmatch(text, self.pieces[-1].end, piece.start) if self.pieces else None
        if gap is None:
            return False
        if "moment" in self.slots or piece.slot == "moment":  # "in 2 hours" takes a duration only
            return piece.slot not in self.slots and {piece.slot, *self.slots} <= {"moment", "duration"}
        taken = self.slots.get(piece.slot)
        weekday_and_date = taken is not None and {taken.kind, piece.kind} in _WEEKDAY_AND_DATE
        # "friday, 3pm" and "monday, june 10" are one date; "tonight, friday night" is two
        if "," in gap.group() and not (weekday_and_date or ("date" in self.slots and piece.slot != "date")):
            return False
        return taken is None or weekday_and_date

    def add(self, piece: Piece) -> None:
        self.pieces.append(piece)
        taken = self.slots.get(piece.slot)
        if taken is None:
            self.slots[piece.slot] = piece
            return
        date = piece if taken.kind is Kind.WEEKDAY else taken
        self.slots["date"] = Piece(date.kind, date.start, date.end, date.fields)  # the weekday is a cue

    def phrase(self, norm: Normalized, original: str) -> Phrase | None:
        """The phrase, or None when the pieces do not make a date here."""
        date, part, time = self.slots.get("date"), self.slots.get("part"), self.slots.get("time")
        if date is None and part is None and time is None and "moment" not in self.slots:
            return None  # a duration alone is not a date
        if date is None and part is not None and "weak" in part.fields and time is None:
            return None  # "good morning" ("morning at 8" is a time)
        if date is None and time is not None and "weak" in time.fields:
            return None  # "pages 2 to 4" ("9 to 10 tomorrow" is a time)
        start, end = self.pieces[0].start, self.pieces[-1].end
        cued = _word_before(norm.text, start) in _CUES or time is not None or part is not None
        if date is not None and date.needs_cue and not cued:
            return None  # "open the 2nd file", "1/2 cup"
        o_start, o_end = norm.original_span(start, end)
        moment, duration = self.slots.get("moment"), self.slots.get("duration")
        return Phrase(original[o_start:o_end], start, end, date, part, time, moment, duration)


def find_phrases(text: str) -> Found:
    """Date and time phrases in ``text``, in order, with durations that stand apart."""
    norm = normalize(text)
    pieces = _pieces(norm.text)
    phrases: list[Phrase] = []
    loose: list[Piece] = []
    builder = _Builder()
    for piece in [*(p for p in pieces if p.kind is not Kind.SHIFT), None]:
        if piece is not None and builder.accepts(piece, norm.text):
            builder.add(piece)
            continue
        phrase = builder.phrase(norm, text) if builder.pieces else None
        if phrase is not None:
            phrases.append(phrase)
        elif "duration" in builder.slots:
            loose.append(builder.slots["duration"])
        builder = _Builder()
        if piece is not None:
            builder.add(piece)
    shifts = [p for p in pieces if p.kind is Kind.SHIFT]
    return Found(_shifted(phrases, shifts, norm, text), tuple(loose))


# --- shifts: "30 minutes before" + the phrase it shifts ---------------------------------------

# Words that end the clause a shift is in: what follows is not what it shifts ("remind me the
# day before and call sid at 3", "an hour before to prepare ... friday").
_CLAUSE_BREAK_TEXT = "and or but then so also plus to until till after before because if once while please"
_CLAUSE_BREAKS = frozenset(_CLAUSE_BREAK_TEXT.split())
_CLAUSE_PUNCTUATION = re.compile(r"[,;!?()\[\]\n]|[.:](?![0-9])")  # not "1.5", "1:1"
MAX_SHIFT_GAP_WORDS = 5
"""Words allowed between a shift and its phrase ("30 minutes before the match tonight at 8")."""


def _shifted(
    phrases: Sequence[Phrase], shifts: Sequence[Piece], norm: Normalized, original: str
) -> tuple[Phrase, ...]:
    """Each shift joined to the first phrase after it, when both are in one clause."""
    out = list(phrases)
    for shift in shifts:
        i = next((i for i, p in enumerate(out) if p.start >= shift.end), None)
        if i is None or out[i].shift is not None or not _same_clause(norm.text[shift.end : out[i].start]):
            continue  # "remind me the day before": nothing to shift
        o_start, o_end = norm.original_span(shift.start, out[i].end)
        out[i] = replace(out[i], text=original[o_start:o_end], start=shift.start, shift=shift)
    return tuple(out)


def _same_clause(gap: str) -> bool:
    words = gap.split()
    if _CLAUSE_PUNCTUATION.search(gap) or len(words) > MAX_SHIFT_GAP_WORDS:
        return False
    return _CLAUSE_BREAKS.isdisjoint(words)
