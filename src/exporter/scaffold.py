"""``exporter init``: start a project in a folder, never overwriting anything.

In: a folder (created if missing) and a language of ``exporter.sample.SAMPLES``.
Out: ``source/<sample>`` (``exporter.sample``), ``templates/theme.yaml`` — exporter's
default theme, with its words in that language from ``locales/<lang>.yaml`` — ``out/``
and a ``.gitignore`` for the outputs; each file is created exclusively, so one that
exists is kept as it is. Returns what was created and what was kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node

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
    """The default theme's text with the words of ``locales/<lang>.yaml`` in place of its own.

    Each word replaces the scalar at its key's position, so the theme's comments and layout
    are kept; the words are written as double-quoted YAML strings (JSON's escapes).
    """
    text = DEFAULT_THEME.read_text(encoding="utf-8")
    words = yaml.safe_load((LOCALES / f"{lang}.yaml").read_text(encoding="utf-8"))
    spans: list[tuple[int, int, str]] = []

    def collect(node: Node, wanted: dict) -> None:
        for key, value in node.value:
            if key.value not in wanted:
                continue
            if isinstance(wanted[key.value], dict) and isinstance(value, MappingNode):
                collect(value, wanted[key.value])
            else:
                spans.append((value.start_mark.index, value.end_mark.index, str(wanted[key.value])))

    collect(yaml.compose(text, Loader=yaml.SafeLoader), words)
    for start, end, word in sorted(spans, reverse=True):
        text = text[:start] + json.dumps(word, ensure_ascii=False) + text[end:]
    return text
