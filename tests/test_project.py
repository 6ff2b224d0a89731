"""The project's promises about itself: docs match commands, stages stay apart."""

import ast
import re
from pathlib import Path

from click.testing import CliRunner

from generator import paths
from generator.cli import main

README = (paths.REPO / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands():
    commands = re.findall(r"^    (.+)$", README, flags=re.M)[:2]
    assert commands[0].startswith("pip install -e . && jawabdehi build")
    assert commands[1] == 'pip install -e ".[test]" && python -m pytest'
    assert commands[1] in (paths.REPO / ".ci" / "run").read_text()


def test_every_command_is_documented():
    for name in main.commands:
        assert f"jawabdehi {name}" in README, name
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0


def imports(module: str) -> set[str]:
    tree = ast.parse((paths.PACKAGE / f"{module}.py").read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add("." + (node.module or "") if node.level else node.module.split(".")[0])
    return found


def test_stages_import_only_what_their_job_needs():
    assert imports("paths") <= {"pathlib"}
    for pure in ("metrics", "charts", "pages", "downloads", "registry"):
        assert not imports(pure) & {"tweepy", "requests", "mkdocs", "urllib", "http"}, pure
    assert not imports("metrics") & {"altair", "jinja2", ".pages", ".charts"}
    engine_users = [p.stem for p in paths.PACKAGE.glob("*.py") if "mkdocs" in imports(p.stem)]
    assert engine_users == ["engine"]


def test_generated_pages_have_no_wall_clock():
    for source in paths.PACKAGE.glob("*.py"):
        text = source.read_text()
        if source.name != "cli.py":
            assert "date.today()" not in text and "datetime.now(" not in text, source.name


def test_vendored_assets_carry_licences():
    assets = Path(paths.SITE_ASSETS)
    assert (assets / "vendor" / "LICENSES.txt").exists()
    assert (assets / "fonts" / "OFL.txt").exists()
