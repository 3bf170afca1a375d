# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """The safe-change options of the configuring modules (menu, interfaces, ip_addresses)."""

    # Keep in sync with SAFE_SPEC in plugins/module_utils/converge/safe.py.
    DOCUMENTATION = r"""
options:
  safe:
    description:
      - Make this task's change lock-out-proof. The writes are made under RouterOS safe mode (RouterOS 7.18 and
        later) or under a confirmed commit (older RouterOS, or O(safe_method=confirmed_commit)), then checked over
        a B(new) connection and login from the controller and by O(safe_checks). They are kept only when every
        check passes; otherwise they are undone and the task fails, reporting what happened in RV(safe).
      - Should the controller die in the middle, the router undoes the change by itself (safe mode when the
        session ends, the confirmed commit's scheduler entry at O(confirm_timeout)).
      - Check mode never takes safe mode nor adds a scheduler entry.
      - See docs/safe-changes.md in the collection.
    type: bool
    default: false
  safe_method:
    description:
      - V(auto) uses safe mode where the router has it (RouterOS 7.18 and later) and a confirmed commit elsewhere.
      - V(safe_mode) fails on a router without safe mode; V(confirmed_commit) uses the scheduler on any release.
      - A confirmed commit adds a C(/system/scheduler) entry, before the first write, that runs the change's own
        inverse writes at now + O(confirm_timeout) (no backup, no reboot); the entry is removed once the checks
        pass.
    type: str
    choices: [auto, safe_mode, confirmed_commit]
    default: auto
  safe_checks:
    description:
      - Checks that must pass after the change, besides the new login, for it to be kept. Each prints a menu over
        the new connection and counts the entries that match O(safe_checks[].where).
      - For example an OSPF or BGP neighbour, a default route, a bridge port still being there.
    type: list
    elements: dict
    suboptions:
      name:
        description: A label for the check in the C(checks) of RV(safe).
        type: str
      path:
        description: The menu to print, as V(/routing/ospf/neighbor).
        type: str
        required: true
      where:
        description:
          - Field to condition, all of which must hold for an entry to count. A condition is a value (equal, by
            meaning), a list of values (any of them), or a mapping with one of V(regex), V(starts_with) or
            V(not).
        type: dict
      expect:
        description: V(present) passes when at least O(safe_checks[].min_count) entries match, V(absent) when none does.
        type: str
        choices: [present, absent]
        default: present
      min_count:
        description: With O(safe_checks[].expect=present), how many entries must match (default 1).
        type: int
  confirm_timeout:
    description:
      - Seconds after which a confirmed commit's scheduler entry reverts the router, unless the task removed it
        after its checks passed. Long enough for the writes and the checks; short enough to wait out a lock-out.
    type: int
    default: 300
  safe_when_held:
    description:
      - What to do when another session holds safe mode (a colleague in WinBox, another play). Only one session holds
        it, and the console asks whoever takes it over whether to undo or keep the holder's changes - a question the
        API cannot answer.
      - V(fail) fails the task before anything is written, naming what the router said (the holder's user).
      - V(confirmed_commit) makes this change a confirmed commit instead. The holder's safe mode still records it,
        and undoes it as well should that session end abnormally.
    type: str
    choices: [fail, confirmed_commit]
    default: fail
  safe_split:
    description:
      - Safe mode keeps at most 100 actions in the router's history (beyond that the router leaves safe mode and
        undoes nothing), so a larger change is refused before anything is written.
      - With V(true) it is applied in parts of at most 100 writes instead, each taken, checked and released on its
        own; a failed part is undone, the parts before it are kept.
    type: bool
    default: false
"""
