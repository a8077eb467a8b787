"""Knowledge files as written: a word list several triggers share is named once and
read back in full; a reference to no such list is a clear error naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import KnowledgeError
from eventwire.kb.loader import read_file
from eventwire.kb.schemas import TriggersFile


def write(tmp_path: Path, **extra: object) -> Path:
    data = {"version": "1", "source": "written for this test",
            "triggers": [{"lemma": "seize", "pos": "VERB", "event_type": "ASSAULT", "objects": ["@ground", "hill"]},
                         {"lemma": "hold", "pos": "VERB", "event_type": "ASSAULT", "objects": ["@ground"]}], **extra}
    path = tmp_path / "t.json"
    path.write_text(json.dumps(data))
    return path


def test_a_named_word_list_stands_for_its_words(tmp_path: Path) -> None:
    f = read_file(write(tmp_path, word_lists={"ground": ["town", "village"]}), TriggersFile)
    assert [t.objects for t in f.triggers] == [["town", "village", "hill"], ["town", "village"]]


def test_an_unknown_word_list_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="t.json"):
        read_file(write(tmp_path, word_lists={"towns": ["town"]}), TriggersFile)
    with pytest.raises(KnowledgeError, match="unknown word list '@ground'"):
        read_file(write(tmp_path), TriggersFile)
