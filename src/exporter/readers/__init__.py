"""The readers: a source file → the document model, by the file's suffix.

In: the path of an article source — ``.yaml``/``.yml`` (``exporter.readers.yaml``) or
``.md``/``.markdown`` (``exporter.readers.markdown``).
Out: a validated ``exporter.model.Document``, or a ``SourceError`` listing every problem
with its position. ``read_source`` is the only thing the commands call.
"""

from __future__ import annotations

from pathlib import Path

from exporter.model import Document

MARKDOWN_SUFFIXES = (".md", ".markdown")
YAML_SUFFIXES = (".yaml", ".yml")
SOURCE_SUFFIXES = YAML_SUFFIXES + MARKDOWN_SUFFIXES


def read_source(path: str | Path) -> Document:
    """Read the source at ``path`` with the reader its suffix names (YAML for any other)."""
    path = Path(path)
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        from exporter.readers import markdown

        return markdown.load(path)
    from exporter.readers import yaml

    return yaml.load(path)
