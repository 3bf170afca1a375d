# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Planning for any RouterOS menu: what ``tikops.routeros.menu`` does between the task's input and the engine.

Each menu of a task (``path`` or each item of ``menus``) becomes a :class:`Scope`: where it is, what slice of
it (``where``), what entries are wanted (``config``) and how they are matched (``keys``). Once the router's
version and entries are read (one pipelined round trip for every menu of the task), :func:`resolve` turns a
scope into a :class:`Resolved` menu: its kind from the command-tree catalog (list, ordered list, settings,
fixed entries), its writable fields, keys, reset values and secrets from ``tables``; then the input is checked
(nothing written yet) and :func:`plan_scope` produces the engine's operations. Pure: no I/O here.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib
import operator
import re

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine
from ansible_collections.tikops.routeros.plugins.module_utils.converge import planner as _planner
from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog
from ansible_collections.tikops.routeros.plugins.module_utils.core import values as _values
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import ShownEntries, UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.core.protocol import ATTRIBUTE_NAME_RULE
from ansible_collections.tikops.routeros.plugins.module_utils.core.query import is_property_name
from ansible_collections.tikops.routeros.plugins.module_utils.catalog import overlay
from ansible_collections.tikops.routeros.plugins.module_utils.menu import export_in

STATES = engine.STATES
NEEDS_CONFIG = engine.NEEDS_CONFIG
RENAME = "rename_from"
MASK = "********"
WHERE_OPS = ("regex", "starts_with", "not")


def seen_in(path):
    """(first, last) RouterOS versions whose trees have ``path`` (optional packages counted), or None."""
    got = catalog.first_and_last(path)
    return tuple(v.replace(catalog.EXTRA, "") for v in got) if got else None


def _runs(labels):
    """["7.9", "7.10", "7.12"] -> "7.9 to 7.10, 7.12": runs of consecutive trees of the data."""
    bases = [v for v in catalog.versions() if not v.endswith(catalog.EXTRA)]
    out = []
    for label in labels:
        if out and bases.index(label) == bases.index(out[-1][1]) + 1:
            out[-1][1] = label
        else:
            out.append([label, label])
    return ", ".join(a if a == b else "%s to %s" % (a, b) for a, b in out)


def seen_text(path):
    """Where the data has ``path``, for a hint: the base trees that have it, and the optional packages' tree (an
    extra package such as wireless, container, user-manager); RouterOS 6 when its table lists it. "" when nowhere."""
    path = catalog.normalize_path(path)
    base = []
    extra = []
    for label in catalog.versions():
        if label.endswith(catalog.EXTRA):
            if catalog.menu(path, label, extra=True) is not None and catalog.menu(
                    path, label.replace(catalog.EXTRA, ""), extra=False) is None:
                extra.append(label.replace(catalog.EXTRA, ""))
        elif catalog.menu(path, label, extra=False) is not None:
            base.append(label)
    parts = []
    if base:
        parts.append("RouterOS %s %s it" % (_runs(base), "has" if len(base) == 1 else "have"))
    if extra:
        parts.append("RouterOS %s has it in an optional package (install the package that provides it)"
                     % ", ".join(extra))
    if catalog.v6_menu(path) is not None:
        parts.append("RouterOS 6 has it")
    return "; ".join(parts)


def field_name(name):
    """``dst_port`` -> ``dst-port`` (RouterOS's own spelling; fields never contain ``_``)."""
    return str(name).strip().replace("_", "-")


def plain_field(name, where, what):
    """``name`` as a field name, refusing the API's reserved words (``.id``, ``.tag``, ``.proplist``, ``.query``...):
    given in config, where or keys they would redirect a write to an entry outside the key, or change the
    command itself."""
    fname = field_name(name)
    if fname.startswith("."):
        raise UserInputError("%s: %s %s is reserved by the RouterOS API; entries are found by their keys (keys:), "
                             "never by %s" % (where, what, fname, fname))
    if not is_property_name(fname):
        raise UserInputError("%s: %s %r is not a RouterOS field name (%s)" % (where, what, fname, ATTRIBUTE_NAME_RULE))
    return fname


to_text = _values.to_api  # a value as the text a write sends (lists comma-joined, booleans yes/no)
ABSENT = _planner.ABSENT  # a field to have no value (an export's !field)


# ---------------------------------------------------------------------------------------------------------
# The task's input


