import subprocess
import sys

from pipeline.cli import build_parser, check_folders, main


def test_run_help_explains_every_option(capsys):
    parser = build_parser()
    run = parser._subparsers._group_actions[0].choices["run"]
    for action in run._actions:
        if action.option_strings and action.dest != "help":
            assert action.help, action.dest


def test_top_level_help_lists_commands():
    out = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    for cmd in ("run", "eval", "train-ner", "train-themes", "review", "report", "bench", "serve"):
        assert cmd in out.stdout


def test_missing_input_is_a_config_error(tmp_path, capsys):
    assert main(["run", "--input", str(tmp_path / "nope"), "--output", str(tmp_path / "o")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_unknown_stage_is_a_config_error(tmp_path, capsys):
    assert main(["run", "--input", str(tmp_path), "--output", str(tmp_path / "o"), "--stages", "magic"]) == 2
    assert "unknown stage" in capsys.readouterr().err


def test_output_inside_input_refused(tmp_path):
    assert "inside the input" in check_folders(tmp_path, tmp_path / "out")


def test_output_path_is_a_file(tmp_path):
    (tmp_path / "file").write_text("x")
    d = tmp_path / "in"
    d.mkdir()
    assert "not a folder" in check_folders(d, tmp_path / "file")
