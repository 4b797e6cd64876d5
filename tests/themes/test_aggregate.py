import numpy as np
import pytest

from pipeline.themes.aggregate import AggregationRule

THR = np.array([0.5, 0.5, 0.5, 0.5])


def test_max_over_substantial_paragraphs():
    rule = AggregationRule(min_chars=40)
    scores = np.array([[0.9, 0.0, 0.0, 0.0],  # a short heading: ignored
                       [0.2, 0.7, 0.1, 0.0],
                       [0.4, 0.3, 0.6, 0.1]])
    doc, flags = rule.document_scores(scores, [10, 200, 80], THR)
    np.testing.assert_allclose(doc, [0.4, 0.7, 0.6, 0.1])
    assert flags.tolist() == [0, 1, 1, 0]


def test_one_substantial_paragraph_is_enough():
    rule = AggregationRule(min_chars=40)
    scores = np.array([[0.0, 0.0, 0.0, 0.9]] + [[0.0, 0.0, 0.0, 0.0]] * 9)
    _, flags = rule.document_scores(scores, [100] * 10, THR)
    assert flags.tolist() == [0, 0, 0, 1]


def test_short_document_falls_back_to_all_paragraphs():
    rule = AggregationRule(min_chars=40)
    doc, flags = rule.document_scores(np.array([[0.6, 0.1, 0.0, 0.0], [0.2, 0.3, 0.0, 0.0]]), [12, 20], THR)
    np.testing.assert_allclose(doc, [0.6, 0.3, 0.0, 0.0])
    assert flags.tolist() == [1, 0, 0, 0]


def test_per_theme_thresholds_and_empty_document():
    rule = AggregationRule(min_chars=1)
    _, flags = rule.document_scores(np.array([[0.6, 0.6, 0.6, 0.6]]), [50], np.array([0.5, 0.7, 0.6, 0.9]))
    assert flags.tolist() == [1, 0, 1, 0]
    doc, flags = rule.document_scores(np.zeros((0, 4)), [], THR)
    assert doc.tolist() == [0, 0, 0, 0] and flags.sum() == 0


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError):
        AggregationRule().document_scores(np.zeros((2, 4)), [10], THR)


def test_shipped_rule_file_loads():
    rule = AggregationRule.from_file()
    assert rule.min_chars > 0 and rule.version
