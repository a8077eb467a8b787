"""Is an article political news at all? A word count before any model runs.

A sports report, a film review or a gadget launch uses the words of conflict ("beat",
"attack", "shot", "fight back") without a political actor in sight, and coding it gives
false events, the noise that audits of automated event data keep finding. It also costs
as much to parse as a war report. So before the gate looks at sentences, the article's
words are counted against ``kb/data/topics.json``: political cues (government, police,
troops, election, protest ...) and the cues of each non-political news section (sport,
entertainment, technology, markets). An article is left out when one section has at
least ``min_topic_cues`` cues and at least ``ratio`` times as many as politics has;
everything else is coded. The verdict goes into the record (``article.topic``), so a
left-out article is visible, never silently dropped, and ``--no-prefilter`` codes all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..kb.loader import data_dir, read_file
from ..kb.schemas import TopicsFile

__all__ = ["Relevance", "TopicVerdict", "load_relevance"]

DATA = "topics.json"
_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass(frozen=True, slots=True)
class TopicVerdict:
    """Why an article was coded or left out."""

    political: bool
    political_cues: int
    topic: str | None  # the non-political section with the most cues (None: no cue at all)
    topic_cues: int

    def to_dict(self) -> dict[str, Any]:
        return {"political": self.political, "political_cues": self.political_cues,
                "topic": self.topic, "topic_cues": self.topic_cues}


@dataclass(frozen=True, slots=True)
class Relevance:
    political: frozenset[str]
    topics: Mapping[str, frozenset[str]]
    min_topic_cues: int = 5
    ratio: float = 3.0

    def judge(self, text: str) -> TopicVerdict:
        counts = dict.fromkeys(self.topics, 0)
        pol = 0
        for w in _WORD.findall(text.lower()):
            if w in self.political:
                pol += 1
            for name, words in self.topics.items():
                if w in words:
                    counts[name] += 1
        topic, n = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
        off_topic = n >= self.min_topic_cues and n >= self.ratio * max(pol, 1)
        return TopicVerdict(political=not off_topic, political_cues=pol, topic=topic if n else None, topic_cues=n)


def load_relevance(path: Path | None = None) -> Relevance:
    """Read ``kb/data/topics.json`` (or ``path``); a bad file is a ``KnowledgeError``."""
    f = read_file(Path(path) if path else data_dir() / DATA, TopicsFile)

    def words(xs: list[str]) -> frozenset[str]:
        return frozenset(x.lower() for x in xs)

    return Relevance(political=words(f.political), topics={k: words(v) for k, v in f.topics.items()},
                     min_topic_cues=f.min_topic_cues, ratio=f.ratio)
