"""Command line: ``python -m pipeline <command>``.

Commands that belong to one capability (training, review, report) own their
arguments in their module; this file only routes to them, so ``--help`` of
each command is written next to the code it describes.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_DOC_FAILURES, EXIT_CONFIG, EXIT_LOCKED, EXIT_SCHEMA = 0, 1, 2, 3, 4

# Commands implemented in their own module: name -> (module, help).
DELEGATED = {
    "train-ner": ("pipeline.entities.training", "train the spaCy NER model into models/ner"),
    "train-themes": ("pipeline.themes.training", "train the theme classifier into models/themes"),
    "review": ("pipeline.review.app", "serve the indicator review web app"),
    "report": ("pipeline.report", "write a self-contained HTML report of an output folder"),
    "bench": ("pipeline.bench", "benchmark the flow against plain jieba over scaled corpora"),
    "serve": ("pipeline.schedule", "serve the nightly flow on a cron schedule with Prefect"),
}


def prefect_environment(verbose: bool = False) -> None:
    """Ephemeral Prefect: no server to start, no analytics, quiet logs."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")


def add_run_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--input", type=Path, default=Path("corpus"),
                   help="folder of articles, read recursively (txt, md, html, docx, pdf); default: corpus/")
    p.add_argument("--output", type=Path, default=Path("outputs"),
                   help="output folder, replaced atomically at the end of the run; default: outputs/")
    p.add_argument("--runner", choices=("local", "dask", "sequential"), default="local",
                   help="local: a process pool sized to the cores (default); dask: prefect-dask's "
                        "DaskTaskRunner (LocalCluster unless --dask-address); sequential: one thread, for debugging")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: number of cores)")
    p.add_argument("--dask-address", default=None, help="address of an existing Dask scheduler, e.g. tcp://host:8786")
    p.add_argument("--batch-size", type=int, default=32, help="documents per task (default 32)")
    p.add_argument("--max-file-mb", type=float, default=64.0,
                   help="files larger than this are skipped with an errors row (default 64)")
    p.add_argument("--full", action="store_true",
                   help="reprocess every document instead of reusing unchanged ones")
    p.add_argument("--stages", default="indicators,entities,themes",
                   help="comma-separated analysis stages after cleaning and segmentation "
                        "(default: indicators,entities,themes)")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="if another run holds the output folder, wait this long for it (default: exit at once)")
    p.add_argument("--fail-on-error", action="store_true",
                   help="exit with status 1 when any document failed (default: 0 once the run completed)")
    p.add_argument("--no-progress", action="store_true", help="no progress output")
    p.add_argument("--verbose", action="store_true", help="show Prefect's logs")


def config_from_args(args: argparse.Namespace):
    from .config import RunConfig
    from .stages import REGISTRY

    stage_names = tuple(s.strip() for s in args.stages.split(",") if s.strip())
    unknown = [s for s in stage_names if s not in REGISTRY]
    if unknown:
        raise ValueError(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(REGISTRY)}")
    if args.batch_size < 1:
        raise ValueError("--batch-size must be at least 1")
    if args.workers is not None and args.workers < 1:
        raise ValueError("--workers must be at least 1")
    if not args.max_file_mb > 0:  # also refuses nan
        raise ValueError("--max-file-mb must be a positive number")
    if args.wait < 0:
        raise ValueError("--wait must not be negative")
    return RunConfig(
        input_dir=args.input, output_dir=args.output, runner=args.runner, workers=args.workers,
        dask_address=args.dask_address, batch_size=args.batch_size,
        max_file_bytes=int(args.max_file_mb * 1024 * 1024), incremental=not args.full,
        fail_on_error=args.fail_on_error, stages=stage_names, lock_timeout=args.wait,
        progress=not args.no_progress,
    )


