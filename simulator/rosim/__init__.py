# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rosim: a RouterOS API simulator for tests, demos and CI (see docs/simulator.md)."""

__version__ = "1.0.0"
