"""The build as a sequence of steps a person can stop after and look into."""

import csv
import json

import pytest
from click.testing import CliRunner

from generator import config, pipeline
from generator.cli import main
from generator.config import load_config

from .helpers import AS_OF, DATA, REPO


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_stopping_after_compute_writes_the_models_tables_and_publishes_nothing(tmp_path):
    out, dump = tmp_path / "public", tmp_path / "model"
    result = run("--project", REPO, "build", "--data", DATA, "--out", out, "--as-of", AS_OF.isoformat(),
                 "--stop-after", "compute", "--dump", dump)
    assert result.exit_code == 0, result.output
    assert "stopped after compute" in result.output
    assert not out.exists()
    handles = rows(dump / "handles.csv")
    assert len(handles) > 100 and {"department_id", "platform", "status"} <= set(handles[0])
    assert {r["status"] for r in handles} >= {"no_account"}
    assert rows(dump / "departments.csv") and rows(dump / "events.csv") is not None
    values = json.loads((dump / "values.json").read_text(encoding="utf-8"))
    assert values["as_of"] <= AS_OF.isoformat()


def test_stopping_after_load_shows_the_input_as_read(tmp_path):
    dump = tmp_path / "inputs"
    result = run("--project", REPO, "build", "--data", DATA, "--out", tmp_path / "public",
                 "--as-of", AS_OF.isoformat(), "--stop-after", "load", "--dump", dump)
    assert result.exit_code == 0, result.output
    registry = rows(DATA / "registry" / "departments.csv")
    assert len(rows(dump / "departments.csv")) == len(registry)
    assert (dump / "withheld.txt").read_text(encoding="utf-8") == ""


def test_a_build_from_the_command_line_reads_its_settings_once(tmp_path, monkeypatch):
    # The warning about them, the key and the steps take one reading of config.toml: two
    # readings could differ (an operator saving it meanwhile).
    reads = []
    for module in (config, pipeline):
        monkeypatch.setattr(module, "load_config", lambda folder, real=config.load_config: reads.append(folder)
                            or real(folder))
    result = run("--project", REPO, "build", "--data", DATA, "--out", tmp_path / "public",
                 "--as-of", AS_OF.isoformat(), "--stop-after", "load")
    assert result.exit_code == 0, result.output
    assert reads == [DATA]


def test_a_dump_never_writes_into_a_folder_of_other_files(tmp_path):
    # The data's own registry folder, given by mistake: its CSVs would be overwritten.
    registry = tmp_path / "registry"
    registry.mkdir()
    (registry / "departments.csv").write_text("id\nmine\n", encoding="utf-8")
    for extra in (["--stop-after", "load"], []):
        result = CliRunner().invoke(main, ["--project", str(REPO), "build", "--data", str(DATA), "--out",
                                           str(tmp_path / "public"), "--as-of", AS_OF.isoformat(), *extra,
                                           "--dump", str(registry)])
        assert result.exit_code == 1 and "--dump" in result.output and "Traceback" not in result.output
        assert (registry / "departments.csv").read_text(encoding="utf-8") == "id\nmine\n"
        assert [p.name for p in registry.iterdir()] == ["departments.csv"] and not (tmp_path / "public").exists()


def test_stopping_after_render_writes_each_pages_markdown_and_every_file(tmp_path):
    dump = tmp_path / "rendered"
    pipeline.build(REPO, DATA, tmp_path / "public", AS_OF, stop_after="render", dump_to=dump)
    assert not (tmp_path / "public").exists()
    home = (dump / "pages" / "hi" / "index.md").read_text(encoding="utf-8")
    assert home.strip()
    assert (dump / "pages" / "en" / "methodology.md").exists()
    assert rows(dump / "files" / "data" / "handles.csv")
    assert (dump / "files" / "data" / "datapackage.json").exists()


def test_the_steps_hand_each_other_their_results():
    inputs = pipeline.load(DATA, cfg=load_config(DATA))
    model = pipeline.compute(inputs, AS_OF)
    assert model.health.withheld == inputs.withheld
    rendered = pipeline.render(model, REPO, {})
    assert rendered.model is model and set(rendered.pages) == {"hi", "en"}


def test_an_unknown_step_is_refused_with_the_steps_named(tmp_path):
    result = CliRunner().invoke(main, ["--project", str(REPO), "build", "--stop-after", "deploy"])
    assert result.exit_code != 0
    assert "load" in result.output and "compute" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("step", pipeline.STEPS)
def test_every_step_is_a_choice_of_the_command(step):
    option = next(p for p in main.commands["build"].params if p.name == "stop_after")
    assert step in option.type.choices
