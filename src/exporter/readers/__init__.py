"""The readers: a source file → the document model, by the file's suffix, checked.

In: the path of an article source — ``.yaml``/``.yml`` (``exporter.readers.yaml``) or
``.md``/``.markdown`` (``exporter.readers.markdown``).
Images may come from anywhere inside the source's project or the resource paths given
(``image_roots``).
Out: a checked ``exporter.model.Document`` with its summary's references followed, or a
``SourceError`` listing every problem with its position: those of what the file says, from its
reader, and those of the model, from ``exporter.validate`` (limits, characters, ids, references),
together. ``read_source`` is the only thing the commands call.
"""

from __future__ import annotations

from pathlib import Path

from exporter.errors import SourceError
from exporter.model import Document
from exporter.project import source_file

MARKDOWN_SUFFIXES = (".md", ".markdown")
YAML_SUFFIXES = (".yaml", ".yml")
SOURCE_SUFFIXES = YAML_SUFFIXES + MARKDOWN_SUFFIXES


def read_source(path: str | Path, resources: tuple[Path, ...] = ()) -> Document:
    """Read the source at ``path`` with the reader its suffix names (YAML for any other), its images
    from inside its project or ``resources`` (``image_roots``), and check the model it gives; raise
    ``SourceError`` with every problem, or if a link takes the source out of its project
    (``exporter.project.source_file``)."""
    path = source_file(Path(path))
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        from exporter.readers.markdown import read
    else:
        from exporter.readers.yaml import read
    from exporter.validate import checked

    document, problems = read(path, image_roots(path, resources))
    if document is not None:
        document, found = checked(document, str(path))
        problems = [*problems, *found]
    if problems:
        raise SourceError(problems)
    assert document is not None, "a document that failed to build has recorded a problem"
    return document


def image_roots(source: str | Path, resources: tuple[Path, ...] = ()) -> tuple[Path, ...]:
    """The folders the images of ``source`` may come from: its project (``project_root``) and
    ``resources`` (``--resource-path``), resolved."""
    from exporter.readers.images import project_root

    return tuple(dict.fromkeys(Path(p).resolve() for p in (project_root(Path(source)), *resources)))
