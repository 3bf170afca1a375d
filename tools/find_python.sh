#!/usr/bin/env bash
# Print the path of a working Python X.Y interpreter: `tools/find_python.sh 3.12`.
# Looks at pythonX.Y on PATH (a pyenv shim only counts if it runs), then pyenv's versions ($PYENV_ROOT or
# ~/.pyenv), then /usr/local/bin and /usr/bin. If none is found it installs one: with pyenv when pyenv is there
# (`pyenv install -s`), else Debian's pythonX.Y and pythonX.Y-venv packages when apt knows them.
set -euo pipefail
want=${1:?usage: find_python.sh X.Y}

works() {
    [ -x "$1" ] && [ "$("$1" -c 'import sys, venv; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "$want" ]
}

find_one() {
    local candidate root
    candidate=$(command -v "python$want" 2>/dev/null || true)
    if [ -n "$candidate" ] && works "$candidate"; then echo "$candidate"; return 0; fi
    root=${PYENV_ROOT:-$HOME/.pyenv}
    if command -v pyenv >/dev/null 2>&1; then root=$(pyenv root); fi
    # newest patch release first
    for candidate in $(printf '%s\n' "$root"/versions/"$want".* | sort -V -r); do
        if works "$candidate/bin/python$want"; then echo "$candidate/bin/python$want"; return 0; fi
    done
    for candidate in "/usr/local/bin/python$want" "/usr/bin/python$want"; do
        if works "$candidate"; then echo "$candidate"; return 0; fi
    done
    return 1
}

if find_one; then exit 0; fi
if command -v pyenv >/dev/null 2>&1; then
    echo "find_python.sh: no Python $want found; installing it with pyenv" >&2
    pyenv install -s "$want" >&2 || true
elif command -v apt-get >/dev/null 2>&1 && apt-cache show "python$want-venv" >/dev/null 2>&1; then
    echo "find_python.sh: no Python $want found; installing Debian's python$want-venv" >&2
    apt-get install -y -q "python$want" "python$want-venv" >&2 || true
fi
if find_one; then exit 0; fi
echo "find_python.sh: no working Python $want (looked on PATH, in pyenv's versions, /usr/local/bin, /usr/bin;" \
     "installing with pyenv or apt did not give one)" >&2
exit 1
