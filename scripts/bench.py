"""Benchmark the exporter commands as whole processes.

In: the commands below, run from the project root with the project's venv.
Out: a table of median / min / max wall time and peak memory (max RSS) per
command over N runs, printed as Markdown for the README.

Usage: .venv/bin/python scripts/bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPORTER = str(Path(sys.executable).with_name("exporter"))


def commands(out: Path) -> dict[str, list[str]]:
    """What to time: each renderer on the article, writing into ``out``."""
    return {
        "exporter pdf": [EXPORTER, "pdf", "source/article.yaml", "-o", str(out / "article.pdf")],
        "exporter slides": [EXPORTER, "slides", "source/article.yaml", "-o", str(out / "article.pptx")],
    }


def run_once(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory in MB of one whole process."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {process.stderr.read().decode()}")
    process.stderr.close()
    return elapsed, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per command (default 9)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{args.runs} runs each, {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
        print("| command | median | min | max | peak memory |")
        print("|---|---|---|---|---|")
        for name, argv in commands(Path(tmp)).items():
            run_once(argv)  # warm the page cache; not counted
            results = [run_once(argv) for _ in range(args.runs)]
            times = [t for t, _ in results]
            memory = max(m for _, m in results)
            print(
                f"| `{name}` | {statistics.median(times):.2f} s | {min(times):.2f} s | {max(times):.2f} s "
                f"| {memory} MB |"
            )


if __name__ == "__main__":
    main()
