"""The benchmarks' one table: each case's median and its ratio to a yardstick, side by side."""

from __future__ import annotations

import statistics


def print_ratios(
    times: dict[str, list[float]], yardstick: str, heading: str, notes: dict[str, str] | None = None
) -> None:
    """Print each case's median time in ms and its ratio to the yardstick case's median."""
    base = statistics.median(times[yardstick])
    wide = max(len(name) for name in times)
    note = max((len(n) for n in (notes or {}).values()), default=0)
    print(f"{heading:<{wide}} {'':>{note}} {'median':>9} {'ratio':>7}")
    for name, samples in times.items():
        median = statistics.median(samples)
        said = (notes or {}).get(name, "")
        print(f"{name:<{wide}} {said:>{note}} {median * 1000:7.1f} ms {median / base:6.2f}x")
