# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: file
short_description: Upload a file to a router, download one from it, or remove one
version_added: 1.1.0
description:
  - Moves any file, binary or text (packages C(.npk), certificates in PEM or PKCS#12, backups, scripts), between the
    controller and a router over the RouterOS API alone; no SSH, FTP or SFTP is needed.
  - "Upload (O(src) or O(content)): the task starts a short-lived HTTP server on the controller that serves the file
    once, at a URL with a random token, and the router fetches it with C(/tool/fetch). The server listens on
    O(server_address) (by default the controller's address on its route to the router) and stops when the task
    ends, also on failure. With O(server_cert) and O(server_key) it speaks HTTPS. Small UTF-8 text on RouterOS 7 is
    written with C(/file/add contents=) instead (O(method))."
  - "Download (O(dest)): RouterOS 7.13 and later send the file with C(/file/read) in chunks; 7.x before 7.13 upload
    it to the same kind of short-lived server (C(/tool/fetch upload=yes http-method=put)); RouterOS 6 sends only
    files of at most 4095 bytes (their C(contents)), as its fetch uploads over FTP and SFTP only."
  - "RouterOS gives no checksum of a file over the API. After an upload the task checks the size the router
    announces and, where the router can send the file back (7.13 and later; or a file small enough for its
    C(contents): 4095 bytes on 6.x, 60 KiB on 7.x), the SHA-256 of what it sends back. RV(verified) says which was
    checked. A download is checked against the announced size, and its SHA-256 is returned."
  - Idempotent. An upload is skipped when the router holds a file of the same size and, where it can be read back,
    the same SHA-256 (where it cannot, the same size counts as equal and the task warns; O(force) sends anyway). A
    download writes O(dest) only when it differs. O(state=absent) removes the file when it is there.
  - Check mode reads what it needs to compare and reports what would change; diff mode shows the size and SHA-256
    before and after.
author:
  - tikops.routeros contributors (@tikops)
extends_documentation_fragment:
  - tikops.routeros.connection
options:
  path:
    description:
      - The file's name on the router, such as V(routeros-7.16-arm.npk), V(flash/cert.pem) or V(backups/edge1.backup).
    type: str
    required: true
  src:
    description:
      - A file on the controller to upload, found as C(ansible.builtin.copy) finds its C(src) (the role's and the
        play's C(files/) directories, then the play's directory); vaulted files are decrypted.
    type: path
  content:
    description:
      - Text to upload instead of O(src).
    type: str
  url:
    description:
      - Have the router fetch this C(http://) or C(https://) URL itself into O(path) (a package from MikroTik's
        download site, a file on an intranet server). It is fetched when O(path) is missing, when O(sha256) is given
        and the router's file differs from it (where the router can send the file back), or with O(force).
      - The router checks an HTTPS server's certificate against its own certificate store unless
        O(check_certificate) is false.
    type: str
  check_certificate:
    description:
      - With an C(https://) O(url), whether the router checks the server's certificate (C(check-certificate)).
    type: bool
    default: true
  sha256:
    description:
      - With O(url), the SHA-256 (hex) the fetched file must have; checked after the fetch wherever the router can
        send the file back (7.13 and later, or a small file).
    type: str
  dest:
    description:
      - Download O(path) to this file on the controller (written with mode 0600, all or nothing). A directory, or a
        path that ends with C(/), gets the file under its router name.
      - Missing directories of O(dest) are created (as C(ansible.builtin.fetch) does), except in check mode.
    type: path
  state:
    description:
      - V(present) uploads (O(src), O(content)) or downloads (O(dest)); V(absent) removes O(path) from the router.
    type: str
    choices: [present, absent]
    default: present
  force:
    description:
      - Upload even when the router holds an equal file.
    type: bool
    default: false
  method:
    description:
      - V(auto) picks per release and file (see the description). V(fetch) always uses the short-lived HTTP
        server; V(contents) writes or reads the file's text (RouterOS 7 for writing, small files only); V(read)
        downloads with C(/file/read) (7.13 and later).
    type: str
    choices: [auto, fetch, contents, read]
    default: auto
  server_address:
    description:
      - The controller's address the router connects to for C(/tool/fetch). The default is the source address of
        the controller's route to the router, which is right unless a NAT stands in between (then give the address
        the router reaches, and O(server_bind)).
    type: str
  server_bind:
    description:
      - The address the short-lived server listens on, when it is not O(server_address) (behind a NAT, the router
        reaches the controller at an address the controller does not have; listen on a local address, or
        V(0.0.0.0) for all).
    type: str
  server_port:
    description:
      - The port of the short-lived server; V(0) takes a free one. Set it when a firewall lets only one port through.
    type: int
    default: 0
  server_cert:
    description:
      - "A PEM certificate (chain) for the short-lived server: the transfer goes over HTTPS. The router does not check
        it (C(check-certificate=no): it has no CA to check it with); the URL's random token and the checksum
        verification protect the transfer."
    type: path
  server_key:
    description:
      - The private key of O(server_cert) (when it is not in the same file).
    type: path
  transfer_timeout:
    description:
      - Seconds the router may take for one C(/tool/fetch).
    type: int
    default: 600
  chunk_size:
    description:
      - Bytes per C(/file/read) (7.13 and later), 1 to 32768.
    type: int
    default: 32768
  max_file_size:
    description:
      - The largest file, in bytes, downloaded from the router; a larger one fails the task before anything is read.
    type: int
    default: 67108864
notes:
  - Runs on the controller through its action plugin; so does the short-lived server.
  - "Certificates: upload the PEM or PKCS#12 file with this module, then import it with M(tikops.routeros.command)
    (C(/certificate/import file-name=... passphrase=...)). Packages: upload the C(.npk) and reboot the router to
    install it."
  - The router's C(/tool/fetch) needs the C(ftp), C(read), C(write), C(policy) and C(test) policies.
seealso:
  - module: tikops.routeros.restore
  - module: tikops.routeros.export
"""

EXAMPLES = r"""
- name: Upload a package (installed on the next reboot)
  tikops.routeros.file:
    path: routeros-7.16.2-arm64.npk
    src: packages/routeros-7.16.2-arm64.npk

- name: Upload a certificate and its key (then import them with /certificate/import)
  tikops.routeros.file:
    path: "{{ item }}"
    src: "certs/{{ item }}"
  loop: [edge1.crt, edge1.key]

- name: Write a small script file from text
  tikops.routeros.file:
    path: scripts/hello.rsc
    content: |
      /system identity set name=edge1

- name: Download a file from the router into a directory per router
  tikops.routeros.file:
    path: scripts/hello.rsc
    dest: "backups/{{ inventory_hostname }}/"

# Upload over HTTPS from a given controller address and port (a firewall lets 8443 through):
# - name: Upload a large file over HTTPS
#   tikops.routeros.file:
#     path: big.bin
#     src: files/big.bin
#     server_address: 192.0.2.10
#     server_port: 8443
#     server_cert: /etc/tikops/transfer.pem
#
# Have the router download a package from MikroTik itself, checked against its published SHA-256:
# - name: Fetch a package from download.mikrotik.com
#   tikops.routeros.file:
#     path: routeros-7.16.2-arm64.npk
#     url: https://download.mikrotik.com/routeros/7.16.2/routeros-7.16.2-arm64.npk
#     sha256: "{{ routeros_npk_sha256 }}"

- name: Remove a file
  tikops.routeros.file:
    path: routeros-7.16.2-arm64.npk
    state: absent
"""

RETURN = r"""
path:
  description: The file's name on the router.
  returned: always
  type: str
url:
  description: The URL the router fetched O(path) from.
  returned: when O(url) is given
  type: str
dest:
  description: Where the download was written on the controller.
  returned: when downloading
  type: str
size:
  description: The file's size in bytes.
  returned: when uploading or downloading
  type: int
sha256:
  description: The SHA-256 of the file (hex).
  returned: when uploading or downloading
  type: str
method:
  description: How the file moved; V(fetch), V(contents), V(read), or V(none) when nothing was sent.
  returned: when uploading or downloading
  type: str
verified:
  description:
    - "What was checked after the transfer (and, before an upload, compared): V(sha256) (the bytes the router
      sent back) or V(size) (the size it announces, where it cannot send the file back)."
  returned: when uploading or downloading
  type: str
before:
  description: The file before the task (C(state), C(size), C(sha256) where known).
  returned: always
  type: dict
after:
  description: The file after the task.
  returned: always
  type: dict
"""

from ansible_collections.tikops.routeros.plugins.module_utils.tasks import files
from ansible_collections.tikops.routeros.plugins.module_utils.tasks.runner import module_main

ARGUMENT_SPEC = dict(
    path=dict(type="str", required=True),
    src=dict(type="path"),
    content=dict(type="str"),
    dest=dict(type="path"),
    url=dict(type="str"),
    sha256=dict(type="str"),
    check_certificate=dict(type="bool", default=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    force=dict(type="bool", default=False),
    method=dict(type="str", choices=["auto", "fetch", "contents", "read"], default="auto"),
    server_address=dict(type="str"),
    server_bind=dict(type="str"),
    server_port=dict(type="int", default=0),
    server_cert=dict(type="path"),
    server_key=dict(type="path"),
    transfer_timeout=dict(type="int", default=600),
    chunk_size=dict(type="int", default=32768),
    max_file_size=dict(type="int", default=67108864),
)

MODULE_KWARGS = dict(
    mutually_exclusive=[("src", "content", "dest", "url")],
    supports_check_mode=True,
)


def run(ctx):
    return files.run_file(ctx)


def main():
    module_main(ARGUMENT_SPEC, run, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
