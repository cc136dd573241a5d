# flashpoint's dev loop. `make test` is what CI runs (.ci/run).
VENV   ?= .venv
PY     := $(VENV)/bin/python
FP     := $(VENV)/bin/flashpoint
SHARED ?= ../shared
DB     ?= flashpoint.duckdb
BENCH_ARGS ?=

.PHONY: setup run test eval bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $@

run: setup
	$(PY) -m flashpoint.examples --db $(DB)

test: setup
	sh scripts/install_browser.sh $(PY)
	$(PY) -m pytest -q -p no:cacheprovider

eval: setup
	$(PY) scripts/eval.py --shared $(SHARED)

bench: setup
	$(PY) benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info $(DB)
