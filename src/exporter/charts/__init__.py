"""Charts: a table of numbers drawn as a chart, the same in the deck and in the brief.

``plan`` reads a table into one ``ChartPlan`` (kind, categories, series, number formats, unit,
axis); ``svg`` draws it for the brief; the deck draws it as a native chart
(``exporter.slides.pptx``, placed by ``exporter.slides.layouts.charts``).
"""
