#!/usr/bin/env bash
# `make ee`: ansible-builder accepts meta/execution-environment.yml (schema 3) and writes a build context, and
# its introspection of this collection (what an EE that includes it would install) finds no extra Python or
# system packages. No container is built.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
out=.build/ee
rm -rf "$out" "$out-introspect"
"$bin/ansible-builder" create -f meta/execution-environment.yml -c "$out" --output-filename Containerfile
for expected in 'ANSIBLE_INSTALL_REFS="ansible-core>=2.16.0,<2.21 ansible-runner"' 'ansible-galaxy collection install'; do
    grep -qF "$expected" "$out/Containerfile" || { echo "ee_check.sh: $out/Containerfile lacks: $expected" >&2; exit 1; }
done
grep -qF 'tikops.routeros' "$out/_build/requirements.yml" || { echo "ee_check.sh: the collection is not in requirements.yml" >&2; exit 1; }
mkdir -p "$out-introspect/ansible_collections/tikops"
ln -s "$PWD" "$out-introspect/ansible_collections/tikops/routeros"
deps=$("$bin/ansible-builder" introspect --sanitize "$out-introspect")
echo "$deps"
[ "$(echo "$deps" | grep -cE '^(python|system): \[\]$')" = 2 ] || { echo "ee_check.sh: unexpected dependencies" >&2; exit 1; }
# certification rule: ansible-core is never a Python requirement of the collection
if git ls-files | grep -E '(^|/)requirements\.txt$' | xargs -r grep -il '^ansible-core' ; then
    echo "ee_check.sh: ansible-core listed in a requirements.txt (above)" >&2; exit 1
fi
echo "ee_check.sh: ansible-builder accepts meta/execution-environment.yml; context in $out"
