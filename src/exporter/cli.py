"""The command line: one click group, one function per command.

In: command-line arguments.
Out: files in ``out/`` and one line per file written (with a progress bar on a terminal
for long work, ``exporter.progress``); every ``ExporterError`` becomes its message on stderr
and exit status 2, never a traceback. One command per renderer of ``exporter.renderers``;
engines are imported inside their write functions only, so ``slides`` and ``check`` never
load WeasyPrint.
"""

from __future__ import annotations

from pathlib import Path

import click

from exporter import __version__
from exporter.errors import ExporterError
from exporter.project import PRECEDENCE, kit_templates, template_folders, theme_file
from exporter.readers import SOURCE_SUFFIXES
from exporter.renderers import RENDERERS, Renderer
from exporter.sample import NAME, SAMPLES
from exporter.theme import deck_template, load_theme

DEFAULT_SOURCE = Path("source/article.yaml")
"""The source a command reads when none is named, or the same article in another form
(``source/article.md``, as ``exporter init`` writes it) when only that one exists."""


class _Group(click.Group):
    """Turns every ``ExporterError`` into clean lines on stderr and its exit status."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except ExporterError as exc:
            for line in exc.lines():
                click.echo(line, err=True)
            ctx.exit(exc.exit_code)


def _default_source(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    if value is not None:
        return value
    forms = (DEFAULT_SOURCE.with_suffix(suffix) for suffix in SOURCE_SUFFIXES)
    return next((path for path in forms if path.is_file()), DEFAULT_SOURCE)


source_argument = click.argument(
    "source", required=False, callback=_default_source, type=click.Path(path_type=Path, dir_okay=False)
)
theme_option = click.option(
    "--theme",
    "theme_path",
    default=None,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Theme file: colours, fonts, sizes, labels (default: the project's templates/theme.yaml, else exporter's).",
)

template_option = click.option(
    "--template",
    "template_path",
    default=None,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The company's PowerPoint template (.pptx or .potx) the deck is drawn on, and whose brand the brief "
    "wears (default: the theme's slides.template, if any).",
)

resource_option = click.option(
    "--resource-path",
    "resources",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="A folder images may also come from, besides the source's project (the nearest folder above "
    "the source holding .git or templates/); repeat for several. A relative image path is looked up "
    "beside the source, then in each.",
)


verbose_option = click.option("-v", "--verbose", is_flag=True, help="List every warning, not the first 3 of each kind.")


def _output_option(suffix: str):  # type: ignore[no-untyped-def]
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path),
        default=None,
        help=f"Where to write (default: out/<source name>{suffix}).",
    )


@click.group(cls=_Group, epilog=PRECEDENCE)
@click.version_option(__version__, prog_name="exporter")
def main() -> None:
    """Turn one structured article into a PDF brief and a slide deck."""


def _renderer_command(renderer: Renderer) -> None:
    @main.command(renderer.name, help=renderer.help)
    @source_argument
    @_output_option(renderer.suffix)
    @theme_option
    @template_option
    @resource_option
    @verbose_option
    def command(
        source: Path,
        output: Path | None,
        theme_path: Path | None,
        template_path: Path | None,
        resources: tuple[Path, ...],
        verbose: bool,
    ) -> None:
        from exporter.build import outputs_of, prepare, render
        from exporter.progress import Progress
        from exporter.report import notices, problem_lines
        from exporter.revision import revised

        theme_path = theme_file(source, theme_path)
        stamp, document = revised(source, theme_path, resources, template_path)  # a save while reading: stale
        job = prepare(source, theme_path, stamp, document, resources, template_path)
        output = output or outputs_of(source, Path("out"))[renderer]
        with Progress(1, str(output)) as progress:
            for line in problem_lines(notices(str(source), job.document), verbose):
                progress.echo(line, err=True)
            progress.echo(str(render(renderer, job, output)))
            progress.advance()


for _renderer in RENDERERS:
    _renderer_command(_renderer)


@main.command()
@click.argument("folder", required=False, default=Path("."), type=click.Path(path_type=Path, file_okay=False))
@click.option("--lang", type=click.Choice(sorted(SAMPLES)), default="ja", show_default=True, help="Sample language.")
def init(folder: Path, lang: str) -> None:
    """Start a project in FOLDER (default: here): a sample source, the theme to edit, out/, .gitignore.

    Never overwrites a file: one that exists is kept and said so.
    """
    import shlex

    from exporter.scaffold import init as scaffold

    done = scaffold(folder, lang)
    where = "" if folder == Path(".") else f"{folder.as_posix().rstrip('/')}/"
    for name in done.created:
        click.echo(f"created {where}{name}")
    for name in done.kept:
        click.echo(f"kept    {where}{name} (already there)")
    go = "" if folder == Path(".") else f"cd {shlex.quote(str(folder))} && "
    click.echo(f"next: {go}exporter build  (writes out/{Path(NAME).stem}.pdf and .pptx)")
    click.echo(f"      then edit source/{NAME} and templates/theme.yaml; exporter check finds mistakes")


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@theme_option
@template_option
@click.option("--force", is_flag=True, help="Rebuild even what is up to date.")
@resource_option
@verbose_option
def build(
    sources: tuple[Path, ...],
    theme_path: Path | None,
    template_path: Path | None,
    force: bool,
    resources: tuple[Path, ...],
    verbose: bool,
) -> None:
    """Write out/<name>.pdf and out/<name>.pptx for every source (default: source/*.yaml and *.md).

    Up-to-date outputs (same source, images, theme, templates and exporter version) are skipped.
    """
    from exporter.build import Built
    from exporter.build import build as build_all
    from exporter.progress import DELAY, Progress
    from exporter.report import problem_lines

    paths = list(sources) or _default_sources()
    if not paths:
        raise ExporterError("source/: no *.yaml or *.md source to build")
    by_name: dict[str, Path] = {}
    for path in paths:
        if path.stem in by_name and by_name[path.stem] != path:
            raise ExporterError(f"{by_name[path.stem]} and {path} would both write out/{path.stem}.*; rename one")
        by_name[path.stem] = path
    failed = False
    with Progress(len(paths) * len(RENDERERS), "building", DELAY if len(paths) == 1 else 0) as progress:

        def written(built: Built) -> None:
            progress.echo(str(built))
            progress.advance()

        for result in build_all(paths, theme_path, Path("out"), force, written, resources, template_path):
            for line in problem_lines(result.warnings, verbose):
                progress.echo(line, err=True)
            for line in result.errors:
                progress.echo(line, err=True)
            failed = failed or bool(result.errors)
    if failed:
        raise click.exceptions.Exit(2)


def _default_sources() -> list[Path]:
    """``source/*.yaml`` and ``source/*.md``; a Markdown file with a YAML twin of its name (the
    article in both forms) is left to the YAML one, and said so."""
    yaml_sources = sorted(Path("source").glob("*.yaml"))
    names = {p.stem for p in yaml_sources}
    markdown = sorted(Path("source").glob("*.md"))
    for path in markdown:
        if path.stem in names:
            click.echo(f"{path}: not built, out/{path.stem}.* come from source/{path.stem}.yaml", err=True)
    return sorted(yaml_sources + [p for p in markdown if p.stem not in names])


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--source",
    "source_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The source to compare with (default: source/<file name>.yaml, else .md).",
)
@theme_option
@template_option
@resource_option
def stamp(
    files: tuple[Path, ...],
    source_path: Path | None,
    theme_path: Path | None,
    template_path: Path | None,
    resources: tuple[Path, ...],
) -> None:
    """Say which revision each PDF or PPTX was built from, and whether it is current.

    Exit status 0 when every file matches its source, 1 when any is stale, 2 when a
    file carries no stamp.
    """
    from exporter.inputs import InputError
    from exporter.renderers import read_stamp
    from exporter.revision import revision

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
        source = source_path or next(
            (p for p in (Path("source") / f"{path.stem}{s}" for s in SOURCE_SUFFIXES) if p.exists()),
            Path("source") / f"{path.stem}.yaml",
        )
        current = revision(source, theme_file(source, theme_path), resources, template_path)
        if found == current:
            click.echo(f"{path}: rev. {found}, matches {source}")
        else:
            click.echo(f"{path}: rev. {found}, stale: {source} is now rev. {current}")
            status = max(status, 1)
    raise click.exceptions.Exit(status)


@main.command("watch")
@source_argument
@theme_option
@template_option
@resource_option
def watch_command(
    source: Path, theme_path: Path | None, template_path: Path | None, resources: tuple[Path, ...]
) -> None:
    """Rebuild the PDF and the deck on every save of the source, an image it shows, the theme or templates."""
    from exporter.watch import watch

    try:
        theme = theme_file(source, theme_path)
        echo = lambda line, err: click.echo(line, err=err)  # noqa: E731
        watch(source, theme, Path("out"), echo, resources=resources, template=template_path)
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
    help="text: 'path:line:col: severity: message' lines, many warnings of a kind grouped; json: every one.",
)
@verbose_option
@theme_option
@template_option
@resource_option
def check(
    source: Path,
    strict: bool,
    output_format: str,
    verbose: bool,
    theme_path: Path | None,
    template_path: Path | None,
    resources: tuple[Path, ...],
) -> None:
    """Check the source without writing anything: errors and warnings, with their positions.

    Past 4 warnings of one kind, the first 3 are listed and the rest counted (--verbose: all).
    Notes (the language found when the source gives none) go to stderr. Exit status 0 when
    clean (warnings allowed unless --strict), 1 on warnings with --strict, 2 on errors.
    """
    import json

    from exporter.errors import Problem, SourceError
    from exporter.lint import check as lint
    from exporter.report import problem_lines

    try:
        theme = theme_file(source, theme_path)
        folders = template_folders(source, theme)
        problems: list[Problem] = []
        if kit_templates(folders):  # Jinja is imported only for a project's or a kit's templates
            from exporter.sandbox import template_problems

            problems = template_problems(folders)
        problems += lint(source, load_theme(theme), resources, deck_template(theme, template_path), theme, notes=True)
    except SourceError as exc:  # the theme or a template is refused
        problems = exc.problems
    for note in (p for p in problems if p.severity == "note"):  # what was found, not a problem: on stderr
        click.echo(str(note), err=True)
    problems = [p for p in problems if p.severity != "note"]
    if output_format == "json":
        fields = ("path", "line", "column", "severity", "message")
        click.echo(json.dumps([{k: getattr(p, k) for k in fields} for p in problems], ensure_ascii=False, indent=2))
    else:
        for line in problem_lines(problems, verbose):
            click.echo(line)
    severities = {p.severity for p in problems} - {"hint"}  # a hint never fails a check
    raise click.exceptions.Exit(2 if "error" in severities else 1 if strict and severities else 0)
