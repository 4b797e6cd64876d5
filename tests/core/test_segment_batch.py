"""The segmentation cache serves the stages of one batch, not repeats across batches."""
from pipeline import segment
from pipeline.discover import discover
from pipeline.process import process_batch


def test_start_batch_forgets_earlier_segmentations():
    segment.cut("网络视听用户规模达10.99亿人。")
    assert segment._cut.cache_info().currsize > 0
    segment.start_batch()
    assert segment._cut.cache_info().currsize == 0


def test_a_batch_does_not_reuse_the_previous_batch_cut(tmp_path):
    text = "短视频用户规模达10.12亿人，同比增长3.2%。"
    (tmp_path / "a.txt").write_text(text + "\n", encoding="utf-8")
    sources = list(discover(tmp_path, 10**8))
    process_batch(sources, "run", "key", ())
    first = segment._cut.cache_info()
    process_batch(sources, "run", "key", ())
    second = segment._cut.cache_info()
    # The same text in the next batch is segmented again, exactly as in the first batch.
    assert first.misses > 0
    assert (second.hits, second.misses) == (first.hits, first.misses)
