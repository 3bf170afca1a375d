# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Import this collection's controller-side code through Python's bytecode cache.

ansible-core's collection loader compiles every module it imports from source, each time a process imports it
(it writes and reads no ``.pyc``). Our action plugins import the whole session stack (``module_utils`` api, core,
net, tasks, and the module files for their argument specs): about 30 ms of compiling in ``ansible-playbook``
before the first task of a run can start, which every run pays again.

While an action plugin imports our code (``with cached_imports():``), a finder sits in front of ``sys.meta_path``
that takes the submodules of our ``module_utils``, ``plugin_utils`` and ``modules`` packages only, finds them where
the parent package's ``__path__`` says (the same files ansible-core would load), and loads them with Python's own
source loader: compiled once, cached in
``__pycache__`` beside the source (like any installed Python package; a read-only installation is compiled as
before), checked against the source's size and modification time. The modules are the same code, executed the same
way; only where the compiled form comes from changes. Anything else (other collections, our action, connection
and callback plugins, which ansible-core loads by path) is left to ansible-core's loader, as is any name the finder
does not find as a plain source file (a namespace directory, a redirect): it then answers None.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import sys
from importlib.machinery import SOURCE_SUFFIXES, FileFinder, SourceFileLoader

PACKAGE = "ansible_collections.tikops.routeros.plugins."
PREFIXES = tuple(PACKAGE + name + "." for name in ("module_utils", "plugin_utils", "modules"))


class CachedSourceFinder:
    """A meta path finder for our own submodules: a spec with Python's :class:`SourceFileLoader`, or None."""

    finders = {}  # directory: its FileFinder (it caches the directory's listing, as Python's own finders do)

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if not path or not fullname.startswith(PREFIXES):
            return None
        # A FileFinder of our own for each directory, not importlib's PathFinder: ansible-core puts a path hook
        # in front of Python's, so PathFinder would hand back ansible-core's loader for these very directories.
        for entry in path:
            if not isinstance(entry, str):
                continue
            finder = cls.finders.get(entry)
            if finder is None:
                finder = cls.finders[entry] = FileFinder(entry, (SourceFileLoader, SOURCE_SUFFIXES))
            spec = finder.find_spec(fullname, target)
            if spec is None:
                continue
            if type(spec.loader) is not SourceFileLoader:  # pylint: disable=unidiomatic-typecheck
                return None  # a namespace directory: ansible-core's loader decides
            return spec
        return None  # not a plain .py file in the parent's directories: ansible-core's loader decides

    @classmethod
    def invalidate_caches(cls):
        for finder in cls.finders.values():
            finder.invalidate_caches()


def installed():
    """True when :func:`install` put the finder in place in this process."""
    return CachedSourceFinder in sys.meta_path


def install():
    """Put :class:`CachedSourceFinder` first on ``sys.meta_path`` (once). Only under ansible-core's collection
    loader: elsewhere (unit tests, the broker) imports of the collection already use the bytecode cache."""
    if installed():
        return False
    if not any(type(finder).__name__ == "_AnsibleCollectionFinder" for finder in sys.meta_path):
        return False
    sys.meta_path.insert(0, CachedSourceFinder)
    return True


@contextlib.contextmanager
def cached_imports():
    """The finder in place (when :func:`install` puts it there) for the imports inside the ``with`` block only:
    ``sys.meta_path`` is as it was afterwards (ansible-test's import sanity test requires that of a plugin)."""
    added = install()
    try:
        yield
    finally:
        if added:
            try:
                sys.meta_path.remove(CachedSourceFinder)
            except ValueError:
                pass
