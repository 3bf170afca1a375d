# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action base of the modules that move files (tikops.routeros.file, tikops.routeros.restore).

Beyond :class:`RouterOSAction`: ``src`` is found as ansible.builtin.copy finds its ``src`` (the role's and the play's
``files/``, then the play's directory) and decrypted when vaulted, and the session learns the router's address
(``tikops_router_host``), from which the short-lived file server derives the controller address the router reaches.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleError

from ansible_collections.tikops.routeros.plugins.plugin_utils.action import RouterOSAction


class TransferAction(RouterOSAction):

    def run(self, tmp=None, task_vars=None):
        src = self._task.args.get("src")
        real = None
        if isinstance(src, str) and src:
            try:
                found = self._find_needle("files", src)
            except AnsibleError as exc:
                return dict(failed=True, changed=False, msg="src: %s" % (getattr(exc, "message", None) or exc))
            real = self._loader.get_real_file(found, decrypt=True)
            self._task.args["src"] = real
        try:
            return super(TransferAction, self).run(tmp, task_vars)
        finally:
            if real is not None:
                self._task.args["src"] = src
                self._loader.cleanup_tmp_file(real)

    def _open_session(self, params, task_vars, telemetry=None):
        session, owned = super(TransferAction, self)._open_session(params, task_vars, telemetry)
        session.tikops_router_host = (params.get("hostname") or task_vars.get("ansible_host")
                                      or task_vars.get("inventory_hostname"))
        return session, owned
