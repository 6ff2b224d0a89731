"""The GitHub Actions workflows and issue forms: real commands, pinned actions and
dependencies, least privilege, a push that survives a concurrent one, a failure that
opens an issue, and no zizmor finding that is high or unexplained."""

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest
import yaml

from generator import paths
from generator.cli import main
from generator.store.archive import HISTORY

from .helpers import REPO

WORKFLOWS = REPO / ".github" / "workflows"
FORMS = REPO / ".github" / "ISSUE_TEMPLATE"
CONSTRAINTS = REPO / "constraints" / "nightly.txt"
SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(name):
    return yaml.safe_load((WORKFLOWS / name).read_text())


def all_workflows():
    return sorted(p.name for p in WORKFLOWS.glob("*.y*ml"))


def steps(workflow):
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def step(job, name_part):
    found = [s for s in job["steps"] if name_part in s.get("name", "")]
    assert len(found) == 1, (name_part, [s.get("name") for s in job["steps"]])
    return found[0]


def test_steps_call_commands_that_exist():
    for name in all_workflows():
        for step_ in steps(load(name)):
            for command in re.findall(r"jawabdehi (\w[\w-]*)", step_.get("run", "")):
                assert command in main.commands, (name, command)
            for script in re.findall(r"bash (\S+)", step_.get("run", "")):
                assert (REPO / script).exists(), (name, script)


def test_nightly_runs_the_whole_sequence():
    nightly = load("nightly.yml")
    triggers = nightly.get(True) or nightly["on"]  # YAML 1.1 reads `on` as true
    assert "schedule" in triggers and "workflow_dispatch" in triggers
    assert nightly["permissions"] == {}
    # A night per branch at a time, never cancelled: a dispatch on a branch cannot replace main's night.
    assert nightly["concurrency"] == {"group": "nightly-${{ github.ref }}", "cancel-in-progress": False}
    assert nightly["concurrency"]["cancel-in-progress"] is False
    runs = "\n".join(s.get("run", "") for s in steps(nightly))
    for command in ("jawabdehi collect", "jawabdehi validate", "jawabdehi build", "jawabdehi audit",
                    "git commit"):
        assert command in runs
    assert re.search(r"\bgit .*\bpush origin", runs)
    uses = [s["uses"].split("@")[0] for s in steps(nightly) if "uses" in s]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    text = (WORKFLOWS / "nightly.yml").read_text()
    assert text.count("secrets.X_BEARER_TOKEN") == 1


# --- pins -------------------------------------------------------------------------------


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment():
    for name in all_workflows():
        for step_ in steps(load(name)):
            if "uses" in step_:
                assert SHA_PIN.match(step_["uses"]), (name, step_["uses"])
        for line in (WORKFLOWS / name).read_text().splitlines():
            if re.match(r"\s*(- )?uses:", line):
                assert re.search(r"@[0-9a-f]{40} # v\d+(\.\d+)*\s*$", line), (name, line)


def test_container_images_are_pinned_by_digest():
    for name in all_workflows():
        for job in load(name)["jobs"].values():
            image = job.get("container")
            image = image.get("image") if isinstance(image, dict) else image
            if image:
                assert re.search(r"@sha256:[0-9a-f]{64}$", image), (name, image)


def test_every_job_has_a_timeout():
    for name in all_workflows():
        for job_id, job in load(name)["jobs"].items():
            assert isinstance(job.get("timeout-minutes"), int) and job["timeout-minutes"] > 0, (name, job_id)
    jobs = load("nightly.yml")["jobs"]
    assert jobs["collect"]["timeout-minutes"] >= 60  # rate-limit waits
    assert jobs["build"]["timeout-minutes"] <= 60
    assert jobs["deploy"]["timeout-minutes"] <= 15


def test_nightly_installs_exactly_the_constraints_file():
    installs = [line.strip() for s in steps(load("nightly.yml")) for line in s.get("run", "").splitlines()
                if "pip install" in line]
    assert len(installs) == 2  # collect and build
    for line in installs:
        assert line == "pip install -c constraints/nightly.txt .", line


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-").replace(".", "-")


def test_constraints_file_pins_every_dependency_and_says_how_to_regenerate_it():
    text = CONSTRAINTS.read_text()
    header = [line for line in text.splitlines() if line.startswith("#")]
    pins = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for line in pins:
        assert re.fullmatch(r"[A-Za-z0-9][\w.-]*==[\w.+!-]+", line), line
    pinned = {_name(line) for line in pins}
    assert "jawabdehi" not in pinned
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    missing = {_name(d) for d in declared} - pinned
    assert not missing, f"regenerate constraints/nightly.txt (see its header): {sorted(missing)}"
    command = next(line.lstrip("# ").strip() for line in header if "pip freeze --exclude jawabdehi" in line
                   or "pip\" freeze --exclude jawabdehi" in line)
    assert "venv" in command and "install ." in command and "constraints/nightly.txt" in command
    assert command in (REPO / "README.md").read_text()


# --- least privilege ----------------------------------------------------------------------


def test_nightly_jobs_have_least_privilege():
    nightly = load("nightly.yml")
    assert nightly["permissions"] == {}
    expected = {
        # The job that installs packages and holds the X secret cannot write: it hands its
        # validated commit to a job that installs nothing.
        "collect": {"contents": "read"},
        "push": {"contents": "write"},
        "build": {"contents": "read", "pages": "read"},
        "deploy": {"pages": "write", "id-token": "write"},
        "upload-nights": {"contents": "write"},
        "keepalive": {"actions": "write"},
        "report-failure": {"issues": "write"},
    }
    assert {job_id: job.get("permissions") for job_id, job in nightly["jobs"].items()} == expected
    # After a collect that failed or was cancelled, the push of its reads journal is the only
    # job that runs with a write to the repository (and it runs none of the installed code).
    for status in ("failure", "cancelled"):
        values = {"needs.collect.result": status}  # no output of a job that did not succeed
        running = {job_id for job_id, job in nightly["jobs"].items()
                   if job.get("needs") and holds(job.get("if", "success()"), status, values)}
        assert running == {"push", "report-failure"}, status
    assert {job_id for job_id, job in nightly["jobs"].items() if job["permissions"].get("contents") == "write"} \
        == {"push", "upload-nights"}
    for job in nightly["jobs"].values():
        for step_ in job["steps"]:
            if step_.get("uses", "").startswith("actions/checkout@"):
                assert step_["with"]["persist-credentials"] is False


def test_the_upload_runs_on_scheduled_nights_once_their_site_is_online_and_skips_withdrawn_files():
    nightly = load("nightly.yml")
    condition = " ".join(nightly["jobs"]["upload-nights"]["if"].split())
    # A schedule's event names no repository: the default-branch test alone would stop every night.
    assert "github.event_name == 'schedule' ||" in condition
    assert "needs.deploy.outputs.deployed == 'success'" in condition
    assert nightly["jobs"]["deploy"]["outputs"]["deployed"] == "${{ steps.deployment.outcome }}"
    script = step(nightly["jobs"]["upload-nights"], "Upload the files awaiting upload")["run"]
    assert "contents/data/takedowns.txt" in script and '--withdrawn "$ledger"' in script
    assert "--site kept" in step(nightly["jobs"]["build"], "Read the upload record")["run"]


def test_every_run_reads_the_store_of_parsed_nights_and_only_scheduled_default_branch_runs_write_it():
    nightly = load("nightly.yml")
    caching = [(job_id, s) for job_id, job in nightly["jobs"].items() for s in job["steps"]
                if s.get("uses", "").startswith("actions/cache")]
    assert {s["uses"].split("@")[0] for _, s in caching} == {"actions/cache/restore", "actions/cache/save"}
    assert all(job_id == "build" for job_id, _ in caching)
    job = nightly["jobs"]["build"]
    restore, save = step(job, "Restore the store"), step(job, "Save the store")
    assert "if" not in restore  # every run, dispatched or scheduled, reads it
    # A schedule's event names no repository: a test of its default branch would never hold.
    assert save["if"] == "github.event_name == 'schedule'"
    assert "github.event.repository" not in json.dumps([s.get("if") for s in job["steps"]])
    assert restore["with"]["path"] == save["with"]["path"] == f"{paths.CACHE}/{HISTORY}"
    assert restore["with"]["key"] == save["with"]["key"]
    names = [s.get("name", "") for s in job["steps"]]
    assert names.index("Restore the store of parsed nights") < names.index("Validate") < names.index("Build")
    assert names.index("Build") < names.index("Save the store of parsed nights")  # a store from a good build only
    # The last built site likewise, which the build checks file by file before it keeps any.
    restore, save = step(job, "Restore the last built site"), step(job, "Save the built site")
    assert "if" not in restore and save["if"] == step(job, "Save the store")["if"]
    assert restore["with"]["path"] == save["with"]["path"] == "public"
    assert restore["with"]["key"] == save["with"]["key"] and restore["with"]["restore-keys"] == "site-"
    assert names.index("Restore the last built site") < names.index("Build") < \
        names.index("Audit for personal data") < names.index("Save the built site for the next night")
    assert f"{paths.CACHE}/" in (REPO / ".gitignore").read_text().splitlines()  # never committed


