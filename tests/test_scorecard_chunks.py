"""A language's scorecards make their departments' rows into records a chunk of departments at
a time (scorecards.HISTORY_CHUNK): of every department at once, the accounts, their reply rows
and the events held about 75 MB in each language's process at 10,000 accounts before its first
page. The pages and their keys are the ones one chunk of every department gives."""

from datetime import date

import pandas as pd
import pytest

from generator import paths
from generator.compute.model import build_model
from generator.config import Config
from generator.render import feeds, scorecards
from generator.render.context import Context
from generator.store.load import load_dataset
from generator.synth import synthesize

from .helpers import REPO

END = date(2026, 11, 20)
ACCOUNTS, CHUNK = 24, 5


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    data = tmp_path_factory.mktemp("chunks") / "data"
    synthesize(data, accounts=ACCOUNTS, days=3, seed=7, end=END)
    return build_model(load_dataset(data), Config(), END)


def pages(model, chunk: int) -> list[tuple]:
    """Every scorecard in English, `chunk` departments at a time, with a last build that
    keeps none: each page rendered, with its key."""
    ctx = Context(model, "en", REPO / paths.SITE_DOCS / "en")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scorecards, "HISTORY_CHUNK", chunk)
        return [(p.url, p.body, p.key, p.slots, p.description) for p in scorecards.scorecards(ctx, lambda *_: None)]


def test_a_chunks_rows_are_made_records_of_its_departments_alone(model, monkeypatch):
    seen: list[tuple[tuple[str, ...], int]] = []

    def spied(real):
        def spy(frame: pd.DataFrame, *args, **kwargs):
            seen.append((tuple(frame.columns), frame["department_id"].nunique()))
            return real(frame, *args, **kwargs)
        return spy

    for module, name in ((scorecards, "by_department"), (scorecards, "records"), (feeds, "histories")):
        monkeypatch.setattr(module, name, spied(getattr(module, name)))
    assert len(pages(model, CHUNK)) == len(model.departments) > CHUNK
    per_department = [model.handles, model.account_rows, model.reply_summary, model.rates, model.scorecard_events]
    counted = [n for columns, n in seen if any(columns == tuple(f.columns) for f in per_department)]
    assert len(counted) >= 5 * -(-len(model.departments) // CHUNK)  # each table, once per chunk
    assert max(counted) <= CHUNK


def test_pages_made_by_chunks_are_those_made_at_once(model):
    assert ACCOUNTS < scorecards.HISTORY_CHUNK  # one chunk of every department
    made = pages(model, CHUNK)
    assert made == pages(model, scorecards.HISTORY_CHUNK)
    assert all(key for _, _, key, _, _ in made)  # keys made, by chunk too
