"""Reading inputs: every bad input becomes an ErrorRecord with a stable code, and the
good inputs around it are still read, in order."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from eventwire.ingest.readers import read_inputs
from eventwire.ingest.validate import MAX_ARTICLE_BYTES, check_text, guess_not_english, parse_country, parse_published
from eventwire.models import Article, ErrorRecord

PUB = date(2023, 4, 7)

GOOD_A = (
    "Government forces shelled rebel positions near the town of Kidal on Monday, the army said. "
    "A spokesman for the rebels accused the army of targeting civilians and said that the talks were over."
)
GOOD_B = (
    "The foreign minister met his counterpart in Ankara on Thursday and the two sides agreed to reopen "
    "the border crossing, officials said in a joint statement."
)
GOOD_C = "Protesters gathered outside the parliament in Tbilisi on Sunday to demand the interior minister's resignation."

FRENCH = (
    "Le ministère des Affaires étrangères a convoqué jeudi l'ambassadeur du Mali pour protester contre "
    "les déclarations du gouvernement de transition. Selon un communiqué publié dans la soirée, Paris "
    "juge ces propos inacceptables et demande des explications rapides sur la situation des ressortissants "
    "français retenus depuis plusieurs semaines près de la frontière."
)
GERMAN = (
    "Die Bundesregierung hat am Mittwoch den Botschafter Russlands einbestellt, nachdem bei einem "
    "Angriff auf eine Stadt im Osten der Ukraine mehrere Zivilisten getötet worden waren. Eine Sprecherin "
    "des Auswärtigen Amtes sagte, man verurteile den Beschuss auf das Schärfste und fordere eine "
    "unabhängige Untersuchung der Vorfälle."
)
RUSSIAN = (
    "Министерство иностранных дел в среду вызвало посла соседней страны после обстрела пограничного "
    "поселка, в результате которого погибли трое мирных жителей. Представитель ведомства заявил, что "
    "правительство требует немедленного прекращения огня и проведения расследования."
)
ARABIC = (
    "أعلنت وزارة الخارجية يوم الثلاثاء استدعاء سفير الدولة المجاورة بعد هجوم على مركز حدودي أسفر عن "
    "مقتل ستة جنود، وقال المتحدث باسم الوزارة إن الحكومة تطالب بتحقيق عاجل في الحادث."
)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def read(*paths: Path | str, **kw) -> list[Article | ErrorRecord]:
    return list(read_inputs([str(p) for p in paths], **kw))


def only_error(items: list[Article | ErrorRecord]) -> ErrorRecord:
    assert len(items) == 1, items
    (err,) = items
    assert isinstance(err, ErrorRecord), err
    assert err.message.strip(), "an error record must explain itself"
    assert err.stage == "ingest"
    return err


def jsonl(*objs: object) -> str:
    return "\n".join(o if isinstance(o, str) else json.dumps(o, ensure_ascii=False) for o in objs) + "\n"


# ------------------------------------------------------------------ good inputs


def test_text_file_becomes_article_with_stem_id_origin_and_published(tmp_path: Path) -> None:
    p = write(tmp_path / "kidal-shelling.txt", GOOD_A)
    (art,) = read(p, published=PUB)
    assert isinstance(art, Article)
    assert art.id == "kidal-shelling"
    assert art.text == GOOD_A
    assert art.published == PUB
    assert art.origin == str(p)
    assert art.meta()["chars"] == len(GOOD_A)


def test_utf8_bom_is_dropped_from_text_file(tmp_path: Path) -> None:
    p = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + GOOD_A.encode())
    (art,) = read(p)
    assert isinstance(art, Article)
    assert art.text == GOOD_A  # offsets must count from the first real character


def test_jsonl_fields_are_read(tmp_path: Path) -> None:
    p = write(
        tmp_path / "feed.jsonl",
        jsonl(
            {"id": "a1", "text": GOOD_A, "published": "2023-03-01", "title": "Shelling", "source": "Wire", "url": "http://x/1"},
            {"text": GOOD_B},
        ),
    )
    a1, a2 = read(p, published=PUB)
    assert isinstance(a1, Article) and isinstance(a2, Article)
    assert (a1.id, a1.published, a1.title, a1.source, a1.url, a1.origin) == (
        "a1", date(2023, 3, 1), "Shelling", "Wire", "http://x/1", f"{p}:1",
    )
    # no id: a content hash; no published: the --published default
    assert a2.id and a2.id != "a1" and a2.published == PUB and a2.origin == f"{p}:2"
    assert a2.text == GOOD_B


def test_jsonl_datetime_published_is_read_as_its_date(tmp_path: Path) -> None:
    p = write(tmp_path / "feed.jsonl", jsonl({"id": "z", "text": GOOD_A, "published": "2023-04-05T08:30:00Z"}))
    (art,) = read(p)
    assert isinstance(art, Article) and art.published == date(2023, 4, 5)


def test_same_text_gets_same_content_id(tmp_path: Path) -> None:
    p = write(tmp_path / "feed.jsonl", jsonl({"text": GOOD_C}, {"text": GOOD_C}, {"text": GOOD_B}))
    a, b, c = read(p)
    assert a.id == b.id != c.id


# ------------------------------------------------------------------ bad files


def test_empty_file(tmp_path: Path) -> None:
    err = only_error(read(write(tmp_path / "empty.txt", b"")))
    assert err.code == "empty"
    assert err.input == str(tmp_path / "empty.txt")


def test_whitespace_only_file(tmp_path: Path) -> None:
    err = only_error(read(write(tmp_path / "blank.txt", " \n\t\r\n   \n")))
    assert err.code == "empty"


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    err = only_error(read(write(tmp_path / "picture.txt", data)))
    assert err.code == "binary"
    assert "NUL" in err.message


def test_non_utf8_bytes(tmp_path: Path) -> None:
    data = "The minister visited the café in Bamako on Monday and said the talks would resume.".encode("latin-1")
    err = only_error(read(write(tmp_path / "latin1.txt", data)))
    assert err.code == "encoding"
    assert "0xe9" in err.message  # names the offending byte (é in latin-1)


def test_ten_megabyte_article_is_too_large(tmp_path: Path) -> None:
    sentence = "Troops moved towards the border on Monday and the government said the talks were over. "
    data = (sentence * (10_000_000 // len(sentence) + 1)).encode()
    assert len(data) >= 10_000_000
    err = only_error(read(write(tmp_path / "huge.txt", data)))
    assert err.code == "too_large"
    assert f"{MAX_ARTICLE_BYTES:,}" in err.message


@pytest.mark.parametrize("text", [FRENCH, GERMAN], ids=["french", "german"])
def test_latin_script_non_english_article(tmp_path: Path, text: str) -> None:
    err = only_error(read(write(tmp_path / "foreign.txt", text)))
    assert err.code == "language"
    assert "English" in err.message


@pytest.mark.parametrize("text", [RUSSIAN, ARABIC], ids=["russian", "arabic"])
def test_non_latin_script_article(tmp_path: Path, text: str) -> None:
    err = only_error(read(write(tmp_path / "foreign.txt", text)))
    assert err.code == "language"
    assert "non-Latin" in err.message


def test_english_article_with_foreign_names_is_english() -> None:
    text = (
        "Sheikh Abdullah bin Zayed Al Nahyan met Sergei Lavrov in Moscow on Tuesday, and the two "
        "ministers said that Abu Dhabi and Moscow would expand trade."
    )
    assert guess_not_english(text) is None


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "gone.txt"
    err = only_error(read(missing))
    assert err.code == "not_found"
    assert err.input == str(missing)


def test_check_text_accepts_good_and_returns_decoded_text() -> None:
    text, err = check_text(GOOD_B.encode(), "x")
    assert err is None and text == GOOD_B


# ------------------------------------------------------------------ JSONL lines


def test_malformed_jsonl_line_among_good_lines(tmp_path: Path) -> None:
    p = write(
        tmp_path / "feed.jsonl",
        jsonl({"id": "one", "text": GOOD_A}, '{"id": "two", "text": "unterminated', {"id": "three", "text": GOOD_B}),
    )
    one, bad, three = read(p)
    assert isinstance(one, Article) and one.id == "one"
    assert isinstance(bad, ErrorRecord) and bad.code == "malformed_json"
    assert bad.input == f"{p}:2"
    assert isinstance(three, Article) and three.id == "three" and three.origin == f"{p}:3"


def test_blank_jsonl_lines_are_skipped_but_line_numbers_stay_true(tmp_path: Path) -> None:
    p = write(tmp_path / "feed.jsonl", "\n" + jsonl({"id": "a", "text": GOOD_A}) + "\n\n" + "{oops}\n")
    a, bad = read(p)
    assert isinstance(a, Article) and a.origin == f"{p}:2"
    assert isinstance(bad, ErrorRecord) and bad.input == f"{p}:5"


def test_jsonl_line_without_text(tmp_path: Path) -> None:
    p = write(tmp_path / "feed.jsonl", jsonl({"id": "t1", "title": "No body"}, {"id": "t2", "text": 42}, {"id": "ok", "text": GOOD_C}))
    e1, e2, ok = read(p)
    assert isinstance(e1, ErrorRecord) and e1.code == "missing_field" and e1.input == f"{p}:1"
    assert isinstance(e2, ErrorRecord) and e2.code == "missing_field" and e2.input == f"{p}:2"
    assert "text" in e1.message
    assert isinstance(ok, Article) and ok.id == "ok"


def test_jsonl_published_not_a_date(tmp_path: Path) -> None:
    p = write(
        tmp_path / "feed.jsonl",
        jsonl({"id": "d1", "text": GOOD_A, "published": "last Tuesday"}, {"id": "d2", "text": GOOD_B, "published": "2023-02-30"}, {"id": "d3", "text": GOOD_C, "published": "2023-02-28"}),
    )
    e1, e2, ok = read(p, published=PUB)
    assert isinstance(e1, ErrorRecord) and e1.code == "bad_date" and e1.input == f"{p}:1"
    assert "last Tuesday" in e1.message
    assert isinstance(e2, ErrorRecord) and e2.code == "bad_date" and e2.input == f"{p}:2"
    assert isinstance(ok, Article) and ok.published == date(2023, 2, 28)


def test_jsonl_country_is_read_as_alpha3_and_a_bad_one_is_an_error(tmp_path: Path) -> None:
    p = write(
        tmp_path / "feed.jsonl",
        jsonl({"id": "c1", "text": GOOD_A, "country": "KE"}, {"id": "c2", "text": GOOD_B, "country": "Narnia"},
              {"id": "c3", "text": GOOD_C, "country": "pakistan"}, {"id": "c4", "text": GOOD_A + " Again."}),
    )
    c1, bad, c3, c4 = read(p)
    assert isinstance(c1, Article) and c1.country == "KEN"
    assert isinstance(bad, ErrorRecord) and bad.code == "bad_country" and bad.input == f"{p}:2" and "Narnia" in bad.message
    assert isinstance(c3, Article) and c3.country == "PAK"
    assert isinstance(c4, Article) and c4.country is None
    # the caller's country fills only the articles that carry none
    c1, _bad, c3, c4 = read(p, country="UGA")
    assert (c1.country, c3.country, c4.country) == ("KEN", "PAK", "UGA")
    assert c4.meta()["country"] == "UGA"


@pytest.mark.parametrize(("value", "expected"), [("KE", "KEN"), ("ken", "KEN"), ("Kenya", "KEN"), (" PK ", "PAK"),
                                                 ("", None), ("Narnia", None), ("XX", None)])
def test_parse_country(value: str, expected: str | None) -> None:
    assert parse_country(value) == expected


def test_jsonl_line_that_is_not_an_object(tmp_path: Path) -> None:
    p = write(tmp_path / "feed.jsonl", jsonl([GOOD_A], {"text": GOOD_B}))
    bad, ok = read(p)
    assert isinstance(bad, ErrorRecord) and bad.code == "malformed_record" and bad.input == f"{p}:1"
    assert isinstance(ok, Article)


def test_jsonl_line_bad_utf8_and_bad_text_keep_their_line(tmp_path: Path) -> None:
    good = json.dumps({"text": GOOD_A}).encode()
    latin = json.dumps({"text": "x"}).encode().replace(b"x", "café au lait with the minister".encode("latin-1"))
    empty_text = json.dumps({"text": "   "}).encode()
    french = json.dumps({"text": FRENCH}, ensure_ascii=False).encode()
    p = write(tmp_path / "feed.jsonl", b"\n".join([good, latin, empty_text, french, good]) + b"\n")
    items = read(p)
    assert [type(i).__name__ for i in items] == ["Article", "ErrorRecord", "ErrorRecord", "ErrorRecord", "Article"]
    assert [(i.code, i.input) for i in items if isinstance(i, ErrorRecord)] == [
        ("encoding", f"{p}:2"), ("empty", f"{p}:3"), ("language", f"{p}:4"),
    ]


def test_jsonl_file_with_utf8_bom(tmp_path: Path) -> None:
    # Exports from Windows tools often start with a BOM; .txt files already accept one.
    p = write(tmp_path / "feed.jsonl", b"\xef\xbb\xbf" + jsonl({"id": "a", "text": GOOD_A}, {"id": "b", "text": GOOD_B}).encode())
    a, b = read(p)
    assert isinstance(a, Article), a
    assert (a.id, a.text) == ("a", GOOD_A)
    assert isinstance(b, Article) and b.id == "b"


def test_stdin_jsonl_with_utf8_bom() -> None:
    data = b"\xef\xbb\xbf" + jsonl({"id": "s1", "text": GOOD_A}, {"id": "s2", "text": GOOD_B}).encode()
    items = read("-", stdin=io.BytesIO(data))
    # Must be read as two JSONL records, not as one "article" whose text is raw JSON.
    assert [getattr(i, "id", None) for i in items] == ["s1", "s2"], items


def test_jsonl_with_crlf_line_ends(tmp_path: Path) -> None:
    p = write(tmp_path / "feed.jsonl", jsonl({"id": "a", "text": GOOD_A}, {"id": "b", "text": GOOD_B}).replace("\n", "\r\n").encode())
    a, b = read(p)
    assert isinstance(a, Article) and isinstance(b, Article)
    assert (a.id, b.id) == ("a", "b") and b.text == GOOD_B


# ------------------------------------------------------------------ directories, order


def test_directory_walked_recursively_in_sorted_order_with_good_and_bad(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "a_good.txt", GOOD_A)
    write(root / "b_empty.txt", "")
    write(root / "sub" / "c_feed.jsonl", jsonl({"id": "c1", "text": GOOD_B}, "not json", {"id": "c3", "text": GOOD_C}))
    write(root / "sub" / "deeper" / "d_binary.txt", b"\x00\x01\x02" * 100)
    write(root / "sub" / "deeper" / "e_good.md", GOOD_C)
    write(root / "sub" / "f_picture.png", b"\x89PNG")
    write(root / "z_french.txt", FRENCH)
    items = read(root)
    summary = [(i.id if isinstance(i, Article) else i.code) for i in items]
    assert summary == ["a_good", "empty", "c1", "malformed_json", "c3", "binary", "sub/deeper/e_good", "unsupported", "language"]
    errors = [i for i in items if isinstance(i, ErrorRecord)]
    assert [e.input for e in errors] == [
        str(root / "b_empty.txt"), f"{root / 'sub' / 'c_feed.jsonl'}:2", str(root / "sub" / "deeper" / "d_binary.txt"),
        str(root / "sub" / "f_picture.png"), str(root / "z_french.txt"),
    ]


def test_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    err = only_error(read(tmp_path / "nothing"))
    assert err.code == "empty_dir"


def test_bad_inputs_do_not_stop_the_good_ones_and_order_is_kept(tmp_path: Path) -> None:
    good1 = write(tmp_path / "good1.txt", GOOD_A)
    empty = write(tmp_path / "empty.txt", "")
    good2 = write(tmp_path / "good2.txt", GOOD_B)
    binary = write(tmp_path / "bin.txt", b"\x00" * 64)
    missing = tmp_path / "missing.txt"
    good3 = write(tmp_path / "good3.txt", GOOD_C)
    items = read(good1, empty, good2, binary, missing, good3)
    assert [(i.id if isinstance(i, Article) else i.code) for i in items] == [
        "good1", "empty", "good2", "binary", "not_found", "good3",
    ]


# ------------------------------------------------------------------ stdin


def test_stdin_plain_text(tmp_path: Path) -> None:
    (art,) = read("-", stdin=io.BytesIO(GOOD_A.encode()), published=PUB)
    assert isinstance(art, Article)
    assert art.text == GOOD_A and art.origin == "<stdin>" and art.published == PUB
    assert art.id  # a content hash when there is no file name


def test_stdin_jsonl(tmp_path: Path) -> None:
    data = jsonl({"id": "s1", "text": GOOD_A}, "{broken", {"id": "s3", "text": GOOD_B, "published": "2022-12-31"}).encode()
    s1, bad, s3 = read("-", stdin=io.BytesIO(b"\n  " + data))
    assert isinstance(s1, Article) and s1.id == "s1" and s1.origin.startswith("<stdin>:")
    assert isinstance(bad, ErrorRecord) and bad.code == "malformed_json" and bad.input.startswith("<stdin>:")
    assert isinstance(s3, Article) and s3.published == date(2022, 12, 31)
    # line numbers count the leading blank line
    assert (s1.origin, bad.input, s3.origin) == ("<stdin>:2", "<stdin>:3", "<stdin>:4")


def test_stdin_empty_and_binary() -> None:
    assert only_error(read("-", stdin=io.BytesIO(b""))).code == "empty"
    assert only_error(read("-", stdin=io.BytesIO(b"\x00\xff\x00"))).code == "binary"


def test_stdin_between_files(tmp_path: Path) -> None:
    f = write(tmp_path / "first.txt", GOOD_A)
    items = read(f, "-", tmp_path / "absent.txt", stdin=io.BytesIO(GOOD_B.encode()))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "ErrorRecord"]
    assert items[1].text == GOOD_B and items[2].code == "not_found"


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-04-07", date(2023, 4, 7)),
        (" 2023-04-07 ", date(2023, 4, 7)),
        ("2023-04-07T23:10:00+05:00", date(2023, 4, 7)),
        ("2023-04-07T10:00:00Z", date(2023, 4, 7)),
        ("notadate", None),
        ("07/04/2023", None),
        ("2023-13-01", None),
        ("", None),
    ],
)
def test_parse_published(value: str, expected: date | None) -> None:
    assert parse_published(value) == expected


def test_directory_ids_are_unique_across_subfolders(tmp_path):
    from eventwire.ingest.readers import read_inputs
    from eventwire.models import Article

    for sub in ("business", "politics"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "001.txt").write_text("The minister said the government will meet the unions.", encoding="utf-8")
    ids = [a.id for a in read_inputs([str(tmp_path)]) if isinstance(a, Article)]
    assert ids == ["business/001", "politics/001"]