def test_only_the_upload_job_may_write_releases_and_the_deploy_never_waits_on_it():
    jobs = load("nightly.yml")["jobs"]
    upload = jobs["upload-nights"]
    # The write token reaches one step, which runs the repository's own script and
    # installs nothing; the build job reads the releases with a read-only token.
    tokens = [s for s in upload["steps"] if "GH_TOKEN" in s.get("env", {})]
    assert [s["name"] for s in tokens] == ["Upload the files awaiting upload"]
    assert "python3 -m generator.publish.upload --site public --repo" in tokens[0]["run"]
    assert not any("pip install" in s.get("run", "") for s in upload["steps"])
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    record = step(jobs["build"], "Read the upload record")
    assert "--record uploaded.json" in record["run"]
    assert "--uploaded uploaded.json" in step(jobs["build"], "Build")["run"]
    assert "--pinned-from kept" in step(jobs["build"], "Build")["run"]
    # After the deploy, whatever it did; nothing the site needs waits on the upload.
    assert {"build", "deploy"} <= set(upload["needs"])
    assert "!cancelled()" in upload["if"] and "needs.build.result == 'success'" in upload["if"]
    for job_id, job in jobs.items():
        needs = job.get("needs", [])
        if job_id != "report-failure":
            assert "upload-nights" not in ([needs] if isinstance(needs, str) else needs), job_id
    keep = next(s for s in jobs["build"]["steps"] if s.get("name") == "Keep the pinned files for the upload job")
    fetch = next(s for s in upload["steps"] if "download-artifact" in s.get("uses", ""))
    assert keep["with"]["name"] == fetch["with"]["name"] and fetch["with"]["path"] == "public/data"
    assert "failure()" in jobs["report-failure"]["if"] and "upload-nights" in jobs["report-failure"]["needs"]


def test_no_expression_is_interpolated_into_a_script():
    for name in all_workflows():
        for step_ in steps(load(name)):
            assert "${{" not in step_.get("run", ""), (name, step_.get("name"))


# --- the push survives a concurrent push --------------------------------------------------


def test_collect_validates_the_rebased_snapshot_and_a_job_that_installs_nothing_pushes_it():
    jobs = load("nightly.yml")["jobs"]
    prepare = step(jobs["collect"], "Commit the snapshot onto the branch")
    script = prepare["run"]
    assert prepare["id"] == "snapshot"
    # What to push reaches the push job in the artifact alone (see the push job's comment);
    # the collect's attempt only says which attempt's artifact a re-run of the push job takes.
    assert jobs["collect"]["outputs"] == {"lookups_failed": "${{ steps.collect.outputs.failed }}",
                                          "attempt": "${{ github.run_attempt }}"}
    loop = script[script.index("for attempt in"):]
    assert loop.index("fetch") < loop.index("rebase") < loop.index("jawabdehi validate") < loop.index("git bundle")
    assert not re.search(r"\bgit\b.*\bpush\b", script)  # the job holding installed code never pushes
    push = jobs["push"]
    assert push["needs"] == "collect" and push["outputs"]["sha"] == "${{ steps.push.outputs.sha }}"
    assert re.findall(r"needs\.collect\.outputs\.\w+", json.dumps(push)) == ["needs.collect.outputs.attempt"]
    assert not any("pip install" in s_.get("run", "") or "setup-python" in s_.get("uses", "")
                   or "jawabdehi" in s_.get("run", "") for s_ in push["steps"])
    assert "core.hooksPath=/dev/null" in step(push, "Push it")["run"]
    # One name in both jobs, replaced by a re-run of collect: a re-run of push alone finds it.
    handed = step(jobs["collect"], "Hand the snapshot commit")["with"]
    taken = next(s_ for s_ in push["steps"] if s_.get("uses", "").startswith("actions/download-artifact@"))["with"]
    assert handed["name"] == taken["name"] == "snapshot-commit" and handed["overwrite"] is True
    assert handed["path"].split() == ["snapshot-commit.txt", "snapshot.bundle"]
    assert taken["path"] == "${{ runner.temp }}/handed"
    assert step(push, "Read what the collect job handed over")["env"]["HANDED"] == \
        "${{ runner.temp }}/handed/snapshot-commit.txt"
    assert step(push, "Push it")["env"]["BUNDLE"] == "${{ runner.temp }}/handed/snapshot.bundle"
    checkout = jobs["build"]["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["ref"] == "${{ needs.push.outputs.sha }}"
    # A collect that did not succeed pushes at most its reads journal: the build never follows.
    assert jobs["build"]["needs"] == ["collect", "push"] and "if" not in jobs["build"]


GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}


def git(cwd, *args):
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=GIT_ENV)
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout.strip()


