"""Importing WeasyPrint without the work the brief never needs: three named patches.

In: nothing; ``quick_import()`` is the context ``exporter.pdf.weasy`` imports WeasyPrint in.
Out: the same WeasyPrint, 0.5 s sooner per run on Linux. Each patch changes how something
is found or parsed, never what is rendered:

- ``_dlopen_by_soname``: the libraries are opened by their sonames, without
  ``ctypes.util.find_library`` running ``gcc`` and ``ld`` for every name that misses (0.3 s);
- ``_fonttools_on_first_use``: fontTools' subsetter and variable-font instancer, which
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
import importlib
import re
import sys
import types
from collections.abc import Iterator

DEFERRED = {"fontTools.subset": (), "fontTools.varLib.instancer": ("instantiateVariableFont",)}
"""The modules WeasyPrint imports and rarely calls, with the functions it imports from them by name."""


@contextlib.contextmanager
def quick_import() -> Iterator[None]:
    """The context to import WeasyPrint in; the cffi patch stays for the process."""
    _c_types_with_their_typedefs_only()
    with _dlopen_by_soname(), _fonttools_on_first_use():
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


class _OnFirstUse(types.ModuleType):
    """A stand-in for the module of its name, which imports it the first time one of its
    attributes, or one of the ``functions`` imported from it by name, is used."""

    def __init__(self, name: str, functions: tuple[str, ...]):
        super().__init__(name)
        for function in functions:
            setattr(self, function, self._forward(function))

    def _forward(self, function: str):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            return getattr(self._module(), function)(*args, **kwargs)

        return call

    def _module(self) -> types.ModuleType:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return importlib.import_module(self.__name__)

    def __getattr__(self, attribute: str):  # type: ignore[no-untyped-def]
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return getattr(self._module(), attribute)


@contextlib.contextmanager
def _fonttools_on_first_use() -> Iterator[None]:
    """Stand-ins for ``DEFERRED`` while WeasyPrint is imported; whoever imports them later gets the real modules."""
    stand_ins = {name: _OnFirstUse(name, functions) for name, functions in DEFERRED.items() if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


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
