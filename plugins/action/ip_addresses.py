# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# first: importing it makes the imports below come from Python's bytecode cache (plugin_utils/bytecode.py)
from ansible_collections.tikops.routeros.plugins.plugin_utils import bytecode  # noqa: F401  # pylint: disable=unused-import
from ansible_collections.tikops.routeros.plugins.modules import ip_addresses as module
from ansible_collections.tikops.routeros.plugins.plugin_utils.action import RouterOSAction


class ActionModule(RouterOSAction):
    module = module
