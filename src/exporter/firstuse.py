"""Modules a library imports and rarely runs, imported the first time they are used instead.

In: a mapping of module names to the functions importers take from them by name.
Out: ``on_first_use``, the context to import such a library in: while it lasts each named module
not yet imported is a stand-in (``OnFirstUse``) that imports the real module the first time one of
its attributes is read or one of those functions is called; afterwards whoever imports the module
gets the real one. Used for WeasyPrint (``exporter.pdf.loading``) and python-pptx
(``exporter.slides.pptx``).
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import types
from collections.abc import Iterator, Mapping


class OnFirstUse(types.ModuleType):
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
def on_first_use(deferred: Mapping[str, tuple[str, ...]]) -> Iterator[None]:
    """Stand-ins for the ``deferred`` modules not yet imported while the context lasts; a package
    imported meanwhile keeps its stand-in as the attribute (``urllib.request``) until the real
    module is imported."""
    stand_ins = {name: OnFirstUse(name, functions) for name, functions in deferred.items() if name not in sys.modules}
    sys.modules.update(stand_ins)
    for name, stand_in in stand_ins.items():
        parent, _, child = name.rpartition(".")
        if parent in sys.modules and not hasattr(sys.modules[parent], child):
            setattr(sys.modules[parent], child, stand_in)
    try:
        yield
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