def check_folders(input_dir: Path, output_dir: Path) -> str | None:
    """A clear message if the input or output folder cannot be used."""
    if not input_dir.is_dir():
        return f"input folder {input_dir} does not exist or is not a folder"
    if not os.access(input_dir, os.R_OK | os.X_OK):
        return f"input folder {input_dir} is not readable"
    out = output_dir.resolve()
    if out.exists() and not out.is_dir():
        return f"output path {output_dir} exists and is not a folder"
    parent = out.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"cannot write beside the output folder ({parent} is not writable)"
    try:
        if out.is_relative_to(input_dir.resolve()):
            return "the output folder must not be inside the input folder"
    except ValueError:
        pass
    return None


def cmd_run(args: argparse.Namespace) -> int:
    prefect_environment(args.verbose)
    try:
        config = config_from_args(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    problem = check_folders(config.input_dir, config.output_dir)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_CONFIG
    from .flow import pipeline_flow, task_runner_for
    from .outputs_lock import OutputLocked, ensure_unlocked
    from .stages import StageUnavailable
    from .validate import SchemaViolation

    try:
        from .stages import check_available

        check_available(config.stages)  # before Prefect starts: a missing model is a config error
        if not config.lock_timeout:
            ensure_unlocked(config.output_dir)  # a busy folder is one line, not a flow traceback
        runner = task_runner_for(config)
        summary = pipeline_flow.with_options(task_runner=runner)(config)
    except StageUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except OutputLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except SchemaViolation as exc:
        print(f"error: outputs not published, schema violation: {exc}", file=sys.stderr)
        return EXIT_SCHEMA
    print_summary(summary)
    if config.fail_on_error and summary.failed:
        return EXIT_DOC_FAILURES
    return EXIT_OK


def print_summary(s) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"run {s.run_id}", show_header=False)
    for label, value in (
        ("documents", s.documents), ("ok", s.ok), ("failed", s.failed), ("skipped", s.skipped),
        ("reused (unchanged)", s.reused), ("processed", s.processed), ("indicators", s.indicators),
        ("entities", s.entities), ("time", f"{s.seconds:.1f} s"), ("outputs", s.output_dir),
    ):
        table.add_row(label, str(value))
    Console(stderr=False).print(table)


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluation import run_eval

    prefect_environment(False)
    return run_eval(args)


def cmd_schema(args: argparse.Namespace) -> int:
    from .tables import data_dictionary_markdown

    print(data_dictionary_markdown())
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Chinese online audio-visual industry text pipeline: numeric indicators, "
                    "named entities and themes from a folder of articles.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = sub.add_parser("run", help="run the flow over a corpus folder and publish the output tables",
                         description="Ingest → clean → segment → extract → classify → write. "
                                     "Unchanged documents are reused from the previous outputs. "
                                     "Exit status: 0 when the run completed (even with failed documents; "
                                     "see --fail-on-error), 2 for a broken configuration or unusable "
                                     "folders, 3 when another run holds the output folder, 4 when the "
                                     "outputs would break the schema (nothing is published).")
    add_run_arguments(run)
    run.set_defaults(func=cmd_run)
    ev = sub.add_parser("eval", help="score the pipeline against gold annotations (JSON Lines)",
                        description="Run the pipeline on the gold set's documents and print the "
                                    "figures of shared/tools/score.py (indicators, entities, themes).")
    from .evaluation import add_eval_arguments

    add_eval_arguments(ev)
    ev.set_defaults(func=cmd_eval)
    sc = sub.add_parser("schema", help="print the data dictionary (Markdown) of the output tables")
    sc.set_defaults(func=cmd_schema)
    for name, (module, help_text) in DELEGATED.items():
        d = sub.add_parser(name, help=help_text, add_help=False)
        d.set_defaults(func=None, module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in DELEGATED:
        module_name = DELEGATED[argv[0]][0]
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            print(f"error: command '{argv[0]}' is not available: {exc}", file=sys.stderr)
            return EXIT_CONFIG
        return int(module.main(argv[1:]) or 0)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_CONFIG
    return int(args.func(args) or 0)
