#!/usr/bin/env bash
# `make importer`: galaxy-importer (what Galaxy and Automation Hub run on upload) accepts the built tarball,
# offline, with tools/galaxy-importer.cfg. See docs/development.md for what it checks here.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=$PWD/.venv/bin:$PATH
export GALAXY_IMPORTER_CONFIG=$PWD/tools/galaxy-importer.cfg
rm -rf .build/importer
mkdir -p .build/importer
ansible-galaxy collection build --force --output-path .build/importer . > /dev/null
tarball=$(ls "$PWD"/.build/importer/tikops-routeros-*.tar.gz)
# galaxy-importer writes importer_result.json into the current directory
if ! (cd .build/importer && python -m galaxy_importer.main --print-result "$tarball" > result.log 2>&1); then
    grep -v '^    ' .build/importer/result.log >&2
    echo "importer.sh: galaxy-importer refused $tarball (full output: .build/importer/result.log)" >&2
    exit 1
fi
grep -q '^Importer processing completed successfully' .build/importer/result.log
if grep -E '^(WARNING|ERROR)' .build/importer/result.log; then
    echo "importer.sh: galaxy-importer warned (above)" >&2
    exit 1
fi
echo "importer.sh: galaxy-importer accepts $tarball"
