"""Analysts' review web app: queue of extracted indicators, accept/reject/correct.

``python -m pipeline review --output outputs/`` calls :func:`main`. Server-side
Jinja2 pages (autoescaped: article text comes from the web) plus one small
vanilla-JS file that talks to the JSON API below; everything is served locally.
"""
from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from pipeline.review import export, query
from pipeline.review.query import Filters, FilterError
from pipeline.review.rundata import RunCache, RunData, sentence_offsets
from pipeline.review.schema import CORRECTABLE, KINDS, QUALIFIERS, BulkAcceptIn, ReviewIn
from pipeline.review.security import (
    TOKEN_ENV, GuardMiddleware, ensure_bind_allowed, is_loopback,
)
from pipeline.review.store import Decision, ReviewStore

HERE = Path(__file__).parent
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")
DEFAULT_PER_PAGE = 50
REVIEWER_ENV = "AV_REVIEWER"


def _templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(["html"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(qualifiers=QUALIFIERS, kinds=KINDS, correctable=CORRECTABLE)
    env.filters["fmt"] = fmt_value
    # still escapes < > & ' (htmlsafe), but keeps Chinese readable and compact
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def fmt_value(v: Any) -> str:
    """Display form of a field: integers grouped (1,125,000,000), no float noise."""
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e18:
        return f"{int(v):,}"
    if isinstance(v, (int, float)):
        return f"{v:,.10g}" if abs(v) >= 1000 else f"{v:.10g}"
    return str(v)


class ReviewService:
    """Joins the cached run tables with live decisions; no HTTP in here."""

    def __init__(self, output_dir: Path, reviewer: str) -> None:
        self.output_dir = Path(output_dir)
        self.reviewer = reviewer
        self.runs = RunCache(self.output_dir)
        self.store = ReviewStore(self.output_dir)
        self._dec_lock = threading.Lock()
        self._dec: dict[str, Decision] | None = None
        self._dec_sig: tuple | None = None

    def decisions(self) -> dict[str, Decision]:
        """Current decisions, re-read only when the store file changed (another
        reviewer's process, a run carrying it over) or after our own writes."""
        try:
            st = self.store.path.stat()
            sig: tuple | None = (st.st_ino, st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            sig = None
        with self._dec_lock:
            if sig is None or sig != self._dec_sig or self._dec is None:
                self._dec = self.store.current()
                self._dec_sig = sig
            return self._dec

    def invalidate(self) -> None:
        with self._dec_lock:
            self._dec = None

    def table(self) -> tuple[RunData, Any, dict[str, Decision]]:
        run = self.runs.get()
        decisions = self.decisions()
        return run, query.with_decisions(run.indicators, decisions), decisions

    def item(self, run: RunData, row: dict[str, Any], full: bool = True) -> dict[str, Any]:
        d = query.row_dict(row)
        span = sentence_offsets(run.doc_text(d["doc_id"]), d.get("sentence") or "",
                                d.get("text") or "", int(d.get("start") or 0),
                                int(d.get("end") or 0))
        s = d.get("sentence") or ""
        d["context"] = ({"before": s[: span[0]], "match": s[span[0]: span[1]],
                         "after": s[span[1]:]} if span else
                        {"before": s, "match": "", "after": ""})
        d["final"] = {f: d.pop("final_" + f, None) for f in CORRECTABLE}
        d["review"] = {"status": d.pop("review_status"), "reviewer": d.pop("reviewer"),
                       "reviewed_at": d.pop("reviewed_at"), "note": d.pop("note"),
                       "corrected_fields": d.pop("corrected_fields")}
        if full and d.get("para_no") is not None:
            d["entities"] = run.paragraph_entities(d["doc_id"], int(d["para_no"]))
        return d

    def extracted(self, run: RunData, indicator_id: str) -> dict[str, Any]:
        rows = run.indicators[run.indicators["indicator_id"] == indicator_id]
        if not len(rows):
            raise HTTPException(404, f"indicator {indicator_id!r} is not in the current run")
        return query.row_dict(rows.iloc[0].to_dict())

    def stats(self, df: Any, decisions: dict[str, Decision]) -> dict[str, int]:
        counts = df["review_status"].value_counts().to_dict() if len(df) else {}
        present = set(df["indicator_id"]) if len(df) else set()
        return {"total": int(len(df)),
                **{s: int(counts.get(s, 0)) for s in
                   ("pending", "accepted", "rejected", "corrected")},
                "orphaned": sum(1 for i in decisions if i not in present)}


def create_app(output_dir: Path | str, *, token: str | None = None,
               reviewer: str = "analyst",
               allowed_hosts: list[str] | tuple[str, ...] | None = None) -> FastAPI:
    """The ASGI app for one output folder (tests call this directly)."""
    svc = ReviewService(Path(output_dir), reviewer)
    env = _templates()
    app = FastAPI(title="Indicator review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.service = svc
    app.add_middleware(GuardMiddleware, token=token,
                       allowed_hosts=list(allowed_hosts or LOOPBACK_NAMES))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(FilterError)
    async def _filter_error(_: Request, exc: FilterError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        msgs = []
        for e in exc.errors():
            loc = ".".join(str(x) for x in e.get("loc", ()) if x != "body")
            msg = str(e.get("msg", "invalid")).removeprefix("Value error, ")
            msgs.append(f"{loc}: {msg}" if loc else msg)
        return JSONResponse({"detail": "; ".join(msgs), "errors": [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in exc.errors()]},
            status_code=422)

    def render(name: str, **ctx: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**ctx))

    def filtered(params: Any, default_status: str | None = None) -> tuple:
        p = dict(params)
        if default_status and not p.get("status"):
            p["status"] = default_status
        flt = Filters.parse(p)
        run, df, decisions = svc.table()
        return flt, run, df, decisions, query.apply(df, flt)

    def paging(params: Any) -> tuple[int, int]:
        try:
            return (int(params.get("page") or 1),
                    int(params.get("per_page") or DEFAULT_PER_PAGE))
        except ValueError:
            raise FilterError("page and per_page must be integers") from None

    # -- pages ----------------------------------------------------------------
    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/", response_class=HTMLResponse)
    def queue_page(request: Request) -> HTMLResponse:
        flt, run, df, decisions, rows = filtered(request.query_params)
        page_no, per_page = paging(request.query_params)
        part, pages = query.page(rows, page_no, per_page)
        items = [svc.item(run, r) for r in part.to_dict("records")]
        pending = int((rows["review_status"] == "pending").sum()) if len(rows) else 0
        return render("queue.html", items=items, flt=flt, params=flt.params(),
                      page=min(page_no, pages), pages=pages, per_page=per_page,
                      matched=len(rows), pending_matched=pending,
                      options=query.options(df), stats=svc.stats(df, decisions),
                      statuses=query.STATUS_FILTERS, sorts=query.SORTS,
                      reviewer=svc.reviewer, run_id=run.run_id)

    @app.get("/orphans", response_class=HTMLResponse)
    def orphans_page() -> HTMLResponse:
        run, df, decisions = svc.table()
        present = set(df["indicator_id"]) if len(df) else set()
        orphans = sorted((d for i, d in decisions.items() if i not in present),
                         key=lambda d: d.reviewed_at)
        return render("orphans.html", orphans=[o.to_dict() for o in orphans],
                      stats=svc.stats(df, decisions), run_id=run.run_id)

    # -- JSON API ---------------------------------------------------------------
    @app.get("/api/indicators")
    def list_indicators(request: Request) -> dict[str, Any]:
        flt, run, df, decisions, rows = filtered(request.query_params)
        page_no, per_page = paging(request.query_params)
        part, pages = query.page(rows, page_no, per_page)
        return {"total": len(rows), "page": min(page_no, pages), "pages": pages,
                "per_page": per_page, "filters": flt.params(),
                "pending": int((rows["review_status"] == "pending").sum()) if len(rows) else 0,
                "items": [svc.item(run, r) for r in part.to_dict("records")]}

    @app.get("/api/indicators/{indicator_id}")
    def get_indicator(indicator_id: str) -> dict[str, Any]:
        run, df, _ = svc.table()
        rows = df[df["indicator_id"] == indicator_id]
        if not len(rows):
            raise HTTPException(404, f"indicator {indicator_id!r} is not in the current run")
        item = svc.item(run, rows.iloc[0].to_dict())
        item["history"] = [h.to_dict() for h in svc.store.history(indicator_id)]
        return item

    @app.post("/api/indicators/{indicator_id}/review")
    def review(indicator_id: str, body: ReviewIn) -> dict[str, Any]:
        run = svc.runs.get()
        extracted = svc.extracted(run, indicator_id)
        merged = {**extracted, **body.corrections()}
        if (merged.get("value") is not None and merged.get("value_high") is not None
                and merged["value_high"] < merged["value"]):
            raise HTTPException(422, "value_high must not be below value")
        try:
            dec = svc.store.record(indicator_id, body.status,
                                   reviewer=body.reviewer or svc.reviewer, extracted=extracted,
                                   corrections=body.corrections(), note=body.note,
                                   run_id=run.run_id)
        finally:
            svc.invalidate()
        return dec.to_dict()

    @app.post("/api/bulk-accept")
    def bulk_accept(body: BulkAcceptIn) -> dict[str, Any]:
        params = {k: v for k, v in body.filters.items() if k not in ("page", "per_page")}
        params["status"] = "pending"
        flt, run, df, decisions, rows = filtered(params)
        if body.expected is not None and body.expected != len(rows):
            raise HTTPException(409, f"the filter now matches {len(rows)} pending indicators, "
                                     f"not {body.expected}: reload the page and try again")
        recs = rows[list(run.indicators.columns)].to_dict("records")
        try:
            done = svc.store.record_many(
                [(r["indicator_id"], query.row_dict(r)) for r in recs], "accepted",
                reviewer=body.reviewer or svc.reviewer, run_id=run.run_id, only_pending=True)
        finally:
            svc.invalidate()
        return {"accepted": len(done), "indicator_ids": [d.indicator_id for d in done]}

    @app.get("/api/orphans")
    def list_orphans() -> dict[str, Any]:
        _, df, decisions = svc.table()
        present = set(df["indicator_id"]) if len(df) else set()
        orphans = sorted((d for i, d in decisions.items() if i not in present),
                         key=lambda d: d.reviewed_at)
        return {"total": len(orphans), "items": [o.to_dict() for o in orphans]}

    @app.get("/api/stats")
    def stats() -> dict[str, Any]:
        run, df, decisions = svc.table()
        return {"run_id": run.run_id, **svc.stats(df, decisions)}

    @app.get("/api/options")
    def options() -> dict[str, Any]:
        _, df, _ = svc.table()
        return query.options(df)

    # -- exports ------------------------------------------------------------------
    def export_records(request: Request) -> list[dict[str, Any]]:
        _, _, _, _, rows = filtered(request.query_params, default_status="reviewed")
        return [query.row_dict(r) for r in rows.to_dict("records")]

    def stamp() -> str:
        return dt.datetime.now().strftime("%Y%m%d-%H%M%S")

    @app.get("/export.csv")
    def export_csv(request: Request) -> Response:
        return Response(export.to_csv(export_records(request)), media_type="text/csv",
                        headers={"content-disposition":
                                 f'attachment; filename="reviewed-{stamp()}.csv"'})

    @app.get("/export.xlsx")
    def export_xlsx(request: Request) -> Response:
        return Response(
            export.to_xlsx(export_records(request)),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"content-disposition": f'attachment; filename="reviewed-{stamp()}.xlsx"'})

    return app


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pipeline review",
        description="Serve the analysts' review app for a run's output folder.")
    p.add_argument("--output", type=Path, default=Path("outputs"),
                   help="run output folder (default: outputs/)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1; anything else needs a token)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    p.add_argument("--token", default=os.environ.get(TOKEN_ENV) or None,
                   help=f"access token required on every request (default: ${TOKEN_ENV})")
    p.add_argument("--reviewer", default=os.environ.get(REVIEWER_ENV) or None,
                   help=f"name recorded with decisions (default: ${REVIEWER_ENV} or login)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="extra Host header name to accept (e.g. behind a reverse proxy)")
    p.add_argument("--sync-warehouse", action="store_true",
                   help="copy current decisions into warehouse.duckdb, refresh views, exit")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.sync_warehouse:
        from pipeline.review.sync import sync_warehouse

        try:
            n = sync_warehouse(args.output)
        except (FileNotFoundError, RuntimeError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"warehouse review snapshot refreshed: {n} decisions")
        return 0
    try:
        ensure_bind_allowed(args.host, args.token)
    except SystemExit as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not (args.output / "indicators.parquet").exists():
        print(f"error: {args.output}/indicators.parquet not found: run the pipeline first",
              file=sys.stderr)
        return 1
    reviewer = args.reviewer or getpass.getuser() or "analyst"
    hosts = ["*"] if not is_loopback(args.host) else [*LOOPBACK_NAMES, args.host]
    app = create_app(args.output, token=args.token, reviewer=reviewer,
                     allowed_hosts=[*hosts, *args.allow_host])
    import uvicorn

    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"review app on http://{shown}:{args.port}/"
          + ("?token=…" if args.token else ""), flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
