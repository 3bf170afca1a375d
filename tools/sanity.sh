#!/usr/bin/env bash
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Run `ansible-test sanity` for this collection without reaching ci-files.testing.ansible.com.
# See docs/development.md ("How sanity runs offline").
#   tools/sanity.sh [extra ansible-test sanity arguments, e.g. --test pylint]
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
venv=${VENV:-$repo/.venv}
python=$venv/bin/python
python_version=${SANITY_PYTHON:-3.11}
tree=$repo/.build/ansible_collections/tikops/routeros

if [[ ! -x $python ]]; then
    echo "sanity: $python not found; run 'make venv' first" >&2
    exit 1
fi

# Runs take turns, across every checkout of the machine (git worktrees included): they share ansible-test's
# venv cache in ~/.ansible/test, and two runs building the same sanity venv at once break it.
mkdir -p "$repo/.build" "$HOME/.ansible/test"
if command -v flock >/dev/null; then
    exec 9>"$HOME/.ansible/test/tikops-sanity.lock"
    flock 9
fi

# 1. ansible-test bootstraps pip into each sanity venv with ~/.ansible/test/cache/get_pip_<version>.py and
#    downloads that file only when it is missing. Put our stdlib-based stand-in there. A file that is not ours
#    (a real get-pip.py fetched on an online machine) is left alone: it works as well.
pip_version=$("$python" -c '
from ansible_test._internal.host_configs import NativePythonConfig
from ansible_test._internal.python_requirements import get_venv_packages
print(get_venv_packages(NativePythonConfig(version="'"$python_version"'", path="unused"))["pip"])')
bootstrap=$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py
marker='tikops.routeros offline pip bootstrap'
if [[ ! -e $bootstrap ]] || { grep -q "$marker" "$bootstrap" && ! cmp -s "$repo/tools/get_pip_offline.py" "$bootstrap"; }; then
    mkdir -p "$(dirname "$bootstrap")"
    cp "$repo/tools/get_pip_offline.py" "$bootstrap"
    echo "sanity: installed the offline pip bootstrap at $bootstrap"
fi

# 2. ansible-test must run from .../ansible_collections/tikops/routeros. Build that tree from the files git
#    would commit (tracked, plus untracked but not ignored), so .venv, .build and caches stay out.
rm -rf "$tree"
mkdir -p "$tree"
(
    cd "$repo"
    git ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' path; do
            # files deleted from the working tree but still in the index are skipped
            if [[ -e $path || -L $path ]]; then
                printf '%s\0' "$path"
            fi
        done |
        tar --null --no-recursion -T - -cf - |
        tar -xf - -C "$tree"
)

# ansible-test takes its file list from the nearest enclosing git repository. Without one of its own, the tree
# would be seen as part of this repo, where .build/ is ignored, and every target would be skipped. A throwaway
# repository (nothing staged, nothing committed) makes ansible-test list the tree's files as in a plain clone.
git -C "$tree" init -q

# 3. Run every sanity test that applies to this Python. The sanity venvs are cached in ~/.ansible/test/venv.
cd "$tree"
export PATH=$venv/bin:$PATH
exec "$venv/bin/ansible-test" sanity --python "$python_version" --color no "$@"