class Scope:
    """One menu of a task: ``path``, ``state``, ``config`` (list of entries or one mapping), ``keys``, ``where``."""

    def __init__(self, path, state, config, keys, where, label, running_config=None, kind=None, from_export=False):
        if not path or not isinstance(path, str):
            raise UserInputError("%s: path is required (a menu such as /ip/firewall/filter)" % label)
        self.path = catalog.normalize_path(path)
        self.state = state
        self.label = label
        self.keys = tuple(plain_field(k, label or "keys", "the key") for k in keys) if keys else None
        self.where = _check_where(where, label)
        self.running_config = running_config
        self.kind_hint = kind  # an export's menu: the kind its lines show, for a menu the data lacks
        self.from_export = from_export
        if state not in STATES:
            raise UserInputError("%s: unknown state %r (one of %s)" % (label, state, ", ".join(STATES)))
        if state in NEEDS_CONFIG and config is None:
            raise UserInputError("%s: state is %s but config is missing" % (label, state))
        if state == "parsed" and running_config is None:
            raise UserInputError("%s: state is parsed but running_config is missing" % label)
        if state != "parsed" and running_config is not None:
            raise UserInputError("%s: running_config is used with state parsed only (state is %s)" % (label, state))
        self.mapping = isinstance(config, dict)
        if config is None:
            entries = []
        elif isinstance(config, dict):
            entries = [config]
        elif isinstance(config, list):
            entries = config
        else:
            raise UserInputError("%s: config must be a list of entries or one mapping (a settings menu), not %s"
                                 % (label, type(config).__name__))
        self.entries = []
        names = {}  # config key -> field name, checked once per key
        plain = set()  # config keys that are field names as they are (no special key): an entry of only those is
        # taken as it is (the common case of a big list)
        given = set()  # what the entries' keys name (field names, and how an entry is found), each once
        for index, entry in enumerate(entries):
            where = "%s config[%d]" % (label, index) if label else "config[%d]" % index
            if entry.__class__ is dict and plain.issuperset(entry):
                self.entries.append((where, dict(entry)))
                continue
            if not isinstance(entry, dict):
                raise UserInputError("%s: an entry must be a mapping of fields, not %r" % (where, entry))
            values = {}
            for name, value in entry.items():
                if from_export and str(name).startswith(export_in.ABSENT_PREFIX):
                    # an export's !field: the field is to have no value (unset where an entry has one)
                    fname = plain_field(str(name)[1:], where, "the field")
                    values[fname] = _planner.ABSENT
                    given.add(fname)
                    continue
                fname = names.get(name) if name.__class__ is str else None
                if fname is None:
                    fname = _special(name) or plain_field(name, where, "the field")
                    given.add(fname)
                    if name.__class__ is str:
                        names[name] = fname
                        if fname == name and name not in (export_in.FIND, export_in.NUMBER):
                            plain.add(name)
                if fname == export_in.FIND and not isinstance(value, dict):
                    raise UserInputError("%s: find is a mapping of the fields that find the entry" % where)
                if fname == export_in.NUMBER and (isinstance(value, bool) or _values.int_or_none(value) is None
                                                  or int(value) < 0):
                    raise UserInputError("%s: number is the entry's number in print order (0, 1, ...), not %r" % (
                        where, value))
                if fname in values:
                    raise UserInputError("%s: %s is given twice (as %s and %s)" % (where, fname, fname, name))
                values[fname] = value
            self.entries.append((where, values))
        self.given = frozenset(given)
        self.proplist = False  # read_fields, once asked (a task reads its menus again after the writes)

    def describe(self):
        return self.path + (" where %s" % _where_text(self.where) if self.where else "")


def _special(name):
    """The config keys that are not fields: how the entry is found (``rename_from``, ``default_name``, ``find``,
    ``number``)."""
    fname = field_name(name)
    if fname == "rename-from":
        return RENAME
    if fname == "default-name":
        return export_in.DEFAULT_NAME
    if fname in (export_in.FIND, export_in.NUMBER):
        return fname
    return None


HOW = (RENAME,) + export_in.SPECIAL
_HOW_NAMES = frozenset(HOW)


def scopes_from_params(params):
    """The :class:`Scope` list of a task: ``path`` or ``menus`` (each item may set its own state, keys, where)."""
    state = params.get("state") or "merged"
    menus = params.get("menus")
    if menus is not None and params.get("path"):
        raise UserInputError("path and menus are mutually exclusive: give one menu with path, or several with menus")
    if menus is None:
        if not params.get("path"):
            raise UserInputError("path (one menu) or menus (several) is required")
        return [Scope(params["path"], state, params.get("config"), params.get("keys"), params.get("where"), "",
                      params.get("running_config"))]
    if params.get("config") is not None or params.get("keys") or params.get("where"):
        raise UserInputError("with menus, give config, keys and where inside each item of menus")
    out = []
    for index, item in enumerate(menus):
        label = "menus[%d]" % index
        out.append(Scope(item.get("path"), item.get("state") or state, item.get("config"), item.get("keys"),
                         item.get("where"), label, params.get("running_config") if (item.get("state") or state)
                         == "parsed" else None))
    _check_overlaps(out)
    return out


def _disjoint(one, other):
    """Whether two ``where`` scopes can never hold the same entry: one field equal to different values."""
    for name, (op, arg) in one.items():
        if name not in other:
            continue
        values, values2 = _equal_to(op, arg), _equal_to(*other[name])
        if values is not None and values2 is not None and not values & values2:
            return True
    return False


def _equal_to(op, arg):
    """The values a ``where`` condition lets through, when it is a plain equality or list; else None."""
    if op == "eq":
        return set([to_text(arg)])
    if op == "in":
        return set(to_text(a) for a in (arg if isinstance(arg, (list, tuple)) else [arg]))
    return None


def _check_overlaps(scopes):
    """A menu given twice in one task is planned twice against the same read: where one of the two items acts on
    entries it does not list (replaced, overridden, deleted), the second plan would undo the first (``overridden:
    []`` then ``merged`` removes, then fails). Refused, unless their ``where`` scopes are disjoint (``list: a`` and
    ``list: b``). Two ``merged`` items may share a menu; :func:`check_same_entries` refuses the same entry in both."""
    for i, scope in enumerate(scopes):
        for other in scopes[:i]:
            if other.path != scope.path or not (scope.state in engine.ACTION_STATES or other.state in engine.ACTION_STATES):
                continue
            if (scope.state, other.state) == ("merged", "merged") or _disjoint(scope.where, other.where):
                continue
            raise UserInputError("%s and %s both configure %s and their scopes overlap: give the menu once (one "
                                 "state, all its entries), or split it with where on one field with different "
                                 "values in each" % (other.label, scope.label, scope.path))


def check_same_entries(resolved):
    """Refuse one entry (by its keys) given in two ``merged`` items of the same menu: both would add it."""
    seen = {}
    for res in resolved:
        if res.scope.state != "merged" or not res.keys:
            continue
        for where, values, rename in desired_entries(res, "merged"):
            key = (res.path, res.key_of(values))
            first = seen.setdefault(key, (res.scope, where))
            if first[0] is not res.scope:
                raise UserInputError("%s and %s give the same entry of %s (%s): give it once" % (
                    first[1], where, res.path, ", ".join("%s=%s" % (k, _shown(k, values.get(k))) for k in res.keys)))


