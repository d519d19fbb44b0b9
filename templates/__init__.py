"""exporter's defaults, shipped in the package as ``exporter.templates`` (package data).

In: nothing; this package holds files only. Out: ``brief.html.j2``, ``brief.css.j2``,
``theme.yaml`` and ``locales/<lang>.yaml``, read through ``importlib.resources`` by
``exporter.project``. In the repository they are the top-level ``templates/`` folder,
mapped into the wheel by ``pyproject.toml``.
"""
