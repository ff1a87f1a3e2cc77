# The two commands: `make run` and `make test`. Both make .venv first if it is missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE ?= resources/examples/lenet.json

.PHONY: run test fuzz lint bench screenshot install-desktop uninstall-desktop clean translations

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(MAKE) translations
	touch $(STAMP)

# The GUI's .qm files from the .ts sources (never committed; the app also builds a missing one).
translations:
	for ts in resources/translations/*.ts; do $(BIN)/pyside6-lrelease -silent "$$ts"; done

run: $(STAMP)
	$(BIN)/netbuilder $(EXAMPLE)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/ruff check netbuilder tests bench scripts
	$(BIN)/lint-imports

# Thousands of random graphs, edit sequences and mangled files (scripts/fuzz.py); long.
fuzz: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/fuzz.py

lint: $(STAMP)
	$(BIN)/ruff check netbuilder tests bench scripts
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

screenshot: $(STAMP)
	$(BIN)/python scripts/screenshot_editor.py docs/images/editor-1366x768.png --size 1366x768
	$(BIN)/python scripts/screenshot_editor.py docs/images/editor-1920x1080.png --size 1920x1080
	$(BIN)/python scripts/screenshot_editor.py docs/images/training-1366x768.png --size 1366x768 \
		--example digits --view Training --train 10 --select ""
	$(BIN)/python scripts/screenshot_editor.py docs/images/imported_resnet18.png --size 1600x1100 \
		--import torchvision.models:resnet18 --input-shape 3,224,224 --select fc
	$(BIN)/python scripts/screenshot_dag.py

# The app in the desktop's application menu, for this user (packaging/install-desktop.sh).
install-desktop: $(STAMP)
	sh packaging/install-desktop.sh

uninstall-desktop:
	sh packaging/install-desktop.sh --uninstall

clean:
	rm -rf $(VENV) build *.egg-info
