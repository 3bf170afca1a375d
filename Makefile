# tikops.routeros development commands (GNU make). See docs/development.md.
#   make demo   run the demo against a simulated router
#   make test   everything CI runs: pytest, ansible-lint, ansible-test sanity, changelog lint, ansible-doc

PYTHON ?= python3
VENV := $(CURDIR)/.venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.tikops-installed
REQUIREMENTS := requirements/dev.txt
# Every pytest directory that exists (tests/support holds helpers, not tests).
TEST_DIRS := $(wildcard tests/unit tests/wire tests/simulator tests/playbooks)
# six workers on two cores: the playbook tests spend part of their time waiting (timeouts, the simulator, the
# router's simulated latency); with four beside sanity and molecule the cores were idle a sixth of the time
PYTEST_ARGS ?= -n 6

# Tools from the venv come first (ansible-test finds shellcheck there, ansible-lint finds ansible-playbook).
export PATH := $(VENV)/bin:$(PATH)
# Python's bytecode cache on: pip installs with --no-compile (below), so with PYTHONDONTWRITEBYTECODE set (some
# machine images set it) every process would compile every module it imports from source, every time: about a
# second of CPU per ansible-playbook run in a new venv, and a third of a simulator's start. The caches live in
# .venv and in the ignored __pycache__ directories of the checkout (never in the built collection: galaxy.yml).
unexport PYTHONDONTWRITEBYTECODE

.DEFAULT_GOAL := help
.PHONY: help venv test pytest unit wire simulator-tests playbooks lint sanity changelog docs demo build clean distclean
.PHONY: matrix matrix-others checks checks-rest ee docsite importer molecule

help:
	@echo "make demo       run the demo (demo/run.py) against a simulated router"
	@echo "make test       run every check CI runs: pytest molecule checks (sanity lint changelog docs ee docsite"
	@echo "                importer) and the matrix"
	@echo "make venv       create .venv from $(REQUIREMENTS) and link the repo in as tikops.routeros"
	@echo "make pytest     all pytest suites ($(TEST_DIRS)) with $(PYTEST_ARGS)"
	@echo "make unit | wire | simulator-tests | playbooks   one pytest suite"
	@echo "make lint       ansible-lint, production profile"
	@echo "make sanity     ansible-test sanity for Python 3.11, offline (tools/sanity.sh)"
	@echo "make changelog  antsibull-changelog lint"
	@echo "make docs       render every plugin's documentation with ansible-doc (tools/doc_check.py)"
	@echo "make molecule   molecule test for every scenario in extensions/molecule (in parallel, against rosim)"
	@echo "make build      build the collection tarball into .build/dist"
	@echo "make matrix     tests/matrix.txt with every ansible-core line we claim (tools/matrix.sh)"
	@echo "make ee         ansible-builder accepts meta/execution-environment.yml (tools/ee_check.sh)"
	@echo "make docsite    the antsibull-docs/Sphinx docsite, no warnings, into .build/docsite (tools/docsite.sh)"
	@echo "make importer   galaxy-importer accepts the built tarball, offline (tools/importer.sh)"
	@echo "make clean      remove .build; make distclean also removes .venv"

# The stamp is newer than the requirements file once they are installed: re-runs are instant, and a
# changed requirements file installs again. --no-compile: Python compiles what is imported when it is first
# imported, instead of pip compiling every file of every package up front.
$(STAMP): $(REQUIREMENTS)
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --disable-pip-version-check --no-compile -q -r $(REQUIREMENTS)
	@touch $@

