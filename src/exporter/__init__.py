"""exporter: one structured article source → an A4 PDF brief and a 16:9 deck.

In: ``source/*.yaml`` and ``templates/`` (or the defaults packaged in ``exporter.templates``).
Out: ``out/*.pdf`` and ``out/*.pptx``.
The pipeline, one module or package per stage: ``source`` (YAML) → ``model`` (the
document) → renderers ``pdf`` and ``slides``; ``theme`` is the brand both read.
"""

__version__ = "0.3.0"
"""The one version: the package metadata reads it (pyproject.toml), `exporter --version` prints it,
and every revision stamp hashes it. CHANGELOG.md says what changed in each."""

GC_THRESHOLDS = (200_000, 30, 30)
"""The cyclic garbage collector's thresholds in every exporter process (mypy's, instead of
CPython's 700, 10, 10): layout and the decks' XML trees allocate millions of objects, and
the defaults collect the older generations so often that they cost a fifth of a 100-page
PDF. Collection still runs, so ``exporter watch`` stays bounded."""
