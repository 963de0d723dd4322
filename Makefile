# Two commands on a fresh machine: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
KG := $(VENV)/bin/kg
STORE ?= kg-store
STAMP := $(VENV)/.installed

.PHONY: demo test install system-deps lint clean readme bench

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Headless Chromium for the browser test of `kg serve`'s page (Debian package).
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium (browser tests)"; \
	    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not installed and cannot apt-get: browser tests will fail"; fi; }

demo: install
	$(KG) build examples/letters --store $(STORE)
	$(KG) validate --store $(STORE)
	$(KG) report ncnd-covert --store $(STORE)

test: install system-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

readme: install
	$(VENV)/bin/cog -r README.md

bench: install
	$(PY) -m benchmarks.run --letters 1000,10000

clean:
	rm -rf $(STORE) .pytest_cache build *.egg-info
