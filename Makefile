# geoevents: `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LAB_STAMP := $(VENV)/.installed-notebooks

.PHONY: demo test test-fast lint format gazetteer bench fit lab system-deps test-deps clean

# Debian packages: python3-venv to set up; for the tests, unshare (util-linux) and ip
# (iproute2) to cut the network off, chromium to open saved maps (Playwright
# drives it), and postgresql with postgis for the event store's PostgreSQL tests
# (tools/postgres starts a private server on the loopback interface and stops it after
# them). `make demo` needs only the first.
define apt_install
	@missing=""; \
	for pkg in $(1); do case $$pkg in \
	  python3-venv) $(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || missing="$$missing $$pkg";; \
	  util-linux) command -v unshare >/dev/null 2>&1 || missing="$$missing $$pkg";; \
	  iproute2) command -v ip >/dev/null 2>&1 || missing="$$missing $$pkg";; \
	  chromium) [ -x /usr/bin/chromium ] || missing="$$missing $$pkg";; \
	  postgresql) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing $$pkg";; \
	  postgis) ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 || missing="$$missing $$pkg";; \
	esac; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else echo "please install:$$missing" >&2; fi; \
	fi
endef

system-deps:
	$(call apt_install,python3-venv)

test-deps:
	$(call apt_install,util-linux iproute2 chromium postgresql postgis)

$(STAMP): pyproject.toml
	$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# JupyterLab and the notebooks' extras, on top of the dev install
$(LAB_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,notebooks]'
	touch $(LAB_STAMP)

gazetteer: $(STAMP)
	$(BIN)/geoevents gazetteer build

demo: gazetteer
	$(BIN)/python examples/demo.py

lab: $(LAB_STAMP) gazetteer
	$(BIN)/jupyter lab notebooks/

lint: $(STAMP)
	$(BIN)/ruff check geoevents tests benchmarks examples
	$(BIN)/ruff format --check geoevents tests benchmarks examples

format: $(STAMP)
	$(BIN)/ruff format geoevents tests benchmarks examples
	$(BIN)/ruff check --fix geoevents tests benchmarks examples

# the tests run with the network cut off; a private PostgreSQL runs beside them, inside
# the same network namespace, and is stopped whatever the tests' outcome
test: test-deps gazetteer lint
	tools/offline sh -c 'tools/postgres start >/dev/null || echo "no PostgreSQL here: its tests will skip"; \
	  $(BIN)/python -m pytest; rc=$$?; tools/postgres stop; exit $$rc'

# the unit tests: no full gazetteer index, no browser, no long waits; no lint, no build
test-fast: $(STAMP)
	tools/offline $(BIN)/python -m pytest -m "not integration and not browser and not slow"

bench: gazetteer
	$(BIN)/python benchmarks/bench_gazetteer.py
	cd benchmarks && ../$(BIN)/python bench_geoparse.py --large 10
	$(BIN)/python benchmarks/bench_events.py
	$(BIN)/python benchmarks/bench_maps.py
	$(BIN)/python benchmarks/bench_merge.py
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_merge_quality.py
	$(BIN)/python benchmarks/bench_dask.py
	$(BIN)/python benchmarks/bench_long_text.py

fit: gazetteer
	cd benchmarks && ../$(BIN)/python fit_geoparser.py
	cd benchmarks && ../$(BIN)/python fit_locator.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
