# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tikops.routeros.plugins.plugin_utils.bytecode import cached_imports

with cached_imports():  # our code below comes from Python's bytecode cache (plugin_utils/bytecode.py)
    from ansible_collections.tikops.routeros.plugins.modules import restore as module
    from ansible_collections.tikops.routeros.plugins.plugin_utils.transfer import TransferAction


class ActionModule(TransferAction):
    module = module
