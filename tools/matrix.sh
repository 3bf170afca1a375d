#!/usr/bin/env bash
# Run the tests of tests/matrix.txt with every ansible-core line in LINES (the lines meta/runtime.yml claims).
#
#   tools/matrix.sh              every line
#   tools/matrix.sh 2.16 2.20    some lines
#   tools/matrix.sh --except-dev every line but the one .venv has (make test: make pytest ran the whole suite on it)
#   tools/matrix.sh --build-only build the venvs and stop (make test starts this first, in the background: the
#                                builds are mostly downloads, and overlap the other stages)
#
# Each line gets its own venv, .build/matrix/ansible-core-X.Y (Python per line below, found or installed by
# tools/find_python.sh), with ansible-core X.Y.* from PyPI and nothing else, and the working tree linked in as
# ansible_collections/tikops/routeros. A stamp file holds the spec the venv was built for: re-runs reuse it.
# pytest itself runs in .venv; TIKOPS_ANSIBLE_BIN makes tests/support/playbook.py run that line's
# ansible-playbook, with that line's Python as the modules' interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."

# ansible-core line -> controller Python (each line's supported controller Pythons: 2.16/2.17 3.10-3.12,
# 2.18/2.19 3.11-3.13, 2.20 3.12-3.14)
LINES="2.16:3.11 2.17:3.11 2.18:3.11 2.19:3.11 2.20:3.12"
DIR=.build/matrix
PIP_FLAGS=(--disable-pip-version-check --no-compile -q)

build_only=0
except_dev=0
wanted=()
for arg in "$@"; do
    case $arg in
        --build-only) build_only=1 ;;
        --except-dev) except_dev=1 ;;
        *) wanted+=("$arg") ;;
    esac
done
dev_line=
if [ $except_dev -eq 1 ]; then
    # the line requirements/dev.txt pins for .venv (read from the file: make test starts the matrix build before
    # .venv exists); else the line of the installed .venv
    dev_line=$(sed -n 's/^ansible-core>=\([0-9]*\.[0-9]*\),<.*/\1/p' requirements/dev.txt)
    if [ -z "$dev_line" ]; then
        dev_line=$(.venv/bin/python -c 'import ansible.release as r; print(".".join(r.__version__.split(".")[:2]))')
    fi
    echo "==> matrix: ansible-core $dev_line is the line of .venv: make pytest ran the whole suite on it"
fi
selected=()
for entry in $LINES; do
    line=${entry%%:*}
    [ "$line" != "$dev_line" ] || continue
    if [ ${#wanted[@]} -eq 0 ] || [[ " ${wanted[*]} " == *" $line "* ]]; then selected+=("$entry"); fi
done
[ ${#selected[@]} -gt 0 ] || { echo "matrix.sh: no line of '$LINES' matches '$*'" >&2; exit 2; }

mapfile -t TESTS < <(grep -v -e '^#' -e '^[[:space:]]*$' tests/matrix.txt)
[ ${#TESTS[@]} -gt 0 ] || { echo "matrix.sh: tests/matrix.txt lists no tests" >&2; exit 2; }

# Runs in a background subshell of its own (the lock is released when it exits): one build per venv at a time, as
# make test's background build and make matrix may meet here.
build_venv() {
    mkdir -p "$DIR"
    exec {lock}>"$DIR/.lock-$1"
    flock "$lock"
    build_venv_locked "$1" "$2" "$DIR/ansible-core-$1"
}

build_venv_locked() {
    local line=$1 pyver=$2 venv=$3 spec python purelib
    spec="ansible-core==$line.* python$pyver"
    if [ -f "$venv/.tikops-matrix" ] && [ "$(cat "$venv/.tikops-matrix")" = "$spec" ]; then return 0; fi
    python=$(tools/find_python.sh "$pyver")
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install "${PIP_FLAGS[@]}" "ansible-core==$line.*" 2>&1 | grep -v '^WARNING: Location' || true
    "$venv/bin/ansible" --version >/dev/null || { echo "matrix.sh: ansible-core $line did not install" >&2; return 1; }
    purelib=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    mkdir -p "$purelib/ansible_collections/tikops"
    ln -sfn "$PWD" "$purelib/ansible_collections/tikops/routeros"
    echo "$spec" > "$venv/.tikops-matrix"
}

# build the missing venvs side by side (mostly downloads), then test one line after the other
pids=()
for entry in "${selected[@]}"; do
    build_venv "${entry%%:*}" "${entry##*:}" > "$DIR.build-${entry%%:*}.log" 2>&1 &
    pids+=($!)
done
mkdir -p "$DIR"
failed=0
for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
        echo "matrix.sh: building the venv of ansible-core ${selected[$i]%%:*} failed:" >&2
        cat "$DIR.build-${selected[$i]%%:*}.log" >&2
        failed=1
    fi
done
[ $failed -eq 0 ] || exit 1
[ $build_only -eq 0 ] || exit 0

# the lines run side by side, one pytest worker each (make test runs them beside molecule and the checks: more
# workers than that only make the two cores switch more), so this takes about as long as the slowest line
pids=()
for entry in "${selected[@]}"; do
    line=${entry%%:*}
    bin=$PWD/$DIR/ansible-core-$line/bin
    (
        version=$("$bin/ansible" --version)
        echo "==> matrix: ${version%%$'\n'*}, $("$bin/python" --version)"
        read -r -a pytest_args <<< "${PYTEST_ARGS:--n 1}"
        TIKOPS_ANSIBLE_BIN=$bin exec .venv/bin/python -m pytest "${pytest_args[@]}" "${TESTS[@]}"
    ) > "$DIR/pytest-$line.log" 2>&1 &
    pids+=($!)
done
for i in "${!pids[@]}"; do
    line=${selected[$i]%%:*}
    if wait "${pids[$i]}"; then
        echo "==> matrix: ansible-core $line: $(tail -1 "$DIR/pytest-$line.log")"
    else
        cat "$DIR/pytest-$line.log"
        echo "==> matrix: ansible-core $line FAILED (above; $DIR/pytest-$line.log)"
        failed=1
    fi
done
exit $failed
