# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: safe_mode
short_description: Take, release or unroll RouterOS safe mode around several tasks
version_added: 1.0.0
description:
  - Takes RouterOS safe mode (RouterOS 7.18 and later) on the host's kept session, so that the configuring tasks
    that follow are undone by the router itself should the controller die, or the play end, before a release.
  - While safe mode is held, the router records every configuration change (by any session) as a floating-undo
    action in C(/system/history); V(released) keeps them, V(unrolled) undoes them. If the session that holds safe
    mode ends without a release (the connection is cut, the controller is killed, the play ends), the router undoes
    them all.
  - Safe mode belongs to a connection, so this module needs the P(tikops.routeros.api#connection) connection with
    persistence on (the default) - every task of the play then runs over the same kept session. Keep its
    C(persistent_idle_timeout) longer than the longest pause between tasks - an idle session is closed, which
    undoes the changes.
  - The router's history holds at most 100 actions; beyond that it leaves safe mode and undoes nothing. Keep what
    runs under one safe mode small, or use O(tikops.routeros.menu#module:safe) on each task instead.
  - V(released) with O(verify=true) first logs in again from the controller over a new connection and runs
    O(checks); when either fails the changes are unrolled and the task fails.
  - In check mode nothing is taken, released or unrolled; the result says what would change.
  - For one task, the O(tikops.routeros.menu#module:safe) option of the configuring modules does all of this by
    itself, and falls back to a confirmed commit where the router has no safe mode. See docs/safe-changes.md.
author:
  - tikops.routeros contributors (@tikops)
extends_documentation_fragment:
  - tikops.routeros.connection
options:
  state:
    description:
      - V(taken) takes safe mode (nothing changes when this session holds it already). When another session holds
        it, the task fails naming that session's user (the console asks whoever takes it over whether to undo or
        keep the holder's changes, a question the API cannot answer).
      - V(released) keeps the changes made in safe mode and leaves it.
      - V(unrolled) undoes them and leaves safe mode.
    type: str
    choices: [taken, released, unrolled]
    default: taken
  verify:
    description:
      - With O(state=released), log in again over a new connection from the controller and run O(checks) before
        releasing; unroll and fail when either fails.
    type: bool
    default: true
  checks:
    description:
      - Checks that must pass before a release, as O(tikops.routeros.menu#module:safe_checks) of the configuring
        modules - each prints O(checks[].path) and counts the entries that match O(checks[].where).
    type: list
    elements: dict
    suboptions:
      name:
        description: A label for the check.
        type: str
      path:
        description: The menu to print.
        type: str
        required: true
      where:
        description: Field to condition (a value, a list of values, or a mapping with V(regex), V(starts_with) or V(not)).
        type: dict
      expect:
        description: V(present) or V(absent).
        type: str
        choices: [present, absent]
        default: present
      min_count:
        description: With O(checks[].expect=present), how many entries must match (default 1).
        type: int
notes:
  - Safe mode exists from RouterOS 7.18. On older routers O(state=taken) fails (V(released) and V(unrolled) change
    nothing, as nothing can be held); use the O(tikops.routeros.menu#module:safe) option of each configuring task
    instead (a confirmed commit through C(/system/scheduler)).
"""

EXAMPLES = r"""
- name: Take safe mode
  tikops.routeros.safe_mode:
    state: taken

- name: The risky part - the management port gets a new comment, the input chain new rules
  tikops.routeros.menu:
    menus:
      - path: /interface/ethernet
        config: [{name: ether2, comment: management}]
      - path: /ip/firewall/filter
        config:
          - {chain: input, action: accept, connection-state: "established,related", comment: established}
          - {chain: input, action: accept, protocol: tcp, dst-port: 8728, comment: api}

- name: Keep it only if we can still log in and the management port is still there
  tikops.routeros.safe_mode:
    state: released
    checks:
      - {name: management port, path: /interface, where: {name: ether2}}

- name: Take it again, try something, and undo it
  tikops.routeros.safe_mode:
    state: taken

- name: A change we do not want to keep
  tikops.routeros.menu:
    path: /system/identity
    config: {name: experiment}

- name: Undo everything since the take
  tikops.routeros.safe_mode:
    state: unrolled
"""

RETURN = r"""
version:
  description: The router's RouterOS version.
  returned: always
  type: str
held_before:
  description: Who held safe mode before the task - C(taken), C(this_session), C(user).
  returned: always
  type: dict
login:
  description: With O(state=released) and O(verify=true), the new login - C(ok), C(seconds), C(error).
  returned: when verified
  type: dict
checks:
  description: With O(state=released), one result per O(checks) item - C(name), C(passed), C(count).
  returned: when verified
  type: list
  elements: dict
reverted:
  description: The changes made in safe mode were undone.
  returned: when unrolled
  type: bool
"""

from ansible_collections.tikops.routeros.plugins.module_utils.converge import safe
from ansible_collections.tikops.routeros.plugins.module_utils.tasks import safe_mode
from ansible_collections.tikops.routeros.plugins.module_utils.tasks.runner import module_main

ARGUMENT_SPEC = dict(
    state=dict(type="str", default="taken", choices=list(safe_mode.STATES)),
    verify=dict(type="bool", default=True),
    checks=dict(type="list", elements="dict", options=safe.SAFE_SPEC["safe_checks"]["options"]),
)

MODULE_KWARGS = dict(supports_check_mode=True)


def run(ctx):
    return safe_mode.run(ctx)


def main():
    module_main(ARGUMENT_SPEC, run, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
