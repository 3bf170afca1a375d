#!/usr/bin/env bash
# `make docsite`: the docsite of the collection, built with antsibull-docs and Sphinx, offline, warnings are
# errors. Plugin, role and extra-docs pages (docs/docsite/) come from antsibull-docs; the guides of docs/*.md are
# added as a "Guides" part of the index (Sphinx reads them with myst-parser). Output: .build/docsite/build/html.
# Also runs `antsibull-docs lint-collection-docs --plugin-docs .`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=$PWD/.venv/bin:$PATH
out=.build/docsite
antsibull-docs lint-collection-docs --plugin-docs .
rm -rf "$out"
mkdir -p "$out"
chmod 755 "$out"
antsibull-docs sphinx-init --use-current --squash-hierarchy --fail-on-error --no-add-antsibull-docs-version \
    --dest-dir "$out" --project tikops.routeros --copyright "tikops.routeros contributors" \
    --title "tikops.routeros" tikops.routeros > /dev/null
cat >> "$out/conf.py" <<'CONF'

# tikops.routeros (tools/docsite.sh): offline, so Ansible's inventory is the small one of tools/docsite_inventory.py;
# the guides are Markdown.
import os
intersphinx_mapping = {'ansible_devel': ('https://docs.ansible.com/projects/ansible/devel/',
                                         os.path.join(os.path.dirname(os.path.abspath(__file__)), 'ansible_devel.inv'))}
extensions.append('myst_parser')
source_suffix = {'.rst': 'restructuredtext', '.md': 'markdown'}
myst_heading_anchors = 3
CONF
.venv/bin/python tools/docsite_inventory.py "$out/ansible_devel.inv"
mkdir -p "$out/rst"
chmod og-w "$out/rst"
antsibull-docs --config-file "$out/antsibull-docs.cfg" collection --cleanup everything --fail-on-error \
    --use-current --squash-hierarchy --dest-dir "$out/rst" tikops.routeros > /dev/null
mkdir -p "$out/rst/guides"
cp docs/*.md "$out/rst/guides/"
{
    printf 'Guides\n======\n\n.. toctree::\n   :maxdepth: 1\n\n'
    for first in quickstart connection modules resource-modules scaling; do
        [ -f "docs/$first.md" ] && printf '   %s\n' "$first"
    done
    for f in docs/*.md; do
        name=$(basename "$f" .md)
        case "$name" in quickstart | connection | modules | resource-modules | scaling) ;; *) printf '   %s\n' "$name" ;; esac
    done
} > "$out/rst/guides/index.rst"
# the index sphinx-init wrote: add the guides after the collection's own pages
printf '\n.. toctree::\n   :maxdepth: 1\n   :caption: Guides\n\n   guides/index\n' >> "$out/rst/index.rst"
sphinx-build -q -b html -W --keep-going -c "$out" "$out/rst" "$out/build/html"
echo "docsite.sh: built $out/build/html/index.html ($(find "$out/build/html" -name '*.html' | wc -l) pages), no warnings"
