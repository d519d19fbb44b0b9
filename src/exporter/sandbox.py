"""Where a brand kit's templates run: Jinja's sandbox, fed only the template folders' files.

In: the template folders (``exporter.project.template_folders``).
Out: ``TemplateFolders``, a loader that gives a template by its name alone from the first folder
holding it — only the ``*.j2`` files of ``exporter.project.template_files``: no path
(``/etc/passwd``, ``../x``), no file a link takes out of its folder; ``Sandbox``, Jinja's
``SandboxedEnvironment`` (no attribute that starts with ``_``, no Python internals behind
``self``, ``cycler``, ``joiner``, ``namespace`` or ``str.format``) with ``*`` and ``**`` bounded;
and ``template_problems``, what ``exporter check`` can tell of a project's or a kit's templates
without rendering them: syntax errors, attributes that start with ``_``, and includes or imports
of names that are no template. Imports Jinja only, never WeasyPrint.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from exporter.errors import Problem, SourceError
from exporter.inputs import InputError, read_bounded
from exporter.project import kit_templates, template_files


class TemplateFolders(jinja2.BaseLoader):
    """Loads a template by its name alone from the first template folder holding it; nothing else:
    no path (``/etc/passwd``, ``../x``), no file a link takes out of its folder."""

    def __init__(self, folders: tuple[Path, ...]):
        self.folders = folders

    def files(self) -> dict[str, Path]:
        """Every template name and its file, as ``exporter.project.template_files`` finds them now."""
        return template_files(self.folders)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.files().get(template)
        if path is None:
            raise jinja2.TemplateNotFound(template)
        try:
            text = read_bounded(path, MAX_TEMPLATE_BYTES).decode("utf-8")
        except InputError as exc:
            raise SourceError.at(path, 1, 1, exc.reason) from None
        except UnicodeDecodeError:
            raise SourceError.at(path, 1, 1, "is not UTF-8; save the template as UTF-8") from None
        mtime = path.stat().st_mtime
        return text, str(path), lambda: path.is_file() and path.stat().st_mtime == mtime


MAX_TEMPLATE_BYTES = 1024 * 1024
"""Largest template read (1 MiB; exporter's own are under 10 KB)."""

MAX_REPEAT = 1_000_000
"""Most items (characters, list entries) a ``*`` in a template may make, and most bits a ``**`` may."""


class Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, with ``*`` and ``**`` bounded (``'a' * 10**10`` would take 10 GB)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: jinja2.runtime.Context, op: str, left: object, right: object) -> object:
        if op == "**":
            if isinstance(left, int) and isinstance(right, int) and right * abs(left).bit_length() > MAX_REPEAT:
                raise OverflowError(f"{left} ** {right} is too large for a template")
            return left**right  # type: ignore[operator]
        times, items = (left, right) if isinstance(left, int) else (right, left)
        if isinstance(times, int) and isinstance(items, str | list | tuple) and times * len(items) > MAX_REPEAT:
            raise OverflowError(f"{len(items)} items repeated {times} times is too many for a template")
        return left * right  # type: ignore[operator]


_PRIVATE_FIELD = re.compile(r"\{[^{}]*[.\[]_")
"""A format field reaching an attribute or key that starts with ``_`` (``{0.__class__}``)."""


def not_a_template(name: str) -> str:
    """What is said of an include or import of ``name``, which is no template of the folders."""
    return f"no template '{name}'; a template may include only the *.j2 files of the template folders"


def template_problems(folders: tuple[Path, ...]) -> list[Problem]:
    """Every problem the sandbox would meet in the templates of ``folders`` that can be seen without
    rendering them: syntax errors, ``_`` attributes, includes of names that are no template.
    exporter's own templates are not checked (they are tested)."""
    loader = TemplateFolders(folders)
    files = loader.files()
    env = Sandbox(loader=loader)
    problems = []
    for name, path in kit_templates(folders).items():
        try:
            tree = env.parse(*loader.get_source(env, name)[:2])
        except jinja2.TemplateSyntaxError as exc:
            problems.append(Problem(str(path), exc.lineno or 1, 1, f"template: {exc.message}"))
            continue
        except SourceError as exc:
            problems += exc.problems
            continue
        problems += [Problem(str(path), line, 1, f"template: {message}") for line, message in _forbidden(tree, files)]
    return problems


def _forbidden(tree: nodes.Template, files: dict[str, Path]) -> Iterator[tuple[int, str]]:
    """(line, message) of each attribute starting with ``_`` and each include or import of a name
    that is no template of the folders, in ``tree``."""
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        if isinstance(node, nodes.Filter):  # doc | attr("__class__")
            attribute = getattr(node.args[0], "value", None) if node.name == "attr" and node.args else None
        else:
            attribute = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        if isinstance(attribute, str) and attribute.startswith("_"):
            yield node.lineno, f"access to attribute '{attribute}' is unsafe"
        elif isinstance(node, nodes.Getattr) and node.attr in ("format", "format_map"):
            text = getattr(node.node, "value", None)  # "{0.__class__}".format(doc)
            if isinstance(text, str) and _PRIVATE_FIELD.search(text):
                yield node.lineno, f"access to an attribute starting with '_' in the format string '{text[:40]}'"
    for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        name = getattr(node.template, "value", None)
        if isinstance(name, str) and name not in files:
            yield node.lineno, not_a_template(name)
