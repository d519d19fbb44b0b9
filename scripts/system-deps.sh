#!/bin/sh
# Install the Debian/Ubuntu packages exporter needs, if any are missing.
#   scripts/system-deps.sh run    libraries to render (WeasyPrint: Pango, HarfBuzz subsetting)
#   scripts/system-deps.sh test   plus what the tests use: the PDF engines that must draw the
#                                 brief alike (poppler-utils: pdftoppm, pdffonts; mupdf-tools:
#                                 mutool; ghostscript: gs; PDFium comes from pypdfium2), qpdf
#                                 (--check) and LibreOffice Impress (a real client opening the deck)
#   scripts/system-deps.sh bench  plus pandoc, the peer `make bench` times the commands against
# As root it runs apt-get; otherwise it prints the command to run and fails.
set -eu
packages="python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
case "${1:-run}" in
    test) packages="$packages poppler-utils mupdf-tools ghostscript qpdf libreoffice-impress-nogui" ;;
    bench) packages="$packages pandoc" ;;
esac
command -v dpkg-query >/dev/null 2>&1 || {
    echo "system-deps: not a Debian/Ubuntu system; install Pango and HarfBuzz yourself (see README)" >&2
    exit 0
}
missing=""
for package in $packages; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    case "$status" in *"ok installed"*) ;; *) missing="$missing $package" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "system-deps: missing:$missing" >&2
    echo "system-deps: run: sudo apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi
echo "system-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
