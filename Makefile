# docgen: `make run` installs everything and starts the service; `make test` runs every test.
VENV    := .venv
PY      := $(VENV)/bin/python
HOST    ?= 127.0.0.1
PORT    ?= 8000
# Debian packages the service and the tests need (LibreOffice for PDF, the Times New Roman
# metric twin with every Vietnamese letter, chromium for the browser tests, python3-venv;
# python3-uno lets Debian's python3 drive the warm LibreOffice pool).
APT_PACKAGES := libreoffice-writer-nogui fonts-liberation2 chromium python3-venv python3-uno
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install system-deps bench checker-eval lint schemas template-text clean

install: system-deps $(VENV)/.installed

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $@

run: install
	$(VENV)/bin/docgen serve --host $(HOST) --port $(PORT)

test: install
	$(PY) -m pytest

bench: install
	$(PY) tools/bench.py
	$(PY) tools/bench_report.py
	$(PY) tools/bench_uploads.py

# The Decree 30 checker on its evaluation set: detection per defect and false alarms.
checker-eval: install
	$(PY) tools/checker_eval.py

lint: install
	$(VENV)/bin/ruff check docgen tests tools
	$(VENV)/bin/mypy docgen

schemas: install
	$(VENV)/bin/docgen schemas -o schemas

template-text: install
	$(PY) tools/template_text.py

clean:
	rm -rf $(VENV) artifacts .pytest_cache .mypy_cache .ruff_cache
