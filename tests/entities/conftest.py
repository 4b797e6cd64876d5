"""Shared fixtures: a rules-only pipeline (no statistical model) is enough to
test tokenisation, the gazetteer/title rules and offset mapping quickly."""
from __future__ import annotations

import pytest

from pipeline.document import CleanDocument, Paragraph, Sentence


@pytest.fixture(scope="session")
def rules_nlp():
    from pipeline.entities import rules
    from pipeline.entities.tokenizer import blank_nlp

    return rules.add_rules(blank_nlp())


def make_doc(doc_id: str, text: str) -> CleanDocument:
    """One paragraph per non-empty line, sentences split on 。！？； (as the brief says
    to do until pipeline.clean is used)."""
    paras, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            sents, s = [], pos
            for i, ch in enumerate(line):
                if ch in "。！？；":
                    sents.append(Sentence(s, pos + i + 1))
                    s = pos + i + 1
            if s < pos + len(line):
                sents.append(Sentence(s, pos + len(line)))
            paras.append(Paragraph(len(paras), pos, pos + len(line), sents))
        pos += len(line) + 1
    return CleanDocument(doc_id, text, paragraphs=paras)
