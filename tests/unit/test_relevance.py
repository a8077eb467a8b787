"""The article-level topic test: non-political news sections are left out, visibly."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from eventwire.coder import code_articles
from eventwire.errors import KnowledgeError
from eventwire.extract.relevance import Relevance, load_relevance
from eventwire.models import Article
from eventwire.schema import validate_record

MATCH_REPORT = (
    "United came from behind to beat City 3-1 in the league on Saturday. The striker scored twice "
    "after the coach changed the squad at half-time, and the goalkeeper saved a penalty. The club "
    "stays top of the league before the cup tournament; the midfielder's injury keeps him out of "
    "the next match, the manager said. Fans at the stadium saw the champions attack from the start."
)
ALBUM_REVIEW = (
    "The band's new album tops the charts. The singer said the songs were written on a film set, "
    "and the actress who stars in the movie sings on two of them. The album was nominated for an "
    "award at the festival, where the band plays a concert next month."
)
WAR_REPORT = (
    "Troops attacked rebel positions near the border on Tuesday, the army said. Police arrested "
    "protesters in the capital as the government rejected opposition demands for talks."
)
# A match report that is political news: a minister and the police at a football riot.
RIOT_AT_MATCH = MATCH_REPORT + (
    " After the match, police fired tear gas at fans; the interior minister said the government would "
    "ban the club's supporters and the opposition demanded an inquiry into police violence. Protesters "
    "clashed with police, and the army was called in. Officials said the security forces arrested dozens."
)


@pytest.fixture(scope="module")
def rel() -> Relevance:
    return load_relevance()


def test_sections_of_the_news_that_are_not_political(rel: Relevance) -> None:
    match, album = rel.judge(MATCH_REPORT), rel.judge(ALBUM_REVIEW)
    assert (match.political, match.topic) == (False, "sport")
    assert match.topic_cues >= rel.min_topic_cues
    assert (album.political, album.topic) == (False, "entertainment")


def test_political_news_is_kept_even_with_many_topic_words(rel: Relevance) -> None:
    war = rel.judge(WAR_REPORT)
    assert war.political and war.political_cues >= 5
    riot = rel.judge(RIOT_AT_MATCH)
    assert riot.political and riot.topic == "sport"  # the sport words are counted, politics outweighs them


def test_short_texts_are_never_left_out(rel: Relevance) -> None:
    assert rel.judge("United beat City.").political
    assert rel.judge("").political


def test_a_word_cannot_be_both_political_and_of_a_topic(tmp_path: Path) -> None:
    bad = tmp_path / "topics.json"
    bad.write_text(json.dumps({"political": ["police"], "topics": {"sport": ["police", "goal"]}}))
    with pytest.raises(KnowledgeError, match="both political"):
        load_relevance(bad)
    bad.write_text(json.dumps({"political": ["police"]}))
    with pytest.raises(KnowledgeError, match="topics.json"):
        load_relevance(bad)


def test_coder_leaves_out_the_match_report_and_says_why(resources) -> None:
    arts = [Article("match", MATCH_REPORT), Article("war", WAR_REPORT), Article("riot", RIOT_AT_MATCH)]
    match, war, riot = code_articles(arts, resources)
    assert match.article["topic"]["political"] is False and match.article["topic"]["topic"] == "sport"
    assert (match.events, match.quotes, match.entities, match.places) == ([], [], [], [])
    assert war.article["topic"]["political"] is True and war.events
    assert riot.article["topic"]["political"] is True and riot.events
    for rec in (match, war, riot):
        assert validate_record(rec.to_dict()) == []


def test_without_the_prefilter_every_article_is_coded(resources) -> None:
    ungated = dataclasses.replace(resources, gate=None, relevance=None)
    (match,) = code_articles([Article("match", MATCH_REPORT)], ungated)
    assert "topic" not in match.article
    assert match.quotes  # parsed: "..., the manager said" is found
