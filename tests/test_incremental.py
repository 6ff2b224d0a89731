"""The fast paths of a build give the same site as the slow ones.

Pages outside the navigation are stamped from one theme shell per folder instead of being
rendered by mkdocs one by one; a nightly build links unchanged pages from the previous
site. Both must give exactly the site a plain full build gives.
"""

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
    stamped = build(data, tmp_path / "stamped")
    monkeypatch.setenv(STAMP_ENV, "1")
    build(data, tmp_path / "mkdocs")
    assert stamped.written > 0
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
    # Only the pages whose content changed were written again: the UP Police scorecard and
    # the Uttar Pradesh page (where its card is), in both languages; every other page made
    # from a shell was linked from the previous site.
    assert summary.written == 4 and summary.reused == full.written - 4
    assert summary.downloads_reused > 0
    assert (night / "departments" / "up-police" / "index.html").stat().st_nlink == 1
    assert (night / "departments" / "nbpdcl" / "index.html").stat().st_nlink >= 1
