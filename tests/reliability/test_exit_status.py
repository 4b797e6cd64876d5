"""Exit status of ``python -m pipeline run``, through the real CLI.

0 when the run completed (even with failed documents), 1 with
``--fail-on-error`` and failed documents (covered in test_hostile_inputs),
2 for a broken configuration or an unusable input/output folder, 3 when
another run holds the output folder.  Errors are one line for a person, never
a traceback, and a refused run creates no output folder.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.outputs_lock import run_lock
from tests.reliability.conftest import REPO, cli_env
from tests.reliability.corpusgen import write_corpus


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    base = tmp_path_factory.mktemp("exit")
    corpus = base / "corpus"
    write_corpus(corpus, 3)
    (base / "a-file").write_text("x")
    return base, corpus


def config_cases(base, corpus):
    out = base / "out"
    return {
        "missing input": (["--input", base / "nope", "--output", out], "does not exist"),
        "input is a file": (["--input", base / "a-file", "--output", out], "not a folder"),
        "output is a file": (["--input", corpus, "--output", base / "a-file"], "not a folder"),
        "output below a file": (["--input", corpus, "--output", base / "a-file" / "out"], "output"),
        "output inside input": (["--input", corpus, "--output", corpus / "out"], "inside the input"),
        "unknown stage": (["--input", corpus, "--output", out, "--stages", "indicators,magic"], "unknown stage"),
        "zero batch size": (["--input", corpus, "--output", out, "--batch-size", "0"], "--batch-size"),
        "zero workers": (["--input", corpus, "--output", out, "--workers", "0"], "--workers"),
        "negative size cap": (["--input", corpus, "--output", out, "--max-file-mb", "-1"], "--max-file-mb"),
        "nan size cap": (["--input", corpus, "--output", out, "--max-file-mb", "nan"], "--max-file-mb"),
        "negative wait": (["--input", corpus, "--output", out, "--wait", "-1"], "--wait"),
        "not a number": (["--input", corpus, "--output", out, "--batch-size", "many"], "invalid int"),
        "unknown runner": (["--input", corpus, "--output", out, "--runner", "cloud"], "invalid choice"),
    }


def test_broken_configuration_exits_2(folders):
    base, corpus = folders
    cases = config_cases(base, corpus)
    env = cli_env(None)
    procs = {name: subprocess.Popen([sys.executable, "-m", "pipeline", "run", *map(str, args)], cwd=REPO, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name, (args, _) in cases.items()}
    problems = []
    for name, proc in procs.items():
        _, err = proc.communicate(timeout=120)
        needle = cases[name][1]
        if proc.returncode != 2 or needle not in err or "Traceback" in err:
            problems.append(f"{name}: status {proc.returncode}, stderr {err.strip()[-300:]!r}")
    assert not problems, "\n".join(problems)
    assert not (base / "out").exists() and not (corpus / "out").exists()


def test_missing_model_is_a_configuration_error(folders, cli, tmp_path):
    _, corpus = folders
    (tmp_path / "models").mkdir()
    run = cli("run", "--input", corpus, "--output", tmp_path / "out", "--stages", "themes", "--no-progress",
              faults="missing-model", env={"AV_FAULT_MODELS_DIR": str(tmp_path / "models")})
    assert run.returncode == 2, run.stderr[-2000:]
    assert "train" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()


def test_completed_run_exits_0_even_with_fail_on_error(folders, cli, tmp_path):
    _, corpus = folders
    run = cli("run", "--input", corpus, "--output", tmp_path / "out", "--stages", "indicators",
              "--runner", "sequential", "--no-progress", "--fail-on-error")
    assert run.returncode == 0, run.stderr[-2000:]
    assert (tmp_path / "out" / "manifest.json").is_file()


def test_locked_output_exits_3(folders, cli, tmp_path):
    _, corpus = folders
    with run_lock(tmp_path / "out"):
        run = cli("run", "--input", corpus, "--output", tmp_path / "out", "--stages", "indicators",
                  "--runner", "sequential", "--no-progress")
    assert run.returncode == 3, run.stderr[-2000:]
    assert "another run" in run.stderr and "Traceback" not in run.stderr