def _check_where(where, label):
    if not where:
        return {}
    if not isinstance(where, dict):
        raise UserInputError("%s: where must be a mapping of field: condition" % (label or "where"))
    out = {}
    for name, cond in where.items():
        fname = plain_field(name, label or "where", "the where field")
        if isinstance(cond, dict):
            if len(cond) != 1 or list(cond)[0] not in WHERE_OPS:
                raise UserInputError("%s: where %s must be a value, a list of values, or one of %s: value" % (
                    label or "where", fname, ", ".join(WHERE_OPS)))
            op, arg = list(cond.items())[0]
            if op == "regex":
                try:
                    re.compile(str(arg))
                except re.error as exc:
                    raise UserInputError("%s: where %s regex %r: %s" % (label or "where", fname, arg, exc))
            out[fname] = (op, arg)
        elif isinstance(cond, list):
            out[fname] = ("in", [to_text(c) for c in cond])
        else:
            out[fname] = ("eq", cond)
    return out


def _shown(name, value):
    """A field's value as a message shows it: a secret one masked whole (a message is also redacted as text, but
    that finds a value's end at a space or a comma)."""
    if value is not None and overlay.is_secret(name):
        return MASK
    return to_text(value)


def _where_text(where):
    parts = []
    for name, (op, arg) in where.items():
        if overlay.is_secret(name):
            arg = MASK
        if op == "eq":
            parts.append("%s=%s" % (name, to_text(arg)))
        elif op == "in":
            parts.append("%s in (%s)" % (name, ", ".join(arg) if isinstance(arg, (list, tuple)) else arg))
        elif op == "not":
            parts.append("%s!=%s" % (name, to_text(arg)))
        else:
            parts.append("%s %s %r" % (name, op.replace("_", " "), arg))
    return " and ".join(parts)


def in_scope(where, row, kind_of=lambda name: "auto"):
    """Whether ``row`` (router values) is inside the ``where`` scope."""
    for name, (op, arg) in where.items():
        have = row.get(name)
        if op == "eq":
            if have is None and to_text(arg) == "":
                continue
            if have is None or not _values.same(kind_of(name), arg, have):
                return False
        elif op == "in":
            if have is None or not any(_values.same(kind_of(name), a, have) for a in arg):
                return False
        elif op == "not":
            if have is not None and _values.same(kind_of(name), arg, have):
                return False
        elif op == "regex":
            if not re.search(str(arg), have or ""):
                return False
        elif op == "starts_with":
            if not (have or "").startswith(str(arg)):
                return False
    return True


def where_queries(where):
    """Router-side query words for the plain equalities of ``where`` (text and numbers); the rest is filtered
    here. Booleans are not sent (the router prints true/false and compares text)."""
    words = []
    for name, (op, arg) in where.items():
        if op == "eq" and not isinstance(arg, bool) and to_text(arg) != "":
            words.append("?%s=%s" % (name, to_text(arg)))
    return words or None


def read_fields(scope):
    """The fields a read of ``scope`` asks for (``.proplist``): every field the menu writes in any release the data
    describes (:func:`catalog.field_names`), its keys, the flags of entries that are never written, ``name`` and
    ``default-name``, and every field the task names (``where``, ``keys``, the entries' fields and what ``find``
    names); the counters and other read-only fields a big menu prints (a firewall rule's ``bytes``) stay on the
    router. None (every field) for a menu the data does not describe. The answer is complete only where the data
    describes the router's release (:func:`read_complete`); elsewhere the menu is read again whole."""
    if scope.proplist is False:
        scope.proplist = _read_fields(scope)
    return scope.proplist


def _read_fields(scope):
    names = catalog.field_names(scope.path)
    if names is None:
        return None
    out = set(names)
    out.update((".id", "name", "default-name"))
    out.update(overlay.PROTECT)
    out.update(overlay.KEYS.get(scope.path, ()))
    out.update(overlay.V6_KEYS.get(scope.path, ()))
    out.update(scope.keys or ())
    out.update(scope.where)
    for name in scope.given:
        if name.__class__ is not str:
            continue
        if name == export_in.DEFAULT_NAME:
            continue
        if name == export_in.FIND:
            for _where, values in scope.entries:
                out.update(k for k in (values.get(name) or {}) if k.__class__ is str)
            continue
        if name not in HOW:
            out.add(name)
    return sorted(out)


def read_complete(path, version):
    """Whether a read with :func:`read_fields` gets every field the router prints that planning needs: where a
    tree of the router's very release (RouterOS 7.9 to 7.24) has the menu. On RouterOS 6, 7.0-7.8 and releases
    newer than the data, fields the data does not know may be printed: the menu is read whole."""
    return catalog.coverage(version) == "exact" and catalog.menu(path, version) is not None


# ---------------------------------------------------------------------------------------------------------
# The menu as the router and the catalog describe it


_NO_ENTRIES = (catalog.READ_ONLY, catalog.CONTAINER)
_STR_ONLY = {str}


def _settings_rows(rows):
    """Whether the router's print of a menu is one settings object: one row without an id (a list's rows have
    ids, even when it has one entry)."""
    return len(rows) == 1 and ".id" not in rows[0]


