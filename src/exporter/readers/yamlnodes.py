"""Safe YAML reading with positions, and a checker that collects every problem.

In: a path to a YAML file (source or theme).
Out: PyYAML's composed node tree — each node knows its line and column — and a
``Checker`` that reads typed values off nodes, recording a ``Problem`` with
``path:line:col`` for everything that is not what was expected, so the caller
can report all problems at once.

Only YAML's plain types are accepted: any explicit tag (``!!python/object``,
``!custom``), anchors and aliases, and several documents in one file are refused.
Nothing is ever constructed from a tag, so loading is safe by construction.
"""

from __future__ import annotations

import codecs
import difflib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader
from yaml.resolver import Resolver

try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml: every file goes through PyYAML's parser
    CParser = None

from exporter.errors import Problem, SourceError
from exporter.inputs import InputError, read_bounded

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Largest source or theme file read (8 MiB); larger files are refused before parsing."""

MAX_FILE_CHARACTERS = 2_000_000
"""Most characters a source or theme file may hold: twice the text a document may hold
(``exporter.validate.MAX_TOTAL_TEXT``), so no article that fits is refused, while a hostile
file — megabytes of ``**a**`` — is refused before its markup is parsed (some 7 s a megabyte)."""

MAX_NESTING = 64
"""Deepest nesting of lists and mappings read; deeper input is refused (the composer recurses)."""

_DECIMAL = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)")

_PLAIN_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


class _Checks(Composer):
    """PyYAML's composer, refusing aliases (no alias bombs), anchors and deep nesting.

    Mixed into a loader below; its events come from libyaml or from PyYAML's parser.
    """

    def _start(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.depth = 0

    def problem(self, mark: yaml.Mark, message: str) -> Problem:
        return Problem(self.path, mark.line + 1, mark.column + 1, message)

    def get_single_node(self):  # type: ignore[no-untyped-def]
        return Composer.get_single_node(self)  # not CParser's, which composes in C without these checks

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.depth >= MAX_NESTING:
            problem = self.problem(
                self.peek_event().start_mark,
                f"nesting is deeper than {MAX_NESTING} levels; expected a flatter structure",
            )
            raise SourceError([problem])
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            message = f"aliases (*{event.anchor}) are not supported; write the value out"
            self.problems.append(self.problem(event.start_mark, message))
            return ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            message = f"anchors (&{anchor}) are not supported; write the value out"
            self.problems.append(self.problem(event.start_mark, message))
            event.anchor = None
        self.depth += 1
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self.depth -= 1


class _Loader(_Checks, yaml.SafeLoader):
    """PyYAML's pure-Python reader and parser: the reference, and the one whose errors are reported."""

    def __init__(self, stream: str, path: str):
        yaml.SafeLoader.__init__(self, stream)  # checks every character before parsing
        self._start(path)


if CParser is not None:

    class _FastLoader(_Checks, CParser, Resolver):
        """libyaml's scanner and parser (ten times faster here) under the same composer and resolver."""

        def __init__(self, stream: str, path: str):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)
            self._start(path)


def read_yaml(path: Path) -> Node | None:
    """Parse ``path`` into a node tree; raise ``SourceError`` on anything unreadable.

    Returns None for an empty document (the caller decides whether that is an error).
    """
    return yaml_nodes(read_text(path, "a YAML file"), str(path))