# The repo itself is the collection: link it into the venv's site-packages as ansible_collections/tikops/routeros
# so that `import ansible_collections.tikops.routeros...` and `tikops.routeros.X` work from the working tree.
venv: $(STAMP)
	@purelib=$$($(VPY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'); \
	link=$$purelib/ansible_collections/tikops/routeros; \
	if [ "$$(readlink "$$link")" != "$(CURDIR)" ]; then \
		mkdir -p "$$purelib/ansible_collections/tikops" && ln -sfn "$(CURDIR)" "$$link" && echo "linked $$link -> $(CURDIR)"; \
	fi

# Sanity and molecule run in the background beside pytest (pytest's workers wait on playbooks and simulators part
# of the time). Then the other checks and the matrix run side by side; the matrix builds its venvs there (not the
# line of .venv, on which make pytest runs the whole suite), where it finishes before the checks do, instead of
# beside pytest, which is the longest stage. Each job's output goes to .build/stage-<name>.log, shown when it fails;
# each says how long it took; any failure fails make test.
test:
	@mkdir -p .build; $(MAKE) --no-print-directory venv || exit 1; \
	run() { start=$$(date +%s); \
		if $(MAKE) --no-print-directory $$1 > .build/stage-$$1.log 2>&1; then \
			echo "==> make $$1 passed in $$(( $$(date +%s) - start ))s"; \
		else \
			cat .build/stage-$$1.log; echo "==> make $$1 FAILED after $$(( $$(date +%s) - start ))s"; return 1; \
		fi; }; \
	pids=; for stage in sanity molecule; do run $$stage & pids="$$pids $$!"; done; \
	start=$$(date +%s); echo "==> make pytest"; \
	if ! $(MAKE) --no-print-directory pytest; then \
		echo "==> make pytest FAILED after $$(( $$(date +%s) - start ))s"; wait $$pids; exit 1; \
	fi; \
	echo "==> make pytest passed in $$(( $$(date +%s) - start ))s"; \
	for stage in checks-rest matrix-others; do run $$stage & pids="$$pids $$!"; done; \
	fail=0; for pid in $$pids; do wait $$pid || fail=1; done; exit $$fail

# sanity lint changelog docs ee docsite importer, two at a time (sanity mostly keeps one core busy), each one's
# output together
checks: venv
	@$(MAKE) --no-print-directory -j2 --output-sync=target sanity lint changelog docs ee docsite importer

# the checks but sanity (make test runs sanity beside pytest)
checks-rest: venv
	@$(MAKE) --no-print-directory -j2 --output-sync=target lint changelog docs ee docsite importer

matrix-others: venv
	tools/matrix.sh --except-dev

pytest: venv
	@test -n "$(TEST_DIRS)" || { echo "no test directories found" >&2; exit 1; }
	$(VPY) -m pytest $(PYTEST_ARGS) $(TEST_DIRS)

unit: venv
	$(VPY) -m pytest $(PYTEST_ARGS) tests/unit

wire: venv
	$(VPY) -m pytest $(PYTEST_ARGS) tests/wire

simulator-tests: venv
	$(VPY) -m pytest $(PYTEST_ARGS) tests/simulator

playbooks: venv
	$(VPY) -m pytest $(PYTEST_ARGS) tests/playbooks

lint: venv
	$(VENV)/bin/ansible-lint --profile production

sanity: venv
	tools/sanity.sh

changelog: venv
	$(VENV)/bin/antsibull-changelog lint

docs: venv
	$(VPY) tools/doc_check.py

# Every scenario of extensions/molecule at once (each starts its own simulated routers on free ports); a failed
# scenario's log is shown. Logs: .build/molecule/<scenario>.log. Each scenario's ephemeral directory is in this
# checkout's .build (molecule's default, ~/.ansible/tmp/molecule.<hash of the folder's name>.<scenario>, is shared by
# every checkout whose folder has the same name: two of them running at once stopped each other's routers).
MOLECULE_SCENARIOS := $(notdir $(patsubst %/molecule.yml,%,$(wildcard extensions/molecule/*/molecule.yml)))
molecule: venv
	@test -n "$(MOLECULE_SCENARIOS)" || { echo "no molecule scenarios found" >&2; exit 1; }
	@mkdir -p .build/molecule; \
	for s in $(MOLECULE_SCENARIOS); do \
		( MOLECULE_EPHEMERAL_DIRECTORY=$(CURDIR)/.build/molecule/$$s.tmp $(VENV)/bin/molecule test -s $$s \
			> .build/molecule/$$s.log 2>&1; echo $$? > .build/molecule/$$s.rc ) & \
	done; wait; fail=0; \
	for s in $(MOLECULE_SCENARIOS); do \
		rc=$$(cat .build/molecule/$$s.rc); echo "molecule test -s $$s: exit $$rc"; \
		if [ "$$rc" != 0 ]; then tail -80 .build/molecule/$$s.log; fail=1; fi; \
	done; exit $$fail

demo: venv
	@test -f demo/run.py || { echo "make demo: demo/run.py does not exist yet (the demo is still being written)" >&2; exit 1; }
	$(VPY) demo/run.py

matrix: venv
	tools/matrix.sh

ee: venv
	tools/ee_check.sh

docsite: venv
	tools/docsite.sh

importer: venv
	tools/importer.sh

build: venv
	$(VENV)/bin/ansible-galaxy collection build --force --output-path .build/dist .

clean:
	rm -rf .build

distclean: clean
	rm -rf $(VENV)
