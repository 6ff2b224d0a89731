"""The search page's index at scale: its size, and what building and querying it costs in
the browser's script, for the bundled registry mixed into synthetic departments.

The index is one static file fetched when a reader first searches; this measures it at
5,000 and 10,000 departments (and any other count given), and the time Node takes to build
the in-memory index from it and answer a query. Run:

    python -m benchmarks.search_index [--departments 5000 10000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

from generator import paths, pipeline
from generator.config import load_config
from generator.render.search import directory_index
from generator.synth import Population

AS_OF = date(2026, 11, 24)
SEARCH_JS = paths.THEME_ASSETS / "javascripts" / "search.js"
TIMING = """
const search = require(process.argv[1]);
const text = require("fs").readFileSync(process.argv[2], "utf8");
let t = process.hrtime.bigint();
const index = new search.Index(JSON.parse(text), {});
const built = Number(process.hrtime.bigint() - t) / 1e6;
const times = ["gorakhpur sp", "muzzafarpur nagar nigam", "allahabad police", "https://x.com/Uppolice"].map(q => {
  t = process.hrtime.bigint();
  index.search(q);
  return Number(process.hrtime.bigint() - t) / 1e6;
});
process.stdout.write(JSON.stringify({built, query: Math.max(...times)}));
"""


def synthetic_departments(count: int, registry: pd.DataFrame, seed: int = 13) -> pd.DataFrame:
    """`count` synthetic departments in the columns the search index reads, placed in the
    districts of `registry`."""
    reg = Population(count, seed=seed, districts=registry).registry()
    handles = reg.accounts.set_index("department_id")["handle"]
    d = reg.departments
    return pd.DataFrame({
        "department_id": d["id"], "department_name_en": d["name_en"], "department_name_hi": d["name_hi"],
        "state": d["state"], "district": d["district"], "status": "active", "category": d["category"],
        "handle": d["id"].map(handles)})


def mixed_index(count: int, seed: int = 13) -> tuple[str, pd.DataFrame]:
    """The bundled registry's index with `count` synthetic departments in other districts
    (so no bundled office has a synthetic twin of the same name), and the rows it holds."""
    bundled = paths.PACKAGE.parent / paths.DATA
    model = pipeline.compute(pipeline.load(bundled, cfg=load_config(bundled)), AS_OF)
    registry = model.district_registry
    taken = set(zip(model.districts["state"], model.districts["district"], strict=True))
    elsewhere = registry[[(s, n) not in taken for s, n in zip(registry["state"], registry["name_en"], strict=True)]]
    handles = pd.concat([model.handles, synthetic_departments(count, elsewhere, seed)], ignore_index=True)
    text = directory_index(handles, registry, model.titles, set(model.districts["key"]), set(handles["state"]))
    return text, handles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, nargs="+", default=[5000, 10000])
    args = parser.parse_args()
    node = shutil.which("node") or shutil.which("nodejs")
    print(f"{'departments':>11} {'bytes':>11} {'gzip':>9} {'per dept':>9} {'build ms':>9} {'query ms':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.departments:
            text, handles = mixed_index(count)
            data = text.encode("utf-8")
            path = Path(tmp) / "search.json"
            path.write_bytes(data)
            timing = {"built": float("nan"), "query": float("nan")}
            if node:
                out = subprocess.run([node, "-e", TIMING, str(SEARCH_JS), str(path)], capture_output=True, text=True,
                                     check=True)
                timing = json.loads(out.stdout)
            n = handles["department_id"].nunique()
            packed = len(gzip.compress(data, 6))
            print(f"{n:>11,} {len(data):>11,} {packed:>9,} {packed / n:>9.1f} {timing['built']:>9.0f} "
                  f"{timing['query']:>9.0f}")


if __name__ == "__main__":
    main()
