"""Where a project's theme and templates come from.

In: a source path and the ``--theme`` given on the command line, if any.
Out: the theme file to read and the template folders to search, in order of precedence:

1. ``--theme FILE`` (relative to where exporter runs), else the project's
   ``templates/theme.yaml``, else exporter's default theme;
2. each template file (``brief.html.j2``, ``brief.css.j2``) from the first folder that holds
   it: the project's ``templates/``, then the theme file's folder (a theme's paths are
   relative to the theme file), then exporter's defaults.

A project is the folder that holds a source's folder: for ``source/article.yaml``, the
current folder, and its ``templates/`` sits beside ``source/``. The defaults are package
data (``exporter.templates``), read with ``importlib.resources``.

A link is followed only where it stays inside: a source inside its project, a theme inside
the folder holding it, a template inside its template folder; one that leads out is a
``SourceError`` before anything is read through it.
"""

from __future__ import annotations

import importlib.resources
import os
from pathlib import Path

from exporter.errors import SourceError

DEFAULTS = Path(os.fspath(importlib.resources.files("exporter.templates")))
"""exporter's own templates, theme and locales; on disk wherever pip installs the package."""

DEFAULT_THEME = DEFAULTS / "theme.yaml"

LOCALES = DEFAULTS / "locales"
"""``<lang>.yaml``: the words a theme carries, by language (``exporter init --lang``)."""

PRECEDENCE = (
    "Theme: --theme FILE, else templates/theme.yaml in the project (the folder holding the "
    "source's folder), else exporter's default. Templates (brief.html.j2, brief.css.j2), file by "
    "file: the project's templates/, then the theme file's folder, then exporter's defaults."
)
"""The order above in one paragraph, for ``exporter --help``."""


def project_templates(source: Path) -> Path:
    """The ``templates/`` folder beside the source's folder (it may not exist)."""
    return project_folder(source) / "templates"


def project_folder(source: Path) -> Path:
    """The project of ``source``: the folder that holds the source's folder."""
    return Path(source).absolute().parent.parent


def source_file(source: Path) -> Path:
    """``source``, unless a link takes it out of its project (``SourceError``)."""
    return inside(source, project_folder(source), "the project")


def theme_file(source: Path, given: Path | None) -> Path:
    """The theme to read for ``source``: ``given``, else the project's, else the default;
    ``SourceError`` if a link takes it out of the folder it is in."""
    if given is not None:
        return inside(Path(given), Path(given).absolute().parent, "its folder")
    local = project_templates(source) / "theme.yaml"
    return inside(local, local.parent, "templates/") if local.is_file() else DEFAULT_THEME


def inside(path: Path, folder: Path, where: str) -> Path:
    """``path``, unless links lead it out of ``folder`` (``where`` names that folder in the message)."""
    try:
        real = Path(path).resolve()
    except (RuntimeError, OSError):  # a loop of links (RuntimeError before Python 3.13)
        raise SourceError.at(path, 1, 1, "is a link that leads back to itself; expected a regular file") from None
    if not real.is_relative_to(Path(folder).resolve()):
        raise SourceError.at(
            path, 1, 1, f"is a link to {real}, outside {where} ({folder}); expected a regular file inside it"
        )
    return Path(path)


def template_folders(source: Path, theme: Path) -> tuple[Path, ...]:
    """The folders searched for each template, first match wins; all of them exist."""
    candidates = [project_templates(source), Path(theme).absolute().parent, DEFAULTS]
    folders = dict.fromkeys(p.resolve() for p in candidates if p.is_dir())
    return tuple(folders)


def template_files(folders: tuple[Path, ...]) -> dict[str, Path]:
    """Each template name (``*.j2``) and the file it is read from: the only files templates are
    loaded from; ``SourceError`` for one whose link leads out of its folder."""
    found: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.j2")):
            if path.name not in found:
                found[path.name] = inside(path, folder, "its template folder")
    return dict(sorted(found.items()))


def kit_templates(folders: tuple[Path, ...]) -> dict[str, Path]:
    """The templates of ``folders`` that a project or a brand kit brings, not exporter's own."""
    own = DEFAULTS.resolve()
    return {name: path for name, path in template_files(folders).items() if not path.is_relative_to(own)}