class Resolved(_planner.Menu):
    """A menu on a given router, as the planner's menu model (:class:`converge.planner.Menu`): ``kind``
    (list/fixed/settings), ``ordered``, ``info`` (catalog; on RouterOS 6 the RouterOS 6 table's entry, or None for
    menus it does not list), ``version``, ``keys``, and the writable/secret/reset-value/kind lookups from the catalog
    and ``tables``. A field with a value and no known reset value is refused by ``replaced`` (never guessed)."""

    keeps_unknown = False

    def __init__(self, scope, version, rows=(), exists=False):
        """``exists``: the router answered the menu's print (a menu the data lacks is then taken as it is)."""
        rows = list(rows)
        self.scope = scope
        self.path = scope.path
        self.version = version
        self._memo = {}
        self.coverage = catalog.coverage(version) if version else "newer"
        # RouterOS 6 has no tree: the menus of the RouterOS 6 table (overlay.V6_MENUS) are described by it
        self.v6 = catalog.v6_menu(scope.path) if version and self.coverage == "none" else None
        if self.v6 is not None:
            self.info = self.v6
        else:
            self.info = catalog.menu(scope.path, version) if version and self.coverage != "none" else None
        hint = self.info
        if hint is None:  # RouterOS 6 (other menus), or rendered/parsed: the newest tree that has the menu, as a hint
            for label in reversed(catalog.versions()):
                if not label.endswith(catalog.EXTRA):
                    hint = catalog.menu(scope.path, label)
                    if hint is not None:
                        break
        if hint is None and scope.kind_hint is None:
            hint = export_in.menu_info(scope.path)  # a menu of an optional package only
        self.hint = hint
        # RouterOS 6: fields of this menu it prints and never takes, though a 7.x tree (the hint) has them writable
        self.v6_read_only = frozenset(overlay.V6_READ_ONLY_IN.get(self.path, ())) if self.coverage == "none" else \
            frozenset()
        # a menu the data lacks but the router has (hardware, packages, releases newer than the data): its fields
        # go to the router unchecked, and the router's answer is shown
        self.unknown = self.info is None and (exists or scope.from_export)
        if self.coverage in ("exact", "older") and self.info is None and not self.unknown:
            raise UserInputError(self._missing_message())
        if scope.kind_hint is not None and (hint is None or (self.info is None and (
                scope.kind_hint == catalog.SETTINGS or hint.kind in (catalog.READ_ONLY, catalog.CONTAINER)))):
            # the export's own use of a menu the data does not describe for this router (RouterOS 6's /routing
            # filter holds rules, RouterOS 7's holds menus; its /mpls ldp is a settings menu)
            self.kind = scope.kind_hint
            self.ordered = self.path in overlay.V6_ORDERED
        elif hint is not None and not (self.info is None and exists and (
                hint.kind in _NO_ENTRIES or _settings_rows(rows))):
            self.kind = hint.kind
            self.ordered = hint.ordered
        else:  # no data for this release, or data of other versions that the router's print contradicts: no entries
            # there (RouterOS 6's /mpls, /routing/rip), or a list where the router prints one settings object
            # (RouterOS 6's /mpls/ldp): the router's answer is the menu's kind
            self.kind = catalog.SETTINGS if _settings_rows(rows) else catalog.LIST
            if self.path in overlay.V6_FIXED:
                self.kind = catalog.FIXED
            self.ordered = self.path in overlay.V6_ORDERED
        if self.coverage == "none" and self.path in overlay.V6_FIXED:
            self.kind = catalog.FIXED
        if self.kind in (catalog.READ_ONLY, catalog.CONTAINER):
            raise UserInputError("%s: %s is %s on RouterOS %s: there is nothing to configure" % (
                scope.label or "path", self.path, "a read-only menu" if self.kind == catalog.READ_ONLY
                else "a menu of menus (no entries of its own)", version or "7"))
        # values are checked against the data that describes this router (a tree, or the RouterOS 6 table); a field
        # the data does not know is refused only where a tree of this very release says it does not exist (RouterOS
        # 6's table, the 7.9 tree of a 7.0-7.8 router and the newest tree of a newer one are not complete there: the
        # field is sent, and the router's answer is shown)
        self.strict = self.info is not None and (self.coverage in ("exact", "older") or self.v6 is not None)
        self.complete = self.info is not None and self.coverage == "exact" and self.v6 is None
        names = set(n for n in set().union(*rows) if not n.startswith("."))
        self.row_fields = names
        defaults = dict(overlay.COMMON_DEFAULTS)
        defaults.update(overlay.DEFAULTS.get(self.path, {}))
        self.defaults = defaults
        self.keys = self._keys(scope.keys)
        self.name_field = overlay.NAME_FIELDS.get(self.path) or ("name" if "name" in self.keys else None)
        self.can_unset = bool(self.info is not None and "unset" in self.info.commands and self.kind != catalog.SETTINGS
                              and not scope.from_export)
        if scope.from_export:
            # an export leaves out what is at its default: a field it does not give is left as the router has it
            # unless its reset value is known (never unset, never refused)
            self.keeps_unknown = True
            # a fixed entry (a service, a port) the export leaves out is as the exported router had it by default;
            # some of those defaults differ per entry (www-ssl is disabled, www is not): it is left as it is
            self.resets_unlisted = False
        self.fields = {}
        self.label = scope.label
        known = set(self.writable_names()) | set(self.keys) | names
        self.read_only = tuple(sorted(set(n for n in names if not self.writable(n) and n not in self.keys)
                                      | self.v6_read_only))
        # dynamic and built-in entries are never written; ``default`` is a flag only where it is not a field
        self.protect = tuple(f for f in overlay.PROTECT if f != "default" or not self.writable(f))
        self.ref_fields = tuple(sorted((overlay.REF_FIELDS & known) - {self.name_field}))

    @property
    def menu(self):
        """The menu model (this object itself)."""
        return self

    def field(self, name):
        got = self._memo.get(("f", name))
        if got is None:
            got = self._memo[("f", name)] = _planner.Field(kind=self.kind_of(name), empty_is_absent=(name == "comment"),
                                                           create_only=self.create_only(name))
        return got

    def is_secret(self, name):
        return overlay.is_secret(name)

    def reset_value(self, name, row):
        return self.default(name, row)

    def static_reset(self, name):
        if self.path == "/ip/service" and name == "port":
            return _planner.PER_ROW
        return self.defaults.get(name)

    def key_of(self, entry):
        """The entry's key; a key field the entry leaves out or empty is its reset value (a route without
        dst-address is the route to 0.0.0.0/0, a static DNS record without type an A record, a lease without
        client-id has none), whether the router omits it in print or the config does."""
        return self.keys_of((entry,))[0]

    def key_columns(self, entries):
        """The canonical form of each key of ``entries`` (a list), one list per key (a big list's rows and entries):
        a column of non-empty texts is taken as it is (a text key) or through the canonical form of each distinct
        text, computed once per task (rows and entries share most values); any other column value by value."""
        spec = self._memo.get("key_spec")
        if spec is None:
            # (name, True for a text compared as it is else its kind, the value of an entry without one, memo)
            spec = self._memo["key_spec"] = [
                (name, True if self.kind_of(name) in ("str", "auto") else self.kind_of(name),
                 self.defaults.get(name) if self.defaults.get(name) != "" else None, {})
                for name in self.keys]
        columns = []
        for name, plain, default, seen in spec:
            column = [entry.get(name) for entry in entries]
            if set(map(type, column)) == _STR_ONLY and "" not in column:  # the common case: every value is text
                if plain is not True:
                    got = list(map(seen.get, column))
                    if None in got:
                        _values.canonical_texts(plain, set(column).difference(seen), seen)
                        got = list(map(seen.__getitem__, column))
                    column = got
            else:
                column = [self._key_value(name, plain, default, seen, value) for value in column]
            columns.append(column)
        return columns

    def keys_of(self, entries):
        """:meth:`key_of` of each of ``entries``, a column of key values at a time (:meth:`key_columns`)."""
        if not isinstance(entries, list):
            entries = list(entries)
        if not self.keys:
            return [()] * len(entries)
        return list(zip(*self.key_columns(entries)))

    def _key_value(self, name, plain, default, seen, value):
        """One value of a key column in canonical form (:meth:`keys_of`)."""
        if value.__class__ is str and value:
            if plain is True:
                return value
            got = seen.get(value)
            if got is None:
                got = seen[value] = _values.canonical(plain, value)
            return got
        if value is None or value is _planner.ABSENT or value == "":
            value = default
        return None if value is None else _values.canonical(self.kind_of(name), value)

    def _missing_message(self):
        seen = seen_text(self.path)
        if seen:
            return "%s: %s does not exist on RouterOS %s; %s" % (self.scope.label or "path", self.path, self.version, seen)
        close = catalog.close_paths(self.path, self.version)
        return "%s: %s is not a menu of RouterOS %s (nor of any RouterOS 7.9 to 7.24)%s" % (
            self.scope.label or "path", self.path, self.version, "; did you mean %s?" % ", ".join(close) if close else "")

    def _keys(self, explicit):
        if explicit:
            return explicit
        if self.kind == catalog.SETTINGS:
            return ()
        if self.coverage == "none" and self.path in overlay.V6_KEYS:
            return overlay.V6_KEYS[self.path]
        if self.path in overlay.KEYS:
            return overlay.KEYS[self.path]
        if "name" in self.writable_names() or "name" in self.row_fields or (self.kind == catalog.FIXED):
            return ("name",)
        return ()

    def writable_names(self):
        src = self.info if self.info is not None else self.hint
        if src is not None:
            return [n for n in src.fields if n not in self.v6_read_only]
        return [n for n in self.row_fields if n not in overlay.V6_READ_ONLY]

    def writable(self, name):
        got = self._memo.get(("w", name))
        if got is None:
            got = self._memo[("w", name)] = self._writable(name)
        return got

    def _writable(self, name):
        if name in self.v6_read_only:
            return False
        src = self.info if self.info is not None else self.hint
        if src is not None and self.info is not None:
            return name in src.fields
        if src is not None and name in src.fields:
            return True
        return name not in overlay.V6_READ_ONLY and (self.info is None)

    def field_info(self, name):
        src = self.info if self.info is not None else self.hint
        return src.fields.get(name) if src is not None else None

    def kind_of(self, name):
        got = self._memo.get(("k", name))
        if got is None:
            got = self._memo[("k", name)] = self._kind_of(name)
        return got

    def _kind_of(self, name):
        info = self.field_info(name)
        if self.path in overlay.KIND_MENUS and name in overlay.KINDS:
            return overlay.KINDS[name]
        if info is not None:
            if info.value_type == "time":
                return "duration"
            if info.value_type == "int":
                return "int"
            if info.value_type == "mac":
                return "mac"
            if info.value_type == "words" and info.multi:
                return "set"
        return "auto"

    def create_only(self, name):
        info = self.field_info(name) if self.info is not None else None
        return bool(info is not None and info.create_only and self.kind == catalog.LIST)

    def default(self, name, row):
        if self.path == "/ip/service" and name == "port":
            return overlay.SERVICE_PORTS.get(row.get("name"))
        return self.defaults.get(name)


