# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: upgrade
short_description: Upgrade RouterOS and the RouterBOARD firmware, with reboots and health checks
version_added: 1.1.0
description:
  - Upgrades RouterOS from an update channel (V(/system/package/update)) or from package files (C(.npk)) already in
    the router's files (air-gapped networks), downgrades to an uploaded older version, and upgrades the RouterBOARD
    firmware (RouterBOOT) with the second reboot it needs.
  - Every reboot ends the session; the module waits for the router to go down and to answer again within
    O(reboot_timeout), logging in again over the same connection settings, and checks the version it runs. A
    router that does not come back, or comes back on another version than the one installed, fails the task
    with what the router logged.
  - Health facts are read before and after (running interfaces, neighbours, active routes, established BGP
    sessions, full OSPF neighbours, and the user's O(health_checks)); what is lost afterwards fails the host. Run it
    with C(serial) and C(max_fail_percentage=0) to stop a rollout at the first unhealthy router.
  - A package built for another architecture than the router's fails the task before anything is changed.
  - In check mode the module reads the router (and checks the channel when the router is already on it) and
    reports what it would do in RV(would).
author:
  - tikops.routeros contributors (@tikops)
extends_documentation_fragment:
  - tikops.routeros.connection
options:
  channel:
    description:
      - The update channel to upgrade from. The router's channel is set to it when it differs, then the module
        checks for updates, downloads the newest version the channel offers (for as long as O(reboot_timeout)
        allows) and reboots into it.
      - V(upgrade) is the RouterOS 6 channel that leads to RouterOS 7.
      - When neither O(channel) nor O(packages) is given, the router's own channel is used.
    type: str
    choices: [development, long-term, stable, testing, upgrade]
  packages:
    description:
      - Package files (C(.npk)) in the router's files to install by a reboot, for example
        V(routeros-7.16.2-arm.npk). Upload them first (a file transfer task, SCP, FTP, ...).
      - The package, version and architecture are those C(/file) shows for the file (C(package-version),
        C(package-architecture)), or else those its name gives; a file for another architecture fails the task.
    type: list
    elements: str
  version:
    description:
      - The version to end on. With O(channel) the task fails if the channel offers another version; with
        O(downgrade) it is the version to go back to.
    type: str
  downgrade:
    description:
      - Go back to an older version uploaded to the router (V(/system/package/downgrade)). Never older than the
        router's C(factory-software).
    type: bool
    default: false
  install:
    description:
      - Whether to install. V(false) only checks for updates and reports RV(latest_version) and RV(would).
    type: bool
    default: true
  firmware:
    description:
      - After RouterOS, upgrade the RouterBOARD firmware when C(current-firmware) differs from C(upgrade-firmware),
        and reboot once more. Routers that are not RouterBOARDs (CHR) have none.
    type: bool
    default: true
  reboot_timeout:
    description:
      - Seconds each reboot may take, from the command that reboots to the router answering again.
    type: float
    default: 600
  poll_interval:
    description:
      - Seconds between two attempts to reach a rebooting router (and between two health reads).
    type: float
    default: 2
  health:
    description:
      - The health facts compared before and after. Empty to compare none.
    type: list
    elements: str
    choices: [interfaces, neighbors, routes, bgp, ospf]
    default: [interfaces, neighbors, routes, bgp, ospf]
  health_checks:
    description:
      - Checks of the user's own, each a print of a menu whose rows are counted before and after. Fewer rows after
        (or fewer than O(health_checks[].min_rows)) is a regression.
    type: list
    elements: dict
    suboptions:
      name:
        description: The name of the check in RV(health).
        type: str
        required: true
      path:
        description: The menu to print, such as V(/ip/ipsec/active-peers).
        type: str
        required: true
      query:
        description:
          - Field values the counted rows must have, such as C(established) V(true).
        type: dict
      min_rows:
        description: The fewest rows that are healthy (instead of as many as before).
        type: int
  health_timeout:
    description:
      - Seconds to keep reading the health facts after the last reboot while they still show a regression;
        neighbours are discovered again, DHCP, BGP and OSPF bring their routes back, some time after the router
        answers. A healthy router ends the wait at the first read; only a router that stays worse waits it out.
      - V(0) compares once, right after the router answers.
    type: float
    default: 180
notes:
  - The task's connection timeout applies to each command; O(reboot_timeout) bounds each wait for a reboot.
  - Facts that a router version does not have (no BGP menu) are not compared.
seealso:
  - module: tikops.routeros.facts
  - name: The tikops.routeros.upgrade role
    description: A backup, this module and a summary, for rollouts in batches.
    link: https://github.com/tikops/routeros/blob/main/roles/upgrade/README.md
"""

EXAMPLES = r"""
- name: Only look whether the stable channel has something newer
  tikops.routeros.upgrade:
    channel: stable
    install: false
  register: available

- name: Upgrade to the newest long-term release and the firmware; fail if the IPsec peers are not back in 5 minutes
  tikops.routeros.upgrade:
    channel: long-term
    health_checks:
      - name: ipsec peers
        path: /ip/ipsec/active-peers
    health_timeout: 300
  register: upgraded

# Uploaded packages (air-gapped) and going back, as docs/maintenance.md shows them:
#   tikops.routeros.upgrade: {packages: [routeros-7.16.2-arm.npk], version: "7.16.2"}
#   tikops.routeros.upgrade: {downgrade: true, version: "7.16.2"}
"""

RETURN = r"""
installed_version:
  description: The RouterOS version before the task.
  returned: always
  type: str
  sample: "7.16.2"
version:
  description: The RouterOS version the router runs at the end.
  returned: always
  type: str
  sample: "7.20.8"
target_version:
  description: The version the task installs (or would install); the installed one when there is nothing newer.
  returned: when a target was found
  type: str
latest_version:
  description: The newest version of the channel (V(check-for-updates)).
  returned: with a channel
  type: str
status:
  description: The router's update status after checking, such as C(New version is available).
  returned: with a channel
  type: str
channel:
  description: The update channel used.
  returned: always
  type: str
architecture:
  description: The router's architecture as package file names give it (C(arm), C(mmips), C(x86), ...).
  returned: always
  type: str
firmware:
  description: C(current) and C(upgrade) RouterBOARD firmware at the end, and whether the task C(upgraded) it.
  returned: when the router is a RouterBOARD
  type: dict
actions:
  description: What was done, in order.
  returned: always
  type: list
  elements: str
would:
  description: In check mode, or with O(install=false), what the task would do.
  returned: check mode or install=false
  type: list
  elements: str
reboots:
  description: How many times the router was rebooted.
  returned: always
  type: int
health:
  description: The health facts C(before) and C(after) and the C(regressions) found.
  returned: when health facts were compared
  type: dict
elapsed:
  description: Seconds the task took.
  returned: always
  type: float
"""

from ansible_collections.tikops.routeros.plugins.module_utils.tasks import upgrade
from ansible_collections.tikops.routeros.plugins.module_utils.tasks.runner import module_main

ARGUMENT_SPEC = dict(
    channel=dict(type="str", choices=list(upgrade.CHANNELS)),
    packages=dict(type="list", elements="str"),
    version=dict(type="str"),
    downgrade=dict(type="bool", default=False),
    install=dict(type="bool", default=True),
    firmware=dict(type="bool", default=True),
    reboot_timeout=dict(type="float", default=600),
    poll_interval=dict(type="float", default=2),
    health=dict(type="list", elements="str", choices=list(upgrade.HEALTH), default=list(upgrade.HEALTH)),
    health_checks=dict(type="list", elements="dict", options=dict(
        name=dict(type="str", required=True),
        path=dict(type="str", required=True),
        query=dict(type="dict"),
        min_rows=dict(type="int"),
    )),
    health_timeout=dict(type="float", default=180),
)

MODULE_KWARGS = dict(
    mutually_exclusive=[("channel", "packages")],
    supports_check_mode=True,
)


def run(ctx):
    return upgrade.run(ctx)


def main():
    module_main(ARGUMENT_SPEC, run, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
