"""One dispatch per block kind: every consumer of blocks has one function for each kind.

A new kind of block is one type in ``exporter.model.BLOCK_TYPES`` and one function in each
``Dispatch`` (the model's texts, the model check, the deck's notes and slides) and one macro in the
brief's template; these tests name the consumer that lacks one.
"""

from __future__ import annotations

import importlib
import re

from exporter.model import BLOCK_TYPES, Dispatch
from exporter.project import DEFAULTS

CONSUMERS = ("exporter.model", "exporter.validate", "exporter.slides.notes", "exporter.slides.plan")


def test_every_dispatch_has_a_function_for_every_block_kind() -> None:
    for name in CONSUMERS:
        importlib.import_module(name)
    names = {d.name for d in Dispatch.ALL}
    assert {"prose", "labels", "validate", "notes", "slides"} <= names
    assert {d.name: d.missing() for d in Dispatch.ALL if d.missing()} == {}


def test_the_brief_has_a_macro_for_every_block_kind() -> None:
    template = (DEFAULTS / "brief.html.j2").read_text(encoding="utf-8")
    table = re.search(r"set renderers = \{(.*?)\}", template, re.DOTALL)
    assert table is not None
    kinds = dict(re.findall(r'"(\w+)": (render_\w+)', table.group(1)))
    assert sorted(kinds) == sorted(kind.kind for kind in BLOCK_TYPES)
    for macro in kinds.values():
        assert f"macro {macro}(b, on_landscape=false)" in template