# ---------------------------------------------------------------------------------------------------------
# Checking the input against the menu


def _newest_info(path):
    for label in reversed(catalog.versions()):
        if not label.endswith(catalog.EXTRA):
            info = catalog.menu(path, label)
            if info is not None:
                return info
    return None


def _named_fields(scope):
    """[(what, name)] for the fields ``where`` and ``keys`` name."""
    return [("where", n) for n in scope.where] + [("keys", k) for k in (scope.keys or ())]


def _known_name(name, writable):
    return name in writable or name in overlay.READ_ONLY_NAMES or name in overlay.V6_READ_ONLY or name in overlay.PROTECT


def check_names_before_read(scope):
    """Refuse, before anything is read, a ``where`` or ``keys`` name that is no field of the menu in any RouterOS
    7 tree nor a known read-only field but is close to one that is: a misspelling (``lsit`` for ``list``)."""
    info = _newest_info(scope.path)
    if info is None:
        return
    writable = set(info.fields)
    for what, name in _named_fields(scope):
        if _known_name(name, writable):
            continue
        close = difflib.get_close_matches(name, sorted(writable | overlay.READ_ONLY_NAMES), n=3, cutoff=0.75)
        if close:
            raise UserInputError("%s: %s names %s, which is not a field of %s; did you mean %s? Nothing was read or "
                                 "written" % (scope.label or what, what, name, scope.path, " or ".join(close)))


