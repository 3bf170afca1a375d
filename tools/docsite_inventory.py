#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write a small Sphinx inventory (objects.inv format 2) of the docs.ansible.com targets our plugin pages link to.

The docsite is built offline, so intersphinx cannot download Ansible's inventory; without one, every reference
to Ansible's own documentation (common return values, action plugins, the local connection...) is a warning.
The entries below point at the real pages of docs.ansible.com. A new reference that is not listed here shows up
as a Sphinx warning in `make docsite`: add it.

    python tools/docsite_inventory.py OUTPUT
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import sys
import zlib

# (name, domain:role, uri relative to https://docs.ansible.com/projects/ansible/devel/, title)
ENTRIES = [
    ("action_plugins", "std:label", "plugins/action.html#action-plugins", "Action plugins"),
    ("callback_plugins", "std:label", "plugins/callback.html#callback-plugins", "Callback plugins"),
    ("lookup_plugins", "std:label", "plugins/lookup.html#lookup-plugins", "Lookup plugins"),
    ("connection_plugins", "std:label", "plugins/connection.html#connection-plugins", "Connection plugins"),
    ("common_return_values", "std:label", "reference_appendices/common_return_values.html#common-return-values",
     "Return Values"),
    ("ansible_configuration_settings", "std:label", "reference_appendices/config.html#ansible-configuration-settings",
     "Ansible Configuration Settings"),
    ("ansible_collections.ansible.builtin.local_connection", "std:label",
     "collections/ansible/builtin/local_connection.html#ansible-collections-ansible-builtin-local-connection",
     "ansible.builtin.local connection"),
    ("ansible_collections.community.routeros.api_facts_module", "std:label",
     "collections/community/routeros/api_facts_module.html#ansible-collections-community-routeros-api-facts-module",
     "community.routeros.api_facts module"),
]
ENVVARS = ["ANSIBLE_REMOTE_PORT", "ANSIBLE_REMOTE_USER", "ANSIBLE_TIMEOUT"]


def main(path):
    lines = []
    for name, role, uri, title in ENTRIES:
        lines.append("%s %s -1 %s %s" % (name, role, uri, title))
    for name in ENVVARS:
        lines.append("%s std:envvar 1 reference_appendices/config.html#envvar-%s -" % (name, name))
    header = ("# Sphinx inventory version 2\n# Project: Ansible\n# Version: devel\n"
              "# The remainder of this file is compressed using zlib.\n")
    with open(path, "wb") as fh:
        fh.write(header.encode("utf-8"))
        fh.write(zlib.compress(("\n".join(lines) + "\n").encode("utf-8")))


if __name__ == "__main__":
    main(sys.argv[1])
