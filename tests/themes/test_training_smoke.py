"""Smoke test: fit the real pipeline on a handful of synthetic paragraphs, persist, reload."""
import joblib
import numpy as np
import pytest

from pipeline.themes import THEMES, ThemeClassifier
from pipeline.themes.aggregate import AggregationRule
from pipeline.themes.data import LabeledParagraph
from pipeline.themes.evaluate import label_matrix
from pipeline.themes.lexicon import Lexicon
from pipeline.themes.model import ModelConfig, positive_proba
from pipeline.themes.training import choose_thresholds, fit, row_weights

SMALL = ModelConfig(min_df=1, max_char_features=5000)


@pytest.fixture(scope="module")
def trained(synthetic, tmp_path_factory):
    texts, labels = synthetic
    rows = [LabeledParagraph(f"syn/{i}", 0, t, ls, "hand") for i, (t, ls) in enumerate(zip(texts, labels))]
    rows.append(LabeledParagraph("syn/weak", 0, "短视频直播", ["forms"], "weak"))
    pipe = fit(SMALL, rows, Lexicon.load())
    model_dir = tmp_path_factory.mktemp("themes_model")
    bundle = {"format": 1, "pipeline": pipe, "themes": THEMES, "thresholds": np.full(4, 0.5),
              "aggregation": AggregationRule(min_chars=10), "lexicon_version": "test", "trained": "test", "seed": 0}
    joblib.dump(bundle, model_dir / "model.joblib")
    return pipe, model_dir, rows


def test_row_weights_downweight_weak_and_uncertain():
    rows = [LabeledParagraph("a", 0, "x", [], "hand"), LabeledParagraph("b", 0, "x", [], "weak"),
            LabeledParagraph("c", 0, "x", [], "hand", uncertain=True)]
    w = row_weights(rows)
    assert w[0] == 1.0 and w[1] < w[2] < 1.0


def test_fit_predicts_training_themes(trained, synthetic):
    pipe, _, _ = trained
    texts, labels = synthetic
    probs = positive_proba(pipe, texts)
    assert probs.shape == (len(texts), len(THEMES))
    assert ((probs >= 0.5).astype(int) == label_matrix(labels)).mean() > 0.9


def test_load_and_score_shapes_and_ranges(trained):
    _, model_dir, _ = trained
    clf = ThemeClassifier.load(model_dir)
    assert clf is ThemeClassifier.load(model_dir)  # cached per process
    assert clf.version.startswith("themes-")
    scores = clf.score_paragraphs(["车载视听进入智能座舱", "", "法院审理侵犯著作权案件"])
    assert scores.shape == (3, 4)
    assert ((scores >= 0) & (scores <= 1)).all()
    assert clf.score_paragraphs([]).shape == (0, 4)
    themes = clf.paragraph_themes(scores)
    assert len(themes) == 3 and all(set(t) <= set(THEMES) for t in themes)
    doc, doc_themes = clf.document_scores(scores, [10, 0, 12])
    assert doc.shape == (4,)
    assert set(doc_themes) == {t for row in clf.paragraph_themes(scores[[0, 2]]) for t in row}


def test_load_missing_model_names_train_command(tmp_path):
    with pytest.raises(FileNotFoundError, match="train-themes"):
        ThemeClassifier.load(tmp_path / "nothing-here")


def test_choose_thresholds_prefers_separating_value():
    gold = np.array([[1, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]])
    probs = np.array([[0.3, 0.1, 0.1, 0.1], [0.1, 0.1, 0.1, 0.1], [0.35, 0.1, 0.1, 0.1], [0.2, 0.1, 0.1, 0.1]])
    thr = choose_thresholds(gold, probs)
    assert 0.2 < thr[0] <= 0.3


def test_cross_fitted_cv_chooses_thresholds_without_the_scored_fold():
    from pipeline.themes.training import cross_fitted_prf, mean_prf
    from pipeline.themes.evaluate import prf

    rng = np.random.default_rng(0)
    gold = rng.integers(0, 2, size=(40, 4))
    separable = np.where(gold == 1, 0.8, 0.2) + rng.uniform(-0.05, 0.05, size=gold.shape)
    folds = [np.arange(40) % 4, (np.arange(40) // 10)]
    fair = cross_fitted_prf(gold, [separable, separable], folds)
    assert fair["macro_f1"] == 1.0 and fair["repeats"] == 2
    noise = rng.uniform(size=gold.shape)
    assert cross_fitted_prf(gold, [noise], folds[:1])["macro_f1"] < 0.9
    avg = mean_prf([prf(gold, gold), prf(gold, 1 - gold)])
    assert avg["macro_f1"] == 0.5 and avg["per_theme"]["forms"]["support"] == gold[:, 0].sum()
