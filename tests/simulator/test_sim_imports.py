# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator's modules import each other in one direction only: no cycle, also none hidden in a function-level
import (which would work only in the order the modules happen to load)."""

import ast
import pathlib

ROSIM = pathlib.Path(__file__).resolve().parents[2] / "simulator" / "rosim"


def imports_of(path):
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            out.update([node.module] if node.module else [a.name for a in node.names])
    return out


def test_no_import_cycle_in_the_simulator():
    graph = dict((p.stem, imports_of(p)) for p in ROSIM.glob("*.py"))
    assert {"router", "files", "model", "generic"} <= set(graph)
    cycles = []

    def visit(node, path):
        for dep in sorted(graph.get(node, ())):
            if dep == path[0]:
                cycles.append(" -> ".join(path + [dep]))
            elif dep not in path:
                visit(dep, path + [dep])

    for start in sorted(graph):
        visit(start, [start])
    assert cycles == []
