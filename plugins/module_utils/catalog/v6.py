# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What RouterOS 6 (6.4x, as 6.49 has it) says about a few menus, as data: RouterOS 6 has no command tree, so for
the menus listed here tikops.routeros.menu uses this table instead of the newest 7.x tree as its hint (a field
not listed is refused before anything is written, with close matches).

Each menu: ``kind`` (``settings`` or ``list``, the catalog's kinds) and ``fields``: the writable fields, each with
the router's description of its value in the command tree's own words (``yes|no``, ``1..65535 (integer number)``,
``a|b|c[,Word*]`` for a list of words, ``(IP address)``; None when nothing is checked), read by the same code as
the trees' descriptions (catalog.py). Sources:

- /system/ntp/client: help.mikrotik.com, NTP, section "RouterOS version 6" (the SNTP client): enabled,
  primary-ntp, secondary-ntp, server-dns-names; mode is read-only there.
- /snmp, /snmp/community: wiki.mikrotik.com Manual:SNMP and help.mikrotik.com SNMP (general and community
  properties); the community's ``addresses`` as 6.4x exports write it; no vrf (7.3) or engine-id-suffix (7.10).
- /system/logging, /system/logging/action: wiki.mikrotik.com Manual:System/Log (rules; actions and their values).
- /ip/neighbor/discovery-settings, /tool/mac-server, mac-winbox, ping: help.mikrotik.com Neighbor discovery and
  MAC server (mode came with 7.7; protocol and lldp-med-net-policy-vlan are in the 7.x trees only).
- /user/group: the policy words of 6.4x exports (dude, tikapp; no rest-api, which came with RouterOS 7).

Checked by tests/unit/test_catalog_v6.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

YES_NO = "yes|no"
IP = "A.B.C.D    (IP address)"
PORT = "0..65535    (integer number)"
LINES = "1..65535    (integer number)"

MENUS = {
    "/system/ntp/client": {
        "kind": "settings",
        "fields": {"enabled": YES_NO, "primary-ntp": IP, "secondary-ntp": IP, "server-dns-names": None},
    },
    "/snmp": {
        "kind": "settings",
        "fields": {"enabled": YES_NO, "contact": "string value", "location": "string value",
                   "engine-id": "string value", "trap-community": None, "trap-version": "1|2|3",
                   "trap-generators": "interfaces|start-trap|temp-exception[,Generator*]", "trap-target": None,
                   "trap-interfaces": None, "src-address": IP},
    },
    "/snmp/community": {
        "kind": "list",
        "fields": {"name": "string value", "addresses": None, "security": "authorized|none|private",
                   "read-access": YES_NO, "write-access": YES_NO, "authentication-protocol": "MD5|SHA1",
                   "encryption-protocol": "DES|AES", "authentication-password": "string value",
                   "encryption-password": "string value"},
    },
    "/system/logging": {
        "kind": "list",
        "fields": {"topics": None, "action": None, "prefix": "string value", "disabled": YES_NO},
    },
    "/system/logging/action": {
        "kind": "list",
        "fields": {"name": "string value", "target": "disk|echo|email|memory|remote", "memory-lines": LINES,
                   "memory-stop-on-full": YES_NO, "disk-file-name": "string value", "disk-lines-per-file": LINES,
                   "disk-file-count": LINES, "disk-stop-on-full": YES_NO, "remember": YES_NO, "remote": None,
                   "remote-port": PORT, "src-address": IP, "bsd-syslog": YES_NO,
                   "syslog-facility": "auth|authpriv|cron|daemon|ftp|kern|local0|local1|local2|local3|local4|local5|"
                                      "local6|local7|lpr|mail|news|ntp|syslog|user|uucp",
                   "syslog-severity": "alert|auto|critical|debug|emergency|error|info|notice|warning",
                   "email-to": "string value", "email-start-tls": YES_NO},
    },
    "/ip/neighbor/discovery-settings": {
        "kind": "settings",
        "fields": {"discover-interface-list": None},
    },
    "/tool/mac-server": {
        "kind": "settings",
        "fields": {"allowed-interface-list": None},
    },
    "/tool/mac-server/mac-winbox": {
        "kind": "settings",
        "fields": {"allowed-interface-list": None},
    },
    "/tool/mac-server/ping": {
        "kind": "settings",
        "fields": {"enabled": YES_NO},
    },
    "/user/group": {
        "kind": "list",
        "fields": {"name": "string value",
                   "policy": "local|telnet|ssh|ftp|reboot|read|write|policy|test|winbox|password|web|sniff|"
                             "sensitive|api|romon|dude|tikapp[,Policy*]",
                   "skin": None, "comment": "string value"},
    },
}