def check_names(res, rows):
    """Refuse, after the read and before anything is planned or written, a ``where`` or ``keys`` name that is not a
    field of the menu: neither writable there, nor a known read-only field, nor printed by any of its entries. A
    misspelt ``where`` field with ``not`` would put every entry in scope (``deleted`` and ``overridden`` would remove
    them all); a misspelt key would match no entry."""
    if not rows:
        return
    known = set(res.writable_names()).union(*rows)
    for what, name in _named_fields(res.scope):
        if _known_name(name, known):
            continue
        close = difflib.get_close_matches(name, sorted(known - {".id"}), n=3, cutoff=0.6)
        raise UserInputError("%s: %s names %s, which is not a field of %s on RouterOS %s (no entry has it)%s; "
                             "nothing was written" % (res.scope.label or what, what, name, res.path,
                                                      res.version or "7",
                                                      "; did you mean %s?" % " or ".join(close) if close else ""))


_PASS = object()  # check_entry: a config key that is not a field to write (rename_from, a protect flag)


def _check_rule(res, name):
    """What :func:`check_entry` knows of ``name`` in this menu whatever the value (asked once per name and task):
    :data:`_PASS`, or (writable where the data is complete, catalog info, whether a text value needs a check: the
    data describes its words, range or length, or the field cannot be set here)."""
    rules = res._memo.get("check")  # pylint: disable=protected-access
    if rules is None:
        rules = res._memo["check"] = {}  # pylint: disable=protected-access
    got = rules.get(name)
    if got is None:
        if name in HOW or name in overlay.PROTECT and not res.writable(name):
            got = _PASS
        else:
            info = res.field_info(name)
            checked = info is not None and res.strict and (
                info.words is not None or info.value_type == "int" or info.max_length is not None or (
                    res.kind != catalog.LIST and not info.in_set))
            got = (not (res.complete and not res.writable(name)), info, checked)
        rules[name] = got
    return got


def check_entry(res, where, values, state):
    """The entry's values as API text, checked against the menu: writable fields, accepted words, ranges. The
    menu's facts of each field name are looked up once per task (:func:`_check_rule`), the value every time."""
    out = {}
    strict = res.strict and state != "deleted"
    rules = res._memo.get("check") or {}  # pylint: disable=protected-access
    for name, value in values.items():
        rule = rules.get(name) or _check_rule(res, name)
        if rule is _PASS:
            continue
        writable, info, checked = rule
        if value.__class__ is str and writable and not (strict and checked):  # text with nothing to check
            out[name] = value
            continue
        if value is _planner.ABSENT:  # no value: nothing to check; a field this release lacks has none anyway
            if writable:
                out[name] = value
            continue
        if isinstance(value, dict):
            raise UserInputError("%s: %s is a mapping; a field takes a value or a list of values" % (where, name))
        if not writable and name not in res.keys:
            close = res.info.close_matches(name)
            raise UserInputError("%s: %s is not a writable field of %s on RouterOS %s%s" % (
                where, name, res.path, res.version,
                " (did you mean %s?)" % ", ".join(close) if close else " (its fields: %s)" % ", ".join(
                    sorted(res.info.fields)[:30])))
        text = value if value.__class__ is str else to_text(value)
        if isinstance(value, bool) and info is not None and info.words:
            text = _values.bool_text(value, info.words)
        if strict and info is not None:
            if res.kind != catalog.LIST and not info.in_set:
                raise UserInputError("%s: %s cannot be set in %s (entries there are not added)" % (where, name, res.path))
            reason = info.check_value(text)
            if reason:
                raise UserInputError("%s: %s is %s" % (where, name, reason))
            if info.value_type == "int" and text != "":
                num = _values.int_or_none(text)
                if num is None or (info.lo is not None and num < info.lo) or (info.hi is not None and num > info.hi):
                    raise UserInputError("%s: %s is %r, which is not a number in %s..%s"
                                         % (where, name, text, info.lo, info.hi))
            if info.max_length is not None and len(text) > info.max_length:
                raise UserInputError("%s: %s is %d characters long; at most %d are accepted" % (
                    where, name, len(text), info.max_length))
        out[name] = value if isinstance(value, bool) and (info is None or not info.words) else text
    return out


def _plain_names(res, state, entries):
    """The names of ``entries`` whose text :func:`check_entry` takes as it is (nothing to check), and that are
    neither a protect flag nor a key saying how the entry is found: asked once per name and task."""
    strict = res.strict and state != "deleted"
    out = set()
    for name in set().union(*map(_VALUES, entries)):
        if name.__class__ is not str:
            continue
        rule = _check_rule(res, name)
        if rule is not _PASS and rule[0] and not (strict and rule[2]) and name not in _HOW_NAMES and \
                name not in res.protect:
            out.add(name)
    return frozenset(out)


_VALUES = operator.itemgetter(1)


def desired_entries(res, state, entries=None):
    """[(where, values, rename_from)] for the scope's entries, in scope, checked; dynamic ones skipped."""
    scope = res.scope
    out = []
    protect = tuple(res.protect)
    where_items = list(scope.where.items())
    fill = dict((name, to_text(arg)) for name, (op, arg) in where_items if op == "eq" and state != "deleted")
    # the keys an entry that leaves them out gets (their reset values)
    key_defaults = [(key, res.default(key, {})) for key in res.keys if state != "deleted" and res.default(
        key, {}) is not None and res.writable(key) and (res.info is not None or key in res.row_fields)]
    protect_names = frozenset(protect)
    entries = scope.entries if entries is None else entries
    plain = _plain_names(res, state, entries)
    # every where condition is an equality an entry that leaves its field out is given (list=...)
    filled = len(fill) == len(where_items)
    fill_names = frozenset(fill)
    for where, values in entries:
        if plain.issuperset(values):  # fields taken as they are when their values are text (a big list's entries)
            for value in values.values():
                if value.__class__ is not str:
                    checked = check_entry(res, where, values, state)
                    break
            else:
                checked = dict(values)
                if filled and fill_names.isdisjoint(values):  # in scope by the values the scope names
                    checked.update(fill)
                    for key, default in key_defaults:
                        if key not in checked:
                            checked[key] = default
                    out.append((where, checked, None))
                    continue
        else:
            if protect and not protect_names.isdisjoint(values) and _flagged(values, protect):
                continue  # a gathered dynamic/built-in entry: reported, never written
            checked = check_entry(res, where, values, state)
        for name, (op, arg) in where_items:
            if name not in checked:
                if name in fill:
                    checked[name] = fill[name]
                    continue
                if state == "deleted":
                    continue
                raise UserInputError("%s: gives no %s, so it would be outside the scope (where %s)" % (
                    where, name, _where_text(scope.where)))
            if name in fill and checked[name] == fill[name]:
                continue  # the value the scope names, as text
            if not in_scope({name: (op, arg)}, checked, res.kind_of):
                raise UserInputError("%s: %s is %s, outside the scope (where %s)" % (
                    where, name, _shown(name, checked[name]) if overlay.is_secret(name) else repr(checked[name]),
                    _where_text(scope.where)))
        for key, default in key_defaults:
            if key not in checked:
                checked[key] = default
        how = None
        if not _HOW_NAMES.isdisjoint(values):
            for k in HOW:
                if values.get(k) is not None:
                    how = how or {}
                    how[k] = values[k]
        out.append((where, checked, how))
    return out


