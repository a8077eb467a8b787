"""Date expressions: finding them in news text and resolving them against publication."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.eval.dates import evaluate_timebank, read_tml
from eventwire.models import DateRef
from eventwire.resolve.dates import find_dates, resolve_expression

FRI = date(2023, 4, 7)  # a Friday
JAN = date(2023, 1, 12)  # a Thursday, for year rollover


def found(text: str, published: date | None = FRI, offset: int = 0) -> list[tuple[str, str, str]]:
    refs = find_dates(text, published, offset=offset)
    for d in refs:  # every span points at its text
        assert text[d.start - offset : d.end - offset] == d.text
    return [(d.text, d.value, d.precision) for d in refs]


def one(text: str, published: date | None = FRI) -> tuple[str, str, str]:
    refs = found(text, published)
    assert len(refs) == 1, refs
    return refs[0]


# ------------------------------------------------------------------------------ weekdays


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Troops entered the town on Wednesday, officials said.", ("Wednesday", "2023-04-05")),
        ("Wednesday's attack killed four.", ("Wednesday", "2023-04-05")),
        ("The talks collapsed late on Tuesday.", ("Tuesday", "2023-04-04")),
        ("Shelling resumed Tuesday night near the border.", ("Tuesday night", "2023-04-04")),
        ("Police arrested him on Saturday.", ("Saturday", "2023-04-01")),
        ("The minister resigned on Friday.", ("Friday", "2023-04-07")),  # same day
        ("The summit opens next Wednesday.", ("next Wednesday", "2023-04-12")),
        ("Voting starts this coming Monday.", ("this coming Monday", "2023-04-10")),
        ("He was detained last Wednesday.", ("last Wednesday", "2023-04-05")),
        ("He was freed last Friday.", ("last Friday", "2023-03-31")),  # strictly before
        ("They met this past Monday.", ("this past Monday", "2023-04-03")),
        ("Parliament votes this Thursday.", ("this Thursday", "2023-04-06")),
    ],
)
def test_weekdays(sentence: str, expected: tuple[str, str]) -> None:
    assert one(sentence) == (*expected, "day")


def test_weekday_wraps_into_previous_month_and_year() -> None:
    assert one("Rebels attacked on Saturday.", date(2023, 1, 2)) == ("Saturday", "2022-12-31", "day")


@pytest.mark.parametrize(
    "sentence",
    [
        "Prayers are held every Friday.",
        "The shop is closed on Sundays.",
        "The Good Friday Agreement ended the conflict.",
        "Retailers braced for Black Friday.",
    ],
)
def test_weekday_non_dates(sentence: str) -> None:
    assert found(sentence) == []


# ---------------------------------------------------------------------- relative days


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The army said today that it had withdrawn.", ("today", "2023-04-07")),
        ("Crowds will gather tonight.", ("tonight", "2023-04-07")),
        ("A bomb exploded this morning in the capital.", ("this morning", "2023-04-07")),
        ("Yesterday, the president spoke.", ("Yesterday", "2023-04-06")),
        ("Talks resume tomorrow.", ("tomorrow", "2023-04-08")),
        ("It happened the day before yesterday.", ("the day before yesterday", "2023-04-05")),
        ("Rockets were fired last night.", ("last night", "2023-04-06")),
        ("Two days ago, the rebels retreated.", ("Two days ago", "2023-04-05")),
        ("The ceasefire began three weeks ago.", ("three weeks ago", "2023-03-17")),
        ("It was signed 10 days ago.", ("10 days ago", "2023-03-28")),
    ],
)
def test_relative_days(sentence: str, expected: tuple[str, str]) -> None:
    assert one(sentence) == (*expected, "day")


def test_usa_today_is_a_newspaper() -> None:
    assert found("USA Today reported the deal today.") == [("today", "2023-04-07", "day")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Prices rose last month.", ("last month", "2023-03", "month")),
        ("Protests spread this month.", ("this month", "2023-04", "month")),
        ("Talks began earlier this month.", ("earlier this month", "2023-04", "month")),
        ("The vote is next month.", ("next month", "2023-05", "month")),
        ("Elections were held last year.", ("last year", "2022", "year")),
        ("Inflation eased earlier this year.", ("earlier this year", "2023", "year")),
        ("The plant closed late last year.", ("late last year", "2022", "year")),
        ("He fled two months ago.", ("two months ago", "2023-02", "month")),
        ("The war began a year ago.", ("a year ago", "2022", "year")),
        # weeks: month precision, the month holding that week's Thursday
        ("Strikes hit the port last week.", ("last week", "2023-03", "month")),
        ("Talks continue next week.", ("next week", "2023-04", "month")),
        ("The camp was cleared earlier this week.", ("earlier this week", "2023-04", "month")),
    ],
)
def test_relative_periods(sentence: str, expected: tuple[str, str, str]) -> None:
    assert one(sentence) == expected


def test_relative_periods_in_january_roll_back_a_year() -> None:
    assert found("It fell last month and rose last year.", JAN) == [
        ("last month", "2022-12", "month"),
        ("last year", "2022", "year"),
    ]
    assert one("Fighting eased last week.", date(2023, 1, 2)) == ("last week", "2022-12", "month")


def test_durations_are_not_relative_dates() -> None:
    assert found("Prices rose over the last week and the past year.") == []


# -------------------------------------------------------------------------------- months


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Fighting broke out in March.", ("March", "2023-03")),
        ("The border has been closed since March.", ("March", "2023-03")),
        ("Aid arrived in early March.", ("early March", "2023-03")),
        ("Troops left in mid-February.", ("mid-February", "2023-02")),
        ("The deal was signed in April.", ("April", "2023-04")),  # publication month
        ("The vote took place in May.", ("May", "2022-05")),  # after publication: past
        ("Talks failed last March.", ("last March", "2023-03")),
        ("Talks resume next March.", ("next March", "2024-03")),
        ("The law took effect in January.", ("January", "2023-01")),
        ("Rebels seized the town in October.", ("October", "2022-10")),
        ("The strike began in March 2019.", ("March 2019", "2019-03")),
        ("It ended in March of 2019.", ("March of 2019", "2019-03")),
        ("The election was in January this year.", ("January this year", "2023-01")),
        ("They met in June last year.", ("June last year", "2022-06")),
    ],
)
def test_months(sentence: str, expected: tuple[str, str]) -> None:
    assert one(sentence) == (*expected, "month")


def test_months_in_january_publication() -> None:
    assert one("Fighting broke out in March.", JAN) == ("March", "2022-03", "month")
    assert one("Fighting broke out in January.", JAN) == ("January", "2023-01", "month")
    assert one("Elections were held in December.", JAN) == ("December", "2022-12", "month")


def test_coordinated_months() -> None:
    assert found("Clashes erupted between March and May.") == [
        ("March", "2023-03", "month"),
        ("May", "2022-05", "month"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said the talks may resume.",
        "May I ask a question, minister?",
        "Theresa May said the deal was dead.",
        "March organisers expect thousands.",
        "Thousands joined the protest march.",
        "Students marched to parliament.",
        "The March on Washington was recalled.",
        "April Ryan asked the first question.",
        "The talks may fail, said the minister.",
    ],
)
def test_month_words_that_are_not_dates(sentence: str) -> None:
    assert found(sentence) == []


# ---------------------------------------------------------------------------- day+month


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The attack happened on April 3.", ("April 3", "2023-04-03")),
        ("The attack happened on 3 April.", ("3 April", "2023-04-03")),
        ("The attack happened on April 3rd.", ("April 3rd", "2023-04-03")),
        ("The attack happened on the 3rd of April.", ("the 3rd of April", "2023-04-03")),
        ("He was born on April 3, 1961.", ("April 3, 1961", "1961-04-03")),
        ("It was signed on 3 April 2023.", ("3 April 2023", "2023-04-03")),
        ("It was signed on Wednesday, April 5, 2023.", ("Wednesday, April 5, 2023", "2023-04-05")),
        ("Polls open on May 1.", ("May 1", "2023-05-01")),  # 24 days ahead: future
        ("The deadline is June 30.", ("June 30", "2022-06-30")),  # > 2 months ahead: past
        ("Fighting began on December 20.", ("December 20", "2022-12-20")),
        ("Talks ended Jan. 8.", ("Jan. 8", "2023-01-08")),
        ("It happened on 29 February 2020.", ("29 February 2020", "2020-02-29")),
    ],
)
def test_day_month(sentence: str, expected: tuple[str, str]) -> None:
    assert one(sentence) == (*expected, "day")


def test_day_month_year_rollover_in_january() -> None:
    assert one("Rebels attacked on December 28.", JAN) == ("December 28", "2022-12-28", "day")
    assert one("Talks open on February 2.", JAN) == ("February 2", "2023-02-02", "day")
    assert one("Talks open on January 3.", date(2022, 12, 20)) == ("January 3", "2023-01-03", "day")


def test_impossible_day_falls_back_to_the_month() -> None:
    assert found("It happened on February 30.") == [("February", "2023-02", "month")]
    assert found("It happened on 31 April 2023.") == [("April 2023", "2023-04", "month")]


# ------------------------------------------------------------------------------- numeric


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The order is dated 2023-04-03.", ("2023-04-03", "2023-04-03")),
        ("Signed 13/04/2023 in Kyiv.", ("13/04/2023", "2023-04-13")),
        ("Signed 04/13/2023 in Kyiv.", ("04/13/2023", "2023-04-13")),
        ("Signed 05.05.2023 in Kyiv.", ("05.05.2023", "2023-05-05")),
    ],
)
def test_numeric(sentence: str, expected: tuple[str, str]) -> None:
    assert one(sentence) == (*expected, "day")


def test_ambiguous_numeric_dates_are_skipped() -> None:
    assert found("The decree of 03/04/2023 was annulled.") == []
    assert found("Version 2023-13-45 is not a date.") == []


# --------------------------------------------------------------------------------- years


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The group was founded in 2019.", "2019"),
        ("He has ruled since 1999.", "1999"),
        ("Output fell in early 2019.", "2019"),
        ("The plant opened in mid-2019.", "2019"),
        ("He lost the 2019 election.", "2019"),
        ("After its 1990 invasion of Kuwait, Iraq was sanctioned.", "1990"),
        ("2019's protests were the largest.", "2019"),
    ],
)
def test_years(sentence: str, expected: str) -> None:
    text, value, precision = one(sentence)
    assert value == expected and precision == "year" and expected in text


def test_coordinated_years() -> None:
    assert [v for _, v, _ in found("Earnings rose in both 2019 and 2020.")] == ["2019", "2020"]


def test_spelled_years() -> None:
    assert found("It began in nineteen ninety-six.") == [("nineteen ninety-six", "1996", "year")]
    assert found("By the year two thousand, it was over.") == [
        ("the year two thousand", "2000", "year")
    ]
    assert found("He paid two thousand dollars.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The war has lasted for two decades.",
        "The two-decade conflict killed thousands.",
        "Fighting went on for three days.",
        "A 35-year-old man was arrested.",
        "Police detained the 35-year-old on forgery charges.",
        "Seven soldiers were killed.",
        "7 soldiers were killed and 2,000 people fled.",
        "The index stood in 1,200 places.",
        "The ministry holds a weekly press conference.",
        "Daily briefings continue; weekly reports too.",
        "Turnout was 2019 votes higher.",
        "Growth of 2019 percent is absurd.",
        "In the 1990s the country was at war.",
        "The 2019-20 season was cancelled.",
        "Call 1800 555 0199 for help.",
    ],
)
def test_negatives(sentence: str) -> None:
    assert found(sentence) == []


# ----------------------------------------------------------------- no publication date


def test_without_publication_only_absolute_dates_resolve() -> None:
    text = "On Wednesday, a year after the March 2019 coup and on 3 April 2023, in May, today."
    assert found(text, None) == [
        ("March 2019", "2019-03", "month"),
        ("3 April 2023", "2023-04-03", "day"),
    ]
    assert found("Founded in 2019 and dissolved 2023-04-03.", None) == [
        ("2019", "2019", "year"),
        ("2023-04-03", "2023-04-03", "day"),
    ]


# -------------------------------------------------------------------------------- offsets


def test_offsets_with_sentence_start() -> None:
    article = "Kabul, April 7. Gunmen attacked a convoy on Tuesday near the border."
    start = article.index("Gunmen")
    sentence = article[start:]
    refs = find_dates(sentence, FRI, offset=start)
    assert [(d.text, d.value) for d in refs] == [("Tuesday", "2023-04-04")]
    assert article[refs[0].start : refs[0].end] == "Tuesday"


def test_paragraph_with_many_dates() -> None:
    text = (
        "Fighting resumed on Wednesday after a truce agreed in March. The UN said "
        "yesterday that 2,000 people had fled since January 2022, and a vote on May 3 "
        "may be postponed."
    )
    assert found(text, FRI, offset=100) == [
        ("Wednesday", "2023-04-05", "day"),
        ("March", "2023-03", "month"),
        ("yesterday", "2023-04-06", "day"),
        ("January 2022", "2022-01", "month"),
        ("May 3", "2023-05-03", "day"),
    ]


def test_returns_daterefs() -> None:
    refs = find_dates("Talks end on April 3.", FRI)
    assert refs == [DateRef(text="April 3", start=13, end=20, value="2023-04-03", precision="day")]


# --------------------------------------------------------------------- resolve_expression


@pytest.mark.parametrize(
    ("expr", "published", "value", "precision"),
    [
        ("March", FRI, "2023-03", "month"),
        ("May", FRI, "2022-05", "month"),
        ("1998", None, "1998", "year"),
        ("Jan. 8", date(1998, 1, 20), "1998-01-08", "day"),
        ("Wednesday", FRI, "2023-04-05", "day"),
        ("last year", FRI, "2022", "year"),
        ("the year", FRI, "2023", "year"),
        ("a year earlier", FRI, "2022", "year"),
        ("two days before", FRI, "2023-04-05", "day"),
        ("  April 3, 2023 ", None, "2023-04-03", "day"),
    ],
)
def test_resolve_expression(expr: str, published: date | None, value: str, precision: str) -> None:
    ref = resolve_expression(expr, published)
    assert ref is not None
    assert (ref.value, ref.precision) == (value, precision)
    assert expr[ref.start : ref.end] == ref.text


@pytest.mark.parametrize("expr", ["now", "recently", "the third quarter", "Wednesday", "hello"])
def test_resolve_expression_unresolvable(expr: str) -> None:
    assert resolve_expression(expr, None if expr == "Wednesday" else FRI) is None


# -------------------------------------------------------------------------------- property

_WORDS = st.sampled_from(
    [
        "in", "on", "May", "may", "March", "march", "last", "next", "this", "week", "year",
        "2019", "1,200", "3rd", "of", "April", "Wednesday", "ago", "two", "days", "the",
        "13/04/2023", "2023-04-03", "mid-", "early", "today", "-", ",", ".", "nineteen",
        "ninety-six", "two thousand", "'s", "and", "30", "Feb.", "Sept.", "\n",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(_WORDS, max_size=30).map(" ".join),
    st.lists(st.one_of(_WORDS, st.text(max_size=5)), max_size=30).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(
    text=_TEXT,
    published=st.one_of(st.none(), st.dates(min_value=date(1, 2, 1), max_value=date(9998, 11, 30))),
    offset=st.integers(min_value=0, max_value=10_000),
)
def test_never_raises_and_offsets_are_inside(text: str, published: date | None, offset: int) -> None:
    refs = find_dates(text, published, offset=offset)
    last_end = offset
    for d in refs:
        assert offset <= d.start < d.end <= offset + len(text)
        assert text[d.start - offset : d.end - offset] == d.text
        assert d.start >= last_end  # sorted, non-overlapping
        last_end = d.end
        assert d.precision in ("day", "month", "year")
        assert len(d.value) == {"day": 10, "month": 7, "year": 4}[d.precision]


@settings(max_examples=200, deadline=None)
@given(text=_TEXT, published=st.one_of(st.none(), st.dates()))
def test_resolve_expression_never_raises(text: str, published: date | None) -> None:
    ref = resolve_expression(text, published)
    if ref is not None:
        assert text[ref.start : ref.end] == ref.text


# ------------------------------------------------------------------- TimeBank evaluator

_TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Prices fell &amp; rose <TIMEX3 tid="t1" type="DATE" value="1998-01-06">Tuesday</TIMEX3>, after a
<TIMEX3 tid="t2" type="DURATION" value="P1W">week</TIMEX3> of losses in
<TIMEX3 tid="t3" type="DATE" value="1997-12">December</TIMEX3> and <TIMEX3 tid="t4"
type="DATE" value="1998-Q1">the first quarter</TIMEX3> and <TIMEX3 tid="t5" type="DATE"
value="1997">last year</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_tml_offsets(tmp_path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(_TML, encoding="utf-8")
    text, dct, timexes = read_tml(path)
    assert dct == date(1998, 1, 8)
    assert "&" in text and "<" not in text
    assert [t.text for t in timexes] == ["Tuesday", "week", "December", "the first quarter", "last year"]
    assert all(text[t.start : t.end] == t.text for t in timexes)


def test_evaluate_timebank_on_a_small_file(tmp_path) -> None:
    (tmp_path / "doc.tml").write_text(_TML, encoding="utf-8")
    r = evaluate_timebank(tmp_path)
    assert r["date_timexes"] == 4 and r["resolvable"] == 3 and r["unresolvable"] == 1
    assert r["exact_resolvable"] == 1.0 and r["exact_all"] == 0.75
    assert r["span_recall_overlap_resolvable"] == 1.0
    assert r["worst"] == []


# One or more matches for every rule that ``find_dates`` runs, in the cases the rules
# were written for and in capitals.
PRESCREEN_TEXTS = [
    "The talks ended on 2023-04-03 and resumed 03/04/2023, then 13.04.2023.",
    "On Wednesday, April 5, 2023 and on the 3rd of April, and 5 April 2022, and April 3rd.",
    "In March 2019, in mid-March of 2019, in June of nineteen ninety-six, in JUNE 2020.",
    "January this year, June last year and early March of next year.",
    "In the year two thousand and three, nineteen oh five and eighteen hundred.",
    "By the end of the year, at year-end, the current fiscal year, the current month, month's end.",
    "The day before yesterday, yesterday, today, tonight, last night, this morning, TOMORROW evening.",
    "Last Wednesday, this coming Friday, Tuesday night, MONDAY and on Sun.",
    "Three days ago, a couple of weeks ago, 2 months from now, a decade ago.",
    "Earlier this week, later this month, late last year, next week.",
    "Since May, last September, in Sept. and Jan. and DECEMBER.",
    "In 2019, the 2019 election, fiscal 2019, 2019's budget, mid-2019.",
]


def test_every_rule_match_passes_the_prescreen() -> None:
    """``find_dates`` skips a text the prescreen rejects: sound only if every match of
    every rule it would run passes the prescreen by itself."""
    from eventwire.resolve import dates

    seen = set()
    for pattern, handler in dates._RULES:
        if handler in dates._LENIENT_ONLY:
            continue
        for text in PRESCREEN_TEXTS:
            for m in pattern.finditer(text):
                seen.add(handler)
                assert dates._MAYBE_DATE.search(m.group(0)), (handler.__name__, m.group(0))
    assert seen == {h for _, h in dates._RULES} - dates._LENIENT_ONLY  # each rule was exercised
    # and it does skip ordinary sentences
    assert not dates._MAYBE_DATE.search("Talks between the two sides may go on, a marketing official said.")


def test_the_prescreen_changes_nothing_found() -> None:
    from eventwire.resolve import dates

    published = date(2023, 4, 7)
    for text in [*PRESCREEN_TEXTS, "No date here at all.", "Talks between the two sides went on.", ""]:
        full = [(c.start, c.end, c.value) for c in dates._scan(text, published, lenient=False)]
        assert [(d.start, d.end, d.value) for d in find_dates(text, published)] == full
