"""The fast paths of a build give the same site as the slow ones.

Pages outside the navigation are stamped from one theme shell per folder instead of being
rendered by mkdocs one by one; a nightly build links unchanged pages from the previous
site. Both must give exactly the site a plain full build gives.
"""

import json
import re
import shutil
from datetime import date, timedelta

from generator import paths
from generator.publish.build import MARKER, STAMP_ENV

from .helpers import build, copy_bundled, tree_bytes, write_csv


def site_files(root, history=False):
    """Every file of a built site but its manifest; and, when `history`, but the health
    pages, which compare each build with the one before it."""
    skip = {MARKER} | ({"health/index.html", "en/health/index.html"} if history else set())
    return {k: v for k, v in tree_bytes(root).items() if k not in skip}


def test_stamped_pages_are_byte_identical_to_pages_mkdocs_builds(tmp_path, monkeypatch):
    data = copy_bundled(tmp_path / "data")
    # Lists of ten rows, so that states' lists run to a second page in their own folders.
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


def add_night(data, day, followers):
    from generator import schema

    write_csv(data / paths.SNAPSHOTS / "x" / f"{day.isoformat()}.csv", schema.SNAPSHOT, [
        {"department_id": "up-police", "platform": "x", "date": day.isoformat(), "account_id": "123456",
         "handle": "Uppolice", "followers": followers, "following": 10, "posts": 5000,
         "last_post_at": f"{day.isoformat()}T08:00:00Z", "state": "ok", "source": "x-api",
         "source_url": "https://x.com/Uppolice"}])


def test_a_night_on_top_of_the_last_site_equals_a_full_build(tmp_path):
    data = copy_bundled(tmp_path / "data")
    night = tmp_path / "night"
    first = date(2026, 12, 1)  # after every dated row of the bundled data
    add_night(data, first, 1000)
    build(data, night, first)
    # The first night's pinned ZIP awaits upload: the site carries it on, and so must the
    # full build it is compared with.
    shutil.copytree(night, tmp_path / "first")
    second = first + timedelta(days=1)
    add_night(data, second, 1010)
    summary = build(data, night, second)
    full = build(data, tmp_path / "full", second, incremental=False, pinned_from=tmp_path / "first")
    assert site_files(night, history=True) == site_files(tmp_path / "full", history=True)
    # Only the pages whose content changed were written again: the UP Police scorecard, the
    # Uttar Pradesh page (where its card is) and Uttar Pradesh's list of accounts (where its
    # row is), in both languages; every other page made from a shell was linked from the
    # previous site, other states' lists included.
    assert summary.written == 6 and summary.reused == full.written - 6
    assert summary.downloads_reused > 0
    assert (night / "departments" / "up-police" / "index.html").stat().st_nlink == 1
    assert (night / "departments" / "nbpdcl" / "index.html").stat().st_nlink >= 1


# --- a night with nothing new ----------------------------------------------------------------


def nothing_new(tmp_path, first=date(2026, 12, 1)):
    """The bundled data with one night on top, built on that night."""
    data = copy_bundled(tmp_path / "data")
    add_night(data, first, 1000)
    site = tmp_path / "site"
    build(data, site, first)
    return data, site, first


def test_a_night_with_nothing_new_keeps_the_site_and_restamps_the_build_day(tmp_path):
    data, site, first = nothing_new(tmp_path)
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
    rows = re.findall(r"<tr><td><code>[^<]+</code></td>" + cell + cell, health)
    assert rows and all(now == before for now, before in rows)
    # Exactly the site a full build of that day gives, and its record but for the key of its
    # inputs, which names the pinned files it took over from the site.
    build(data, tmp_path / "full", first + timedelta(days=1), incremental=False, pinned_from=site,
          baseline=site / "data" / "build.json")
    assert site_files(site) == site_files(tmp_path / "full")
    kept, full = (json.loads((folder / MARKER).read_text(encoding="utf-8")) for folder in (site, tmp_path / "full"))
    del kept["night"]["key"], full["night"]["key"]
    assert kept == full


def test_a_changed_input_file_builds_the_night_in_full(tmp_path):
    data, site, first = nothing_new(tmp_path)
    departments = data / paths.DEPARTMENTS_CSV
    departments.write_text(departments.read_text(encoding="utf-8").replace("Uttar Pradesh Police", "UP Police", 1),
                           encoding="utf-8")
    summary = build(data, site, first + timedelta(days=1))
    assert not any("nothing new" in note for note in summary.notes)
    assert summary.written > 2


def test_a_row_dated_after_the_last_build_day_builds_the_night_in_full(tmp_path):
    # The last build, on the first night, did not see the second night's row; this one does.
    data, site, first = nothing_new(tmp_path)
    add_night(data, first + timedelta(days=1), 1010)
    shutil.copy(data / paths.SNAPSHOTS / "x" / f"{first + timedelta(days=1)}.csv", tmp_path / "later.csv")
    (data / paths.SNAPSHOTS / "x" / f"{first + timedelta(days=1)}.csv").unlink()
    build(data, site, first)  # same data as the site: reused
    shutil.copy(tmp_path / "later.csv", data / paths.SNAPSHOTS / "x" / f"{first + timedelta(days=1)}.csv")
    summary = build(data, site, first + timedelta(days=1))
    assert not any("nothing new" in note for note in summary.notes)
    page = (site / "en" / "departments" / "up-police" / "index.html").read_text(encoding="utf-8")
    assert "1,010" in page


def test_a_build_day_that_raises_the_stale_banner_builds_every_page(tmp_path):
    data, site, first = nothing_new(tmp_path)
    summary = build(data, site, first + timedelta(days=5))
    assert not any("nothing new" in note for note in summary.notes)
    assert "jd-banner" in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_a_kept_site_whose_files_changed_is_built_again(tmp_path):
    """What the last build recorded is checked, never trusted: a page edited in place, a file
    added or one removed makes the night a full build, which puts the site right."""
    data, site, first = nothing_new(tmp_path)
    expected = site_files(site, history=True)
    page = site / "en" / "departments" / "up-police" / "index.html"
    for spoil in (lambda: page.write_text("edited by hand", encoding="utf-8"),
                  lambda: (site / "stray.html").write_text("left over", encoding="utf-8"),
                  lambda: (site / "data" / "handles.csv").unlink()):
        spoil()
        summary = build(data, site, first)
        assert not any("nothing new" in note for note in summary.notes)
        assert site_files(site, history=True) == expected
