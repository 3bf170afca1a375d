# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tikops.routeros.plugins.plugin_utils.bytecode import cached_imports

with cached_imports():  # our code below comes from Python's bytecode cache (plugin_utils/bytecode.py)
    from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog
    from ansible_collections.tikops.routeros.plugins.modules import menu as module
    from ansible_collections.tikops.routeros.plugins.plugin_utils.action import RouterOSAction

    # The menu data is read here, in the ansible-playbook process that loads this class: every task's worker is a
    # fork of it and inherits the data instead of decompressing it again (about 15 ms a task).
    catalog.versions()


class ActionModule(RouterOSAction):
    module = module
