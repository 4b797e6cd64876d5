"""Nightly runs on a schedule: ``python -m pipeline serve --cron "0 2 * * *"``.

Prefect deployments pass JSON parameters, but the flow takes a ``RunConfig``;
``nightly_flow`` is the thin wrapper with plain parameters (input, output,
runner, workers, …) that builds the ``RunConfig`` and runs ``pipeline_flow``
as a subflow with the matching task runner.  ``prefect.yaml`` points at it
for teams with a Prefect server and work pools (docs/operations.md).

Schedules need a Prefect server with its scheduler service: the ephemeral
server that one-off ``run`` commands start has none.  So ``serve`` uses
``PREFECT_API_URL`` (or ``--api-url``) when given, and otherwise starts a
local ``prefect server start`` of its own for as long as it serves.
"""
from __future__ import annotations

# Absolute imports: a deployment whose entrypoint is this file's path loads it
# as a stand-alone module, where relative imports would resolve wrongly.

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict
from pathlib import Path

from prefect import flow

from pipeline.cli import add_run_arguments, check_folders, prefect_environment
from pipeline.config import RunConfig

DEPLOYMENT_NAME = "nightly"
DEFAULT_STAGES = ("indicators", "entities", "themes")
SERVER_START_TIMEOUT = 180.0


@flow(name="av-pipeline-nightly", log_prints=False)
def nightly_flow(input: str = "corpus", output: str = "outputs", runner: str = "local",
                 workers: int | None = None, dask_address: str | None = None, batch_size: int = 32,
                 stages: list[str] | None = None, full: bool = False, wait: float = 0.0,
                 max_file_mb: float = 64.0, fail_on_error: bool = False) -> dict:
    """One nightly run from JSON-able parameters (what a deployment can pass)."""
    from pipeline.flow import pipeline_flow, task_runner_for

    config = RunConfig(
        input_dir=Path(input).resolve(), output_dir=Path(output).resolve(), runner=runner,
        workers=workers, dask_address=dask_address, batch_size=batch_size,
        max_file_bytes=int(max_file_mb * 1024 * 1024), incremental=not full,
        fail_on_error=fail_on_error, stages=tuple(DEFAULT_STAGES if stages is None else stages),
        lock_timeout=wait, progress=False)
    problem = check_folders(config.input_dir, config.output_dir)
    if problem:
        raise ValueError(problem)
    summary = pipeline_flow.with_options(task_runner=task_runner_for(config))(config)
    if fail_on_error and summary.failed:
        raise RuntimeError(f"{summary.failed} document(s) failed (see errors.parquet in {summary.output_dir})")
    return asdict(summary)


def parameters_from_args(args: argparse.Namespace) -> dict:
    """The deployment's parameters from the ``run`` options (paths made absolute)."""
    return {
        "input": str(args.input.resolve()), "output": str(args.output.resolve()), "runner": args.runner,
        "workers": args.workers, "dask_address": args.dask_address, "batch_size": args.batch_size,
        "stages": [s.strip() for s in args.stages.split(",") if s.strip()], "full": args.full,
        "wait": args.wait, "max_file_mb": args.max_file_mb, "fail_on_error": args.fail_on_error,
    }


def build_deployment(args: argparse.Namespace):
    """The served deployment: cron schedule (in ``--timezone``) and run parameters."""
    from prefect.deployments.runner import EntrypointType
    from prefect.schedules import Cron

    # Imported as ``pipeline.schedule`` in the flow-run process (not loaded
    # from its file path), so the package's relative imports keep working.
    return nightly_flow.to_deployment(
        entrypoint_type=EntrypointType.MODULE_PATH,
        name=args.name, schedules=[Cron(args.cron, timezone=args.timezone)],
        parameters=parameters_from_args(args), tags=["av-pipeline", "nightly"],
        description="Nightly run of the audio-visual industry text pipeline")


# --- a local Prefect server when none is configured ---------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def start_local_server(timeout: float = SERVER_START_TIMEOUT) -> tuple[subprocess.Popen, str]:
    """``prefect server start`` (API and scheduler, no UI) on a free local port."""
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    # The server logs to a file: an unread pipe would fill up and stall it.
    log_path = Path(tempfile.gettempdir()) / f"av-pipeline-prefect-server-{port}.log"
    log = open(log_path, "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
         "--no-ui", "--analytics-off", "--scheduler"],
        stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
            raise RuntimeError(f"the local Prefect server exited with {proc.returncode}: {err}")
        if _healthy(api_url):
            print(f"local Prefect server at {api_url} (log: {log_path})", file=sys.stderr)
            return proc, api_url
        time.sleep(0.5)
    proc.terminate()
    raise RuntimeError(f"the local Prefect server did not answer within {timeout:.0f} s")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pipeline serve",
        description="Serve the nightly flow on a cron schedule (Prefect flow.serve). Uses PREFECT_API_URL "
                    "or --api-url; without either, starts a local Prefect server (API + scheduler) for as "
                    "long as it serves. Runs never overlap: one at a time per server process, and the "
                    "output folder's run lock refuses (or, with --wait, delays) any other run.")
    p.add_argument("--cron", required=True, help='cron expression, e.g. "0 2 * * *" (02:00 every day)')
    p.add_argument("--timezone", default=None, help="time zone of the cron expression, e.g. Asia/Shanghai (default UTC)")
    p.add_argument("--name", default=DEPLOYMENT_NAME, help=f"deployment name (default {DEPLOYMENT_NAME})")
    p.add_argument("--api-url", default=None, help="Prefect API to register with, e.g. http://127.0.0.1:4200/api")
    add_run_arguments(p)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    prefect_environment(args.verbose)
    problem = check_folders(args.input, args.output)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    from prefect import serve
    from prefect.settings import PREFECT_API_URL, temporary_settings

    server = None
    api_url = args.api_url or PREFECT_API_URL.value()
    try:
        deployment = build_deployment(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        if not api_url:
            print("no PREFECT_API_URL: starting a local Prefect server (API + scheduler)", file=sys.stderr)
            server, api_url = start_local_server()
        os.environ["PREFECT_API_URL"] = api_url  # flow-run subprocesses inherit it
        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            serve(deployment, limit=1)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
    return 0


__all__ = ["nightly_flow", "build_deployment", "parameters_from_args", "main"]
