"""``exporter init``: start a project in a folder, never overwriting anything.

In: a folder (created if missing) and a language of ``exporter.sample.SAMPLES``.
Out: ``source/<sample>`` (``exporter.sample``), ``templates/theme.yaml`` — exporter's
default theme, followed by the words of ``locales/<lang>.yaml`` to edit — ``out/``
and a ``.gitignore`` for the outputs; each file is created exclusively, so one that
exists is kept as it is. Returns what was created and what was kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from exporter import sample
from exporter.errors import ExporterError
from exporter.project import DEFAULT_THEME, LOCALES

GITIGNORE = "# exporter's outputs, written again by `exporter build`\n/out/\n"


@dataclass
class Scaffold:
    """Paths relative to the project folder, in the order they were handled."""

    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def init(folder: Path, lang: str) -> Scaffold:
    """Create the project's folders and files in ``folder``; keep every one that exists."""
    if folder.exists() and not folder.is_dir():
        raise ExporterError(f"{folder}: is a file; expected a folder to start a project in")
    files = {
        f"source/{sample.NAME}": sample.SAMPLES[lang],
        "templates/theme.yaml": localised_theme(lang),
        ".gitignore": GITIGNORE,
    }
    done = Scaffold()
    try:
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                with open(path, "x", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)
                done.created.append(name)
            except FileExistsError:
                done.kept.append(name)
        out = folder / "out"
        (done.kept if out.is_dir() else done.created).append("out/")
        out.mkdir(exist_ok=True)
    except OSError as exc:
        raise ExporterError(f"{folder}: cannot create the project ({exc.strerror or exc})") from None
    return done


def localised_theme(lang: str) -> str:
    """The default theme's text followed by the words of ``locales/<lang>.yaml``, to edit.

    Without them the words would follow each document's ``meta.lang``; written into the
    project's theme they are the project's own, the same for every document.
    """
    words = (LOCALES / f"{lang}.yaml").read_text(encoding="utf-8")
    body = "".join(line for line in words.splitlines(keepends=True) if not line.startswith("#"))
    note = f"\n# The words exporter adds, in '{lang}' (from locales/{lang}.yaml): edit them for this project.\n"
    return DEFAULT_THEME.read_text(encoding="utf-8").rstrip("\n") + "\n" + note + body
