"""An incremental build links a file of the previous site only when its bytes on disk are the
ones it would write: a file edited by hand, left by another night's build or by a killed
build is written again, and two builds never write one folder at once."""

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from generator import paths, pipeline
from generator.cli import main
from generator.publish.build import MARKER, WORK_PREFIX, _file_digests, config_digest, lock_path, read_manifest

from .helpers import FIRST_NIGHT, REPO, add_night, build, copy_bundled_seed, tree_bytes
from .test_incremental import site_files

NIGHT = FIRST_NIGHT  # after every dated row of the bundled data

# A scorecard, its badge, the everything-file, the night's ZIP, a slice and the events:
# what another night's build left in the published site.
MIXED = ["departments/up-police/index.html", "en/departments/up-police/index.html", "badges/up-police-x.svg",
         "data/handles.csv", "data/events.csv", "data/departments/up-police.csv"]


def night_data(tmp_path, name, *followers):
    """The data of first_night (the seed articles' part of the bundled data) with one more
    night per figure of UP Police's followers."""
    data = copy_bundled_seed(tmp_path / name)
    for i, count in enumerate(followers):
        add_night(data, NIGHT + timedelta(days=i), count)
    return data


def same_as(out: Path, whole: Path) -> None:
    assert site_files(out, history=True) == site_files(whole, history=True)


def same_as_a_full_build(tmp_path, data, out, as_of):
    fresh = tmp_path / "fresh"
    build(data, fresh, as_of, incremental=False, pinned_from=out)  # the same nights awaiting upload
    same_as(out, fresh)


def test_files_edited_by_hand_are_written_again_and_strangers_removed(first_night, first_night_built):
    data, out = first_night  # night_data(..., 1000), built on NIGHT
    handles = out / "data" / "handles.csv"
    handles.write_bytes(handles.read_bytes().replace(b"Uppolice", b"Uppolice-edited"))
    card = out / "en" / "departments" / "up-police" / "index.html"
    html = card.read_text(encoding="utf-8")
    assert "Uttar Pradesh" in html
    card.write_text(html.replace("Uttar Pradesh", "Elsewhere"), encoding="utf-8")
    (out / "badges" / "up-police-x.svg").write_text("<svg/>", encoding="utf-8")
    (out / "data" / "extra.csv").write_text("a,b\n", encoding="utf-8")
    summary = build(data, out, NIGHT)
    assert summary.written == 1 and summary.downloads_written == 2  # the three edited files, nothing else
    assert not (out / "data" / "extra.csv").exists()
    same_as(out, first_night_built[1])  # the same data and night, built whole into an empty folder


def recorded(out: Path) -> dict:
    """The output's manifest but the digests of the health pages, which compare each build
    with the one before it."""
    manifest = json.loads((out / MARKER).read_text(encoding="utf-8"))
    for page in ("health/index.html", "en/health/index.html"):
        del manifest["bytes"][page]
    return manifest


def test_the_recorded_digests_are_the_bytes_on_disk_after_a_whole_and_a_linked_build(tmp_path, first_night):
    # The build digests what it writes as it writes it; the record must still name the bytes
    # the folder holds, pages linked from the last site and files mkdocs wrote included.
    data, out = first_night  # built whole on NIGHT
    for night in (None, 2000):
        if night is not None:
            add_night(data, NIGHT + timedelta(days=1), night)
            summary = build(data, out, NIGHT + timedelta(days=1))
            assert summary.reused > 0  # most pages were linked, not written
        manifest = read_manifest(out)
        on_disk = dict(_file_digests(out))
        assert len(on_disk) > 200 and manifest["bytes"] == on_disk


def test_files_another_nights_build_left_are_repaired(tmp_path, first_night, first_night_built):
    data, out = first_night  # night_data(..., 1000), built on NIGHT
    later = night_data(tmp_path, "later", 1000, 2000)
    other = tmp_path / "other"
    build(later, other, NIGHT + timedelta(days=1))
    for path in MIXED:
        assert (out / path).read_bytes() != (other / path).read_bytes(), path
        shutil.copyfile(other / path, out / path)
    # The other night's ZIP under tonight's name.
    shutil.copyfile(*(next((site / "data").glob("jawabdehi-*.zip")) for site in (other, out)))
    manifest = recorded(out)
    build(data, out, NIGHT)
    assert recorded(out) == manifest  # the same night: the manifest named the right bytes
    same_as(out, first_night_built[1])  # the same data and night, built whole into an empty folder


