# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The RouterOS 6 table of a few menus, under the names it had: no facts of its own any more.

The table (the writable fields of the RouterOS 6 NTP client, SNMP, logging, neighbour discovery, MAC server and
user group menus, with their sources) lives in tools/data/menu-overlay.yaml and reaches the collection as
``overlay.V6_MENUS`` (docs/menu-knowledge.md); the catalog reads it from there (``catalog.v6_menu``). Import
from ``overlay``; this module goes once its importers have switched.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import overlay as _overlay

YES_NO = _overlay.YES_NO
IP = _overlay.IP
PORT = _overlay.PORT
LINES = _overlay.LINES
MENUS = _overlay.V6_MENUS
