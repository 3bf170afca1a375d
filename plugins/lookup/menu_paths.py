# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: menu_paths
short_description: The configurable menus of a RouterOS version
version_added: 1.0.0
description:
  - Returns the paths of the menus that RouterOS version O(_terms) has, from the command trees of RouterOS 7.9 to
    7.24 that M(tikops.routeros.menu) uses, as one list.
  - A version older than the data (RouterOS 6, 7.0 to 7.8) gives an empty list; a newer one gives the newest data.
author:
  - tikops.routeros contributors (@tikops)
options:
  _terms:
    description: The RouterOS version, such as V(7.16.2) or V(7.16.2 (stable)).
    required: true
    type: list
    elements: str
  kinds:
    description:
      - The kinds of menu to list. V(list) holds entries that can be added, V(settings) is one set of values
        (C(/ip/dns)), V(fixed) holds entries that can only be changed (C(/ip/service)).
    type: list
    elements: str
    default: [list, settings, fixed]
  extra:
    description: Count the menus of the optional packages (wifi, container, ...) too.
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: How many menus RouterOS 7.16 has that hold configuration
  ansible.builtin.debug:
    msg: "{{ lookup('tikops.routeros.menu_paths', '7.16') | length }}"

- name: The settings menus only
  ansible.builtin.debug:
    msg: "{{ lookup('tikops.routeros.menu_paths', '7.16.2', kinds=['settings']) }}"
"""

RETURN = r"""
_raw:
  description: The menu paths, sorted, as one list.
  type: list
  elements: str
"""

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog

KINDS = ("list", "settings", "fixed", "read-only", "container")


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        kinds = self.get_option("kinds")
        bad = [k for k in kinds if k not in KINDS]
        if bad:
            raise AnsibleLookupError("menu_paths: unknown kind %s; the kinds are %s" % (", ".join(bad), ", ".join(KINDS)))
        if len(terms) != 1:
            raise AnsibleLookupError("menu_paths: give one RouterOS version, not %d terms" % len(terms))
        version = str(terms[0]).strip().split()[0] if str(terms[0]).strip() else ""
        try:
            paths = catalog.paths(version, extra=self.get_option("extra"), kinds=tuple(kinds))
        except ValueError as exc:
            raise AnsibleLookupError("menu_paths: %s" % exc) from exc
        return [paths]
