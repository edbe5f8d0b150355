"""Wall time and peak memory of ``iscg validate`` on 500 and 5,000 synthetic posts.

Run by hand (``make benchmark``), never as a timed test: machines here are shared and noisy.
Goals on a 2-core machine: 500 posts under 3 s, 5,000 under 15 s, start-up included.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.generate import generate

OUT = Path(__file__).resolve().parent / "out"
ISCG = Path(sys.executable).with_name("iscg")


def measure(data: Path, runs: int = 3) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([str(ISCG), "validate", "--data", str(data)], capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"validate failed on synthetic data:\n{result.stdout[-2000:]}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), peak_mb


def main() -> None:
    for count, goal in ((500, 3.0), (5000, 15.0)):
        data = generate(count, OUT / f"data-{count}")
        seconds, peak = measure(data)
        verdict = "ok" if seconds < goal else "AU-DELÀ DE L'OBJECTIF"
        print(
            f"validate {count:>5} postes : {seconds:6.2f} s (médiane de 3, objectif {goal:g} s, {verdict}) ; "
            f"mémoire de pointe {peak:.0f} Mo"
        )


if __name__ == "__main__":
    main()