@pytest.fixture
def night(tmp_path):
    """A bare remote with one commit, a shallow checkout of it (as actions/checkout makes),
    and a way to run the collect job's push step in that checkout."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    seed = tmp_path / "seed"
    git(tmp_path, "clone", "-q", str(remote), str(seed))
    (seed / "data" / "registry").mkdir(parents=True)
    (seed / "data" / "registry" / "accounts.csv").write_text("department_id,handle\na,one\n")
    git(seed, "add", "data")
    git(seed, "commit", "-q", "-m", "registry")
    git(seed, "push", "-q", "origin", "HEAD:refs/heads/main")
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{remote}", str(work))
    bin_dir = tmp_path / "bin"  # sleep returns at once, noting how long it was asked for
    bin_dir.mkdir()
    slept = tmp_path / "slept"
    (bin_dir / "sleep").write_text(f"#!/bin/sh\necho \"$1\" >> {slept}\n")
    (bin_dir / "sleep").chmod(0o755)
    # timeout notes the limit the step sets on each network call (`-k N LIMIT git ...`) and runs
    # the call under it, or under $SHORTEN seconds; ssh to the remote hangs, as a silent server.
    limits = tmp_path / "limits"
    (bin_dir / "timeout").write_text(
        f"#!/bin/sh\ncase \" $* \" in *\" fetch \"*) call=fetch ;; *\" push \"*) call=push ;; *) call=other ;; esac\n"
        f"echo \"$1 $2 $3 $call\" >> {limits}\n"
        f"[ -n \"$SHORTEN\" ] && {{ shift 3; exec {shutil.which('timeout')} -k 1 \"$SHORTEN\" \"$@\"; }}\n"
        f"exec {shutil.which('timeout')} \"$@\"\n")
    (bin_dir / "timeout").chmod(0o755)
    (bin_dir / "hanging-ssh").write_text(f"#!/bin/sh\nexec {shutil.which('sleep')} 600\n")
    (bin_dir / "hanging-ssh").chmod(0o755)
    # validate refuses a data folder holding data/invalid, whoever committed it, and one holding
    # both data/together-a and data/together-b (each valid alone)
    (bin_dir / "jawabdehi").write_text(
        "#!/bin/sh\n[ \"$1\" = validate ] && [ ! -e data/invalid ] && "
        "! { [ -e data/together-a ] && [ -e data/together-b ]; }\n")
    (bin_dir / "jawabdehi").chmod(0o755)
    jobs = load("nightly.yml")["jobs"]
    prepare = step(jobs["collect"], "Commit the snapshot onto the branch")["run"]
    read = step(jobs["push"], "Read what the collect job handed over")["run"]
    push = step(jobs["push"], "Push it")["run"]

    def other_push(path, text):
        """Someone else pushes meanwhile."""
        git(seed, "pull", "-q", "--rebase", "origin", "main")
        (seed / path).parent.mkdir(parents=True, exist_ok=True)
        (seed / path).write_text(text)
        git(seed, "add", "-A")
        git(seed, "commit", "-q", "-m", f"edit {path}")
        git(seed, "push", "-q", "origin", "HEAD:refs/heads/main")
        return git(seed, "rev-parse", "HEAD")

    def run_script(script, **env):
        output = tmp_path / "github_output"
        output.write_text("")
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=work,
            capture_output=True, text=True, timeout=60,
            env={**GIT_ENV, "PATH": f"{bin_dir}:{os.environ['PATH']}", "GH_TOKEN": "not-a-token", "BRANCH": "main",
                 "GITHUB_REF_TYPE": "branch", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ATTEMPT": "1",
                 "GITHUB_OUTPUT": str(output), **env})
        outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
        return result, outputs

    def hang():
        """The remote stops answering; each network call is then given half a second."""
        git(work, "remote", "set-url", "origin", "ssh://git.invalid/remote.git")
        return {"GIT_SSH_COMMAND": str(bin_dir / "hanging-ssh"), "SHORTEN": "0.5"}

    def limits_of(command):
        """The limit set on each `git <command>`, in order."""
        lines = limits.read_text().splitlines() if limits.exists() else []
        return [int(line.split()[2]) for line in lines if line.split()[3] == command]

    def run_steps(between=lambda: None, whole=True, job_status="success", **env):
        """The collect job's snapshot step, then the push job's steps (it runs whatever became
        of the collect), the artifact carrying the one's files to the other; `between` runs in
        between (and may return more environment for the push job's steps). `whole`: the
        collect and its validation succeeded (else only the reads journals are committed). The
        result is the first step that failed (or the last), with every step's log; the outputs
        are the push step's (the build job's commit)."""
        result, _ = run_script(prepare, WHOLE=str(whole).lower(), JOB_STATUS=job_status, **env)
        collected = "success" if result.returncode == 0 and whole else "failure"
        handed = tmp_path / "handed"
        shutil.rmtree(handed, ignore_errors=True)
        handed.mkdir()
        for name in ("snapshot-commit.txt", "snapshot.bundle"):
            if (work / name).exists():
                shutil.copy(work / name, handed / name)
        env = {**env, **(between() or {})}
        ran, outputs = run_script(read, COLLECTED=collected, HANDED=str(handed / "snapshot-commit.txt"), **env)
        logs = [result, ran]
        if ran.returncode == 0:
            ran, outputs = run_script(push, CHANGED=outputs.get("changed", ""), SHA=outputs.get("sha", ""),
                                      BUNDLE=str(handed / "snapshot.bundle"), **env)
            logs.append(ran)
        failed = next((r for r in logs if r.returncode != 0), logs[-1])
        failed.stdout = "".join(r.stdout for r in logs)
        failed.stderr = "".join(r.stderr for r in logs)
        return failed, outputs

    return {"remote": remote, "work": work, "other_push": other_push, "run": run_steps, "slept": slept,
            "prepare": run_script, "script": prepare, "read": read, "hang": hang, "limits": limits_of}


def test_push_rebases_onto_a_commit_pushed_meanwhile(night):
    other = night["other_push"]("data/registry/departments.csv", "id\na\n")
    (night["work"] / "data" / "snapshots" / "x").mkdir(parents=True)
    (night["work"] / "data" / "snapshots" / "x" / "2026-11-25.csv").write_text("followers\n1\n")
    result, outputs = night["run"]()
    assert result.returncode == 0, result.stdout + result.stderr
    head = git(night["remote"], "rev-parse", "main")
    assert outputs["sha"] == head  # the build job checks out exactly this commit
    assert git(night["remote"], "rev-parse", "main~1") == other
    assert "2026-11-25.csv" in git(night["remote"], "show", "--name-only", "--format=", "main")
    assert "not-a-token" not in result.stdout + result.stderr
    assert "extraheader" not in (night["work"] / ".git" / "config").read_text()


def test_a_commit_handed_over_that_changes_more_than_data_is_never_pushed(night):
    """The collect job runs the installed packages; the push job, which may write, takes from
    it one commit of data/ alone. A handed-over commit that also changes the program (as a
    package gone bad could hand over, bundle and sha agreeing) is not pushed; data alone is."""
    work, remote = night["work"], night["remote"]
    before = git(remote, "rev-parse", "main")

    def hand_over(path):
        def tamper():
            git(work, "reset", "-q", "--hard", before)
            (work / path).parent.mkdir(parents=True, exist_ok=True)
            (work / path).write_text("changed\n")
            git(work, "add", "-A")
            git(work, "-c", "user.name=n", "-c", "user.email=n@example.org", "commit", "-q", "-m", "night")
            handed = work.parent / "handed"
            git(work, "bundle", "create", "-q", str(handed / "snapshot.bundle"), f"{before}..HEAD")
            (handed / "snapshot-commit.txt").write_text(
                f"attempt=1\nsha={git(work, 'rev-parse', 'HEAD')}\nbase={before}\nchanged=true\n")
        return tamper

    (work / "data" / "snapshots" / "x").mkdir(parents=True)
    (work / "data" / "snapshots" / "x" / "2026-11-25.csv").write_text("followers\n1\n")
    result, _ = night["run"](between=hand_over("generator/cli.py"))
    assert result.returncode == 1 and "changes more than data/" in result.stdout, result.stdout + result.stderr
    assert git(remote, "rev-parse", "main") == before
    result, outputs = night["run"](between=hand_over("data/snapshots/x/2026-11-26.csv"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert git(remote, "rev-parse", "main") == outputs["sha"] != before


def test_a_rejected_push_is_retried(night):
    hook = night["remote"] / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\n[ -e \"$GIT_DIR/rejected-once\" ] && exit 0\n"
                    "touch \"$GIT_DIR/rejected-once\"; echo busy >&2; exit 1\n")
    hook.chmod(hook.stat().st_mode | stat.S_IEXEC)
    (night["work"] / "data" / "snapshots").mkdir(parents=True)
    (night["work"] / "data" / "snapshots" / "night.csv").write_text("followers\n1\n")
    result, outputs = night["run"]()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "on attempt 2" in result.stdout
    assert outputs["sha"] == git(night["remote"], "rev-parse", "main")


def test_a_night_that_does_not_rebase_fails_and_leaves_the_remote_alone(night):
    other = night["other_push"]("data/registry/accounts.csv", "department_id,handle\na,two\n")
    (night["work"] / "data" / "registry" / "accounts.csv").write_text("department_id,handle\na,three\n")
    result, outputs = night["run"]()
    assert result.returncode == 1 and "does not rebase" in result.stdout
    assert "Nothing new tonight" in result.stdout  # no journal tonight: nothing of the night goes on
    assert git(night["remote"], "rev-parse", "main") == other


def assert_the_journal_alone_went_on(night, other):
    assert git(night["remote"], "rev-parse", "main~1") == other
    assert git(night["remote"], "show", "--name-only", "--format=", "main").split() == [JOURNAL]
    assert git(night["remote"], "show", f"main:{JOURNAL}") + "\n" == JOURNAL_LINE
    assert "reads journal" in git(night["remote"], "log", "-1", "--format=%s", "main")


def test_a_night_that_does_not_rebase_still_pushes_its_reads_journal_alone_and_fails(night):
    """The whole night cannot go on the branch (a person must look), but the reads X billed
    must: without them the next night's budget undercounts."""
    other = night["other_push"]("data/registry/accounts.csv", "department_id,handle\na,two\n")
    (night["work"] / "data" / "registry" / "accounts.csv").write_text("department_id,handle\na,three\n")
    (night["work"] / "data" / "snapshots" / "x").mkdir(parents=True)
    (night["work"] / JOURNAL).write_text(JOURNAL_LINE)
    result, outputs = night["run"]()
    assert result.returncode == 1 and "does not rebase" in result.stdout
    assert "not pushed; a person must look" in result.stdout
    assert_the_journal_alone_went_on(night, other)
    assert (night["work"] / "data" / "registry" / "accounts.csv").read_text().endswith("three\n")  # for the artifact


def test_a_night_that_no_longer_validates_after_the_rebase_pushes_its_reads_journal_alone_and_fails(night):
    other = night["other_push"]("data/together-b", "pushed meanwhile, valid alone\n")
    (night["work"] / "data" / "snapshots" / "x").mkdir(parents=True)
    (night["work"] / "data" / "together-a").write_text("tonight, valid alone\n")
    (night["work"] / JOURNAL).write_text(JOURNAL_LINE)
    result, outputs = night["run"]()
    assert result.returncode == 1 and "no longer validates" in result.stdout
    assert "not pushed; a person must look" in result.stdout
    assert_the_journal_alone_went_on(night, other)


