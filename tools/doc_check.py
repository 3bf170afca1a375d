# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render the documentation of every plugin and role of the collection with ansible-doc; fail if any does not render.

ansible-doc exits 0 even when a plugin is not found or its documentation does not load (it only warns), so
this checks the JSON it returns for every plugin file, then renders the text and fails on any warning or error.

    python tools/doc_check.py [--ansible-doc PATH]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import subprocess
import sys
import sysconfig

COLLECTION = "tikops.routeros"

# plugins/<directory> -> ansible-doc plugin type. Directories not listed have no documentation of their own:
# action (documented by the module of the same name), module_utils, plugin_utils, doc_fragments.
DOC_TYPES = {
    "modules": "module",
    "become": "become",
    "cache": "cache",
    "callback": "callback",
    "cliconf": "cliconf",
    "connection": "connection",
    "httpapi": "httpapi",
    "inventory": "inventory",
    "lookup": "lookup",
    "netconf": "netconf",
    "shell": "shell",
    "strategy": "strategy",
    "vars": "vars",
    "filter": "filter",
    "test": "test",
}
# Filter and test plugin files hold several plugins each; their names come from ansible-doc's own listing.
LISTED_TYPES = ("filter", "test")


def plugin_names(root, directory):
    """Names of the plugins in plugins/<directory>, one per Python file."""
    path = os.path.join(root, "plugins", directory)
    if not os.path.isdir(path):
        return []
    names = []
    for filename in sorted(os.listdir(path)):
        base, ext = os.path.splitext(filename)
        if ext == ".py" and base != "__init__" and not base.startswith("_"):
            names.append(base)
    return names


def role_names(root):
    """Roles under roles/ that document their entry points (meta/argument_specs.yml)."""
    path = os.path.join(root, "roles")
    if not os.path.isdir(path):
        return []
    return sorted(name for name in os.listdir(path)
                  if os.path.isfile(os.path.join(path, name, "meta", "argument_specs.yml")))


def ansible_doc(ansible_doc_path, args):
    """Run ansible-doc; return (exit status, stdout, stderr)."""
    # this checkout (linked into the venv), not a copy of the collection installed in ~/.ansible/collections
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=sysconfig.get_paths()["purelib"])
    proc = subprocess.run([ansible_doc_path] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, check=False, env=env)
    return proc.returncode, proc.stdout, proc.stderr


def check_batch(ansible_doc_path, plugin_type, names):
    """Return a list of problems with the documentation of these plugins of one type (one JSON and one text run)."""
    problems = []
    fqcns = ["%s.%s" % (COLLECTION, name) for name in names]

    status, out, err = ansible_doc(ansible_doc_path, ["-t", plugin_type, "--json"] + fqcns)
    if status:
        problems.append("ansible-doc -t %s --json %s exited %d: %s" % (plugin_type, " ".join(fqcns), status, err.strip()))
    else:
        try:
            docs = json.loads(out)
        except ValueError:
            docs = {}
            problems.append("ansible-doc -t %s --json printed no JSON: %s" % (plugin_type, err.strip() or out[:200]))
        for fqcn in fqcns:
            entry = docs.get(fqcn)
            if not isinstance(entry, dict) or not entry.get("entry_points" if plugin_type == "role" else "doc"):
                problems.append("%s %s: no documentation loaded" % (plugin_type, fqcn))

    status, out, err = ansible_doc(ansible_doc_path, ["-t", plugin_type] + fqcns)
    bad_lines = [line for line in err.splitlines() if "[WARNING]" in line or "[ERROR]" in line]
    if status or bad_lines:
        problems.append("ansible-doc -t %s %s exited %d: %s" % (plugin_type, " ".join(fqcns), status, "\n".join(bad_lines) or err.strip()))
    elif not out.strip():
        problems.append("ansible-doc -t %s %s rendered nothing" % (plugin_type, " ".join(fqcns)))
    return problems


def check_type(ansible_doc_path, plugin_type, names):
    """Check all plugins of one type at once; when that fails, check them one by one to name the culprits."""
    problems = check_batch(ansible_doc_path, plugin_type, names)
    if problems and len(names) > 1:
        problems = []
        for name in names:
            problems.extend(check_batch(ansible_doc_path, plugin_type, [name]))
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ansible-doc", default=os.path.join(os.path.dirname(sys.executable), "ansible-doc"),
                        help="the ansible-doc to run (default: the one next to this Python)")
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

    problems = []
    checked = 0
    for directory, plugin_type in sorted(DOC_TYPES.items()):
        names = plugin_names(root, directory)
        if not names:
            continue
        if plugin_type in LISTED_TYPES:
            status, out, err = ansible_doc(args.ansible_doc, ["-t", plugin_type, "--list", "--json", COLLECTION])
            try:
                listed = json.loads(out) if status == 0 else {}
            except ValueError:
                listed = {}
            if not listed:
                problems.append("ansible-doc -t %s --list found no %s plugins of %s: %s" % (plugin_type, plugin_type, COLLECTION, err.strip()))
                continue
            names = sorted(name[len(COLLECTION) + 1:] for name in listed)
        problems.extend(check_type(args.ansible_doc, plugin_type, names))
        checked += len(names)
        print("ansible-doc -t %s: %s" % (plugin_type, ", ".join(names)))

    roles = role_names(root)
    if os.path.isdir(os.path.join(root, "roles")):
        undocumented = sorted(set(n for n in os.listdir(os.path.join(root, "roles"))
                                  if os.path.isdir(os.path.join(root, "roles", n))) - set(roles))
        problems.extend("role %s.%s has no meta/argument_specs.yml" % (COLLECTION, n) for n in undocumented)
    if roles:
        problems.extend(check_type(args.ansible_doc, "role", roles))
        checked += len(roles)
        print("ansible-doc -t role: %s" % ", ".join(roles))

    if problems:
        for problem in problems:
            print("FAIL: %s" % problem, file=sys.stderr)
        return 1
    if not checked:
        print("FAIL: no documented plugins found under plugins/", file=sys.stderr)
        return 1
    print("ansible-doc rendered %d plugins and roles of %s" % (checked, COLLECTION))
    return 0


if __name__ == "__main__":
    sys.exit(main())
