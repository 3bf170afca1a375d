# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: restore
short_description: Restore a router from an export (.rsc) or a binary backup (.backup)
version_added: 1.1.0
description:
  - Restores a router's configuration from a file on the router (O(path)) or on the controller (O(src), uploaded
    first as M(tikops.routeros.file) does; an equal file already there is not sent again). The exports and backups
    the C(tikops.routeros.backup) role stores can be given as O(src) as they are.
  - "An export (C(.rsc)) is run with C(/import file-name=...). Before that, the router's export is compared with the
    file (comment lines, such as the date header, are left out; with and without sensitive values): when they are
    equal nothing is imported and the task reports no change. Afterwards the comparison is made again and
    RV(verified) says whether the router's export now equals the file. A script that is not a whole export (a few
    commands) never equals it: the task warns instead of failing."
  - "A binary backup (C(.backup)) is loaded with C(/system/backup/load name=... password=...) (O(backup_password)).
    A wrong password or a missing file fails the task, and the router is left as it was. Otherwise the router
    reboots: every session ends, the one the persistent connection keeps too. The task logs in again, once per
    O(poll) seconds, until the router answers with an uptime that shows it rebooted, or fails after O(reboot_timeout)
    seconds. Later tasks use the new session."
  - "A backup brings back the users and passwords it was saved with. When the router comes back but refuses the
    task's login (the backup's password for that user differs), the task fails at once, without waiting for
    O(reboot_timeout); later tasks need the backup's credentials."
  - A backup restores the configuration of the router it was saved on (MAC addresses included); restore it on the
    same model and RouterOS version. Certificates are not restored from a backup (MikroTik's manual); import them
    again with M(tikops.routeros.file) and C(/certificate/import).
  - Check mode uploads nothing and changes nothing; it reports whether an export would be imported (the comparison
    runs, so the router writes its export to a temporary file, removed at once, as M(tikops.routeros.export) does)
    and that a backup would be loaded.
author:
  - tikops.routeros contributors (@tikops)
extends_documentation_fragment:
  - tikops.routeros.connection
options:
  src:
    description:
      - The export or backup on the controller, found as C(ansible.builtin.copy) finds its C(src); vaulted files are
        decrypted.
    type: path
  path:
    description:
      - The file's name on the router. With O(src), the name it is uploaded as (default the name of O(src)).
    type: str
  type:
    description:
      - V(rsc) (an export, C(/import)) or V(backup) (C(/system/backup/load)). V(auto) goes by the extension, then by
        the content (text is an export).
    type: str
    choices: [auto, rsc, backup]
    default: auto
  backup_password:
    description:
      - The password of an encrypted backup.
    type: str
  reboot_timeout:
    description:
      - Seconds to wait for the router to come back after loading a backup.
    type: int
    default: 300
  poll:
    description:
      - Seconds between two attempts to log in while the router reboots.
    type: float
    default: 1.0
  import_timeout:
    description:
      - Seconds the router may take for C(/import).
    type: int
    default: 300
  server_address:
    description:
      - For an upload (O(src)), the controller's address the router connects to (see M(tikops.routeros.file)).
    type: str
  server_bind:
    description:
      - The address the short-lived server listens on, when it is not O(server_address) (behind a NAT, the router
        reaches the controller at an address the controller does not have; listen on a local address, or
        V(0.0.0.0) for all).
    type: str
  server_port:
    description:
      - For an upload, the port of the short-lived server; V(0) takes a free one.
    type: int
    default: 0
  server_cert:
    description:
      - For an upload, a PEM certificate for the short-lived server (HTTPS).
    type: path
  server_key:
    description:
      - The private key of O(server_cert).
    type: path
  transfer_timeout:
    description:
      - Seconds the router may take to fetch O(src).
    type: int
    default: 600
notes:
  - Runs on the controller through its action plugin.
seealso:
  - module: tikops.routeros.file
  - module: tikops.routeros.export
"""

EXAMPLES = r"""
- name: Put the newest stored export back (nothing happens when the router already has that configuration)
  tikops.routeros.restore:
    src: "{{ query('ansible.builtin.fileglob', 'backups/' ~ inventory_hostname ~ '/*.rsc') | sort | last }}"

- name: Load a binary backup the backup role stored, and wait for the router to come back
  tikops.routeros.restore:
    src: "backups/{{ inventory_hostname }}/20261203T071500Z.backup"
    backup_password: "{{ vault_backup_password }}"
    reboot_timeout: 600

# A backup already on the router (saved there by /system/backup/save):
# - name: Load a backup that is already on the router
#   tikops.routeros.restore:
#     path: nightly.backup
#     backup_password: "{{ vault_backup_password }}"
"""

RETURN = r"""
path:
  description: The file's name on the router.
  returned: success
  type: str
type:
  description: V(rsc) or V(backup).
  returned: success
  type: str
uploaded:
  description: Whether O(src) was sent to the router (false when an equal file was there).
  returned: when O(src) is given
  type: bool
verified:
  description:
    - For an export, whether the router's export equals the file afterwards; null when the router cannot send its
      export over the API (larger than the 4095 bytes of C(contents) on RouterOS 6, 60 KiB before 7.13; the task
      warns and imports without comparing).
  returned: for an export
  type: bool
rebooted:
  description: For a backup, whether the router came back after its reboot.
  returned: when a backup was loaded
  type: bool
uptime:
  description: The router's uptime when it answered after the reboot.
  returned: when a backup was loaded
  type: str
reboot_seconds:
  description: Seconds from the load to the router's first answer afterwards.
  returned: when a backup was loaded
  type: float
"""

from ansible_collections.tikops.routeros.plugins.module_utils.tasks import restore
from ansible_collections.tikops.routeros.plugins.module_utils.tasks.runner import module_main

ARGUMENT_SPEC = dict(
    src=dict(type="path"),
    path=dict(type="str"),
    type=dict(type="str", choices=["auto", "rsc", "backup"], default="auto"),
    backup_password=dict(type="str", no_log=True),
    reboot_timeout=dict(type="int", default=300),
    poll=dict(type="float", default=1.0),
    import_timeout=dict(type="int", default=300),
    server_address=dict(type="str"),
    server_bind=dict(type="str"),
    server_port=dict(type="int", default=0),
    server_cert=dict(type="path"),
    server_key=dict(type="path"),
    transfer_timeout=dict(type="int", default=600),
)

MODULE_KWARGS = dict(
    required_one_of=[("src", "path")],
    supports_check_mode=True,
)


def run(ctx):
    return restore.run_restore(ctx)


def main():
    module_main(ARGUMENT_SPEC, run, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
