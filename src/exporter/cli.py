"""The command line: one click group, one function per command.

In: command-line arguments.
Out: files in ``out/`` and one line per file written; every ``ExporterError``
becomes its message on stderr and exit status 2, never a traceback. Renderer
engines are imported inside their commands only, so ``slides`` never loads
WeasyPrint.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from exporter.errors import ExporterError
from exporter.model import Document
from exporter.source import load as read_source
from exporter.theme import DEFAULT_THEME, Theme, load_theme

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


def _load(source: Path, theme_path: Path) -> tuple[Document, Theme]:
    """The source and the theme, validated before any renderer is imported."""
    return read_source(source), load_theme(theme_path)


def _report(path: Path, count: int, unit: str, size: int, started: float) -> None:
    click.echo(f"{path}: {count} {unit}, {size / 1024:,.0f} KB, {time.perf_counter() - started:.2f} s")


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
    started = time.perf_counter()
    document, theme = _load(source, theme_path)
    from exporter.pdf import write_pdf

    output = output or Path("out") / f"{source.stem}.pdf"
    pages, size = write_pdf(document, theme, source.parent, output)
    _report(output, pages, "pages", size, started)


@main.command()
@source_argument
@_output_option(".pptx")
@theme_option
def slides(source: Path, output: Path | None, theme_path: Path) -> None:
    """Write the 16:9 PowerPoint deck."""
    started = time.perf_counter()
    document, theme = _load(source, theme_path)
    from exporter.slides import write_slides

    output = output or Path("out") / f"{source.stem}.pptx"
    count, size = write_slides(document, theme, output)
    _report(output, count, "slides", size, started)