def read_text(path: Path, expected: str) -> str:
    """The text of the UTF-8 file at ``path`` (a BOM dropped); ``SourceError`` if it is missing, a
    folder (``expected`` says what it should be), over ``MAX_FILE_BYTES``, not UTF-8 or over
    ``MAX_FILE_CHARACTERS``."""
    name = str(path)
    if path.is_dir():
        raise SourceError.at(name, 1, 1, f"is a folder; expected {expected}")
    try:
        data = read_bounded(path, MAX_FILE_BYTES)  # a FIFO or /dev/zero is refused, not read
    except InputError as exc:
        raise SourceError.at(name, 1, 1, exc.reason) from None
    data = data.removeprefix(codecs.BOM_UTF8)  # positions count from after the BOM, as editors show them
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8")) + 1  # in characters, like every other column
        raise SourceError.at(
            name, line, column, f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8"
        ) from None
    if len(text) > MAX_FILE_CHARACTERS:
        line = text.count("\n", 0, MAX_FILE_CHARACTERS) + 1
        column = MAX_FILE_CHARACTERS - text.rfind("\n", 0, MAX_FILE_CHARACTERS)
        raise SourceError.at(
            name,
            line,
            column,
            f"the file has {len(text):,} characters; at most {MAX_FILE_CHARACTERS:,} are read "
            "(twice the text a document may hold), and this is where they end; split the article",
        )
    return text


def yaml_nodes(text: str, name: str) -> Node | None:
    """The node tree of the YAML ``text`` read from the file ``name``; None if it is empty."""
    node, loader = _compose(text, name)
    for tagged in _explicit_tags(node):
        loader.problems.append(
            loader.problem(tagged.start_mark, f"YAML tag {_short_tag(tagged.tag)} is not allowed; use plain values")
        )
    if loader.problems:
        raise SourceError(loader.problems)
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null" and not node.value:
        return None  # a document with a start marker ('---') and nothing after it
    return node


def _compose(text: str, name: str, libyaml: bool = True) -> tuple[Node | None, _Checks]:
    """The node tree of ``text`` and the loader that composed it (with its problems).

    libyaml parses text that PyYAML's reader accepts and that has no tab (libyaml takes
    a tab inside a plain scalar, ``b: m<TAB>n``, where PyYAML refuses it); the node tree
    is the same either way (tags, values, positions). Where libyaml raises, PyYAML parses
    again, so the error reported is always PyYAML's, at PyYAML's position.
    ``libyaml=False`` is PyYAML alone (the tests compare the two).
    """
    if libyaml and CParser is not None and "\t" not in text and not Reader.NON_PRINTABLE.search(text):
        fast = _FastLoader(text, name)
        try:
            return fast.get_single_node(), fast
        except yaml.YAMLError:
            pass
        finally:
            fast.dispose()
    loader: _Loader | None = None
    try:
        loader = _Loader(text, name)
        return loader.get_single_node(), loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise SourceError.at(name, line, column, f"YAML syntax error: {_syntax_problem(exc)}") from None
    except yaml.reader.ReaderError as exc:  # characters YAML cannot hold
        line, column = _reader_position(exc, text)
        raise SourceError.at(
            name,
            line,
            column,
            f"YAML error: character U+{exc.character:04X} is not allowed ({exc.reason}); expected printable text",
        ) from None
    finally:
        if loader is not None:
            loader.dispose()


