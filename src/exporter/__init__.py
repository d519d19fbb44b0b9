"""exporter: one structured article source → an A4 PDF brief and a 16:9 deck.

In: ``source/*.yaml`` and ``templates/``. Out: ``out/*.pdf`` and ``out/*.pptx``.
The pipeline, one module or package per stage: ``source`` (YAML) → ``model`` (the
document) → renderers ``pdf`` and ``slides``; ``theme`` is the brand both read.
"""

__version__ = "0.1.0"
