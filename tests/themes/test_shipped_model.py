"""Sanity checks on the model shipped in models/themes/ (skipped until it is trained)."""
import pytest

from pipeline.themes import THEMES, ThemeClassifier, default_model_dir

pytestmark = pytest.mark.skipif(
    not (default_model_dir() / "model.joblib").exists(), reason="models/themes/model.joblib not trained"
)

OBVIOUS = [
    ("国家广播电视总局发布通知，网络微短剧上线前须完成备案，未经备案的微短剧不得上线播出，"
     "平台要落实主体责任，加强内容审核，对违规短剧予以下架处理。", {"forms", "governance"}),
    ("车载视听成为新场景，智能座舱配备副驾屏和后排大屏，车机系统支持在线视频、音乐和播客，"
     "多家车企与视频平台合作，把客厅大屏体验搬进汽车。", {"multi_screen"}),
    ("AIGC技术加速进入内容生产，生成式人工智能大模型可以根据文本生成视频，"
     "智能剪辑和数字人主播大幅降低制作成本。", {"tech"}),
    ("今天上午，市区气温较高，市民到公园散步乘凉，菜市场蔬菜价格保持平稳。", set()),
]


@pytest.fixture(scope="module")
def clf():
    return ThemeClassifier.load()


def test_obvious_paragraphs_get_expected_themes(clf):
    scores = clf.score_paragraphs([t for t, _ in OBVIOUS])
    for (text, expected), got in zip(OBVIOUS, clf.paragraph_themes(scores)):
        assert set(got) == expected, (text[:20], got)


def test_document_of_obvious_paragraphs(clf):
    texts = ["标题：视听新规", OBVIOUS[0][0], OBVIOUS[3][0]]
    scores = clf.score_paragraphs(texts)
    doc, themes = clf.document_scores(scores, [len(t) for t in texts])
    assert set(themes) == {"forms", "governance"}
    assert doc.shape == (len(THEMES),) and ((doc >= 0) & (doc <= 1)).all()


def test_thresholds_and_version(clf):
    assert clf.thresholds.shape == (len(THEMES),)
    assert ((clf.thresholds > 0) & (clf.thresholds < 1)).all()
    assert clf.version
