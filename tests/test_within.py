"""Reading a file under a folder others wrote (a restored site, a fetched copy): never
through a link, never from a pipe or a device."""

import os

import pytest

from generator.within import NotPlain, read_within, why_not


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "site" / "data").mkdir(parents=True)
    (tmp_path / "site" / "data" / "plain.json").write_bytes(b"{}")
    (tmp_path / "secret").write_bytes(b"token")
    return tmp_path / "site"


def test_a_plain_file_is_read_and_the_folder_named_may_be_a_link(folder, tmp_path):
    assert read_within(folder, "data/plain.json") == b"{}"
    (tmp_path / "named").symlink_to(folder, target_is_directory=True)
    assert read_within(tmp_path / "named", "data/plain.json") == b"{}"
    assert read_within(folder, "data/plain.json", limit=2) == b"{}"


@pytest.mark.parametrize("shape", ["a link to a file", "a link to a folder", "a link inside the folder",
                                   "a dangling link", "a pipe", "a device", "a folder", "too large", "outside"])
def test_anything_but_a_plain_file_reached_through_no_link_is_refused(folder, tmp_path, shape):
    data = folder / "data"
    relative = "data/x"
    if shape == "a link to a file":
        (data / "x").symlink_to(tmp_path / "secret")
    elif shape == "a link to a folder":
        (tmp_path / "elsewhere").mkdir()
        (tmp_path / "elsewhere" / "x").write_bytes(b"token")
        (folder / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
        relative = "linked/x"
    elif shape == "a link inside the folder":
        (data / "x").symlink_to(data / "plain.json")
    elif shape == "a dangling link":
        (data / "x").symlink_to(tmp_path / "nowhere")
    elif shape == "a pipe":  # would be waited on for ever
        os.mkfifo(data / "x")
    elif shape == "a device":  # would be read without end
        (data / "x").symlink_to("/dev/zero")
    elif shape == "a folder":
        (data / "x").mkdir()
    elif shape == "too large":
        (data / "x").write_bytes(b"123")
    else:
        relative = "../secret"
    with pytest.raises(NotPlain) as refused:
        read_within(folder, relative, limit=2)
    assert str(folder / relative) in str(refused.value) and why_not(refused.value) == refused.value.strerror


def test_what_is_missing_is_said_as_missing(folder):
    with pytest.raises(FileNotFoundError) as missing:
        read_within(folder, "data/none.json")
    assert why_not(missing.value) == "not found"


def test_a_bound_asks_the_system_for_no_more_memory_than_the_file_holds(folder):
    """A takedown reads every file of a site under a bound of a gigabyte: a read of as many
    bytes as the bound would ask for a gigabyte of memory for each file, however small."""
    import tracemalloc

    (folder / "small.txt").write_bytes(b"x" * 1000)
    tracemalloc.start()
    try:
        assert read_within(folder, "small.txt", 10**9) == b"x" * 1000
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20, peak
    with pytest.raises(NotPlain, match="larger than 999 bytes"):
        read_within(folder, "small.txt", 999)
