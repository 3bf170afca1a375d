"""plugins/plugin_utils/bytecode.py: our controller-side modules come from Python's bytecode cache under
ansible-core's collection loader, and nothing else is taken from that loader."""

import importlib
import os
import sys
from importlib.machinery import SourceFileLoader

import pytest

from ansible_collections.tikops.routeros.plugins.plugin_utils import bytecode
from ansible_collections.tikops.routeros.plugins.module_utils import api

PKG = "ansible_collections.tikops.routeros.plugins."


def test_our_submodules_get_a_source_loader_with_the_file_ansible_core_would_load():
    spec = bytecode.CachedSourceFinder.find_spec(PKG + "module_utils.api.session", api.__path__)
    assert spec.loader.__class__ is SourceFileLoader  # this class exactly, not a subclass
    assert spec.origin == os.path.join(api.__path__[0], "session.py")
    assert spec.cached and "__pycache__" in spec.cached


@pytest.mark.parametrize("name", [
    "ansible_collections.other.coll.plugins.module_utils.api.session",  # another collection
    PKG + "action.command",  # plugins ansible-core loads by path
    PKG + "connection.api",
    PKG + "module_utils.api.no_such_module",  # not there: ansible-core's loader says so
])
def test_anything_else_is_left_to_ansible_core(name):
    assert bytecode.CachedSourceFinder.find_spec(name, api.__path__) is None


def test_no_path_no_spec():
    assert bytecode.CachedSourceFinder.find_spec(PKG + "module_utils.api", None) is None


def test_install_only_under_the_collection_loader_and_once(monkeypatch):
    class _AnsibleCollectionFinder:  # the name ansible-core's finder has
        @staticmethod
        def find_spec(*args):
            return None

    monkeypatch.setattr(sys, "meta_path", [f for f in sys.meta_path if f is not bytecode.CachedSourceFinder
                                           and type(f).__name__ != "_AnsibleCollectionFinder"])
    assert bytecode.install() is False and not bytecode.installed()
    sys.meta_path.append(_AnsibleCollectionFinder())
    assert bytecode.install() is True
    assert sys.meta_path[0] is bytecode.CachedSourceFinder and bytecode.installed()
    assert bytecode.install() is False
    assert sys.meta_path.count(bytecode.CachedSourceFinder) == 1


def test_a_module_imported_through_it_is_the_same_code(monkeypatch, tmp_path):
    name = PKG + "module_utils.core.verbs"
    spec = bytecode.CachedSourceFinder.find_spec(name, importlib.import_module(PKG + "module_utils.core").__path__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    original = importlib.import_module(name)
    public = sorted(n for n in vars(original) if not n.startswith("__"))
    assert public and sorted(n for n in vars(module) if not n.startswith("__")) == public


def test_cached_imports_leaves_the_meta_path_as_it_was(monkeypatch):
    class _AnsibleCollectionFinder:
        @staticmethod
        def find_spec(*args):
            return None

    finder = _AnsibleCollectionFinder()
    monkeypatch.setattr(sys, "meta_path", [finder] + [f for f in sys.meta_path if f is not bytecode.CachedSourceFinder])
    before = list(sys.meta_path)
    with bytecode.cached_imports():
        assert sys.meta_path[0] is bytecode.CachedSourceFinder
    assert sys.meta_path == before  # what ansible-test's import sanity test checks of a plugin
    with pytest.raises(RuntimeError):
        with bytecode.cached_imports():
            raise RuntimeError("an import failed")
    assert sys.meta_path == before


LOAD_UNDER_ANSIBLE_CORE = r"""
import json, sys
from ansible.plugins.loader import action_loader, init_plugin_loader
init_plugin_loader([])
before = [type(f).__name__ for f in sys.meta_path]
action_loader.get("tikops.routeros.command", class_only=True)
ours = dict((name, type(module.__spec__.loader).__name__) for name, module in sys.modules.items()
            if name.startswith("ansible_collections.tikops.routeros.plugins.") and module.__spec__ is not None)
print(json.dumps(dict(ours=ours, before=before, after=[type(f).__name__ for f in sys.meta_path])))
"""


def test_under_ansible_core_our_code_comes_from_the_bytecode_cache():
    """The real thing, in a fresh process: ansible-core's own loader and its path hook in place, an action plugin
    loaded as the strategy loads it. Every submodule of module_utils, plugin_utils and modules it imports has
    Python's source loader (the bytecode cache), and sys.meta_path is as ansible-core left it."""
    import json
    import subprocess

    from support.playbook import PYTHON  # the Python of the ansible-core line under test (make matrix: each line)

    out = subprocess.run([PYTHON, "-c", LOAD_UNDER_ANSIBLE_CORE], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    got = json.loads(out.strip().splitlines()[-1])
    assert got["before"] == got["after"] and got["before"][0] == "_AnsibleCollectionFinder"
    ours = got["ours"]
    # bytecode itself comes first, through ansible-core's loader: it is what puts the finder in place
    cached = [name for name in ours if name.startswith(bytecode.PREFIXES) and name != bytecode.__name__]
    assert PKG + "module_utils.api.session" in cached and PKG + "modules.command" in cached
    assert dict((name, ours[name]) for name in cached) == dict((name, "SourceFileLoader") for name in cached)
    assert ours[bytecode.__name__] == "_AnsibleCollectionLoader"
