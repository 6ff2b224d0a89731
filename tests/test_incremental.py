"""The fast paths of a build give the same site as the slow ones.

Pages outside the navigation are stamped from one theme shell per folder instead of being
rendered by mkdocs one by one; a nightly build links unchanged pages from the previous
site. Both must give exactly the site a plain full build gives.
"""

import json
import re
import shutil
from datetime import date, timedelta

import pandas as pd
import pytest

from generator import paths
from generator.publish.build import MARKER, STAMP_ENV

from .helpers import FIRST_NIGHT, add_night, build, copy_bundled_seed, tree_bytes


def site_files(root, history=False):
    """Every file of a built site but its manifest; and, when `history`, but the health
    pages, which compare each build with the one before it."""
    skip = {MARKER} | ({"health/index.html", "en/health/index.html"} if history else set())
    return {k: v for k, v in tree_bytes(root).items() if k not in skip}


def test_stamped_pages_are_byte_identical_to_pages_mkdocs_builds(tmp_path, monkeypatch):
    data = copy_bundled_seed(tmp_path / "data")
    # Lists of ten rows, and Uttar Pradesh's offices twice over (the copies without accounts),
    # so that states' lists run to a second page in their own folders.
    departments = pd.read_csv(data / paths.DEPARTMENTS_CSV, dtype=str, keep_default_na=False)
    again = departments[departments["state"] == "IN-UP"]
    again = again.assign(id=again["id"] + "-again", name_en=again["name_en"] + " (again)",
                         name_hi=again["name_hi"] + " (again)", parent_id="")
    pd.concat([departments, again]).to_csv(data / paths.DEPARTMENTS_CSV, index=False, lineterminator="\n")
    config = data / "config.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("rows_per_page = 200", "rows_per_page = 10"),
                      encoding="utf-8")
    stamped = build(data, tmp_path / "stamped")
    monkeypatch.setenv(STAMP_ENV, "1")
    build(data, tmp_path / "mkdocs")
    assert stamped.written > 0
    # Every page outside the navigation came from a shell: none fell back to mkdocs.
    assert not [n for n in stamped.notes if "shell" in n]
    assert (tmp_path / "stamped" / "accounts" / "in-up" / "page-2" / "index.html").is_file()
    assert site_files(tmp_path / "stamped") == site_files(tmp_path / "mkdocs")


def test_a_night_that_ages_an_old_figure_a_year_writes_its_scorecard_again(tmp_path, first_night):
    """'More than 3 years before the site's newest figures' becomes '4 years' on the night the
    as-of date passes the figure's anniversary: a kept page would still say 3."""
    data, night = first_night  # Muzaffarpur's figures of 18 Jul 2023; the night of 1 Dec 2026
    shutil.copytree(night, tmp_path / "first")
    later = date(2027, 7, 19)
    add_night(data, later, 1010)
    build(data, night, later)
    full = build(data, tmp_path / "full", later, incremental=False, pinned_from=tmp_path / "first")
    assert full.written > 0
    assert site_files(night, history=True) == site_files(tmp_path / "full", history=True)
    page = (night / "en" / "departments" / "muzaffarpur-police" / "index.html").read_text(encoding="utf-8")
    assert "more than 4 years before the site&#39;s newest figures" in page


def test_a_night_on_top_of_the_last_site_equals_a_full_build(tmp_path, first_night):
    data, night = first_night  # the bundled data and one night on top, built on that night
    first = FIRST_NIGHT
    # The first night's pinned ZIP awaits upload: the site carries it on, and so must the
    # full build it is compared with.
    shutil.copytree(night, tmp_path / "first")
    second = first + timedelta(days=1)
    add_night(data, second, 1010)
    summary = build(data, night, second)
    full = build(data, tmp_path / "full", second, incremental=False, pinned_from=tmp_path / "first")
    assert site_files(night, history=True) == site_files(tmp_path / "full", history=True)
    # Only the pages whose content changed were written again: the UP Police scorecard, the
    # Uttar Pradesh page (where its card is), Uttar Pradesh's list of accounts and the list of
    # active ones (where its row is), in both languages; every other page made from a shell
    # was linked from the previous site, other states' and statuses' lists included.
    assert summary.written == 8 and summary.reused == full.written - 8
    assert summary.downloads_reused > 0
    assert (night / "departments" / "up-police" / "index.html").stat().st_nlink == 1
    assert (night / "departments" / "nbpdcl" / "index.html").stat().st_nlink >= 1


# --- a night with nothing new ----------------------------------------------------------------
# Each test starts from the bundled data with one night on top, built on that night
# (conftest.first_night).


