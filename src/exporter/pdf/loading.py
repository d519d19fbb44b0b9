"""Importing WeasyPrint without the work the brief never needs: three named patches.

In: nothing; ``quick_import()`` is the context ``exporter.pdf.weasy`` imports WeasyPrint in.
Out: the same WeasyPrint, 0.5 s sooner per run on Linux. Each patch changes how something
is found or parsed, never what is rendered:

- ``_dlopen_by_soname``: the libraries are opened by their sonames, without
  ``ctypes.util.find_library`` running ``gcc`` and ``ld`` for every name that misses (0.3 s);
- ``on_first_use(DEFERRED)`` (``exporter.firstuse``): fontTools' subsetter and variable-font instancer, which
  WeasyPrint 70 imports for faces HarfBuzz cannot subset and for variable faces, are imported
  the first time WeasyPrint calls them (0.13 s; the bundled Noto faces need neither);
- ``_c_types_with_their_typedefs_only``: cffi parses each C type WeasyPrint names while it
  renders (``ffi.new("hb_codepoint_t[497]")``) after declaring its ~300 typedef names: 8 ms a
  type, 0.1 s a brief; only the names in the type can change how it parses, so only those are
  declared.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import re
import sys
from collections.abc import Iterator

from exporter.firstuse import on_first_use

DEFERRED = {"fontTools.subset": (), "fontTools.varLib.instancer": ("instantiateVariableFont",)}
"""The modules WeasyPrint imports and rarely calls, with the functions it imports from them by name."""


@contextlib.contextmanager
def quick_import() -> Iterator[None]:
    """The context to import WeasyPrint in; the cffi patch stays for the process."""
    _c_types_with_their_typedefs_only()
    with _dlopen_by_soname(), on_first_use(DEFERRED):
        yield


@contextlib.contextmanager
def _dlopen_by_soname() -> Iterator[None]:
    """On Linux, let cffi find Pango, HarfBuzz and fontconfig by their sonames only.

    WeasyPrint tries several names per library; for each miss cffi calls
    ``ctypes.util.find_library``, which runs ``ldconfig``, ``gcc`` and ``ld``. Every list it
    tries also holds the soname (``libpango-1.0.so.0``), which the dynamic loader opens directly.
    """
    if not sys.platform.startswith("linux"):
        yield
        return
    find_library = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = find_library


_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def _c_types_with_their_typedefs_only() -> None:
    """Make cffi declare, before the C text it parses, only the typedef names that text uses.

    cffi's ``Parser._parse`` declares every known typedef name as ``typedef int NAME;`` ahead of
    the text, because a name's being a type changes how C parses; a name the text does not hold
    cannot. Applied once.
    """
    from cffi import cparser

    parse = cparser.Parser._parse
    if getattr(parse, "exporter", False):
        return

    def parse_with_used_typedefs(self, csource):  # type: ignore[no-untyped-def]
        declarations = self._declarations
        names = set(_IDENTIFIER.findall(csource))
        self._declarations = {
            key: value for key, value in declarations.items() if not key.startswith("typedef ") or key[8:] in names
        }
        try:
            return parse(self, csource)
        finally:
            self._declarations = declarations

    parse_with_used_typedefs.exporter = True  # type: ignore[attr-defined]
    cparser.Parser._parse = parse_with_used_typedefs
