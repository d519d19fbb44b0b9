"""Typography shared by every renderer.

In: texts. Out: the bundled faces (``fonts``), BudouX phrases (``phrases``), and widths
and line breaks measured with the faces' metrics (``metrics``), and texts as they compare
with what a written file holds (``compare``).
"""
