"""The geoparsing (EUPEG XML) and quote (PolNeAR brat) scorers on invented fixtures.

Every fixture is written into tmp_path here; nothing is read from ../shared.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.eval import geo, quotes
from eventwire.models import ActorRef, PlaceRef, Quote

# ------------------------------------------------------------------ geo

GEO_TEXT_1 = "Floods hit Lahore on Monday. Officials in Punjab said the river rose."
GEO_TEXT_2 = "A bridge opened in Nairobi. Kenyan officials praised it."


def _eupeg(tmp_path: Path) -> Path:
    l1 = GEO_TEXT_1.index("Lahore")
    p1 = GEO_TEXT_1.index("Punjab")
    n2 = GEO_TEXT_2.index("Nairobi")
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="a1">
    <title>Floods</title>
    <text><![CDATA[{GEO_TEXT_1}]]></text>
    <toponyms count="2">
      <toponym><start>{l1}</start><end>{l1 + 6}</end><phrase>Lahore</phrase>
        <gaztag geonameid="1172451"><name>Lahore</name><fclass>P</fclass><fcode>PPLA</fcode>
          <lat>31.558</lat><lon>74.35071</lon><country geonameid="1168579">Pakistan</country></gaztag>
      </toponym>
      <toponym><start>{p1 + 1}</start><end>{p1 + 7}</end><phrase>Punjab</phrase>
        <gaztag geonameid="1167710"><name>Punjab</name><fclass>A</fclass><fcode>ADM1</fcode>
          <lat>30.5</lat><lon>72.5</lon><country geonameid="1168579">Pakistan</country></gaztag>
      </toponym>
    </toponyms>
  </article>
  <article docid="a2">
    <text><![CDATA[{GEO_TEXT_2}]]></text>
    <toponyms count="2">
      <toponym><start>{n2}</start><end>{n2 + 7}</end><phrase>Nairobi</phrase></toponym>
      <toponym><start>3</start><end>9</end><phrase>Mombasa</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""
    path = tmp_path / "tiny.xml"
    path.write_text(xml, encoding="utf-8")
    return path


def test_read_eupeg_offsets_and_repair(tmp_path: Path) -> None:
    arts = geo.read_eupeg(_eupeg(tmp_path))
    assert [a.id for a in arts] == ["a1", "a2"]
    lahore, punjab = arts[0].toponyms
    assert GEO_TEXT_1[lahore.start : lahore.end] == "Lahore" and lahore.offsets == "exact"
    assert (lahore.lat, lahore.lon, lahore.geonames_id, lahore.fcode) == (31.558, 74.35071, 1172451, "PPLA")
    # off by one in the file: moved to the phrase, flagged
    assert GEO_TEXT_1[punjab.start : punjab.end] == "Punjab" and punjab.offsets == "repaired"
    nairobi, mombasa = arts[1].toponyms
    assert nairobi.lat is None and nairobi.offsets == "exact"
    assert mombasa.offsets == "unusable"  # the phrase is not in the text
    assert len(geo.read_eupeg(_eupeg(tmp_path), limit=1)) == 1


def test_read_eupeg_entry_layout(tmp_path: Path) -> None:
    text = "Rain in Quetta."
    path = tmp_path / "entries.xml"
    path.write_text(
        f"<entries><entry><text><![CDATA[{text}]]></text><toponyms><toponym><start>8</start><end>14</end>"
        "<phrase>Quetta</phrase><place><placename>Quetta</placename><footprint>67.0 30.18</footprint>"
        "<placetype>PPLA</placetype></place></toponym></toponyms></entry></entries>",
        encoding="utf-8",
    )
    (t,) = geo.read_eupeg(path)[0].toponyms
    assert text[t.start : t.end] == "Quetta" and (t.lat, t.lon) == (30.18, 67.0)


def _place(text: str, name: str, start: int, lat: float, lon: float, gid: int | None = None) -> PlaceRef:
    return PlaceRef(text=name, name=name, country="PAK", admin1=None, admin2=None, lat=lat, lon=lon,
                    feature="city", start=start, end=start + len(name), geonames_id=gid)


def test_score_articles_with_a_fake_predictor(tmp_path: Path) -> None:
    arts = geo.read_eupeg(_eupeg(tmp_path))

    def predict(text: str):
        if text == GEO_TEXT_1:
            return [_place(text, "Lahore", text.index("Lahore"), 31.5, 74.3, 1172451),
                    _place(text, "Punjab", text.index("Punjab"), 20.0, 72.5)], None
        return [_place(text, "Monday", 0, 0.0, 0.0)], None  # spurious, Nairobi missed

    out = geo.score_articles(arts, predict)
    assert out["gold"] == 3 and out["gold_geo"] == 2  # Mombasa unusable, Nairobi no coords
    assert out["found"] == 2 and out["found_rate"] == round(2 / 3, 4)
    assert out["resolved_161"] == 1 and out["resolved_161_rate"] == 0.5 and out["acc_161"] == 0.5
    assert out["geonames_compared"] == 1 and out["geonames_exact"] == 1.0
    assert out["predicted"] == 3 and out["precision"] == round(2 / 3, 4) and out["spurious"] == 1
    assert out["worst"]["missed"][0]["phrase"] == "Nairobi"
    assert out["worst"]["largest_errors"][0]["phrase"] == "Punjab"


GEO_KEYS = {"articles", "gold", "gold_geo", "offsets", "found", "found_rate", "found_geo", "resolved_161",
            "resolved_161_rate", "acc_161", "mean_error_km", "median_error_km", "geonames_compared",
            "geonames_exact", "predicted", "precision", "spurious", "miss_reasons", "error_kinds", "worst"}


@pytest.mark.slow
def test_geo_evaluate_keys(tmp_path: Path, resources) -> None:
    out = geo.evaluate(_eupeg(tmp_path), res=resources)
    assert GEO_KEYS <= set(out)
    assert out["gold"] == 3 and 0.0 <= out["found_rate"] <= 1.0
    folder = geo.evaluate(tmp_path, res=resources)
    assert GEO_KEYS <= set(folder) and set(folder["per_file"]) == {"tiny.xml"}


# ------------------------------------------------------------------ quotes

BRAT_TEXT = (
    "“We will not back down,” Senator Jane Roe said on Monday.\n"
    "Roe said the bill would pass.\n"
    "The mayor warned of “grave consequences” for the city.\n"
)


def _brat(folder: Path) -> tuple[Path, Path]:
    t = BRAT_TEXT
    c1 = (t.index("“We"), t.index("” Senator") + 1)
    s1 = (t.index("Senator"), t.index(" said on"))
    k1 = (t.index("said on"), t.index("said on") + 4)
    s2 = (t.index("Roe said"), t.index("Roe said") + 3)
    k2 = (t.index("said the"), t.index("said the") + 4)
    c2 = (t.index("the bill"), t.index("pass") + 4)
    s3 = (t.index("The mayor"), t.index(" warned"))
    k3 = (t.index("warned"), t.index("warned") + 6)
    c3 = (t.index("of “grave"), t.index(" for the"))
    lines = []
    spans = [("Content", c1), ("Source", s1), ("Cue", k1), ("Source", s2), ("Cue", k2), ("Content", c2),
             ("Source", s3), ("Cue", k3), ("Content", c3)]
    for n, (typ, (a, b)) in enumerate(spans, 1):
        lines.append(f"T{n}\t{typ} {a} {b}\t{t[a:b]}")
    lines += [
        "T10\tAttribution 0 1\tx",
        "E1\tAttribution:T10 Content:T1 Source:T2 Cue:T3",
        "E2\tAttribution:T10 Source:T4 Cue:T5 Content:T6",
        "E3\tAttribution:T10 Source:T7 Cue:T8 Content:T9",
    ]
    folder.mkdir(parents=True, exist_ok=True)
    txt, ann = folder / "doc1.txt", folder / "doc1.ann"
    txt.write_text(t, encoding="utf-8")
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return txt, ann


def test_read_brat_offsets_and_types(tmp_path: Path) -> None:
    txt, ann = _brat(tmp_path)
    text, gold = quotes.read_brat(txt, ann)
    assert text == BRAT_TEXT and len(gold) == 3
    direct, indirect, mixed = gold
    assert text[direct.start : direct.end] == "“We will not back down,”"
    assert quotes._text_of(text, direct.source) == "Senator Jane Roe"
    assert quotes._text_of(text, direct.cue) == "said"
    assert [g.type for g in gold] == ["direct", "indirect", "mixed"]
    assert text[indirect.start : indirect.end] == "the bill would pass"


def test_gold_type_and_discontinuous_fragments() -> None:
    t = "“Yes,” she said, “we will.” Then she left."
    frags = [(0, t.index(" she")), (t.index("“we"), t.index(" Then"))]
    assert quotes.gold_type(t, frags) == "direct"
    assert quotes.gold_type("He said they would go.", [(8, 21)]) == "indirect"


def test_find_documents_polnear_layout(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    split = root / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "doc1.txt").write_text(BRAT_TEXT, encoding="utf-8")
    for who in ("ab12", "cd34"):
        (split / "attributions" / f"doc1_{who}.ann").write_text("", encoding="utf-8")
    pairs, skipped = quotes.find_documents(root)
    assert pairs == [(split / "text" / "doc1.txt", split / "attributions" / "doc1_ab12.ann")]
    assert skipped == 1
    assert quotes.find_documents(split)[0] == pairs


def _actor(text: str, name: str, start: int) -> ActorRef:
    return ActorRef(text=text, name=name, country="USA", sector="LEG", start=start, end=start + len(text))


def test_score_documents_with_a_fake_predictor(tmp_path: Path) -> None:
    txt, ann = _brat(tmp_path)
    text, gold = quotes.read_brat(txt, ann)
    t = text
    q1s, q1e = t.index("We will"), t.index("down") + 4
    roe = t.index("Roe said")

    def predict(doc_id: str, text: str):
        return [
            # direct, right speaker by name (the span is the later "Roe")
            Quote(t[q1s:q1e], q1s, q1e, "direct", None, _actor("Roe", "Jane Roe", roe)),
            # partial, no speaker
            Quote("grave consequences", t.index("grave"), t.index("” for"), "partial", None, None),
            # direct quote with no gold content
            Quote("Monday", t.index("Monday"), t.index("Monday") + 6, "direct", None, None),
        ], {}

    out = quotes.score_documents([("doc1", text, gold)], predict)
    assert out["predicted"] == 3 and out["gold"] == 3
    assert out["precision"] == round(2 / 3, 4) and out["recall"] == round(2 / 3, 4)
    assert out["by_gold_type"]["direct"] == {"n": 1, "recall": 1.0}
    assert out["by_kind"]["partial"]["precision"] == 1.0
    assert out["direct_gold"] == 1 and out["direct_gold_right"] == 1
    assert out["direct_predicted"] == 2 and out["direct_predicted_right"] == 1
    assert out["direct_speaker_recall"] == 1.0 and out["direct_speaker_precision"] == 0.5
    assert out["speaker_scored"] == 2 and out["speaker_accuracy"] == 0.5
    assert out["false_direct"] == {"no gold content (not an attribution in PolNeAR)": 1}


QUOTE_KEYS = {"documents", "gold", "predicted", "precision", "recall", "f1", "by_kind", "by_gold_type",
              "kind_confusion", "gold_no_source", "speaker_scored", "speaker_accuracy", "direct_gold",
              "direct_predicted", "direct_speaker_precision", "direct_speaker_recall", "direct_speaker_f1",
              "direct_speaker_precision_strict", "misses", "false_direct", "worst", "annotations_skipped"}


@pytest.mark.slow
def test_quotes_evaluate_keys(tmp_path: Path, resources) -> None:
    _brat(tmp_path / "split")
    out = quotes.evaluate(tmp_path / "split", res=resources)
    assert QUOTE_KEYS <= set(out)
    assert out["documents"] == 1 and out["gold"] == 3
    assert 0.0 <= out["direct_speaker_f1"] <= 1.0
