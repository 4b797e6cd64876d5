"""JSON API and pages of the review app, through FastAPI's TestClient."""
from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

import pytest
from openpyxl import load_workbook

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from pipeline.outputs import publish
from pipeline.review.app import create_app, main
from pipeline.review.store import ReviewStore

from review_fixtures import DOCS, XSS, Doc, write_output

HOSTS = ["testserver"]


@pytest.fixture
def client(output_dir: Path) -> TestClient:
    return TestClient(create_app(output_dir, reviewer="tester", allowed_hosts=HOSTS))


def all_indicators() -> list[tuple[Doc, object]]:
    return [(d, i) for d in DOCS for i in d.indicators]


def review(client: TestClient, iid: str, **body):
    return client.post(f"/api/indicators/{iid}/review", json=body)


# -- listing, filters, paging ------------------------------------------------------
def test_default_queue_is_pending_lowest_confidence_first(client) -> None:
    data = client.get("/api/indicators").json()
    confs = [it["confidence"] for it in data["items"]]
    assert data["total"] == len(all_indicators())
    assert confs == sorted(confs)
    assert all(it["review"]["status"] == "pending" for it in data["items"])


@pytest.mark.parametrize("params, expected", [
    ({"doc_id": "pool/policy"}, lambda d, i: d.doc_id == "pool/policy"),
    ({"theme": "multi_screen"}, lambda d, i: "multi_screen" in d.themes),
    ({"subject": "用户规模"}, lambda d, i: "用户规模" in (i.subject or "")),
    ({"unit": "元"}, lambda d, i: i.unit == "元"),
    ({"period": "2025"}, lambda d, i: (i.period or "").startswith("2025")),
    ({"conf_min": "0.4", "conf_max": "0.7"}, lambda d, i: 0.4 <= i.confidence <= 0.7),
])
def test_filters(client, params, expected) -> None:
    data = client.get("/api/indicators", params=params).json()
    want = sorted(i.text for d, i in all_indicators() if expected(d, i))
    assert sorted(it["text"] for it in data["items"]) == want
    assert data["total"] == len(want)


