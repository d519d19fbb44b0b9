#!/bin/sh
# Install exporter the way users will, and use it outside the checkout:
#   scripts/package-test.sh BUILD_PYTHON VENV_PYTHON
# builds the wheel and the sdist with BUILD_PYTHON (`python -m build`), checks that the sdist
# holds the tests and the docs, installs the wheel into a clean venv made by VENV_PYTHON, then
# in an empty temporary folder runs `exporter init` and `exporter build` and checks both
# files: the PDF's pages and text (PDFium), the deck re-opened (python-pptx), the stamps, and
# that the version agrees everywhere. Any failure stops with a message and exit status 1.
set -eu
build_python=$1
venv_python=$2
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "package-test: $*" >&2; exit 1; }

"$build_python" -m build --outdir "$work/dist" "$root" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "python -m build failed"; }
wheel=$(ls "$work"/dist/*.whl)
sdist=$(ls "$work"/dist/*.tar.gz)
for member in tests/test_build.py tests/data/article.txt tests/golden/slides_plan.json docs/source-format.md \
    README.md CHANGELOG.md templates/theme.yaml templates/locales/en.yaml source/article.yaml source/article.md; do
    tar tzf "$sdist" | grep -q "^[^/]*/$member\$" || fail "$(basename "$sdist") lacks $member"
done
for member in exporter/templates/brief.html.j2 exporter/templates/brief.css.j2 exporter/templates/theme.yaml \
    exporter/templates/locales/ja.yaml exporter/templates/locales/en.yaml; do
    unzip -l "$wheel" | grep -q " $member\$" || fail "$(basename "$wheel") lacks $member"
done

"$venv_python" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "$wheel" || fail "pip install of the wheel failed"
mkdir "$work/project"
cd "$work/project"
"$work/venv/bin/exporter" init --lang en >"$work/init.txt" || { cat "$work/init.txt"; fail "exporter init failed"; }
grep -q "^created source/article.md$" "$work/init.txt" || fail "exporter init did not say it created the source"
"$work/venv/bin/exporter" build
"$work/venv/bin/exporter" stamp out/article.pdf out/article.pptx >/dev/null || fail "the stamps do not match"
"$work/venv/bin/python" - "$wheel" <<'PY'
import sys
from importlib.metadata import version
from pathlib import Path

import exporter
import pypdfium2
from exporter.project import DEFAULTS
from pptx import Presentation

wheel_version = Path(sys.argv[1]).name.split("-")[1]
assert exporter.__version__ == version("exporter") == wheel_version, (exporter.__version__, wheel_version)
assert "site-packages" in str(DEFAULTS), f"the defaults come from {DEFAULTS}, not the installed package"
pdf = pypdfium2.PdfDocument("out/article.pdf")
text = "".join(page.get_textpage().get_text_range() for page in pdf)
assert len(pdf) >= 1 and "Bringing the new product to market" in text and "社外秘" not in text, text[:200]
deck = Presentation("out/article.pptx")
titles = [" ".join(shape.text_frame.text.split()) for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
assert len(deck.slides) >= 3 and any("Bringing the new product" in t for t in titles), titles[:5]
print(f"package-test: {Path(sys.argv[1]).name}: {len(pdf)} pages, {len(deck.slides)} slides, version {wheel_version}")
PY
[ "$("$work/venv/bin/exporter" --version)" = "exporter, version $(basename "$wheel" | cut -d- -f2)" ] || fail "exporter --version disagrees with the wheel"
