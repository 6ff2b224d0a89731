"""The GitHub Actions workflows: real commands, pinned actions, no security findings."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from generator.cli import main

from .helpers import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def load(name):
    return yaml.safe_load((WORKFLOWS / name).read_text())


def steps(workflow):
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def test_steps_call_commands_that_exist():
    for name in ("ci.yml", "nightly.yml"):
        for step in steps(load(name)):
            for command in re.findall(r"jawabdehi (\w[\w-]*)", step.get("run", "")):
                assert command in main.commands, (name, command)
            for script in re.findall(r"bash (\S+)", step.get("run", "")):
                assert (REPO / script).exists(), (name, script)
            if "uses" in step:
                assert re.search(r"@[0-9a-f]{40}$", step["uses"]), step["uses"]


def test_nightly_runs_the_whole_sequence():
    nightly = load("nightly.yml")
    triggers = nightly.get(True) or nightly["on"]  # YAML 1.1 reads `on` as true
    assert "schedule" in triggers and "workflow_dispatch" in triggers
    assert nightly["permissions"] == {} and nightly["concurrency"]["group"]
    runs = "\n".join(s.get("run", "") for s in steps(nightly))
    for command in ("jawabdehi collect", "jawabdehi validate", "jawabdehi build", "git commit"):
        assert command in runs
    uses = [s["uses"].split("@")[0] for s in steps(nightly) if "uses" in s]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    text = (WORKFLOWS / "nightly.yml").read_text()
    assert text.count("secrets.X_BEARER_TOKEN") == 1


def zizmor(folder) -> list:
    binary = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    result = subprocess.run([binary, "--offline", "--format", "json", "--min-severity", "medium", str(folder)],
                            capture_output=True, text=True, timeout=300)
    assert result.stdout.strip().startswith("["), result.stderr
    return json.loads(result.stdout)


def test_zizmor_finds_nothing_of_medium_or_high_severity():
    findings = zizmor(WORKFLOWS)
    assert findings == [], json.dumps(findings, indent=1)[:3000]


def test_zizmor_would_catch_an_injection(tmp_path):
    bad = (WORKFLOWS / "ci.yml").read_text().replace(
        "run: bash .ci/run", "run: echo ${{ github.event.pull_request.title }} && bash .ci/run")
    (tmp_path / "ci.yml").write_text(bad)
    assert any(f["ident"] == "template-injection" for f in zizmor(tmp_path / "ci.yml"))
