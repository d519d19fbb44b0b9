# make        set up (system libraries, .venv) and write every output in out/
# make test   set up with the test tools, then ruff and pytest
# make bench  time the commands as whole processes (medians), see README
# make package-test  build the wheel and sdist, install the wheel in a clean venv, init + build

# Debian's and Ubuntu's own python3 is built with PGO and LTO, which makes a cold run
# about 20 % faster than a plain source build (pyenv's default); prefer it when it is
# 3.11 or newer. Override with `make PYTHON=...`.
PYTHON ?= $(shell /usr/bin/python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& echo /usr/bin/python3 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: all outputs test lint bench system system-test system-bench compile clean package-test

all: outputs

system:
	@sh scripts/system-deps.sh run

system-test:
	@sh scripts/system-deps.sh test

system-bench:
	@sh scripts/system-deps.sh bench

$(INSTALLED): pyproject.toml src/exporter/__init__.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $@

# Byte-compile the project's own modules: a cold run otherwise compiles them every
# time where PYTHONDONTWRITEBYTECODE is set (0.1 s of `exporter slides`).
compile: $(INSTALLED)
	@$(BIN)/python -m compileall -q src

outputs: system compile
	$(BIN)/exporter build

lint: $(INSTALLED)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

test: system-test compile lint
	$(BIN)/python -m pytest

# Users install the wheel (pipx install): CI does the same, outside the checkout.
package-test: system $(INSTALLED)
	sh scripts/package-test.sh $(BIN)/python $(PYTHON)

bench: system-bench compile
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) out/*.pdf out/*.pptx
