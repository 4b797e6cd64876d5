"""The contract is enforced on the rows a run writes, before publication."""
import pytest

from pipeline.outputs import TableWriter
from pipeline.validate import SchemaViolation, validate_folder

INDICATOR = {
    "indicator_id": "a1", "doc_id": "d", "para_no": 0, "sentence": "规模达10亿元。", "start": 3, "end": 7,
    "text": "10亿元", "subject": "规模", "value": 1e9, "value_high": None, "unit": "元", "period": "2025",
    "qualifier": "eq", "kind": "level", "forecast": False, "source": None, "themes": ["forms"],
    "confidence": 0.9, "run_id": "r",
}


def test_valid_rows_are_written_and_the_folder_checks_out(tmp_path):
    writer = TableWriter(tmp_path)
    writer.write_rows("indicators", [INDICATOR])
    writer.close()
    validate_folder(tmp_path, rows=True)
    assert writer.counts["indicators"] == 1


@pytest.mark.parametrize("change,match", [
    ({"qualifier": "about"}, "qualifier"),
    ({"kind": "trend"}, "kind"),
    ({"period": "2025年"}, "period"),
    ({"confidence": 1.5}, "confidence"),
    ({"start": 9, "end": 7}, "start > end"),
    ({"value": "十亿"}, "wrong type"),
    ({"value": None}, "value"),
])
def test_contract_violations_are_refused(tmp_path, change, match):
    writer = TableWriter(tmp_path)
    with pytest.raises(SchemaViolation, match=match):
        writer.write_rows("indicators", [dict(INDICATOR, **change)])


def test_duplicate_ids_in_a_batch_are_refused(tmp_path):
    writer = TableWriter(tmp_path)
    with pytest.raises(SchemaViolation):
        writer.write_rows("indicators", [INDICATOR, dict(INDICATOR)])
