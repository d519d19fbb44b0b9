"""The slide layouts, one module per family; each function takes a ``Context`` and returns slides.

In: a ``Context`` (``exporter.slides.context``) and the model nodes a layout shows.
Out: ``Slide``s of the plan (``exporter.slides.shapes``), or None where the document has nothing
for that layout; a layout that cannot fit its content raises ``Unfit`` (``exporter.slides.fit``),
which the plan records at the node it was planning. ``cover`` — the cover and the closing slide;
``summary`` — the summary slide, the before/after comparison and the implications (with the
``card`` they share); ``quotes`` — quote panels, a quote's own slide and the opening quotes;
``findings`` — a section's key tables, its points beside a quote, its images; ``agenda`` — the
sections of a document without a summary; ``sections`` — the overview, dividers and a section's
own points where no other slide shows it.
``exporter.slides.plan`` calls them in the deck's order. A new layout goes in the family it
belongs to, or in a module of its own here.
"""