def test_a_night_that_no_longer_validates_after_the_rebase_is_not_pushed(night):
    """Nor its journal, when the branch with the journal alone does not validate either."""
    other = night["other_push"]("data/invalid", "pushed meanwhile\n")
    (night["work"] / "data" / "snapshots" / "x").mkdir(parents=True)
    (night["work"] / "data" / "snapshots" / "night.csv").write_text("followers\n1\n")
    (night["work"] / JOURNAL).write_text(JOURNAL_LINE)
    result, outputs = night["run"]()
    assert result.returncode == 1 and "no longer validates" in result.stdout
    assert not outputs.get("sha")
    assert git(night["remote"], "rev-parse", "main") == other


@pytest.mark.parametrize(("whole", "job_status", "attempts"), [
    (True, "success", 5), (True, "failure", 5),
    (True, "cancelled", 3),  # GitHub leaves a cancelled run's steps about five minutes
    (False, "failure", 3), (False, "cancelled", 3),  # the collect did not finish: its journal, quickly
])
def test_a_cancelled_or_unfinished_night_retries_the_fetch_fewer_times_sooner(night, whole, job_status, attempts):
    git(night["work"], "remote", "set-url", "origin", str(night["work"].parent / "gone.git"))
    unfinished_collect(night["work"])
    result, _ = night["prepare"](night["script"], WHOLE=str(whole).lower(), JOB_STATUS=job_status)
    assert result.returncode == 1 and f"could not be fetched after {attempts} attempts" in result.stdout
    slept = [int(s) for s in night["slept"].read_text().split()]
    assert len(slept) == attempts - 1  # no wait after the last
    assert sum(slept) <= (150 if attempts == 5 else 30)
    # Every fetch has a limit; in a cancelled run's five minutes, all of them and the pauses fit.
    limits = night["limits"]("fetch")
    assert len(limits) == attempts and len(set(limits)) == 1, limits
    assert attempts == 5 or sum(limits) + sum(slept) <= 240


def test_a_fetch_that_hangs_is_given_up_and_tried_again(night):
    """Without a limit of its own, one hanging fetch would use up the run's time."""
    unfinished_collect(night["work"])
    env = night["hang"]()
    result, _ = night["prepare"](night["script"], WHOLE="false", JOB_STATUS="cancelled", **env)
    assert result.returncode == 1 and "could not be fetched after 3 attempts" in result.stdout
    assert night["limits"]("fetch") == [60, 60, 60]


def test_a_push_that_hangs_is_given_up_and_tried_again_with_no_wait_after_the_last(night):
    (night["work"] / "data" / "snapshots").mkdir(parents=True)
    (night["work"] / "data" / "snapshots" / "night.csv").write_text("followers\n1\n")
    before = git(night["remote"], "rev-parse", "main")
    result, outputs = night["run"](night["hang"])
    assert result.returncode == 1 and "could not be pushed after 5 attempts" in result.stdout
    assert "sha" not in outputs and git(night["remote"], "rev-parse", "main") == before
    assert night["limits"]("push") == [60] * 5
    assert night["slept"].read_text().split() == ["15", "30", "45", "60"]  # 150 s and 5 x 60 s: in the job's 10 min


def test_a_branch_that_moved_after_the_snapshot_was_validated_is_not_pushed_over(night):
    (night["work"] / "data" / "snapshots").mkdir(parents=True)
    (night["work"] / "data" / "snapshots" / "night.csv").write_text("followers\n1\n")
    moved = []
    result, outputs = night["run"](lambda: moved.append(night["other_push"]("data/invalid", "pushed meanwhile\n")))
    assert result.returncode == 1 and "could not be pushed" in result.stdout
    assert "sha" not in outputs
    assert git(night["remote"], "rev-parse", "main") == moved[0]


def test_a_night_with_nothing_new_builds_the_checked_out_commit(night):
    before = git(night["remote"], "rev-parse", "main")
    result, outputs = night["run"]()
    assert result.returncode == 0, result.stderr
    assert outputs["sha"] == before == git(night["work"], "rev-parse", "HEAD")
    assert git(night["remote"], "rev-parse", "main") == before


JOURNAL = "data/snapshots/x/2026-11-25.reads.txt"
JOURNAL_LINE = "2026-11-25T21:30:00.000000Z 2026-11-25T21:31:00.000000Z a\n"


def unfinished_collect(work, journal=JOURNAL_LINE):
    """What a collect killed during its lookups leaves: its journal, some rows, a changed
    registry file (none of which validated)."""
    folder = work / "data" / "snapshots" / "x"
    folder.mkdir(parents=True)
    if journal:
        (work / JOURNAL).write_text(journal)
    (folder / "2026-11-25.csv").write_text("followers\n1\n")
    (work / "data" / "registry" / "accounts.csv").write_text("department_id,handle\na,half-written\n")


def test_a_collect_that_did_not_finish_pushes_its_reads_journal_alone(night):
    """X billed the reads the journal lists: the next night's checkout must hold it. The rows
    and the half-written file stay where they are, for the artifact of the run."""
    other = night["other_push"]("data/registry/departments.csv", "id\na\n")
    work = night["work"]
    unfinished_collect(work)
    result, outputs = night["run"](whole=False)
    assert result.returncode == 0, result.stdout + result.stderr
    head = git(night["remote"], "rev-parse", "main")
    assert outputs["sha"] == head and git(night["remote"], "rev-parse", "main~1") == other
    assert git(night["remote"], "show", "--name-only", "--format=", "main").split() == [JOURNAL]
    assert git(night["remote"], "show", f"main:{JOURNAL}") + "\n" == JOURNAL_LINE
    assert "reads journal" in git(night["remote"], "log", "-1", "--format=%s", "main")
    assert git(night["remote"], "show", "main:data/registry/accounts.csv") == "department_id,handle\na,one"
    # The checkout the artifact is made from keeps everything the collect wrote.
    assert (work / "data" / "snapshots" / "x" / "2026-11-25.csv").exists()
    assert "half-written" in (work / "data" / "registry" / "accounts.csv").read_text()
    assert (work / "snapshot.bundle").exists()


def test_a_journal_that_no_longer_validates_after_the_rebase_is_not_pushed(night):
    other = night["other_push"]("data/invalid", "pushed meanwhile\n")
    unfinished_collect(night["work"])
    result, outputs = night["run"](whole=False)
    assert result.returncode == 1 and "no longer validates" in result.stdout
    assert not outputs.get("sha") and git(night["remote"], "rev-parse", "main") == other


def test_a_collect_that_did_not_finish_and_wrote_no_journal_pushes_nothing(night):
    before = git(night["remote"], "rev-parse", "main")
    unfinished_collect(night["work"], journal="")
    result, outputs = night["run"](whole=False)
    assert result.returncode == 0, result.stderr
    assert outputs["sha"] == before == git(night["remote"], "rev-parse", "main")
    assert "Nothing new tonight" in result.stdout


@pytest.mark.parametrize(("collected", "handed", "returncode", "outputs"), [
    ("failure", None, 0, {}),  # stopped before its commit: nothing to push, and the run fails already
    ("cancelled", "", 0, {}),  # this attempt handed over nothing (an earlier attempt's file replaced)
    ("success", None, 1, {}),  # a collect that succeeded always hands over: not finding it is an error
    ("success", "", 1, {}),
    ("failure", f"attempt=1\nsha={'a' * 40}\nbase={'b' * 40}\nchanged=true\n", 0,
     {"sha": "a" * 40, "base": "b" * 40, "changed": "true"}),
    ("success", f"attempt=1\nsha={'a' * 40}\nchanged=false\n", 0, {"sha": "a" * 40, "changed": "false"}),
    ("failure", f"attempt=1\nsha={'a' * 40}\nbase=HEAD~3\nchanged=true\n", 1, {}),  # only commits, written out
    ("failure", f"attempt=1\nsha={'a' * 40}\nchanged=true\nref=refs/heads/other\n", 1, {}),
    ("failure", "attempt=1\nchanged=true\n", 1, {}),
    ("failure", f"attempt=1 \nsha={'a' * 40}\nchanged=false\n", 1, {}),
    ("failure", f"sha={'a' * 40}\nchanged=false\n", 0, {}),  # no attempt named: none of this attempt's
    ("success", f"sha={'a' * 40}\nchanged=false\n", 1, {}),
])
def test_the_push_job_reads_what_to_push_from_the_artifact_alone(night, tmp_path, collected, handed, returncode,
                                                                   outputs):
    file = tmp_path / "handed.txt"
    if handed is not None:
        file.write_text(handed)
    result, written = night["prepare"](night["read"], COLLECTED=collected, HANDED=str(file))
    assert result.returncode == returncode, result.stdout + result.stderr
    assert written == outputs


