"""Budget scheduler: 10,000 simulated accounts x 120 nights, every population and seed, at
30,000 / 50,000 / 100,000 reads a month, the planner against round-robin, random and an
oracle that knows the truth (the bound).

Prints, per run: the share of account-nights with a wrong status (and how much of it shows
an active account as silent), months over budget (must be none), the 95th percentile of
nights to notice active -> slow/dormant and dormant/abandoned -> active, the longest wait
between refreshes (the floor kept; the plan's own floor in brackets), the wrong share of
account-nights in a state under a collective silence and in the 14 nights after one ended,
and planner seconds a night. Worlds come from `tests/simulate.py`.
Run: python -m benchmarks.schedule [--accounts N] [--nights N] [--seeds N] [--budgets N ...]
     [--planners NAME ...] [--populations NAME ...]
"""

from __future__ import annotations

import argparse
import time

from tests.simulate import POPULATIONS, simulate

BUDGETS = (30_000, 50_000, 100_000)
PLANNERS = ("planner", "round-robin", "random", "oracle")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--nights", type=int, default=120)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--budgets", type=int, nargs="+", default=BUDGETS)
    parser.add_argument("--planners", nargs="+", default=PLANNERS, choices=PLANNERS)
    parser.add_argument("--populations", nargs="+", default=list(POPULATIONS), choices=list(POPULATIONS))
    args = parser.parse_args()
    started = time.perf_counter()
    print(f"{args.accounts:,} accounts, {args.nights} nights, seeds 1-{args.seeds}\n")
    print(f"{'population':<12} {'seed':>4} {'reads/month':>11} {'planner':<12} {'wrong':>6} {'accusing':>8} "
          f"{'over budget':>11} {'p95 to silent':>13} {'p95 to active':>13} {'floor kept':>12} "
          f"{'in silences':>11} {'after':>6} {'s/night':>8}")
    for name in args.populations:
        for seed in range(1, args.seeds + 1):
            for budget in args.budgets:
                for planner in args.planners:
                    r = simulate(args.accounts, args.nights, budget, seed=seed, population=name, planner=planner)
                    said = max((d for d in r.floor_days if d), default=None)
                    floor = f"{r.max_gap}" + (f" ({said})" if said else "")
                    print(f"{name:<12} {seed:>4} {budget:>11,} {planner:<12} {r.wrong_share:>6.2%} "
                          f"{r.accusing_share:>8.0%} {r.over_budget_months + r.over_allowance_nights:>11} "
                          f"{r.p95(r.to_silent):>13.0f} {r.p95(r.to_active):>13.0f} {floor:>12} "
                          f"{r.share(r.silence):>11.2%} {r.share(r.after_silence):>6.2%} "
                          f"{r.planner_seconds / args.nights:>8.3f}", flush=True)
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
