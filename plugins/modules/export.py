# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: export
short_description: Get a router's configuration export (and optionally a binary backup)
version_added: 1.0.0
description:
  - Runs C(/export) on the router into a file, reads the file back over the API and returns its text; the file is
    removed from the router afterwards unless O(keep_files) is set.
  - RouterOS 7.13 and later send the file with C(/file/read), in chunks, text and binary alike. Older versions show
    a file's text only while it is small (4095 bytes on RouterOS 6, 60 KiB on RouterOS 7 before 7.13); a larger
    export fails with a message saying so.
  - Sensitive values (passwords, keys, secrets) are left out of the export unless O(show_sensitive) is set; on
    RouterOS 6 by sending C(hide-sensitive), on RouterOS 7 by not sending C(show-sensitive).
  - With O(backup), also saves a binary backup (C(/system/backup/save)) and, on 7.13 and later, writes it to
    O(backup_dest) on the controller. Older versions cannot send a binary file over the API; the backup stays on
    the router and the task warns. With O(dest_dir), the backup is taken only when a new export was stored, and
    written next to it (C(<timestamp>.backup)) unless O(backup_dest) is given.
  - With O(dest_dir), stores the export on the controller as C(<dest_dir>/<timestamp>.rsc), but only when it differs
    from the newest C(*.rsc) already there (the first line, the export's date, is not compared), and reports
    C(changed) exactly when it stored one. This is the whole job of a configuration backup in one task.
  - Without O(dest_dir) it reports C(changed=false), as what it writes on the router are temporary files. In check
    mode nothing is sent and nothing is stored.
author:
  - tikops.routeros contributors (@tikops)
extends_documentation_fragment:
  - tikops.routeros.connection
options:
  show_sensitive:
    description:
      - Include sensitive values in the export. The result then holds secrets; use C(no_log) on the task.
    type: bool
    default: false
  terse:
    description:
      - Export with the menu path on every line (C(terse)).
    type: bool
    default: false
  file_name:
    description:
      - The name (without extension) of the temporary files on the router.
    type: str
    default: tikops-export
  keep_files:
    description:
      - Leave the export and backup files on the router.
    type: bool
    default: false
  chunk_size:
    description:
      - Bytes per C(/file/read) (RouterOS 7.13 and later), 1 to 32768.
    type: int
    default: 32768
  max_file_size:
    description:
      - The largest export or binary backup, in bytes, read from the router. A file the router announces as larger
        fails the task before anything is read.
      - A router that sends more than the size it announced (or never stops sending) fails the task as soon as a
        reply passes its part of that size by 1 KiB, and nothing is stored.
    type: int
    default: 67108864
  backup:
    description:
      - Also save a binary backup of the router.
    type: bool
    default: false
  backup_password:
    description:
      - Encrypt the binary backup with this password. When not set the backup is saved unencrypted
        (C(dont-encrypt=yes)); it holds every secret of the router either way.
    type: str
  backup_dest:
    description:
      - Where to write the binary backup on the controller (a file path; its directory must exist).
      - Required when O(backup) is set, unless O(dest_dir) is (the backup then goes next to the stored export).
    type: path
  dest_dir:
    description:
      - A directory on the controller that keeps this router's exports, one file per change, named by
        O(timestamp_format). It is created (mode 0700) when missing; files are written with mode 0600.
      - The export is stored only when it differs from the newest C(*.rsc) file in the directory (names sorted),
        apart from its first line when that line is the date header. RV(stored) and C(changed) say whether it was.
      - Directories missing above it are created with mode 0700 too, whatever the umask. The newest C(*.rsc) must be
        a regular file (a FIFO, a device or a symbolic link to one fails the task).
    type: path
  timestamp_format:
    description:
      - The name of a stored export, without C(.rsc), as a C(strftime) format of the current UTC time. Names must
        sort in time order.
    type: str
    default: "%Y%m%dT%H%M%SZ"
notes:
  - Runs on the controller through its action plugin; the backup and export files are written there with mode 0600.
seealso:
  - module: tikops.routeros.command
"""

EXAMPLES = r"""
- name: Get the configuration text
  tikops.routeros.export:
  register: exported

- name: Keep a copy on the controller whenever the configuration changed (changed only then)
  tikops.routeros.export:
    dest_dir: "backups/{{ inventory_hostname }}"
  register: stored

- name: Say where it is
  ansible.builtin.debug:
    msg: "{{ stored.dest }} ({{ 'new' if stored.stored else 'unchanged' }})"

- name: Export with secrets and a binary backup (never print the result)
  tikops.routeros.export:
    show_sensitive: true
    backup: true
    backup_password: "{{ vault_backup_password }}"
    backup_dest: "backups/{{ inventory_hostname }}.backup"
  no_log: true
"""

RETURN = r"""
export:
  description: The export text, as the router wrote it. Null in check mode.
  returned: success
  type: str
  sample: "# 2024-09-20 13:00:27 by RouterOS 7.16\n# software id = ABCD-123K\n/system identity\nset name=edge1\n"
export_body:
  description: The export without its first line (the date header), for comparing two exports.
  returned: success
  type: str
method:
  description: How the file was read, V(file-read) (C(/file/read), 7.13 and later) or V(file-contents) (C(/file/print)).
  returned: success
  type: str
size:
  description: The export's size in bytes, as the router reports it.
  returned: success
  type: int
routeros_version:
  description: The router's version (major.minor.patch).
  returned: success
  type: str
stored:
  description: Whether the export was written to O(dest_dir) (it differed from the newest stored export).
  returned: when O(dest_dir) is set
  type: bool
dest:
  description: The stored export on the controller, the new file or, when nothing changed, the newest one already there.
  returned: when O(dest_dir) is set and not in check mode
  type: str
  sample: backups/edge1/20261203T071500Z.rsc
backup_file:
  description: The name of the binary backup on the router (removed after fetching unless O(keep_files)).
  returned: when O(backup) is set
  type: str
backup_fetched:
  description: Whether the binary backup was written to the controller (O(backup_dest), or next to the stored export).
  returned: success
  type: bool
backup_path:
  description: The path of the fetched backup on the controller.
  returned: when the backup was fetched
  type: str
"""

import os

from ansible_collections.tikops.routeros.plugins.module_utils.tasks import export
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.tasks.runner import module_main

ARGUMENT_SPEC = dict(
    show_sensitive=dict(type="bool", default=False),
    terse=dict(type="bool", default=False),
    file_name=dict(type="str", default="tikops-export"),
    keep_files=dict(type="bool", default=False),
    chunk_size=dict(type="int", default=32768),
    max_file_size=dict(type="int", default=67108864),
    backup=dict(type="bool", default=False),
    backup_password=dict(type="str", no_log=True),
    backup_dest=dict(type="path"),
    dest_dir=dict(type="path"),
    timestamp_format=dict(type="str", default="%Y%m%dT%H%M%SZ"),
)

MODULE_KWARGS = dict(
    required_if=[("backup", True, ("backup_dest", "dest_dir"), True)],
    supports_check_mode=True,
)


def write_file(path):
    def write(data):
        directory = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(directory):
            raise UserInputError("backup_dest: the directory %s does not exist" % directory)
        return export.atomic_write(path, data)
    return write


def run(ctx):
    params = ctx.params
    writer = write_file(params["backup_dest"]) if params.get("backup_dest") else None
    session = None if ctx.check_mode else ctx.session
    result = export.run_export(session, params, ctx.check_mode, writer)
    for warning in result.pop("warnings"):
        ctx.warn(warning)
    return result


def main():
    module_main(ARGUMENT_SPEC, run, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
