"""Budget scheduler: 90 simulated nights of 10,000 accounts under several monthly budgets.

Prints reads and cost per month, and the share of account-nights whose published status
was wrong (the account had changed band but had not been refreshed).
Run: python -m benchmarks.schedule
"""

from __future__ import annotations

import time

from generator.config import CollectConfig
from tests.simulate import simulate

ACCOUNTS, NIGHTS = 10_000, 90


def main() -> None:
    price = CollectConfig().cost_per_read_usd
    print(f"{ACCOUNTS} accounts, {NIGHTS} nights, ${price} per account read\n")
    print(f"{'budget (reads/month)':>22} {'reads/month':>12} {'cost/month':>11} {'wrong status':>13} "
          f"{'max days unrefreshed':>21} {'seconds':>8}")
    for budget in (50_000, 100_000, 300_000, None):
        started = time.perf_counter()
        result = simulate(ACCOUNTS, NIGHTS, budget)
        months = len(result.reads_by_month)
        per_month = result.reads / months
        label = f"{budget:,}" if budget else "everyone nightly"
        print(f"{label:>22} {per_month:>12,.0f} {per_month * price:>10,.0f}$ {result.wrong_share:>12.2%} "
              f"{result.max_gap:>21} {time.perf_counter() - started:>8.1f}")


if __name__ == "__main__":
    main()