def _flagged(values, flags):
    for flag in flags:
        value = values.get(flag)
        if value is not None and value is not False and _values.truthy(value):
            return True
    return False


# ---------------------------------------------------------------------------------------------------------
# Reading


def visible_rows(res, rows):
    """The rows inside the scope, with secrets removed (they are never read back): the rows themselves where the
    menu's rows have no secret field (planning never changes a row)."""
    where = res.scope.where
    texts = dict((name, to_text(arg)) for name, (op, arg) in where.items() if op == "eq" and not isinstance(arg, bool))
    names = set().union(*rows)
    secret = [name for name in names if overlay.is_secret(name)]  # asked once per field name, not per entry
    if not secret and not where:
        return list(rows)
    if not secret and len(where) == 1 and len(texts) == 1:  # one plain equality (list=...): met as text, mostly
        ((name, text),) = texts.items()
        kind_of = res.kind_of
        return [row for row in rows if row.get(name) == text or in_scope(where, row, kind_of)]
    out = []
    for row in rows:
        if where:
            for name, text in texts.items():  # a plain equality the row meets as text: the common case
                if row.get(name) != text:
                    break
            else:
                if len(texts) != len(where) and not in_scope(where, row, res.kind_of):
                    continue
                out.append(_without(row, secret) if secret else row)
                continue
            if not in_scope(where, row, res.kind_of):
                continue
        out.append(_without(row, secret) if secret else row)
    return out


def _without(row, names):
    return dict((k, v) for k, v in row.items() if k not in names)


def entry_of(res, row):
    """A router row as a ``config`` entry: keys and writable fields (RouterOS names), booleans as booleans, and
    ``dynamic``/``builtin``/``default: true`` on entries that are never written."""
    entry = {}
    memo = res._memo  # pylint: disable=protected-access
    for name, value in row.items():
        shown = memo.get(("s", name))
        if shown is None:
            shown = memo[("s", name)] = not (name.startswith(".") or overlay.is_secret(name)) and (
                res.writable(name) or name in res.keys)
        if not shown or value is None or value == "":
            continue
        if value == "true":
            value = True
        elif value == "false":
            value = False
        entry[name] = value
    for flag in res.protect:
        if _values.truthy(row.get(flag)):
            entry[flag] = True
    return entry


_WORDS = {"true": True, "false": False}


def _entries_of(res, rows, names):
    """:func:`entry_of` of each row, the facts of each field name asked once: the fields shown taken by one dict
    comprehension a row (``true``/``false`` as booleans), the flags that are set added after them."""
    memo = res._memo  # pylint: disable=protected-access
    shown = set()
    for name in names:
        got = memo.get(("s", name))
        if got is None:
            got = memo[("s", name)] = not (name.startswith(".") or overlay.is_secret(name)) and (
                res.writable(name) or name in res.keys)
        if got:
            shown.add(name)
    flags = [flag for flag in res.protect if flag in names]
    words = _WORDS
    out = []
    for row in rows:
        try:
            entry = {k: words.get(v, v) for k, v in row.items() if k in shown and v is not None and v != ""}
        except TypeError:  # a value that is no text (never from a router): one field at a time
            out.append(entry_of(res, row))
            continue
        for flag in flags:
            value = row.get(flag)
            if value is not None and value != "false" and _values.truthy(value):
                entry[flag] = True
        out.append(entry)
    return out


def facts(res, rows):
    """The rows as ``config`` entries (:func:`entry_of`): one mapping for a settings menu, else a list, marked as
    fit to show as it is (:class:`ShownEntries`) where no field of the menu is secret and no value may hold a
    secret by its place, so that redaction does not walk a big list entry by entry. The value of an environment
    variable (/container/envs) is a secret: shown as ********, its ``key`` being hidden already (a secret by its
    name), which redaction needs to recognise such an entry."""
    if res.kind == catalog.SETTINGS:
        return entry_of(res, rows[0]) if rows else {}
    row_names = set().union(*rows)
    out = _entries_of(res, rows, row_names)
    names = set(res.writable_names()) | set(res.keys) | res.row_fields | row_names
    if res.path in _ENV_PATHS or all(name in names for name in _ENV_FIELDS):
        return [dict(e, value=MASK) if e.get("value") not in (None, "") else e for e in out]
    if any(overlay.is_secret(name) for name in names):
        return out
    return ShownEntries(out)


# The fields of a /container/envs entry: its value is the secret
_ENV_FIELDS = ("name", "key", "value")
_ENV_PATHS = frozenset(("/container/envs",))


# ---------------------------------------------------------------------------------------------------------
# Planning


def plan_scope(res, rows, state, secrets_always=False, entries=None, warnings=None, later=()):
    """The operations that bring ``rows`` (the scope's rows, in the router's order) to the scope's entries under
    ``state``: the entries checked against the menu (:func:`desired_entries`), then the one planner
    (:func:`converge.planner.plan`). ``later``: the names other menus of the task make exist (:func:`made_names`)."""
    desired = desired_entries(res, state, entries)
    hows = [how for _where, _values, how in desired]
    if hows.count(None) == len(hows):  # every entry found by its keys (a big list): (where, values, None) each
        wanted = desired
    else:
        own = _own_rows(res, rows, desired)
        wanted = []
        listed = 0  # the scope's own entries listed so far
        for where, values, how in desired:
            wanted.append((where, values, _find_of(res, rows, where, how, own, listed)))
            if _is_own(res, how):
                listed += 1
    return _planner.plan(res, rows, state, wanted, secrets_always, label=res.scope.label, warnings=warnings,
                         later=later)


