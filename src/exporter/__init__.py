"""exporter: one structured article source → an A4 PDF brief and a 16:9 deck.

The pipeline, one package per stage: ``source`` (YAML) → ``model`` (the document)
→ renderers ``pdf`` and ``slides``; ``theme`` is the brand both renderers read.
"""

__version__ = "0.1.0"