EARLIER = f"attempt=1\nsha={'a' * 40}\nbase={'b' * 40}\nchanged=true\n"


@pytest.mark.parametrize(("collected", "collect_attempt", "handed", "returncode", "outputs"), [
    # A re-run whose collect stopped before its snapshot step (the install failed): the first
    # attempt's hand-over is still there and must not be pushed, whatever the collect's outputs say.
    ("failure", "", EARLIER, 0, {}),
    ("failure", "1", EARLIER, 0, {}),  # an earlier attempt's outputs of a failed job passed on
    ("cancelled", "2", EARLIER, 0, {}),
    ("success", "2", EARLIER, 1, {}),  # this attempt's collect succeeded: its own hand-over is missing
    # A re-run of the push job alone, after a collect that succeeded in the first attempt.
    ("success", "1", EARLIER, 0, {"sha": "a" * 40, "base": "b" * 40, "changed": "true"}),
    ("success", "", EARLIER, 1, {}),  # its attempt unknown: not taken
    # This attempt's own.
    ("failure", "2", EARLIER.replace("attempt=1", "attempt=2"), 0,
     {"sha": "a" * 40, "base": "b" * 40, "changed": "true"}),
    ("success", "2", EARLIER.replace("attempt=1", "attempt=2"), 0,
     {"sha": "a" * 40, "base": "b" * 40, "changed": "true"}),
])
def test_the_push_job_takes_only_the_hand_over_of_the_attempt_its_collect_ran_in(
        night, tmp_path, collected, collect_attempt, handed, returncode, outputs):
    file = tmp_path / "handed.txt"
    file.write_text(handed)
    result, written = night["prepare"](night["read"], COLLECTED=collected, COLLECT_ATTEMPT=collect_attempt,
                                       HANDED=str(file), GITHUB_RUN_ATTEMPT="2")
    assert result.returncode == returncode, result.stdout + result.stderr
    assert written == outputs
    if returncode == 0 and not outputs:
        assert "an earlier attempt's" in result.stdout


def test_a_re_run_whose_collect_stopped_early_does_not_push_the_first_attempts_commit(night):
    """The first attempt's snapshot step handed over its commit and its push failed; the second
    attempt's install failed, so no snapshot step ran and the first one's artifact is still there."""
    (night["work"] / "data" / "snapshots").mkdir(parents=True)
    (night["work"] / "data" / "snapshots" / "night.csv").write_text("followers\n1\n")
    before = git(night["remote"], "rev-parse", "main")
    result, _ = night["prepare"](night["script"], WHOLE="true", JOB_STATUS="success")
    assert result.returncode == 0, result.stdout + result.stderr
    handed = night["work"] / "snapshot-commit.txt"
    assert handed.read_text().startswith("attempt=1\n")
    result, outputs = night["prepare"](night["read"], COLLECTED="failure", COLLECT_ATTEMPT="", HANDED=str(handed),
                                       GITHUB_RUN_ATTEMPT="2")
    assert result.returncode == 0 and outputs == {}, result.stdout + result.stderr
    assert git(night["remote"], "rev-parse", "main") == before


def test_a_snapshot_step_that_stops_early_replaces_what_an_earlier_attempt_handed_over(night):
    handed = night["work"] / "snapshot-commit.txt"
    handed.write_text(f"sha={'a' * 40}\nchanged=false\n")  # left by an earlier attempt's artifact
    result, _ = night["prepare"](night["script"], WHOLE="true", JOB_STATUS="success", GITHUB_REF_TYPE="tag")
    assert result.returncode == 1 and "not on tag" in result.stdout
    assert handed.read_text() == ""


STATUS = re.compile(r"\b(always|success|failure|cancelled)\(\)")


def holds(condition, status, values):
    """A step's or job's `if` (or an env expression) under a job status ('success', 'failure',
    'cancelled') and the contexts it reads: GitHub's status functions, and an `if` without
    one taken as `success() && (...)`, as GitHub documents. Only the syntax the workflow uses."""
    expr = condition.strip()
    if expr.startswith("${{"):
        expr = expr.removeprefix("${{").removesuffix("}}")
    if not STATUS.search(expr):
        expr = f"success() && ({expr})"
    expr = re.sub(r"\b(?:steps|needs|github|inputs)\.[\w.-]+", lambda m: repr(values.get(m.group(0), "")), expr)
    expr = STATUS.sub(lambda m: str(m.group(1) == "always" or m.group(1) == status), expr)
    expr = re.sub(r"!(?!=)", " not ", expr.replace("&&", " and ").replace("||", " or "))
    return eval(expr, {"__builtins__": {}, "format": lambda text, *args: text.format(*args)})  # noqa: S307 - the repository's own workflow, reduced above


@pytest.mark.parametrize("collected", ["success", "failure", "cancelled"])
def test_the_reads_journal_is_kept_when_the_collect_fails_times_out_or_is_cancelled(collected):
    """The collect job's steps after Collect, and the jobs after it, as GitHub decides which run:
    the snapshot step, its hand-over and the push job run whatever became of the collect (a
    step that timed out failed); the data artifact only when it did not succeed; the build
    only when it did."""
    jobs = load("nightly.yml")["jobs"]
    collect = jobs["collect"]
    status = "success" if collected == "success" else collected
    values = {"steps.collect.outcome": collected}
    if holds(step(collect, "Validate").get("if", "success()"), status, values):
        values["steps.validate.outcome"] = "success"
    else:
        values["steps.validate.outcome"] = "skipped"
    snapshot = step(collect, "Commit the snapshot")
    assert holds(snapshot["if"], status, values)
    assert holds(snapshot["env"]["WHOLE"], status, values) is (collected == "success")
    for outcome in ("success", "failure"):  # a snapshot step that failed may have handed its journal over
        values["steps.snapshot.outcome"] = outcome
        hand_status = status if outcome == "success" or status == "cancelled" else "failure"
        assert holds(step(collect, "Hand the snapshot commit")["if"], hand_status, values)
    values["steps.snapshot.outcome"] = "success"
    assert holds(step(collect, "Keep the night's data")["if"], status, values) is (collected != "success")
    # The push job runs on the collect job's result alone: no output of a job that did not
    # succeed is relied on (GitHub does not document that one reaches the jobs after it).
    result = {"needs.collect.result": collected}
    assert holds(jobs["push"]["if"], status, result)
    assert holds(jobs["build"].get("if", "success()"), status, result) is (collected == "success")
    # A collect that never started (the install failed) wrote no journal.
    assert not holds(snapshot["if"], "failure", {"steps.collect.outcome": "skipped"})


def test_the_collect_step_times_out_before_its_job_so_the_journal_steps_still_run():
    """A job that runs out of time is cancelled, leaving its always() steps GitHub's few
    minutes; a step that runs out of time fails and the job goes on. The collect checks out
    the branch as it is now: a re-run finds the journal an unfinished collect pushed."""
    collect = load("nightly.yml")["jobs"]["collect"]
    limit = step(collect, "Collect")["timeout-minutes"]
    assert isinstance(limit, int) and limit + 15 <= collect["timeout-minutes"]
    assert collect["steps"][0]["uses"].startswith("actions/checkout@")
    assert collect["steps"][0]["with"]["ref"] == "${{ github.ref }}"
    names = [s.get("name", "") for s in collect["steps"]]
    assert names.index("Collect") < names.index("Validate") < \
        names.index("Commit the snapshot onto the branch and validate it there") < \
        names.index("Hand the snapshot commit to the push job") < \
        names.index("Keep the night's data when it could not be committed")


# --- the health gate ----------------------------------------------------------------------