def _is_own(res, how):
    """Whether a desired entry is one of the scope's own entries: an entry of a list menu found by its keys (an
    export's ``add`` line), not one that names a router's entry itself (``default_name``, ``find``, ``number``)."""
    return res.kind == catalog.LIST and not (how and any(k in how for k in export_in.SPECIAL))


def _own_rows(res, rows, desired):
    """The ``.id`` of the rows that are the scope's own entries (found by their keys, or by every field given in a
    menu without keys): the entries ``number`` does not count where they are (:func:`_find_of`)."""
    if not any(how and export_in.NUMBER in how for _where, _values, how in desired):
        return set()
    own = [values for _where, values, how in desired if _is_own(res, how)]
    if not own:
        return set()
    out = set()
    if res.keys:
        keys = set(res.key_of(values) for values in own)
        return set(r.get(".id") for r in rows if res.key_of(r) in keys)
    for values in own:
        for row in rows:
            if row.get(".id") not in out and _planner.given_match(res, values, row):
                out.add(row.get(".id"))
                break
    return out


def _find_of(res, rows, where, how, own=(), listed=0):
    """The ``find`` of a desired entry: ``rename_from`` the old name (tried after the keys); ``default_name``,
    ``find`` and ``number`` name the entry itself (a :class:`converge.planner.Pinned`, tried first).

    ``number`` is the entry's number as the console printed it where the entries were numbered (an export's ``set
    10``): it counts every entry printed before it, built-in and dynamic ones, and the scope's own entries (``own``:
    its list entries found by keys) listed before it (``listed``) among them. Another router has those own entries
    elsewhere (a fresh router: not yet, then last) or not at all, so they are not counted where they are: ``number``
    N after k own entries is the (N - k)-th entry of the router that is none of the scope's own entries (numbered
    from 0). On the router the entries were numbered on, and on one that has none of the own entries, that is the
    entry the console numbered N."""
    if not how:
        return None
    if set(how) == {RENAME}:
        return {res.name_field: how[RENAME]} if res.name_field else None
    find = _planner.Pinned()
    if export_in.DEFAULT_NAME in how:
        find["default-name"] = to_text(how[export_in.DEFAULT_NAME])
    for name, value in (how.get(export_in.FIND) or {}).items():
        find[plain_field(name, where, "the find field")] = value
    if export_in.NUMBER in how:
        number = int(how[export_in.NUMBER])
        others = [r for r in rows if r.get(".id") not in own] if own else rows
        if number < listed:
            raise UserInputError("%s: number %d names one of the %d entries listed before it that %s adds (an "
                                 "entry it adds is given by its fields, not by a number)" % (
                                     where, number, listed, res.scope.label or res.path))
        if number - listed >= len(others):
            raise UserInputError("%s: number %d: %s prints %d entries on the router (numbered from 0)%s" % (
                where, number, res.path, len(others), (
                    " besides the %d of its own entries; %d of those are listed before it and counted" % (
                        len(rows) - len(others), listed)) if listed or len(others) != len(rows) else ""))
        find[".id"] = others[number - listed].get(".id")
    return find


# The list menus right under /interface whose entries are not interfaces (every other one holds one interface type:
# /interface/bridge, /interface/vlan, /interface/sstp-client, ...; the 7.x trees have no other exception)
NOT_INTERFACES = frozenset(("/interface/list",))


def made_names(resolved):
    """The interface names the task's menus make exist (added, or renamed to): the name of every entry given to a
    menu of interfaces (a menu right under /interface: a bridge, a VLAN, a port renamed) by merged, replaced or
    overridden. An entry of a fixed menu named by one that the router lacks yet (``/queue interface set vlan10``)
    is set after that write (:func:`converge.planner.later_set_op`)."""
    names = set()
    for res in resolved:
        parts = res.path.split("/")
        if len(parts) != 3 or parts[1] != "interface" or res.path in NOT_INTERFACES or not res.name_field or \
                res.scope.state not in (engine.MERGED, engine.REPLACED, engine.OVERRIDDEN) or \
                res.kind == catalog.SETTINGS:
            continue
        for _where, values in res.scope.entries:
            value = values.get(res.name_field)
            if value not in (None, "") and value is not _planner.ABSENT:
                names.add(to_text(value))
    return names


def add_op(res, values, label):
    """The ``add`` of one entry of the scope (state rendered shows it)."""
    return _planner.add_op(res, values, label)


# ---------------------------------------------------------------------------------------------------------
# Secrets in what is shown


class MaskedOp(engine.Op):
    """An operation whose secret values are shown as ********."""

    __slots__ = ()

    def command(self):
        real = self.attrs
        self.attrs = dict((k, MASK if overlay.is_secret(k) else v) for k, v in real.items())
        try:
            return engine.Op.command(self)
        finally:
            self.attrs = real


def mask_ops(ops):
    for op in ops:
        if any(overlay.is_secret(k) for k in op.attrs):
            op.__class__ = MaskedOp
        for side in ("before", "after"):
            entry = getattr(op, side)
            if entry:
                setattr(op, side, dict((k, MASK if overlay.is_secret(k) else v) for k, v in entry.items()))
    return ops


def redact_config(config):
    """The task's config with secret values masked (for the echoed invocation)."""
    if isinstance(config, dict):
        return dict((k, MASK if overlay.is_secret(field_name(k)) and v is not None else redact_config(v)
                     if isinstance(v, (dict, list)) else v) for k, v in config.items())
    if isinstance(config, list):
        return [redact_config(e) for e in config]
    return config
