"""Every expected failure of every command: exit 1, `file:line: column: message`, no traceback.

The commands run as a reader would run them, in a subprocess, so nothing of pytest's or
click's test runner can hide a traceback.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

from .helpers import AS_OF, REPO, build_in, copy_bundled_seed, tree_bytes

LINE = re.compile(r"^.+:\d+: [^:]+: .+$")


def jawabdehi(*args, cwd=None, env=None):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("X_")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], capture_output=True, text=True,
                          cwd=cwd or REPO, env=environment, timeout=300)


def assert_reported(result, *expected):
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    lines = result.stderr.splitlines()
    # Not progress (indented) and not warnings (the bundled operator placeholders): the problems.
    problems = [line for line in lines[:-1] if line.strip() and not line.startswith(("  ", "warning: "))]
    assert problems and all(LINE.match(line) for line in problems), result.stderr
    for text in expected:
        assert any(text in line for line in problems), (text, result.stderr)


def make_project(root):
    """A copy of the project: mkdocs.yml, hand-written pages and the seed articles' part of
    the bundled data (the same files, with fewer departments to build)."""
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site", root / "site")
    copy_bundled_seed(root / "data")
    return root


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The project and the site its first night published, built once: each test that breaks
    a file of the project breaks a copy of both. Built in this process: what is tested is the
    failed build that follows, which runs as a command."""
    root = tmp_path_factory.mktemp("published")
    project = make_project(root / "project")
    build_in(project, project / "data", root / "out", AS_OF, first_night=True)
    return root


def test_a_config_typo_is_caught_by_validate_and_build(project):
    config = project / "data" / "config.toml"
    config.write_text(config.read_text().replace("active_max_days = 7", "active_max_dayz = 7"))
    for command in (["validate"], ["build", "--as-of", AS_OF.isoformat()]):
        result = jawabdehi(*command, cwd=project)
        assert_reported(result, f"{config}:", "active_max_dayz: unknown setting in [status]")
    config.write_text(config.read_text().replace("active_max_dayz = 7", "active_max_days = \"seven\""))
    assert_reported(jawabdehi("validate", cwd=project), "active_max_days: expected a whole number")
    config.write_text("[status\nbroken")
    assert_reported(jawabdehi("validate", cwd=project), f"{config}:1: -: not valid TOML")


@pytest.mark.parametrize(("edit", "said"), [
    (lambda text: text + "foo: [\n", "not valid YAML"),
    (lambda text: text.encode("utf-8") + b"\xff\n", "is not UTF-8 text"),
    (lambda text: "- a\n", ":1: -: must be a mapping of settings"),
])
def test_a_broken_mkdocs_yml_is_a_problem_with_its_line_and_the_site_stays(published, tmp_path, edit, said):
    shutil.copytree(published, tmp_path / "copy", symlinks=True)
    project, out = tmp_path / "copy" / "project", tmp_path / "copy" / "out"
    before = tree_bytes(out)
    settings = project / "mkdocs.yml"
    changed = edit(settings.read_text(encoding="utf-8"))
    (settings.write_bytes if isinstance(changed, bytes) else settings.write_text)(changed)
    result = jawabdehi("build", "--out", str(out), "--as-of", AS_OF.isoformat(), cwd=project)
    assert_reported(result, f"{settings}:", said)
    assert tree_bytes(out) == before


def test_a_broken_template_in_a_hand_written_page_is_a_problem_with_its_line(project, tmp_path):
    about = project / "site" / "docs" / "en" / "about.md"
    lines = about.read_text(encoding="utf-8").count("\n")
    about.write_text(about.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
    result = jawabdehi("build", "--out", str(tmp_path / "out"), "--as-of", AS_OF.isoformat(), "--first-night",
                       cwd=project)
    assert_reported(result, f"{about}:{lines + 1}: -: not a page this site can fill in")
    assert "the site was not published" in result.stderr


def test_an_unreadable_or_linked_file_is_a_problem_not_a_crash(project):
    departments = project / "data" / "registry" / "departments.csv"
    secret = project / "secret.txt"
    secret.write_text("first line that must not be echoed\n")
    departments.unlink()
    departments.symlink_to(secret)
    result = jawabdehi("validate", cwd=project)
    assert_reported(result, f"{departments}:0: -: is not a regular file")
    assert "must not be echoed" not in result.stderr
    departments.unlink()
    departments.write_bytes(b"id,name_en\n\xff\xfe broken\n")
    assert_reported(jawabdehi("validate", cwd=project), "not UTF-8 text")


def test_an_audit_finding_stops_the_build_and_the_audit(project, tmp_path):
    # A finding no input cell explains (a hand-written page) stops the deploy; one in a
    # data cell withholds that cell instead (tests/test_audit.py).
    about = project / "site" / "docs" / "en" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nWrite to the editor on 98765\u00a043210.\n",
                     encoding="utf-8")
    result = jawabdehi("build", "--as-of", AS_OF.isoformat(), cwd=project)
    assert_reported(result, "mobile number: 9****")
    assert "98765" not in result.stderr
    assert "the site was not published" in result.stderr
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.html").write_text("<p>write to someone@example.org</p>\n")
    # A folder build did not write: no all-clear for it (a mistyped --out would get one).
    assert_reported(jawabdehi("audit", "--out", str(site), cwd=project), "--out: is not a built site")
    (site / ".jawabdehi-site").write_text("{}")
    assert_reported(jawabdehi("audit", "--out", str(site), cwd=project), "page.html:1: text: e-mail address")


def test_a_bad_export_is_refused_with_its_lines(project, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("date,Status,Name\n31-02-2026 10:00,resolved,Ramesh 9876543210\n01-03-2026 10:00,maybe,Sita\n")
    result = jawabdehi("ingest-complaints", str(export), "--department", "haryana-cm", "--channel", "cm-window",
                       cwd=project)
    assert_reported(result, f"{export}:2: received_at:", f"{export}:3: status:")
    assert "Ramesh" not in result.stderr and "9876543210" not in result.stderr
    result = jawabdehi("ingest-complaints", str(export), "--department", "no-such", "--channel", "x", cwd=project)
    assert_reported(result, "unknown department id")


def test_outside_a_project_the_commands_say_where_they_looked(tmp_path):
    result = jawabdehi("build", cwd=tmp_path)
    assert_reported(result, "--project: no project folder")
    result = jawabdehi("--project", str(tmp_path), "validate", cwd=tmp_path)
    assert_reported(result, "has no mkdocs.yml and data/ folder")


def test_a_project_is_found_from_a_subfolder(project):
    result = jawabdehi("validate", cwd=project / "site" / "docs")
    assert result.returncode == 0, result.stderr
    assert str(project / "data") in result.stdout