def test_the_build_job_refuses_to_deploy_with_the_placeholder_operator_and_contact(tmp_path):
    from click.testing import CliRunner

    build = load("nightly.yml")["jobs"]["build"]
    gate = step(build, "Validate")
    names = [s.get("name", s.get("uses", "")) for s in build["steps"]]
    upload = next(i for i, s in enumerate(build["steps"]) if "upload-pages-artifact" in s.get("uses", ""))
    assert names.index(gate["name"]) < upload and "continue-on-error" not in gate and "if" not in gate
    command = gate["run"].split()
    assert command[:2] == ["jawabdehi", "validate"] and "--deploy" in command
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    refused = CliRunner().invoke(main, [*command[1:], "--data", str(data)])
    assert refused.exit_code != 0 and "operator" in refused.output and "contact_email" in refused.output
    config = data / "config.toml"
    text = re.sub(r'(?m)^operator = .*$', 'operator = "Lok Data Trust"', config.read_text(encoding="utf-8"))
    config.write_text(re.sub(r'(?m)^contact_email = .*$', 'contact_email = "desk@lokdata.in"', text),
                      encoding="utf-8")
    assert CliRunner().invoke(main, [*command[1:], "--data", str(data)]).exit_code == 0


def test_a_failing_build_or_audit_stops_the_deploy_and_a_withheld_cell_fails_the_run_after_it():
    jobs = load("nightly.yml")["jobs"]
    build = jobs["build"]
    names = [s.get("name", s.get("uses", "")) for s in build["steps"]]
    gate = [step(build, "Build"), step(build, "Audit")]
    upload = next(i for i, s in enumerate(build["steps"]) if "upload-pages-artifact" in s.get("uses", ""))
    for s in gate:
        assert names.index(s["name"]) < upload
        assert "continue-on-error" not in s and "if" not in s
        assert not re.search(r"\|\|\s*(true|exit 0|:)", s["run"]), s["run"]
    assert "continue-on-error" not in build and "if" not in build
    assert "if" not in build["steps"][upload]
    deploy = jobs["deploy"]
    assert deploy["needs"] == ["collect", "build"] and "if" not in deploy and "continue-on-error" not in deploy
    assert load("nightly.yml")["defaults"]["run"]["shell"] == "bash"  # -eo pipefail
    # A cell withheld pending review does not stop the deploy; a step after it fails the run.
    assert "--no-audit" in step(build, "Validate")["run"]
    count = step(build, "Count the cells withheld")
    assert names.index(step(build, "Audit")["name"]) < names.index(count["name"]) < upload
    assert build["outputs"]["withheld"] == "${{ steps." + count["id"] + ".outputs.count }}"
    gate = step(deploy, "withheld pending review")
    assert deploy["steps"].index(gate) > next(i for i, s in enumerate(deploy["steps"]) if s.get("id") == "deployment")
    assert gate["env"] == {"WITHHELD": "${{ needs.build.outputs.withheld }}"} and "if" not in gate
    for withheld, status in (("2", 1), ("0", 0), ("", 0)):
        run = subprocess.run(["bash", "-eo", "pipefail", "-c", gate["run"]], env={**os.environ, "WITHHELD": withheld},
                             capture_output=True, text=True)
        assert run.returncode == status, (withheld, run.stdout)
    site = {"withheld": ["data/registry/departments.csv:2: name_en: mobile number: 9**** *****"]}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "public" / "data").mkdir(parents=True)
        (Path(tmp) / "public" / "data" / "build.json").write_text(json.dumps(site))
        output = Path(tmp) / "output"
        subprocess.run(["bash", "-eo", "pipefail", "-c", count["run"]], cwd=tmp, check=True,
                       env={**os.environ, "GITHUB_OUTPUT": str(output)})
        assert output.read_text() == "count=1\n"


def test_a_night_whose_every_lookup_failed_is_recorded_deployed_and_then_fails_the_run(tmp_path):
    """`jawabdehi collect` exits 3 when every lookup failed: the collect job goes on (the night
    is committed and built), and the deploy job fails the run after deploying."""
    jobs = load("nightly.yml")["jobs"]
    collect, deploy = step(jobs["collect"], "Collect"), jobs["deploy"]
    assert jobs["collect"]["outputs"]["lookups_failed"] == "${{ steps." + collect["id"] + ".outputs.failed }}"
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "jawabdehi").write_text("#!/bin/bash\nexit $STATUS\n")
    (fake / "jawabdehi").chmod(0o755)
    for status, returncode, failed in (("3", 0, "failed=true\n"), ("0", 0, ""), ("1", 1, ""), ("2", 2, "")):
        output = tmp_path / f"output-{status}"
        output.write_text("")
        run = subprocess.run(["bash", "-eo", "pipefail", "-c", collect["run"]], capture_output=True, text=True,
                             env={**os.environ, "PATH": f"{fake}:{os.environ['PATH']}", "STATUS": status,
                                  "X_BEARER_TOKEN": "set", "GITHUB_OUTPUT": str(output)})
        assert (run.returncode, output.read_text()) == (returncode, failed), (status, run.stdout, run.stderr)
    gate = step(deploy, "every lookup of the night failed")
    assert deploy["steps"].index(gate) > next(i for i, s in enumerate(deploy["steps"]) if s.get("id") == "deployment")
    assert gate["env"] == {"LOOKUPS_FAILED": "${{ needs.collect.outputs.lookups_failed }}"} and "if" not in gate
    for value, status in (("true", 1), ("", 0)):
        run = subprocess.run(["bash", "-eo", "pipefail", "-c", gate["run"]], capture_output=True, text=True,
                             env={**os.environ, "LOOKUPS_FAILED": value})
        assert run.returncode == status, (value, run.stdout)


FAKE_CURL = """#!/bin/bash
# Answers as the site would: the body into the -o file, the -w line made of CODE and TYPE.
while [ $# -gt 0 ]; do
  case "$1" in -o) out="$2"; shift ;; -w) format="$2"; shift ;; esac
  shift
done
[ -n "$FAIL" ] && { echo "curl: (6) Could not resolve host" >&2; exit 6; }
printf '%s' "$BODY" > "$out"
printf '%s' "${format/'%{http_code} %{content_type}'/$CODE $TYPE}"
"""


