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
An article coded although it has more of a section's cues than of politics' keeps
that section's figures of violence from becoming assaults (``section_sense``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Span

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
    section_senses: Mapping[str, frozenset[str]] = field(default_factory=dict)
    violence_cues: frozenset[str] = frozenset()
    section_min_cues: int = 3

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

    def section_sense(self, verdict: TopicVerdict | None, lemma: str, sentence: Span) -> bool:
        """``lemma`` is a figure of speech of the article's section: the article was
        coded, but its section's cues outnumber politics' (and are at least
        ``section_min_cues``), the word is one of that section's (``section_senses``:
        "beat", "clash" in sport) and its sentence names no violence ("fans", "police",
        "missile")."""
        if (verdict is None or verdict.topic is None or verdict.topic_cues <= verdict.political_cues
                or verdict.topic_cues < self.section_min_cues):
            return False
        if lemma not in self.section_senses.get(verdict.topic, ()):
            return False
        return not any(t.lower_ in self.violence_cues or t.lemma_.lower() in self.violence_cues for t in sentence)


def load_relevance(path: Path | None = None) -> Relevance:
    """Read ``kb/data/topics.json`` (or ``path``); a bad file is a ``KnowledgeError``."""
    f = read_file(Path(path) if path else data_dir() / DATA, TopicsFile)

    def words(xs: list[str]) -> frozenset[str]:
        return frozenset(x.lower() for x in xs)

    return Relevance(political=words(f.political), topics={k: words(v) for k, v in f.topics.items()},
                     min_topic_cues=f.min_topic_cues, ratio=f.ratio,
                     section_senses={k: words(v) for k, v in f.section_senses.items()},
                     violence_cues=words(f.violence_cues), section_min_cues=f.section_min_cues)
