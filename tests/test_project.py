"""The project's promises about itself: docs match commands, stages stay apart."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import paths
from generator.cli import main

from .helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
PACKAGE = paths.PACKAGE


def test_readme_starts_with_the_two_commands():
    commands = re.findall(r"^    (.+)$", README, flags=re.M)[:2]
    assert commands[0].startswith("pip install -e . && jawabdehi build")
    assert commands[1] == 'pip install -e ".[test]" && python -m pytest'
    assert commands[1] in (REPO / ".ci" / "run").read_text()


def test_every_command_is_documented():
    for name in main.commands:
        assert f"jawabdehi {name}" in README, name
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and re.search(r"jawabdehi, version \d", result.output)


def test_python_m_generator_is_the_same_command_line():
    # A checkout run without installing: `python -m generator` answers as `jawabdehi` does.
    done = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True,
                          cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^jawabdehi, version \d", done.stdout), done.stdout


# --- the import boundaries ------------------------------------------------------------------

KERNEL = {"generator", "generator.paths", "generator.problems", "generator.config", "generator.schema",
          "generator.places", "generator.within"}
# Which parts of the package each stage may import (whole module paths, by prefix).
ALLOWED = {
    "kernel": set(),
    "store": {"generator.store"},
    "compute": {"generator.compute", "generator.store.dataset"},
    # The budget planner asks the one status function which band an account is in.
    "collect": {"generator.collect", "generator.store", "generator.compute.status"},
    "render": {"generator.render", "generator.compute"},
    "publish": {"generator.publish", "generator.store", "generator.compute", "generator.render"},
    "tools": {"generator.store", "generator.compute.status"},
    # The build's sequence of steps: it calls each stage and belongs to none; it collects nothing.
    "pipeline": {"generator.store", "generator.compute", "generator.render", "generator.publish"},
    "cli": {"generator"},
}
# Third-party packages only one stage may touch.
THIRD_PARTY = {"tweepy": {"collect"}, "requests": {"collect"}, "mkdocs": {"publish.engine"},
               "jinja2": {"render"}, "altair": {"render.charts"}, "http": {"collect", "publish.preview"},
               "urllib.request": {"collect"}, "socket": set(),
               # The upload of the pinned nights is the one module that runs a command (gh).
               "subprocess": {"publish.upload"}}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> str:
    if module in KERNEL:
        return "kernel"
    parts = module.split(".")
    if module in ("generator.cli", "generator.pipeline"):
        return module.removeprefix("generator.")
    if module == "generator.__main__":  # `python -m generator`: the command line by another name
        return "cli"
    if len(parts) >= 3 and parts[1] in ALLOWED:
        return parts[1]
    return "tools"


def is_module(name: str) -> bool:
    base = PACKAGE.parent / Path(*name.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def imported(module: str, source: str, is_package: bool = False) -> set[str]:
    """Every module path `source` imports, relative forms resolved ('from .. import x' too)."""
    found = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                full = ".".join(base + ([node.module] if node.module else []))
            else:
                full = node.module
            for alias in node.names:
                candidate = f"{full}.{alias.name}"
                found.add(candidate if full.startswith("generator") and is_module(candidate) else full)
    return found


def violations(module: str, source: str, is_package: bool = False) -> list[str]:
    stage = stage_of(module)
    out = []
    for name in imported(module, source, is_package):
        top = name.split(".")[0]
        if top == "generator":
            if name in KERNEL or stage == "cli":
                continue
            if not any(name == a or name.startswith(a + ".") for a in ALLOWED[stage]):
                out.append(f"{module} ({stage}) imports {name}")
        else:
            guarded = [k for k in THIRD_PARTY if name == k or name.startswith(k + ".")]
            here = module.removeprefix("generator.")
            for key in guarded:
                if not any(here == a or here.startswith(a + ".") for a in THIRD_PARTY[key]):
                    out.append(f"{module} ({stage}) imports {name}")
    return out


def package_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield module_name(path), path.read_text(encoding="utf-8"), path.name == "__init__.py"


def test_stages_import_only_what_their_job_needs():
    found = [v for name, source, pkg in package_modules() for v in violations(name, source, pkg)]
    assert found == []
    stages = {stage_of(name) for name, _, _ in package_modules()}
    assert {"collect", "store", "compute", "render", "publish", "pipeline", "kernel", "cli"} <= stages


@pytest.mark.parametrize("module, source", [
    ("generator.compute.status", "from ..render import pages"),
    ("generator.compute.status", "from .. import render"),
    ("generator.compute.status", "from ..render.pages import Page"),
    ("generator.compute.status", "import generator.publish.build"),
    ("generator.compute.status", "import altair"),
    ("generator.compute.model", "from ..store import load"),
    ("generator.collect.night", "from ..publish import build"),
    ("generator.collect.budget", "from ..compute import model"),
    ("generator.store.load", "from ..compute.status import band"),
    ("generator.render.pages", "from ..publish.engine import build_language"),
    ("generator.render.pages", "import mkdocs"),
    ("generator.publish.build", "import tweepy"),
    ("generator.publish.build", "from .. import pipeline"),
    ("generator.render.site", "from ..publish import build"),
    ("generator.pipeline", "from .collect import night"),
    ("generator.render.pages", "from urllib.request import urlopen"),
    ("generator.config", "from .store import load"),
])
def test_the_boundary_check_catches_a_planted_violation(module, source):
    assert violations(module, source), (module, source)


def test_relative_imports_resolve_to_whole_module_paths():
    assert imported("generator.compute.status", "from .. import render") == {"generator.render"}
    assert imported("generator.compute.status", "from ..render import pages") == {"generator.render.pages"}
    assert imported("generator.compute.status", "from . import reach") == {"generator.compute.reach"}
    assert imported("generator.compute", "from . import reach", is_package=True) == {"generator.compute.reach"}


# Checkers that recompute published figures on their own: sharing code with the package (or
# with a test helper that imports it) would let one mistake agree with itself.
INDEPENDENT = ("tests/complaint_checker.py", "tests/figure_checker.py")


def borrowed(module: str, source: str) -> list[str]:
    """What an independent checker imports from the package or from the other tests."""
    return sorted(name for name in imported(module, source) if name.split(".")[0] in ("generator", "tests"))


def test_the_checkers_import_nothing_from_the_package():
    for path in INDEPENDENT:
        module = path.removesuffix(".py").replace("/", ".")
        assert borrowed(module, (REPO / path).read_text(encoding="utf-8")) == [], path


@pytest.mark.parametrize("source", ["from generator.compute import grades", "import generator.render.formats",
                                    "from .helpers import build", "from . import complaint_checker",
                                    "def f():\n    from generator import schema"])
def test_the_independence_check_catches_a_planted_import(source):
    assert borrowed("tests.figure_checker", source), source


def import_graph(planted: dict[str, str] | None = None) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (anywhere in it, a function's body too);
    `planted` adds source lines to modules, to check that a cycle is caught."""
    sources = {name: (source, pkg) for name, source, pkg in package_modules()}
    graph = {}
    for name, (source, pkg) in sources.items():
        text = source + "\n" + (planted or {}).get(name, "")
        graph[name] = {m for m in imported(name, text, pkg) if m in sources and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other, directly or around a loop (Tarjan's
    strongly connected components of more than one module), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_among_the_package_modules():
    # An import inside a function counts too: it hides a loop, it does not remove it.
    assert cycles(import_graph()) == []


@pytest.mark.parametrize("planted", [
    {"generator.render.formatter": "from .pages import SitePages"},
    {"generator.render.formats": "from . import badges"},
    {"generator.compute.status": "def f():\n    from . import model"},
])
def test_the_cycle_check_catches_a_planted_loop(planted):
    assert cycles(import_graph(planted)), planted


def test_only_the_cli_asks_for_today():
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text()
        if path.name != "cli.py":
            assert "date.today()" not in text and "datetime.now(" not in text, path


def test_the_interactive_chart_button_states_what_its_scripts_weigh():
    import gzip
    import re

    from generator.render import downloads_page, words

    weight = sum(len(gzip.compress(p.read_bytes(), 6)) for p in (paths.THEME_ASSETS / "vendor").glob("*.js"))
    for text, lang in zip(words.TEXT["interactive_chart"], ("hi", "en"), strict=True):
        stated = int(re.search(r"(\d+)\s*(kB|KB|केबी)", text).group(1)) * 1000
        assert 0.9 * weight <= stated <= 1.1 * weight, (text, weight)
        # Written as every other size on the site ("49 kB", "49 केबी" on the downloads page),
        # not "280 KB".
        assert downloads_page.file_size(stated, lang) in text, text


def test_the_package_carries_its_templates_theme_and_vendored_assets():
    assert (paths.THEME_ASSETS / "vendor" / "LICENSES.txt").exists()
    assert (paths.THEME_OVERRIDES / "main.html").exists()
    assert list(paths.TEMPLATES.glob("*.html.j2"))


@pytest.mark.network
def test_a_plain_install_in_a_fresh_venv_builds_the_bundled_site(tmp_path):
    """`pip install -c constraints/nightly.txt .` (not editable) into a new venv, as the nightly
    installs, then `jawabdehi build` and `validate` in a checkout: the releases the nightly runs
    are the ones tested. It fetches them from the package registry: .ci/run runs it as its own
    step."""
    import os
    import subprocess
    import sys
    import venv

    # The new venv must import its own install, not a checkout someone put on the path.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    pinned = REPO / "constraints" / "nightly.txt"
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "-c", str(pinned), str(REPO)],
                             capture_output=True, text=True, timeout=900, env=env)
    assert install.returncode == 0, install.stdout + install.stderr
    where = subprocess.run([str(python), "-c", "import generator; print(generator.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=env)
    assert str(env_dir) in where.stdout, where.stdout + where.stderr
    out = tmp_path / "public"
    built = subprocess.run([str(env_dir / "bin" / "jawabdehi"), "build", "--as-of", "2026-11-24", "--out", str(out)],
                           capture_output=True, text=True, cwd=REPO / "site", timeout=600, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (out / "departments" / "nbpdcl" / "index.html").exists()
    assert (out / "assets" / "vendor" / "vega.min.js").exists()
    assert (out / "en" / "assets" / "stylesheets" / "jawabdehi.css").exists()
    checked = subprocess.run([str(env_dir / "bin" / "jawabdehi"), "validate"], capture_output=True, text=True,
                             cwd=REPO / "site", timeout=600, env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    version = subprocess.run([str(env_dir / "bin" / "jawabdehi"), "--version"], capture_output=True, text=True,
                             env=env)
    assert version.returncode == 0 and "version" in version.stdout
    assert sys.executable != str(python)
