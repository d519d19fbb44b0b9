"""The console script, ``exporter`` (also ``python -m exporter``).

In: the command line. Out: what the command writes and prints (see ``exporter.cli``),
and its exit status.

The cyclic garbage collector is set to ``exporter.GC_THRESHOLDS`` before the commands
and their libraries are imported, since importing them allocates objects by the
hundred thousand too.
"""

from __future__ import annotations

import gc
import os
import sys

from exporter import GC_THRESHOLDS


def run() -> None:
    """Run the command, flush, and exit without tearing the interpreter down.

    Freeing WeasyPrint's and python-pptx's object graphs at exit takes 0.15 s of
    nothing useful; every file is closed and renamed before a command returns.
    """
    gc.set_threshold(*GC_THRESHOLDS)
    from exporter.cli import main

    try:
        main.main(prog_name="exporter")
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