def test_paging_covers_every_row_once(client) -> None:
    seen, page = [], 1
    while True:
        data = client.get("/api/indicators", params={"per_page": 5, "page": page}).json()
        seen += [it["indicator_id"] for it in data["items"]]
        if page >= data["pages"]:
            break
        page += 1
    assert data["pages"] == -(-len(all_indicators()) // 5)
    assert len(seen) == len(set(seen)) == len(all_indicators())


@pytest.mark.parametrize("params, needle", [
    ({"conf_min": "abc"}, "conf_min"),
    ({"conf_min": "1.5"}, "conf_min"),
    ({"conf_min": "0.8", "conf_max": "0.2"}, "conf_min"),
    ({"status": "maybe"}, "status"),
    ({"per_page": "0"}, "per_page"),
    ({"page": "x"}, "page"),
    ({"sort": "random"}, "sort"),
])
def test_bad_filters_are_422_with_a_message(client, params, needle) -> None:
    r = client.get("/api/indicators", params=params)
    assert r.status_code == 422 and needle in r.json()["detail"]


def test_each_item_carries_its_context(client) -> None:
    data = client.get("/api/indicators", params={"doc_id": "seed/report", "per_page": 50}).json()
    for it in data["items"]:
        ctx = it["context"]
        assert ctx["match"] == it["text"]
        assert ctx["before"] + ctx["match"] + ctx["after"] == it["sentence"]
        assert it["title"] == "网络视听发展报告"
    gmv = next(it for it in data["items"] if it["text"] == "3.5万亿元")
    assert {e["canonical"] for e in gmv["entities"]} == {"抖音", "快手"}


# -- decisions --------------------------------------------------------------------
def test_accept_reject_correct_round_trip(client, indicators_by_text) -> None:
    a, r_, c = (indicators_by_text[t]["indicator_id"] for t in ("11.25亿人", "80.1%", "35%"))
    assert review(client, a, status="accepted").status_code == 200
    assert review(client, r_, status="rejected", note="not an indicator").status_code == 200
    res = review(client, c, status="corrected", value=36.5, period="2024", unit=None)
    assert res.status_code == 200, res.text
    dec = res.json()
    assert dec["corrected_fields"] == ["period", "unit", "value"]
    assert dec["reviewer"] == "tester"
    item = client.get(f"/api/indicators/{c}").json()
    assert item["final"]["value"] == 36.5 and item["final"]["unit"] is None
    assert item["final"]["subject"] == indicators_by_text["35%"]["subject"]
    assert [h["status"] for h in item["history"]] == ["corrected"]
    statuses = {it["indicator_id"]: it["review"]["status"] for it in
                client.get("/api/indicators", params={"status": "reviewed"}).json()["items"]}
    assert statuses == {a: "accepted", r_: "rejected", c: "corrected"}
    pending = client.get("/api/indicators").json()
    assert pending["total"] == len(all_indicators()) - 3
    stats = client.get("/api/stats").json()
    assert (stats["accepted"], stats["rejected"], stats["corrected"]) == (1, 1, 1)


@pytest.mark.parametrize("body, needle", [
    ({"status": "corrected", "qualifier": "about"}, "qualifier"),
    ({"status": "corrected", "kind": "size"}, "kind"),
    ({"status": "corrected", "period": "2025-13"}, "period"),
    ({"status": "corrected", "period": "2025-02-30"}, "period"),
    ({"status": "corrected", "period": "25年"}, "period"),
    ({"status": "corrected", "value": "一百"}, "value"),
    ({"status": "corrected", "value": None}, "value"),
    ({"status": "corrected", "subject": ""}, "subject"),
    ({"status": "corrected"}, "corrected field"),
    ({"status": "accepted", "unit": "元"}, "only allowed"),
    ({"status": "done"}, "status"),
    ({"status": "corrected", "value": 10, "value_high": 5}, "value_high"),
    ({"status": "accepted", "colour": "red"}, "colour"),
])
def test_invalid_reviews_are_refused_clearly(client, indicators_by_text, body, needle) -> None:
    iid = indicators_by_text["35%"]["indicator_id"]
    r = review(client, iid, **body)
    assert r.status_code == 422, r.text
    assert needle in r.json()["detail"]
    assert ReviewStore(client.app.state.service.output_dir).current() == {}


def test_unknown_indicator_is_404(client) -> None:
    r = review(client, "no-such-id", status="accepted")
    assert r.status_code == 404 and "no-such-id" in r.json()["detail"]


def test_writes_must_be_json(client, indicators_by_text) -> None:
    iid = indicators_by_text["35%"]["indicator_id"]
    r = client.post(f"/api/indicators/{iid}/review", content="status=accepted",
                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415


# -- bulk accept and export ------------------------------------------------------------
def test_bulk_accept_of_a_filtered_view(client, indicators_by_text) -> None:
    limit_ids = {indicators_by_text[t]["indicator_id"] for t in ("40集", "100万元")}
    rejected = indicators_by_text["40集"]["indicator_id"]
    review(client, rejected, status="rejected")
    flt = {"theme": "governance"}
    r = client.post("/api/bulk-accept", json={"filters": flt, "expected": 5})
    assert r.status_code == 409 and "1 pending" in r.json()["detail"]
    r = client.post("/api/bulk-accept", json={"filters": flt, "expected": 1})
    assert r.status_code == 200 and r.json()["accepted"] == 1
    statuses = {it["indicator_id"]: it["review"]["status"] for it in client.get(
        "/api/indicators", params={**flt, "status": "all"}).json()["items"]}
    assert statuses == {rejected: "rejected", (limit_ids - {rejected}).pop(): "accepted"}
    # nothing outside the filter was touched
    assert client.get("/api/stats").json()["accepted"] == 1


def test_exports_hold_reviewed_rows_and_never_formulas(client, indicators_by_text) -> None:
    a = indicators_by_text["6亿人"]["indicator_id"]
    c = indicators_by_text["1.1亿个"]["indicator_id"]
    review(client, a, status="accepted")
    assert review(client, c, status="corrected", subject="=HYPERLINK(\"http://x\")").status_code == 200
    r = client.get("/export.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert {row["indicator_id"] for row in rows} == {a, c}
    corrected = next(row for row in rows if row["indicator_id"] == c)
    assert corrected["final_subject"].startswith("'=")
    assert corrected["extracted_subject"] == "爱奇艺会员数"
    assert XSS in next(row for row in rows if row["indicator_id"] == a)["sentence"]
    x = client.get("/export.xlsx", params={"status": "corrected"})
    ws = load_workbook(io.BytesIO(x.content)).active
    header = [cell.value for cell in ws[1]]
    body = [dict(zip(header, (cell.value for cell in row))) for row in ws.iter_rows(min_row=2)]
    assert [b["indicator_id"] for b in body] == [c]
    cell = ws.cell(row=2, column=header.index("final_subject") + 1)
    assert cell.data_type == "s" and cell.value.startswith("'=")


# -- safety ------------------------------------------------------------------------
def test_document_text_is_escaped(client) -> None:
    html = client.get("/", params={"doc_id": "pool/web-article"}).text
    assert XSS not in html
    assert "&lt;script&gt;alert(" in html
    assert html.count("<script") == 1  # only our own /static/review.js
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_token_required_on_every_request(output_dir) -> None:
    c = TestClient(create_app(output_dir, token="s3cret", allowed_hosts=HOSTS))
    for path in ("/", "/api/indicators", "/static/review.js", "/export.csv", "/orphans"):
        assert c.get(path).status_code == 401, path
    assert c.get("/api/indicators", headers={"authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/api/indicators", headers={"authorization": "Bearer s3cret"}).status_code == 200
    assert c.get("/api/indicators", headers={"x-review-token": "s3cret"}).status_code == 200
    assert c.get("/?token=wrong").status_code == 401
    r = c.get("/?token=s3cret&theme=forms", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/?theme=forms"
    assert "s3cret" not in r.headers["set-cookie"]  # cookie holds a derived value
    assert c.get("/").status_code == 200  # cookie now set
    assert c.get("/static/review.js").status_code == 200


def test_foreign_host_header_is_refused(output_dir) -> None:
    c = TestClient(create_app(output_dir), base_url="http://evil.example")
    assert c.get("/api/indicators").status_code == 400
    ok = TestClient(create_app(output_dir), base_url="http://127.0.0.1:8765")
    assert ok.get("/api/indicators").status_code == 200


def test_refuses_public_bind_without_token(output_dir, capsys) -> None:
    assert main(["--output", str(output_dir), "--host", "0.0.0.0"]) == 2
    assert "token" in capsys.readouterr().err


# -- a new run ------------------------------------------------------------------------
def test_decisions_survive_a_new_run_and_orphans_are_reported(tmp_path, output_dir,
                                                              indicators_by_text) -> None:
    client = TestClient(create_app(output_dir, allowed_hosts=HOSTS))
    kept = indicators_by_text["80.1%"]["indicator_id"]
    gone = indicators_by_text["6亿人"]["indicator_id"]
    review(client, kept, status="accepted")
    review(client, gone, status="corrected", unit="名")
    docs = [d if d.doc_id != "pool/web-article" else
            Doc(d.doc_id, d.raw.replace("其月活用户达6亿人，", "其月活用户较多，"), d.themes,
                [i for i in d.indicators if i.text != "6亿人"], d.entities)
            for d in DOCS]
    publish(write_output(tmp_path / ".outputs.staging-2", docs, run_id="run-2"), output_dir)

    stats = client.get("/api/stats").json()  # same app: reloads the swapped-in run
    assert stats["run_id"] == "run-2" and stats["orphaned"] == 1 and stats["accepted"] == 1
    assert client.get(f"/api/indicators/{kept}").json()["review"]["status"] == "accepted"
    orphans = client.get("/api/orphans").json()
    assert [o["indicator_id"] for o in orphans["items"]] == [gone]
    assert orphans["items"][0]["extracted"]["text"] == "6亿人"
    assert orphans["items"][0]["unit"] == "名"
    page = client.get("/orphans").text
    assert gone in page and XSS not in page and "&lt;script&gt;" in page
    assert review(client, gone, status="accepted").status_code == 404


def test_decisions_from_another_process_show_up_live(client, output_dir,
                                                     indicators_by_text) -> None:
    ind = indicators_by_text["2.1亿人"]
    assert client.get(f"/api/indicators/{ind['indicator_id']}").json()["review"]["status"] \
        == "pending"
    # another reviewer's server (same folder, its own store handle) decides
    ReviewStore(output_dir).record(ind["indicator_id"], "rejected", reviewer="other",
                                   extracted=ind)
    got = client.get(f"/api/indicators/{ind['indicator_id']}").json()["review"]
    assert (got["status"], got["reviewer"]) == ("rejected", "other")