def test_a_night_with_nothing_new_keeps_the_site_and_restamps_the_build_day(tmp_path, first_night):
    data, site = first_night
    first = FIRST_NIGHT
    inode = (site / "departments" / "up-police" / "index.html").stat().st_ino
    summary = build(data, site, first + timedelta(days=1))
    assert any("nothing new" in note for note in summary.notes)
    assert summary.written == 2 and summary.downloads_written == 0
    # Kept, not written again: the same file on disk.
    assert (site / "departments" / "up-police" / "index.html").stat().st_ino == inode
    health = (site / "en" / "health" / "index.html").read_text(encoding="utf-8")
    assert "(1 days before 2 Dec 2026)" in health or "(1 day before 2 Dec 2026)" in health
    # Its files table compares with the last build now: every file as many rows as before.
    cell = r'<td class="jd-num"[^>]*>([^<]+)</td>'
    rows = re.findall(r'<tr><th scope="row"><code>[^<]+</code></th>' + cell + cell, health)
    assert rows and all(now == before for now, before in rows)
    # Exactly the site a full build of that day gives, and its record but for the key of its
    # inputs, which names the pinned files it took over from the site.
    build(data, tmp_path / "full", first + timedelta(days=1), incremental=False, pinned_from=site,
          baseline=site / "data" / "build.json")
    assert site_files(site) == site_files(tmp_path / "full")
    kept, full = (json.loads((folder / MARKER).read_text(encoding="utf-8")) for folder in (site, tmp_path / "full"))
    del kept["night"]["key"], full["night"]["key"]
    assert kept == full


def test_a_night_killed_while_it_restamps_leaves_the_site_and_the_next_night_is_whole(first_night, monkeypatch):
    """Killed after the health pages got the new day but before the record did: the site is
    still whole, and its record no longer matches those pages, so nothing of it is trusted."""
    from generator.publish import build as publish
    data, site = first_night
    real = publish.write_atomic

    def killed(path, text):
        if path.name == MARKER:
            raise KeyboardInterrupt
        real(path, text)

    monkeypatch.setattr(publish, "write_atomic", killed)
    with pytest.raises(KeyboardInterrupt):
        build(data, site, FIRST_NIGHT + timedelta(days=1))
    monkeypatch.undo()
    assert "(1 day before" in (site / "en" / "health" / "index.html").read_text(encoding="utf-8")
    assert (site / "en" / "departments" / "up-police" / "index.html").is_file()
    summary = build(data, site, FIRST_NIGHT + timedelta(days=1))
    assert not any("nothing new" in note for note in summary.notes)
    # That whole build's record matches its site again: the night after can keep it.
    again = build(data, site, FIRST_NIGHT + timedelta(days=1))
    assert any("nothing new" in note for note in again.notes)


def test_a_changed_input_file_builds_the_night_in_full(tmp_path, first_night):
    data, site = first_night
    first = FIRST_NIGHT
    departments = data / paths.DEPARTMENTS_CSV
    departments.write_text(departments.read_text(encoding="utf-8").replace("Uttar Pradesh Police", "UP Police", 1),
                           encoding="utf-8")
    summary = build(data, site, first + timedelta(days=1))
    assert not any("nothing new" in note for note in summary.notes)
    assert summary.written > 2


def test_a_row_dated_after_the_last_build_day_builds_the_night_in_full(tmp_path, first_night):
    """The last build, as of the first night, left out a row dated the night after; built the
    next day from the same files (nothing in the data changed), the row is in, so the night is
    no restamp of the last one."""
    data, site = first_night
    first = FIRST_NIGHT
    add_night(data, first + timedelta(days=1), 1010)
    build(data, site, first)
    page = site / "en" / "departments" / "up-police" / "index.html"
    assert "1,010" not in page.read_text(encoding="utf-8")
    summary = build(data, site, first + timedelta(days=1))
    assert not any("nothing new" in note for note in summary.notes)
    assert "1,010" in page.read_text(encoding="utf-8")


def test_a_build_day_that_raises_the_stale_banner_builds_every_page(tmp_path, first_night):
    data, site = first_night
    first = FIRST_NIGHT
    summary = build(data, site, first + timedelta(days=5))
    assert not any("nothing new" in note for note in summary.notes)
    assert "jd-banner" in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_a_kept_site_whose_files_changed_is_built_again(tmp_path, first_night):
    """What the last build recorded is checked, never trusted: a page edited in place, a file
    added or one removed makes the night a full build, which puts the site right."""
    data, site = first_night
    first = FIRST_NIGHT
    expected = site_files(site, history=True)
    page = site / "en" / "departments" / "up-police" / "index.html"
    for spoil in (lambda: page.write_text("edited by hand", encoding="utf-8"),
                  lambda: (site / "stray.html").write_text("left over", encoding="utf-8"),
                  lambda: (site / "data" / "handles.csv").unlink()):
        spoil()
        summary = build(data, site, first)
        assert not any("nothing new" in note for note in summary.notes)
        assert site_files(site, history=True) == expected