@pytest.fixture(scope="module")
def rebuilt_under_other_settings(first_night_built, tmp_path_factory) -> SimpleNamespace:
    """first_night's site built again after max_retries was changed (other settings than the
    site's), and while it is built an operator saves config.toml again, after its key is taken
    (max_retries = 6). Built once: its tests only read it."""
    root = tmp_path_factory.mktemp("other-settings")
    data, out = (Path(shutil.copytree(folder, root / name)) for folder, name in zip(first_night_built,
                                                                                    ("data", "site"), strict=True))
    config = data / paths.CONFIG_TOML
    text = config.read_text(encoding="utf-8")
    assert "max_retries = 4" in text
    used, edited = (text.replace("max_retries = 4", f"max_retries = {n}") for n in (5, 6))
    config.write_text(used, encoding="utf-8")
    reads, keys = [], []
    real_read, real_key = pipeline.load_config, pipeline.inputs_key

    def read(folder):
        reads.append(folder)
        return real_read(folder)

    def key(*args, **kwargs):
        keys.append(real_key(*args, **kwargs))
        config.write_text(edited, encoding="utf-8")
        return keys[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "load_config", read)
        patch.setattr(pipeline, "inputs_key", key)
        summary = build(data, out, NIGHT)
    return SimpleNamespace(root=root, data=data, out=out, used=used, summary=summary, reads=reads, keys=keys)


def test_a_build_under_other_settings_reuses_nothing(rebuilt_under_other_settings):
    built = rebuilt_under_other_settings
    assert built.summary.reused == 0 and built.summary.downloads_reused == 0
    assert read_manifest(built.out)["config"]


def test_settings_edited_while_a_night_is_built_are_read_once_and_named_by_its_key(rebuilt_under_other_settings):
    """An operator saves config.toml while the night is built, after its key is taken: the
    build goes on with the settings it read, and its key names those, never the edited ones
    (a later build under the settings the key names would take this site over)."""
    built = rebuilt_under_other_settings
    assert len(built.reads) == 1
    (built.root / "used").mkdir(exist_ok=True)
    (built.root / "used" / paths.CONFIG_TOML).write_text(built.used, encoding="utf-8")
    settings = pipeline.load_config(built.root / "used")
    manifest = read_manifest(built.out)
    assert manifest["config"] == config_digest(settings)  # built with the settings read
    assert built.keys == [manifest["night"]["key"]] == [pipeline.inputs_key(REPO, built.data, settings,
                                                                             pipeline.Options())]


PAUSED_AT_PUBLISHING = textwrap.dedent("""
    import os, signal, sys
    from datetime import date
    from pathlib import Path
    from generator.pipeline import Options, build

    def progress(message):
        if message == "publishing":  # the new site is complete, not yet swapped in
            os.kill(os.getpid(), signal.SIGSTOP)

    build(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), date.fromisoformat(sys.argv[4]), Options(), progress)
""")


def test_a_paused_build_keeps_others_out_and_once_killed_the_next_build_is_whole(tmp_path, first_night):
    """The night of the mixed site: a build paused, another night's built and published over
    it, the first resumed. Now the second is refused while the first holds the folder; the
    first, killed, leaves the site as it was and its lock and work folder behind it go."""
    data, out = first_night  # night_data(..., 1000), built on NIGHT
    second = NIGHT + timedelta(days=1)
    add_night(data, second, 1010)
    site = tree_bytes(out)
    paused = subprocess.Popen([sys.executable, "-c", PAUSED_AT_PUBLISHING, str(REPO), str(data), str(out),
                               second.isoformat()], env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        _, status = os.waitpid(paused.pid, os.WUNTRACED)
        assert os.WIFSTOPPED(status)
        args = ["--project", str(REPO), "build", "--data", str(data), "--out", str(out), "--as-of",
                second.isoformat()]
        busy = CliRunner().invoke(main, args)
        assert busy.exit_code == 1, busy.output
        assert f"{out}:0: --out: another build is writing {out}" in busy.output
        assert "Traceback" not in busy.output
    finally:
        paused.kill()
        paused.wait()
    assert paused.returncode == -signal.SIGKILL
    assert tree_bytes(out) == site
    assert list(tmp_path.glob(f"{WORK_PREFIX}*"))  # the killed build's work folder
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    assert not list(tmp_path.glob(f"{WORK_PREFIX}*"))
    same_as_a_full_build(tmp_path, data, out, second)
    with open(lock_path(out)) as handle:  # free again once the build ended
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
