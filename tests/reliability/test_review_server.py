"""The review server on outputs made from hostile input.

Outputs come from the real flow over a document whose text carries a script
(plain text is stored as-is, so the markup reaches ``documents.text``).  The
server must bind 127.0.0.1 by default, escape document text, validate every
POST, and refuse requests without the token when one is set.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time

import psutil
import pytest

review_app = pytest.importorskip("pipeline.review.app", reason="review server (pipeline/review/app.py) missing")
from fastapi.testclient import TestClient  # noqa: E402

from pipeline.config import RunConfig  # noqa: E402
from pipeline.flow import pipeline_flow, task_runner_for  # noqa: E402
from tests.reliability.conftest import REPO, cli_env  # noqa: E402

XSS = "<script>alert('xss')</script>"
HOSTS = ["testserver"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, prefect_api_url):
    base = tmp_path_factory.mktemp("review")
    (base / "corpus").mkdir()
    (base / "corpus" / "web.txt").write_text(
        f"网络视听报告\n{XSS}据统计，网络视听用户规模达11.25亿人。<img src=x onerror=alert(1)>\n", encoding="utf-8")
    config = RunConfig(input_dir=base / "corpus", output_dir=base / "out", runner="sequential",
                       stages=("indicators",), progress=False)
    pipeline_flow.with_options(task_runner=task_runner_for(config))(config)
    return base / "out"


@pytest.fixture
def client(outputs):
    return TestClient(review_app.create_app(outputs, reviewer="tester", allowed_hosts=HOSTS))


def first_indicator(client) -> dict:
    items = client.get("/api/indicators", params={"status": "all"}).json()
    rows = items.get("items") or items.get("indicators") or []
    assert rows, items
    return rows[0]


def test_binds_loopback_by_default(outputs):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "review", "--output", str(outputs), "--port", str(port)],
                            cwd=REPO, env=cli_env(None), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        listening = []
        while time.monotonic() < deadline and not listening:
            assert proc.poll() is None, proc.stderr.read()
            listening = [c.laddr for c in psutil.Process(proc.pid).net_connections(kind="inet")
                         if c.status == psutil.CONN_LISTEN]
            time.sleep(0.2)
        assert listening, "server never listened"
        assert all(addr.ip in ("127.0.0.1", "::1") for addr in listening), listening
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_document_text_is_escaped(client, outputs):
    import pyarrow.parquet as pq

    assert XSS in pq.read_table(outputs / "documents.parquet").column("text")[0].as_py()  # stored as-is
    ind = first_indicator(client)
    for page in (client.get("/").text, client.get("/", params={"doc_id": ind["doc_id"], "status": "all"}).text):
        assert XSS not in page and "onerror=alert" not in page
        assert page.count("<script") == page.count('<script src="/static/')
    assert "&lt;script&gt;" in client.get("/", params={"doc_id": ind["doc_id"], "status": "all"}).text


@pytest.mark.parametrize("body,ctype,status", [
    ("{not json", "application/json", 422),
    ('{"status": "accepted"}', "text/plain", 415),
    ('{"status": "maybe"}', "application/json", 422),
    ('{"status": "corrected", "value": "NaN"}', "application/json", 422),
    ('{"status": "accepted", "extra": 1}', "application/json", 422),
    ('{"status": "accepted", "note": "' + "x" * 5000 + '"}', "application/json", 422),
    ("[]", "application/json", 422),
])
def test_posts_are_validated(client, body, ctype, status):
    ind = first_indicator(client)
    r = client.post(f"/api/indicators/{ind['indicator_id']}/review", content=body, headers={"content-type": ctype})
    assert r.status_code == status, r.text
    assert first_indicator(client)["review"]["status"] == "pending"


def test_unknown_indicator_is_404(client):
    r = client.post("/api/indicators/nope/review", json={"status": "accepted"})
    assert r.status_code == 404


def test_token_is_required_when_set(outputs):
    c = TestClient(review_app.create_app(outputs, token="s3cret", allowed_hosts=HOSTS))
    assert c.get("/").status_code == 401
    assert c.get("/api/indicators").status_code == 401
    assert c.post("/api/bulk-accept", json={}).status_code == 401
    assert c.get("/api/indicators", headers={"authorization": "Bearer s3cret"}).status_code == 200