def run_build_step(tmp_path, name, **env):
    """A step of the build job, in bash as the runner starts it, with fake curl and jawabdehi."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "curl").write_text(FAKE_CURL)
    (bin_dir / "jawabdehi").write_text('#!/bin/bash\necho "jawabdehi $*"\n')
    (bin_dir / "gh").write_text(FAKE_GH)
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    script = step(load("nightly.yml")["jobs"]["build"], name)["run"]
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": f"{bin_dir}:{os.environ['PATH']}", "SITE": "https://jawabdehi.github.io/site",
                               "FIRST_NIGHT": "", "GITHUB_REPOSITORY": "Jawabdehi/site",
                               "GITHUB_OUTPUT": str(tmp_path / "output"), **env})


JSON = "application/json; charset=utf-8"

FAKE_GH = """#!/bin/bash
# GitHub's answer to `gh api repos/OWNER/REPO/pages --jq .html_url`: $PAGES, or a 404 when unset.
[ "$*" = "api repos/${GITHUB_REPOSITORY}/pages --jq .html_url" ] || { echo "unexpected: gh $*" >&2; exit 2; }
[ -z "$PAGES" ] && { echo "gh: Not Found (HTTP 404)" >&2; exit 1; }
printf '%s\\n' "$PAGES"
"""


@pytest.mark.parametrize(("pages", "address"), [
    ("https://jawabdehi.github.io/site/", "https://jawabdehi.github.io/site"),
    ("https://jawabdehi.example.in/", "https://jawabdehi.example.in"),  # a custom domain
    ("http://jawabdehi.example.in", None),  # fetched over plain HTTP, the record could be anyone's
    ("https://x.example/../other/", None),
    ("", None),  # Pages not set up: the night stops and says how
    ("https://x.example/$(touch pwned)", None),  # not an address: never reaches a later step
    ("https://x.example/a b", None),
])
def test_the_build_fetches_from_where_github_serves_the_site(tmp_path, pages, address):
    result = run_build_step(tmp_path, "Ask GitHub where the site is served", PAGES=pages)
    written = (tmp_path / "output").read_text() if (tmp_path / "output").exists() else ""
    if address is None:
        assert result.returncode != 0 and written == ""
        assert "Settings > Pages" in result.stdout or "not an address" in result.stdout
    else:
        assert result.returncode == 0, result.stdout + result.stderr
        assert written == f"address={address}\n"
    assert not (tmp_path / "pwned").exists()
    build = load("nightly.yml")["jobs"]["build"]
    for name in ("Validate", "Fetch the published row counts", "Take over the pinned files"):
        env = step(build, name)["env"]
        assert "${{ steps.pages.outputs.address }}" in (env.get("SITE"), env.get("JAWABDEHI_SERVED_AT"))


@pytest.mark.parametrize(("answer", "first_night", "taken"), [
    ({"CODE": "200", "TYPE": JSON, "BODY": '{"files": {}}'}, "", True),  # a normal night
    ({"CODE": "404", "TYPE": "text/html", "BODY": "<html>"}, "true", False),  # the first night, said by hand
    ({"CODE": "404", "TYPE": "text/html", "BODY": "<html>"}, "", None),  # not said: fails
    ({"CODE": "404", "TYPE": "text/html", "BODY": "<html>"}, "false", None),
    ({"CODE": "301", "TYPE": "text/html", "BODY": "<html>Moved</html>"}, "true", None),  # a redirect
    ({"CODE": "200", "TYPE": "text/html; charset=utf-8", "BODY": "<html>"}, "", None),  # a page
    ({"CODE": "503", "TYPE": "text/html", "BODY": "<html>"}, "true", None),
    ({"FAIL": "1"}, "true", None),  # no answer at all
])
def test_the_baseline_fetch_takes_only_build_json(tmp_path, answer, first_night, taken):
    result = run_build_step(tmp_path, "Fetch the published row counts", FIRST_NIGHT=first_night, **answer)
    baseline = tmp_path / "baseline.json"
    if taken is None:
        assert result.returncode != 0, result.stdout
        assert not baseline.exists()
    else:
        assert result.returncode == 0, result.stdout + result.stderr
        assert baseline.exists() is taken
        # The log says where the baseline came from, or that there was none.
        assert ("Baseline: https://jawabdehi.github.io/site/data/build.json" if taken else "first night") \
            in result.stdout


def test_only_a_run_started_by_hand_builds_as_the_first_night(tmp_path):
    nightly = load("nightly.yml")
    triggers = nightly.get(True) or nightly["on"]
    given = triggers["workflow_dispatch"]["inputs"]["first_night"]
    assert (given["type"], given["default"]) == ("boolean", False) and "schedule" in triggers
    build = nightly["jobs"]["build"]
    for name in ("Fetch the published row counts", "Take over the pinned files", "Build"):
        assert step(build, name)["env"]["FIRST_NIGHT"] == "${{ inputs.first_night }}"
    assert "||" not in step(build, "Fetch")["run"]
    dropped = triggers["workflow_dispatch"]["inputs"]["drop_lost_pinned"]
    assert (dropped["type"], dropped["default"]) == ("boolean", False)
    assert step(build, "Build")["env"]["DROP_LOST_PINNED"] == "${{ inputs.drop_lost_pinned }}"
    for given, flag in (("true", True), ("false", False), ("", False)):
        for drop in ("true", "false", ""):
            ran = run_build_step(tmp_path, "Build", FIRST_NIGHT=given, DROP_LOST_PINNED=drop)
            assert ran.returncode == 0, ran.stderr
            assert ran.stdout.split() == ["jawabdehi", "build", "--out", "public", "--baseline", "baseline.json",
                                          "--pinned-from", "kept", "--uploaded", "uploaded.json",
                                          "--online-record", "online-record.json",
                                          *(["--first-night"] if flag else []),
                                          *(["--drop-lost-pinned"] if drop == "true" else [])]


SERVING_CURL = """#!/bin/bash
# Serves $SERVED as the site: the file at the URL's path into the -o file, 404 when absent.
fail=""
while [ $# -gt 0 ]; do
  case "$1" in -o) out="$2"; shift ;; -w) format="$2"; shift ;; --fail) fail=1 ;; http*) url="$1" ;; esac
  shift
