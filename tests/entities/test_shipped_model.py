"""The committed model finds the seed article's gold entities."""
import json
from pathlib import Path

import pytest

from pipeline.entities import DEFAULT_MODEL_DIR, EntityRecognizer

from .conftest import make_doc

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SEED_GOLD = SHARED / "labeled" / "seed.jsonl"

pytestmark = pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "model" / "config.cfg").exists() or not SEED_GOLD.exists(),
                                reason="shipped NER model or shared corpus not available")


def _clean(doc_id, raw):
    try:
        from pipeline.clean import clean_document
    except ImportError:
        return make_doc(doc_id, raw)
    return clean_document(doc_id, raw)


def test_seed_gold_entities_are_found():
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    raw = (SHARED / f"{gold['doc_id']}.txt").read_text(encoding="utf-8")
    doc = _clean(gold["doc_id"], raw)
    (ents,) = EntityRecognizer.load().recognise([doc])
    found = {(e.text, e.label) for e in ents}
    required = {(e["text"], e["label"]) for e in gold["entities"] if not e.get("optional")}
    assert required <= found, sorted(required - found)
    assert all(doc.text[e.start:e.end] == e.text for e in ents)


def test_recognising_new_text_does_not_grow_the_shared_vocab():
    """A nightly worker sees millions of distinct words; they must not pile up in its vocab."""
    recognizer = EntityRecognizer.load()
    before = sum(1 for _ in recognizer.nlp.vocab)
    strings = len(recognizer.nlp.vocab.strings)
    words = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(600))
    doc = make_doc("fresh", "。".join(words[i:i + 12] for i in range(0, len(words), 12)))
    recognizer.recognise([doc])
    assert sum(1 for _ in recognizer.nlp.vocab) == before
    assert len(recognizer.nlp.vocab.strings) == strings
