"""The command line: one click group, one function per command.

In: command-line arguments.
Out: files in ``out/`` and one line per file written; every ``ExporterError``
becomes its message on stderr and exit status 2, never a traceback. Renderer
engines are imported inside their commands only, so ``slides`` never loads
WeasyPrint.
"""

from __future__ import annotations

from pathlib import Path

import click

from exporter.errors import ExporterError
from exporter.source import load as read_source
from exporter.theme import DEFAULT_THEME, load_theme

DEFAULT_SOURCE = Path("source/article.yaml")


class _Group(click.Group):
    """Turns every ``ExporterError`` into clean lines on stderr and its exit status."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except ExporterError as exc:
            for line in exc.lines():
                click.echo(line, err=True)
            ctx.exit(exc.exit_code)


source_argument = click.argument(
    "source", required=False, default=DEFAULT_SOURCE, type=click.Path(path_type=Path, dir_okay=False)
)
theme_option = click.option(
    "--theme",
    "theme_path",
    default=DEFAULT_THEME,
    show_default="templates/theme.yaml",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Theme file: colours, fonts, sizes, labels.",
)


def _output_option(suffix: str):  # type: ignore[no-untyped-def]
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path),
        default=None,
        help=f"Where to write (default: out/<source name>{suffix}).",
    )


@click.group(cls=_Group)
@click.version_option(package_name="exporter")
def main() -> None:
    """Turn one structured article into a PDF brief and a slide deck."""


@main.command()
@source_argument
@_output_option(".pdf")
@theme_option
def pdf(source: Path, output: Path | None, theme_path: Path) -> None:
    """Write the A4 PDF brief."""
    _render_one("pdf", source, output, theme_path)


@main.command()
@source_argument
@_output_option(".pptx")
@theme_option
def slides(source: Path, output: Path | None, theme_path: Path) -> None:
    """Write the 16:9 PowerPoint deck."""
    _render_one("pptx", source, output, theme_path)


def _render_one(fmt: str, source: Path, output: Path | None, theme_path: Path) -> None:
    from exporter.build import outputs_of, render
    from exporter.revision import revision

    stamp = revision(source, theme_path)  # before reading: a save in between leaves the output stale, not mislabelled
    document, theme = read_source(source), load_theme(theme_path)
    output = output or outputs_of(source, Path("out"))[fmt]
    click.echo(str(render(fmt, document, theme, source, output, stamp, theme_path)))


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@theme_option
@click.option("--force", is_flag=True, help="Rebuild even what is up to date.")
def build(sources: tuple[Path, ...], theme_path: Path, force: bool) -> None:
    """Write out/<name>.pdf and out/<name>.pptx for every source (default: source/*.yaml).

    Up-to-date outputs (same source, theme, templates and exporter version) are skipped.
    """
    from exporter.build import build as build_all

    paths = list(sources) or sorted(Path("source").glob("*.yaml"))
    if not paths:
        raise ExporterError("source/: no *.yaml source to build")
    by_name: dict[str, Path] = {}
    for path in paths:
        if path.stem in by_name and by_name[path.stem] != path:
            raise ExporterError(f"{by_name[path.stem]} and {path} would both write out/{path.stem}.*; rename one")
        by_name[path.stem] = path
    failed = False
    for result in build_all(paths, theme_path, Path("out"), force):
        for line in result.errors:
            click.echo(line, err=True)
        for built in result.built:
            click.echo(str(built))
        failed = failed or bool(result.errors)
    if failed:
        raise click.exceptions.Exit(2)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--source",
    "source_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The source to compare with (default: source/<file name>.yaml).",
)
@theme_option
def stamp(files: tuple[Path, ...], source_path: Path | None, theme_path: Path) -> None:
    """Say which revision each PDF or PPTX was built from, and whether it is current.

    Exit status 0 when every file matches its source, 1 when any is stale, 2 when a
    file carries no stamp.
    """
    from exporter.inputs import InputError
    from exporter.revision import read_stamp, revision

    status = 0
    for path in files:
        try:
            found = read_stamp(path)
        except InputError as exc:  # a folder, a FIFO, a device: refused without reading
            click.echo(str(exc), err=True)
            status = 2
            continue
        if found is None:
            click.echo(f"{path}: no exporter revision stamp (not written by exporter, or unreadable)", err=True)
            status = 2
            continue
        source = source_path or Path("source") / f"{path.stem}.yaml"
        current = revision(source, theme_path)
        if found == current:
            click.echo(f"{path}: rev. {found}, matches {source}")
        else:
            click.echo(f"{path}: rev. {found}, stale: {source} is now rev. {current}")
            status = max(status, 1)
    raise click.exceptions.Exit(status)


@main.command("watch")
@source_argument
@theme_option
def watch_command(source: Path, theme_path: Path) -> None:
    """Rebuild the PDF and the deck on every save of the source, theme or templates."""
    from exporter.watch import watch

    try:
        watch(source, theme_path, Path("out"), lambda line, err: click.echo(line, err=err))
    except KeyboardInterrupt:
        click.echo("stopped")


@main.command()
@source_argument
@click.option("--strict", is_flag=True, help="Fail (exit status 1) on warnings too.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one 'path:line:col: severity: message' per line; json: a list of objects.",
)
@theme_option
def check(source: Path, strict: bool, output_format: str, theme_path: Path) -> None:
    """Check the source without writing anything: errors and warnings, with their positions.

    Exit status 0 when clean (warnings allowed unless --strict), 1 on warnings with
    --strict, 2 on errors.
    """
    import json

    from exporter.errors import SourceError
    from exporter.lint import check as lint

    try:
        problems = lint(source, load_theme(theme_path))
    except SourceError as exc:  # the theme is invalid
        problems = exc.problems
    if output_format == "json":
        fields = ("path", "line", "column", "severity", "message")
        click.echo(json.dumps([{k: getattr(p, k) for k in fields} for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            click.echo(str(problem))
    severities = {p.severity for p in problems}
    raise click.exceptions.Exit(2 if "error" in severities else 1 if strict and severities else 0)