done
path="$SERVED/${url#"$SITE"/}"
if [ -f "$path" ]; then cp "$path" "$out"; code=200; else code=404; fi
[ -n "$format" ] && printf '%s' "$code"
[ "$code" = 404 ] && [ -n "$fail" ] && exit 22
exit 0
"""


@pytest.mark.skipif(not shutil.which("jq"), reason="jq is not installed")
def test_the_build_takes_over_only_on_site_copies_named_in_the_published_list(tmp_path):
    served = tmp_path / "served"
    (served / "data" / "nights").mkdir(parents=True)
    (served / "data" / "nights" / "jawabdehi-night-2026-12-01.zip").write_bytes(b"zip")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "curl").write_text(SERVING_CURL)
    (bin_dir / "curl").chmod(0o755)
    script = step(load("nightly.yml")["jobs"]["build"], "Take over the pinned files")["run"]

    def run(listing, first_night=""):
        shutil.rmtree(tmp_path / "kept", ignore_errors=True)
        if listing is None:
            (served / "data" / "pinned.json").unlink(missing_ok=True)
        else:
            (served / "data" / "pinned.json").write_text(json.dumps({"files": listing}))
        return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60,
                              env={"PATH": f"{bin_dir}:{os.environ['PATH']}", "SERVED": str(served),
                                   "SITE": "https://jawabdehi.example.in",  # a custom domain, at its root
                                   "FIRST_NIGHT": first_night})

    pending = {"name": "jawabdehi-night-2026-12-01.zip", "onsite": "data/nights/jawabdehi-night-2026-12-01.zip"}
    gone = {"name": "jawabdehi-night-2026-11-30.zip", "onsite": "data/nights/jawabdehi-night-2026-11-30.zip"}
    done = {"name": "jawabdehi-night-2026-11-29.zip", "onsite": None}
    ran = run([pending, gone, done])
    assert ran.returncode == 0, ran.stderr
    assert sorted(p.name for p in (tmp_path / "kept" / "data" / "nights").iterdir()) == [pending["name"]]
    assert "could not be fetched" in ran.stdout  # the build then stops, unless told to drop it
    # No list online: fails closed (every file awaiting upload would be lost), but on the first night.
    ran = run(None)
    assert ran.returncode != 0 and "pinned.json answered 404" in ran.stdout
    ran = run(None, first_night="true")
    assert ran.returncode == 0 and "no pinned list online yet" in ran.stdout
    ran = run([{"name": "x", "onsite": "data/../../etc/passwd"}])
    assert ran.returncode != 0 and "not an on-site copy" in ran.stdout


# --- keepalive and the failure issue ------------------------------------------------------


def test_keepalive_re_enables_the_schedule_with_actions_write_only():
    job = load("nightly.yml")["jobs"]["keepalive"]
    assert job["permissions"] == {"actions": "write"}
    assert job["if"] == "github.event_name == 'schedule'"
    (only,) = job["steps"]
    assert only["run"].strip() == 'gh api -X PUT "repos/${GITHUB_REPOSITORY}/actions/workflows/nightly.yml/enable"'
    assert only["env"] == {"GH_TOKEN": "${{ github.token }}"}


def test_a_failed_night_opens_an_issue_with_issues_write_only():
    nightly = load("nightly.yml")
    job = nightly["jobs"]["report-failure"]
    assert set(job["needs"]) == set(nightly["jobs"]) - {"report-failure"}
    assert "failure()" in job["if"]
    assert job["permissions"] == {"issues": "write"}
    (only,) = job["steps"]
    assert only["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert 'title="Nightly run failed"' in only["run"]
    assert '.title == "Nightly run failed"' in only["run"]


@pytest.fixture
def report(tmp_path):
    """Runs the report step with a stand-in `gh` that logs its arguments."""
    log = tmp_path / "gh.log"
    fake = tmp_path / "bin" / "gh"
    fake.parent.mkdir()
    fake.write_text(f"#!{sys.executable}\nimport json, os, sys\n"
                    f"open({str(log)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
                    "if sys.argv[1:3] == ['issue', 'list']:\n"
                    "    print(os.environ.get('FAKE_OPEN_ISSUE', ''))\n")
    fake.chmod(0o755)
    script = load("nightly.yml")["jobs"]["report-failure"]["steps"][0]["run"]

    def run(open_issue=""):
        env = {**os.environ, "PATH": f"{fake.parent}:{os.environ['PATH']}", "FAKE_OPEN_ISSUE": open_issue,
               "GH_TOKEN": "x", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r",
               "GITHUB_RUN_ID": "42", "COLLECT": "success", "BUILD": "failure", "DEPLOY": "skipped",
               "KEEPALIVE": "success"}
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                                capture_output=True, text=True, env=env, timeout=30)
        assert result.returncode == 0, result.stderr
        return [json.loads(line) for line in log.read_text().splitlines()]

    return run


def test_the_first_failure_opens_the_issue(report):
    calls = report()
    create = calls[-1]
    assert create[:2] == ["issue", "create"]
    assert create[create.index("--title") + 1] == "Nightly run failed"
    body = create[create.index("--body") + 1]
    assert "https://github.com/o/r/actions/runs/42" in body and "build: failure" in body


def test_a_later_failure_comments_on_the_open_issue(report):
    calls = report(open_issue="7")
    assert calls[-1][:3] == ["issue", "comment", "7"]
    assert not any(c[:2] == ["issue", "create"] for c in calls)


@pytest.mark.skipif(not shutil.which("jq"), reason="jq is not installed")
def test_the_issue_filter_finds_only_the_open_issue_of_that_title():
    script = load("nightly.yml")["jobs"]["report-failure"]["steps"][0]["run"]
    expression = re.search(r"--jq '([^']+)'", script).group(1)
    issues = [{"number": 3, "title": "Nightly run failed: not quite"}, {"number": 5, "title": "Nightly run failed"}]
    for listed, expected in ((issues, "5"), (issues[:1], ""), ([], "")):
        out = subprocess.run(["jq", "-r", expression], input=json.dumps(listed), capture_output=True, text=True)
        assert out.stdout.strip() == expected, (listed, out.stdout, out.stderr)


# --- issue forms --------------------------------------------------------------------------

FIELD_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def form(name):
    data = yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))
    assert isinstance(data["name"], str) and data["name"]
    assert isinstance(data["description"], str) and data["description"]
    assert isinstance(data["body"], list) and data["body"]
    ids = [item["id"] for item in data["body"] if "id" in item]
    assert len(ids) == len(set(ids)), ids
    for item in data["body"]:
        assert item["type"] in FIELD_TYPES, item
        if item["type"] == "markdown":
            assert item["attributes"]["value"].strip()
            continue
        assert re.fullmatch(r"[A-Za-z0-9_-]+", item["id"]), item["id"]
        assert item["attributes"]["label"].strip()
        if item["type"] == "dropdown":
            assert item["attributes"]["options"]
    return data, {item["id"]: item for item in data["body"] if "id" in item}


def required(field):
    return field.get("validations", {}).get("required", False)


def test_dispute_form_prefills_department_and_figure_and_requires_evidence():
    data, fields = form("dispute.yml")
    assert "Dispute a figure" in data["name"] and data["labels"] == ["dispute"]
    # The site links to issues/new?template=dispute.yml&department=<id>&figure=<name>.
    assert fields["department"]["type"] == "input" and required(fields["department"])
    assert fields["figure"]["type"] == "input" and required(fields["figure"])
    assert required(fields["correct-value"])
    assert "URL" in fields["evidence"]["attributes"]["label"] and required(fields["evidence"])
    assert not required(fields["role"])


def test_suggest_handle_form_requires_evidence():
    data, fields = form("suggest-handle.yml")
    assert "Suggest a handle" in data["name"] and data["labels"] == ["handle"]
    for field_id in ("department", "platform", "handle", "evidence"):
        assert required(fields[field_id]), field_id
    assert fields["platform"]["type"] == "dropdown"
    assert "URL" in fields["evidence"]["attributes"]["label"]


def test_blank_issues_are_disabled():
    assert yaml.safe_load((FORMS / "config.yml").read_text())["blank_issues_enabled"] is False


# --- zizmor -------------------------------------------------------------------------------


def zizmor(target, *flags) -> list:
    binary = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    result = subprocess.run([binary, "--offline", "--persona", "auditor", "--format", "json", *flags, str(target)],
                            capture_output=True, text=True, timeout=300)
    assert result.stdout.strip().startswith("["), result.stderr
    return json.loads(result.stdout)


def severity(finding) -> str:
    return finding["determinations"]["severity"]


def test_zizmor_auditor_finds_no_high_severity_even_when_ignores_are_lifted():
    findings = [f for f in zizmor(WORKFLOWS, "--no-ignores") if severity(f) == "High"]
    assert findings == [], json.dumps(findings, indent=1)[:3000]


def test_zizmor_auditor_finds_no_medium_or_high_without_a_reasoned_ignore_comment():
    findings = [f for f in zizmor(WORKFLOWS) if severity(f) in ("Medium", "High")]
    assert findings == [], json.dumps(findings, indent=1)[:3000]
    for finding in zizmor(WORKFLOWS, "--no-ignores"):  # each accepted one says why, on its line
        if severity(finding) != "Medium":
            continue
        marker = f"# zizmor: ignore[{finding['ident']}]"
        lines = []
        for location in finding["locations"]:
            path = REPO / location["symbolic"]["key"]["Local"]["verbatim_path"]
            if not path.exists():
                path = WORKFLOWS / Path(location["symbolic"]["key"]["Local"]["verbatim_path"]).name
            text = path.read_text().splitlines()
            lines += text[location["concrete"]["location"]["start_point"]["row"]:
                          location["concrete"]["location"]["end_point"]["row"] + 1]
        reasons = [line.split(marker, 1)[1].strip() for line in lines if marker in line]
        assert reasons and all(len(r.split()) >= 3 for r in reasons), (finding["ident"], lines)
    for name in all_workflows():
        for line in (WORKFLOWS / name).read_text().splitlines():
            if "zizmor: ignore[" in line:
                assert len(line.split("]", 1)[1].split()) >= 3, f"{name}: an ignore needs a reason: {line}"


def test_zizmor_would_catch_an_injection(tmp_path):
    bad = (WORKFLOWS / "ci.yml").read_text().replace(
        "run: bash .ci/run", "run: echo ${{ github.event.pull_request.title }} && bash .ci/run")
    (tmp_path / "ci.yml").write_text(bad)
    assert any(f["ident"] == "template-injection" for f in zizmor(tmp_path / "ci.yml"))


def test_the_build_trusts_restored_caches_only_by_the_record_of_the_site_online(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "curl").write_text(SERVING_CURL)
    (bin_dir / "curl").chmod(0o755)
    build = load("nightly.yml")["jobs"]["build"]
    script = step(build, "Read the record of the site online")["run"]

    def fetched() -> str:
        ran = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=tmp_path,
                             capture_output=True, text=True, timeout=60,
                             env={"PATH": f"{bin_dir}:{os.environ['PATH']}", "SERVED": str(served),
                                  "SITE": "https://jawabdehi.example.in"})
        assert ran.returncode == 0, ran.stderr  # never stops the night: only costs a full build
        return (tmp_path / "online-record.json").read_text()

    assert fetched() == "{}"  # not online (the first night): nothing restored is trusted
    (served / paths.SITE_RECORD).write_text('{"store": "abc"}')
    assert fetched() == '{"store": "abc"}'
    assert "--online-record online-record.json" in step(build, "Build")["run"]
    names = [s.get("name", "") for s in build["steps"]]
    assert names.index("Restore the last built site") < names.index("Read the record of the site online") \
        < names.index("Build")
    # The record is deployed with the site: the Pages artifact keeps hidden files (v4 drops them).
    pages = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    pinned = next(line for line in (WORKFLOWS / "nightly.yml").read_text().splitlines() if pages["uses"] in line)
    assert pinned.endswith("# v3.0.1") or pages.get("with", {}).get("include-hidden-files") is True


def test_ci_runs_the_suite_on_the_releases_it_was_verified_with():
    """CI installs constraints/test.txt before the README's test command: the package's own
    dependencies exactly as the nightly pins them, and every test tool of the [test] extra."""
    run = (REPO / ".ci" / "run").read_text()
    pinned, readme = 'pip install -c constraints/test.txt -e ".[test]"', 'pip install -e ".[test]" && python -m pytest'
    assert pinned in run and readme in run and run.index(pinned) < run.index(readme)
    assert readme in (REPO / "README.md").read_text()

    def pins(path: Path) -> dict[str, str]:
        lines = [line.split("==") for line in path.read_text().splitlines() if line and not line.startswith("#")]
        assert all(len(parts) == 2 for parts in lines), path  # exact versions only
        return {name.lower().replace("_", "-"): version for name, version in lines}

    tested, nightly = pins(REPO / "constraints" / "test.txt"), pins(CONSTRAINTS)
    assert {name: tested.get(name) for name in nightly} == nightly
    extra = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]["test"]
    tools = {re.split(r"[<>=!~\[ ]", requirement, maxsplit=1)[0].lower() for requirement in extra}
    assert tools <= tested.keys(), tools - tested.keys()
