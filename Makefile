# Every command of the project lives here: README, CI and people use the same targets.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# The project's copy of the dev corpus; `make sync-corpus` refreshes it from ../shared when that grows.
CORPUS ?= tests/fixtures/corpus
SHARED ?= ../shared

.PHONY: demo test lint typecheck unit bench bench-batch score golden sync-corpus fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	# Bytecode for our own modules, as a wheel install would have (this machine sets PYTHONDONTWRITEBYTECODE).
	$(PY) -m compileall -q src
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m uchwaly_parser examples/uchwala_krzykosy.txt

test: $(STAMP) lint typecheck unit

unit: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy src

bench: $(STAMP)
	# Fresh bytecode first: the cold start is measured as an installed package would start.
	$(PY) -m compileall -q src
	$(PY) bench/bench.py --corpus $(CORPUS)

# The corpus path: the dataset command over >= 5,000 files, 1 and N jobs, memory at 1,000 and 10,000 files.
bench-batch: $(STAMP)
	$(PY) -m compileall -q src
	$(PY) bench/bench_batch.py

# The hostile-input run of issue 13: N mutated corpus texts, what broke counted by kind (tests/fuzz.py).
N ?= 100000
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
fuzz: $(STAMP)
	$(PY) tests/fuzz.py -n $(N) --jobs $(JOBS)

# Rewrite the golden files after an intended change; read `git diff tests/fixtures` before committing.
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(PY) -m pytest -q tests/test_golden.py tests/test_render_text.py tests/test_render_markdown.py tests/test_render_akn.py

score: $(STAMP)
	$(PY) tools/score.py $(CORPUS) --python $(PY) --show-misses 40

# Copy ../shared/corpus, its scorer and the Akoma Ntoso schema into the project (nothing at run time reads ../shared).
sync-corpus:
	cp $(SHARED)/corpus/* tests/fixtures/corpus/
	cp $(SHARED)/tools/score.py tools/score.py
	cp $(SHARED)/schemas/akomantoso30.xsd tests/fixtures/akn/akomantoso30.xsd

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis fuzz-failures