def _syntax_problem(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's problem, with where the unfinished construct began and a hint for the usual mistake."""
    problem = (exc.problem or "invalid YAML").replace("\n", " ")
    context = str(exc.context or "")
    if "expected a single document" in context:
        return "several YAML documents in one file; expected one"
    start, end = exc.context_mark, exc.problem_mark
    if context and start is not None and (end is None or (start.line, start.column) != (end.line, end.column)):
        problem += f" ({context} that starts at line {start.line + 1}, column {start.column + 1})"
    if "mapping values are not allowed" in problem:
        problem += "; expected text containing ': ' or ending with ':' to be in quotes"
    return problem


def _reader_position(exc: yaml.YAMLError, text: str) -> tuple[int, int]:
    position = getattr(exc, "position", None)
    if position is None:
        return 1, 1
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _explicit_tags(root: Node | None) -> Iterator[Node]:
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if node.tag not in _PLAIN_TAGS:
            yield node
            continue
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


def position(node: Node) -> tuple[int, int]:
    """The 1-based line and column where ``node`` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


_KIND = {ScalarNode: "a single value", SequenceNode: "a list", MappingNode: "a mapping"}


class Checker:
    """Reads typed values off nodes and collects problems instead of stopping at the first."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def error(self, node: Node, message: str) -> None:
        self.at(*position(node), message)

    def at(self, line: int, column: int, message: str) -> None:
        """Record a problem at a line and column of the file."""
        self.problems.append(Problem(self.path, line, column, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise SourceError(self.problems)

    # -- typed readers: each returns None (and records a problem) on a mismatch --

    def text(self, node: Node, what: str, *, allow_empty: bool = False) -> str | None:
        if not isinstance(node, ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            self.error(node, f"{what}: expected text, found {describe(node)}")
            return None
        if not node.value.strip() and not allow_empty:
            self.error(node, f"{what}: expected text, found an empty string")
            return None
        return node.value

    def boolean(self, node: Node, what: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return node.value.lower() in ("true", "yes", "on")
        self.error(node, f"{what}: expected true or false, found {describe(node)}")
        return None

    def number(self, node: Node, what: str, low: float, high: float) -> float | None:
        """A plain decimal number from ``low`` to ``high`` (not YAML's .inf, hex, octal or 1:30)."""
        if isinstance(node, ScalarNode) and _DECIMAL.fullmatch(node.value):
            value = float(node.value)
            if low <= value <= high:
                return value
            self.error(node, f"{what}: expected a number from {low:g} to {high:g}, found {node.value}")
            return None
        self.error(node, f"{what}: expected a number, found {describe(node)}")
        return None

    def sequence(self, node: Node, what: str, *, allow_empty: bool = False) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what}: expected a list, found {describe(node)}")
            return None
        if not node.value and not allow_empty:
            self.error(node, f"{what}: expected a list with at least one entry, found an empty list")
            return None
        return list(node.value)

    def texts(self, node: Node, what: str, *, allow_empty: bool = False) -> tuple[str, ...] | None:
        """A list of texts, or a single text taken as a list of one."""
        if isinstance(node, ScalarNode) and node.tag != "tag:yaml.org,2002:null":
            value = self.text(node, what)
            return None if value is None else (value,)
        items = self.sequence(node, what, allow_empty=allow_empty)
        if items is None:
            return None
        values = [self.text(item, f"{what} entry {i}", allow_empty=allow_empty) for i, item in enumerate(items, 1)]
        return None if any(v is None for v in values) else tuple(values)  # type: ignore[arg-type]

    def mapping(
        self,
        node: Node,
        what: str,
        required: Iterable[str],
        optional: Iterable[str] = (),
    ) -> dict[str, Node] | None:
        """A mapping's values by key; unknown, duplicate and missing keys are problems.

        Returns None only if ``node`` is not a mapping or a required key is missing;
        after an unknown or duplicate key the known values are still returned, so the
        caller goes on to check them too.
        """
        if not isinstance(node, MappingNode):
            self.error(node, f"{what}: expected a mapping, found {describe(node)}")
            return None
        required = list(required)
        known = required + list(optional)
        fields: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key is None or key not in known:
                shown = key if key is not None else describe(key_node)
                hint = difflib.get_close_matches(str(shown), known, n=1)
                expected = f"did you mean '{hint[0]}'?" if hint else "expected one of: " + ", ".join(known)
                self.error(key_node, f"{what}: unknown key '{shown}'; {expected}")
            elif key in fields:
                line, _ = position(fields[key])
                self.error(key_node, f"{what}: key '{key}' appears twice (first on line {line})")
            else:
                fields[key] = value_node
        missing = [key for key in required if key not in fields]
        for key in missing:
            self.error(node, f"{what}: missing required key '{key}'")
        return None if missing else fields


def describe(node: Node) -> str:
    if isinstance(node, ScalarNode):
        if node.tag == "tag:yaml.org,2002:null":
            return "nothing"
        kind = node.tag.removeprefix("tag:yaml.org,2002:")
        kind = {"str": "text", "int": "a number", "float": "a number", "bool": "true/false", "timestamp": "a date"}.get(
            kind, kind
        )
        value = node.value if len(node.value) <= 30 else node.value[:27] + "..."
        return f"{kind} '{value}'" if kind == "text" else f"{kind} ({value})"
    return _KIND.get(type(node), "something else")
