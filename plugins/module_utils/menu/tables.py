# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The hand-kept menu facts, under the names the planner imports: no facts of its own any more.

The facts (natural keys, name and reference fields, protect flags, read-only names, reset values, comparison
kinds, RouterOS 6 hints, default service ports) live in tools/data/menu-overlay.yaml, each with its source, and
reach the collection as the generated ``catalog/overlay.py`` (docs/menu-knowledge.md). Import from there; this
module goes once its importers have switched.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import overlay as _overlay

KEYS = _overlay.KEYS
NAME_FIELDS = _overlay.NAME_FIELDS
REF_FIELDS = _overlay.REF_FIELDS
PROTECT = _overlay.PROTECT
READ_ONLY_NAMES = _overlay.READ_ONLY_NAMES
is_secret = _overlay.is_secret
COMMON_DEFAULTS = _overlay.COMMON_DEFAULTS
DEFAULTS = _overlay.DEFAULTS
KINDS = _overlay.KINDS
KIND_MENUS = _overlay.KIND_MENUS
SERVICE_PORTS = _overlay.SERVICE_PORTS
V6_FIXED = _overlay.V6_FIXED
V6_ORDERED = _overlay.V6_ORDERED
V6_ONLY = _overlay.V6_ONLY
V6_READ_ONLY = _overlay.V6_READ_ONLY
