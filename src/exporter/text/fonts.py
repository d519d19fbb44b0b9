"""The bundled faces: Noto Sans CJK JP Regular and Bold from the ``noto-cjk`` packages.

In: a weight name.
Out: the path of the OpenType file, for embedding (PDF) and for measuring (slides).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import noto_cjk

WEIGHTS = ("regular", "bold")


@cache
def font_file(weight: str = "regular") -> Path:
    """Path of the bundled Noto Sans CJK JP face of ``weight`` ("regular" or "bold")."""
    if weight not in WEIGHTS:
        raise ValueError(f"unknown weight {weight!r}; expected one of {WEIGHTS}")
    return Path(noto_cjk.font_path("sans", "jp", weight)).resolve()
