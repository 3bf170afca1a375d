# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A RouterOS ``/export`` as ``tikops.routeros.menu`` input: one item of ``menus`` per menu the export names.

No I/O: export text (read by :mod:`core.console`) in, menus items out. ``src: core1.rsc`` and ``state: parsed``
use it; the mapping, line by line:

- ``add a=b ...``: an entry of the menu (a list menu).
- ``set a=b`` (no item named) on a settings menu: the settings mapping (every such line of the menu merged).
- ``set [ find default-name=ether1 ] name=wan``: the built-in entry whose ``default-name`` is ether1, renamed
  (``default-name: ether1`` in the entry; matched on the router by that field before the keys).
- ``set [ find default=yes ] ...``: the menu's built-in entry (``find: {default: true}``); it is changed, never
  removed.
- ``set [ find a=b ] ...``: the entry those fields find (``find: {a: b}``).
- ``set 0 ...``: the n-th entry in the router's print order (``number: 0``), counting every entry the menu prints
  (built-in and dynamic ones included), as the console numbers them; the export's own entries (its ``add`` lines
  of the menu printed before the line) are counted as listed, not where a router has them (``menu.planner``
  ``_find_of``; docs/exports.md, "What a number in an export names").
- ``set telnet ...``: the entry whose key field (the menu's name field: ``name``, ``slot`` for ``/disk``) is that
  word: in a menu of fixed entries that field; in a list menu ``find: {name: telnet}`` (the entry is there, often
  a built-in one: ``/user group set full``); merged into an entry the export added before when it names it.
- ``enable``/``disable``: ``disabled: false``/``true`` on the entry named as for ``set``.
- ``remove``: the entries named are absent (an item of ``menus`` with state ``deleted``; ``overridden`` removes
  them anyway).
- ``set [ find ] ...`` (no condition): every entry of the menu the router has (``find: {}``); none when it has
  none.
- a bare word (``add blackhole``) is the field set to yes; ``!keepalive`` the field set to no where the data
  knows it as a yes/no field; any other ``!field`` (a verbose export's ``!connection-bytes``, ``!domain-id``) is a
  field without a value, never sent as ``no``: ``"!connection-bytes": True`` in the entries of ``src:`` (unset
  where the entry has a value), left out of ``state: parsed`` and of plain ``menus`` items.
- ``place-before=[ find ... ]``: the entry is listed before the entry of the export those conditions find (the
  order ordered menus are put in).

Values stay the export's text, except the yes/no of fields the menu data knows as booleans, which become booleans.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog
from ansible_collections.tikops.routeros.plugins.module_utils.catalog import overlay
from ansible_collections.tikops.routeros.plugins.module_utils.core import console
from ansible_collections.tikops.routeros.plugins.module_utils.core import values as _values
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import UserInputError

# Keys of a config entry that are not fields: how the entry is found on the router.
DEFAULT_NAME = "default-name"
FIND = "find"
NUMBER = "number"
SPECIAL = (DEFAULT_NAME, FIND, NUMBER)

# An export's ``!field`` on a field that is not yes/no: the field has no value. Held as ``"!field": True`` in the
# entries of ``src:`` (the menu module unsets it where an entry has a value); ``state: parsed`` leaves it out.
ABSENT_PREFIX = "!"

# Arguments of add/set that are not fields of an entry (RouterOS's own), dropped from entries.
_NOT_FIELDS = ("numbers", "copy-from", "place-before", "value-name")


class ExportText(dict):
    """The text of an export a ``src:`` file holds (``text``, ``name``): the action plugin hands it to the module
    in place of ``config``; the module turns it into ``menus`` (:func:`menus_from_export`)."""

    def __init__(self, text, name=""):
        dict.__init__(self, text=text, name=name)


def is_export(text, name=""):
    """Whether a ``src:`` file is export text rather than JSON/YAML: its name ends with ``.rsc``, or its first line
    that is not blank or a ``#`` comment opens a menu (``/ip address``), which JSON and YAML never do."""
    if str(name).lower().endswith(".rsc"):
        return True
    for line in text.split("\n"):
        part = line.strip().lstrip("\ufeff")
        if not part or part.startswith("#"):
            continue
        return part.startswith("/")
    return False


def menu_info(path):
    """What the data knows of ``path``: the newest RouterOS 7 tree that has it (optional packages counted), else
    the RouterOS 6 table; None for a menu none of them has (hardware, newer releases)."""
    path = catalog.normalize_path(path)
    for label in reversed(catalog.versions()):
        info = catalog.menu(path, label, extra=label.endswith(catalog.EXTRA))
        if info is not None:
            return info
    return catalog.v6_menu(path)


def name_field(path, info=None):
    """The field ``set word`` names an entry of ``path`` by: the menu's name field (``overlay``), its only key, or
    ``name``."""
    if path in overlay.NAME_FIELDS:
        return overlay.NAME_FIELDS[path]
    keys = overlay.KEYS.get(path)
    if keys and len(keys) == 1:
        return keys[0]
    return "name"


def _is_bool(info, name):
    """True/False: the data says whether ``name`` is a yes/no field (the tree's words, or, where the tree gives no
    type, a reset value of true/false in the overlay); None: the data does not know the field."""
    field = info.fields.get(name) if info is not None else None
    if field is not None and field.value_type is not None:
        return bool(not field.multi and _values.is_bool_words(field.words))
    default = overlay.DEFAULTS.get(info.path if info is not None else "", {}).get(name, overlay.COMMON_DEFAULTS.get(name))
    if default is not None:
        return str(default).lower() in ("true", "false")
    if field is None and info is not None:
        return False
    return None  # not known: a word is still a yes


def typed(info, name, value):
    """An export's value as config: yes/no (true/false) of a boolean field as a boolean; anything else, free text
    included (``comment=true``), as the text it is."""
    if not isinstance(value, str) or not _is_bool(info, name):
        return value
    got = _values.bool_or_none(value)
    return value if got is None else got


class _Menu(object):
    """The entries of one menu as the export's lines build them."""

    def __init__(self, path):
        self.path = path
        self.info = menu_info(path)
        self.settings = None
        self.entries = []
        self.removed = []
        self.kinds = set()
        self.first_line = None
        self.by_key = {}
        self.before = []

    def kind(self):
        """The menu's kind: what the export does with it when it only sets it without naming an item (a settings
        menu there, as ``/mpls ldp`` on RouterOS 6), else the data's, else what the export does with it."""
        if self.kinds == {"settings"}:
            return catalog.SETTINGS
        if self.info is not None and self.info.kind in (catalog.LIST, catalog.FIXED, catalog.SETTINGS):
            return self.info.kind
        if "add" in self.kinds:
            return catalog.LIST
        if "settings" in self.kinds and len(self.kinds) == 1:
            return catalog.SETTINGS
        return catalog.FIXED


def _where(cmd):
    return "line %d (%s)" % (cmd["line"], cmd["path"])


def _attrs(menu, cmd):
    out = {}
    for name, value in cmd["attrs"].items():
        if name in _NOT_FIELDS or name in cmd.get("exprs", ()):
            continue
        out[name] = typed(menu.info, name, value)
    for word in cmd.get("words", ()):
        if _is_bool(menu.info, word) is False and menu.info is not None and word in menu.info.fields:
            raise UserInputError("%s: the word %s names a field that is not yes/no; give %s=value" % (
                _where(cmd), word, word))
        if menu.info is not None and word not in menu.info.fields:
            # the console takes it as an unnamed argument, whose field no data names
            raise UserInputError("%s: the bare word %s is no field of %s; the console reads it as an unnamed "
                                 "argument, and which field that is is not known here: write it as field=%s" % (
                                     _where(cmd), word, menu.path, word))
        out[word] = True
    for name in cmd.get("negated", ()):
        # ``!name``: a yes/no field set to no; any other field (or one the data does not type) has no value, as
        # a verbose export prints an unset field (``!connection-bytes``): it is left out, never sent as no
        if _is_bool(menu.info, name):
            out[name] = False
        else:
            out[ABSENT_PREFIX + name] = True
    for name in cmd.get("exprs", ()):
        if name != "place-before":
            raise UserInputError("%s: %s=%s is a console expression; an export gives values" % (
                _where(cmd), name, cmd["attrs"][name]))
    return out


def _find_values(menu, cmd, conditions):
    found = {}
    for cond in conditions:
        if cond["op"] != "=":
            raise UserInputError("%s: [ find %s%s%s ]: only = conditions find an entry here" % (
                _where(cmd), cond["field"], cond["op"], cond["value"]))
        found[cond["field"]] = typed(menu.info, cond["field"], cond["value"])
    return found


def _identity(menu, cmd):
    """(how, entry fields) that name the item a set/remove/enable/disable acts on."""
    sel = cmd.get("selector")
    if sel is None:
        return None, {}
    kind = sel["kind"]
    field = name_field(menu.path, menu.info)
    if kind == "id" and not sel["value"].isdigit() and cmd["attrs"].get(field):
        # an internal id (*0: a verbose export's built-in profile) with the entry's name given: found by the name
        return ("key", field, cmd["attrs"][field]), {field: cmd["attrs"][field]}
    if kind == "default-name":
        return ("default-name", sel["value"]), {DEFAULT_NAME: sel["value"]}
    if kind == "default":
        return ("default",), {FIND: {"default": True}}
    if kind == "id":
        value = sel["value"]
        if not value.isdigit():
            raise UserInputError("%s: %s is an internal id of the router the export came from, and the line gives "
                                 "no %s to find the entry by" % (_where(cmd), value, field))
        return ("number", int(value)), {NUMBER: int(value)}
    if kind == "name":
        return ("key", field, sel["value"]), _named(menu, field, sel["value"])
    found = _find_values(menu, cmd, sel["conditions"])
    if len(found) == 1:
        field, value = list(found.items())[0]
        if field == name_field(menu.path, menu.info):
            return ("key", field, value), _named(menu, field, value)
    return ("find",) + tuple(sorted((k, str(v)) for k, v in found.items())), {FIND: found}


def _earlier(menu, found):
    """The entry the export added before whose fields are those a find gives (a later line that sets or removes
    it), or None."""
    for entry in menu.entries:
        if not any(k in entry for k in SPECIAL) and all(
                k in entry and _values.same("auto", v, entry[k]) for k, v in found.items()):
            return entry
    return None


def _named(menu, field, value):
    """The entry fields of ``set <name>``: in a menu of fixed entries (services, ports) the entry's key; in a list
    menu, the entry found by that name (``find``: the line sets an entry that is there, often a built-in one such
    as the ``full`` user group or the ``default`` BGP template, and never adds one)."""
    if menu.info is not None and menu.info.kind != catalog.LIST:
        return {field: value}
    return {FIND: {field: value}}


def _add(menu, cmd):
    entry = _attrs(menu, cmd)
    menu.entries.append(entry)
    field = name_field(menu.path, menu.info)
    if field in entry:
        menu.by_key.setdefault(("key", field, str(entry[field])), entry)
    if "place-before" in cmd.get("exprs", ()):
        menu.before.append((entry, cmd))


def _merge(entry, attrs):
    """A later line's fields over an entry's: a field given a value is no longer without one, and the reverse."""
    for name in attrs:
        entry.pop(name[len(ABSENT_PREFIX):] if name.startswith(ABSENT_PREFIX) else ABSENT_PREFIX + name, None)
    entry.update(attrs)


def _set(menu, cmd, attrs):
    ident, fields = _identity(menu, cmd)
    if ident is None:
        menu.kinds.add("settings")
        if menu.settings is None:
            menu.settings = {}
        _merge(menu.settings, attrs)
        return
    menu.kinds.add("set")
    entry = menu.by_key.get(ident)
    if entry is None and ident[0] == "find" and fields[FIND]:
        entry = _earlier(menu, fields[FIND])
    if entry is None:
        entry = dict(fields)
        menu.by_key[ident] = entry
        menu.entries.append(entry)
    _merge(entry, attrs)
    if ident[0] == "key" and ident[1] in attrs and str(attrs[ident[1]]) != ident[2]:
        # renamed by this line: the entry had the name the line finds it by
        if FIND not in entry:
            entry.setdefault("rename_from", ident[2])
        menu.by_key[("key", ident[1], str(attrs[ident[1]]))] = entry


def _remove(menu, cmd):
    ident, fields = _identity(menu, cmd)
    if ident is not None and ident[0] == "key":
        fields = {ident[1]: ident[2]}
    if ident is None or ident[0] in ("default", "default-name", "number"):
        raise UserInputError("%s: remove of %s: only entries named by their fields can be removed here" % (
            _where(cmd), cmd.get("selector") and cmd["selector"]["kind"] or "no item"))
    entry = menu.by_key.pop(ident, None)
    if entry is None and ident[0] == "find" and fields[FIND]:
        entry = _earlier(menu, fields[FIND])
    if entry is not None:
        menu.entries = [e for e in menu.entries if e is not entry]
        return
    menu.removed.append(fields.get(FIND, fields))


def _place(menu):
    """``place-before=[ find ... ]``: the entry goes before the first other entry of the export its conditions
    find (left where it is when none does: it names an entry the router has and the export does not)."""
    for entry, cmd in menu.before:
        src = cmd["attrs"]["place-before"]
        try:
            (conditions,) = [c["conditions"] for c in console.parse_export("/x set %s" % src) if c.get("conditions")]
        except (ValueError, UserInputError):
            raise UserInputError("%s: place-before=%s is not a find this reader follows" % (_where(cmd), src))
        want = _find_values(menu, cmd, conditions)
        others = [e for e in menu.entries if e is not entry]
        for index, other in enumerate(others):
            if all(_values.same("auto", v, other.get(k)) for k, v in want.items() if other.get(k) is not None) and \
                    all(k in other for k in want):
                others.insert(index, entry)
                menu.entries = others
                break


def _menus(commands, only=None):
    menus = {}
    order = []
    for cmd in commands:
        path = catalog.normalize_path(cmd["path"])
        if only is not None and path != only:
            continue
        menu = menus.get(path)
        if menu is None:
            menu = menus[path] = _Menu(path)
            menu.first_line = cmd["line"]
            order.append(path)
        verb = cmd["verb"]
        if verb == "add":
            menu.kinds.add("add")
            _add(menu, cmd)
        elif verb == "set":
            _set(menu, cmd, _attrs(menu, cmd))
        elif verb in ("enable", "disable"):
            _set(menu, cmd, {"disabled": verb == "disable"})
        elif verb == "remove":
            _remove(menu, cmd)
        else:
            raise UserInputError("%s: %s lines are not read from an export (add, set, enable, disable and remove "
                                 "are)" % (_where(cmd), verb))
    for menu in menus.values():
        _place(menu)
    return [menus[p] for p in order]


def _without_absent(config):
    if isinstance(config, dict):
        return dict((k, _without_absent(v) if k == FIND else v) for k, v in config.items()
                    if not k.startswith(ABSENT_PREFIX))
    return [_without_absent(e) for e in config]


def menus_from_export(text, state="merged", only=None, absent=False):
    """The ``menus`` items of export ``text``: per menu, in the order the export names them, ``path``,
    ``config`` (a list of entries, or one mapping for a settings menu), ``state`` and ``kind`` (the menu's kind,
    from the data or from what the export does); the entries the export removes are an item with state
    ``deleted`` (left out under ``overridden``, which removes them anyway). ``only``: one menu's items.
    ``absent``: keep the ``!field`` of fields without a value (``"!connection-bytes": True``), which only the
    scopes of ``src:`` take; without it they are left out (the items are plain ``menus`` items)."""
    out = _menus_from_export(text, state, only)
    if not absent:
        for item in out:
            item["config"] = _without_absent(item["config"])
    return out


def _menus_from_export(text, state, only):
    try:
        commands = console.parse_export(text)
    except console.ExportError as exc:
        raise UserInputError("src: %s" % exc)
    out = []
    for menu in _menus(commands, catalog.normalize_path(only) if only else None):
        kind = menu.kind()
        if kind == catalog.SETTINGS:
            out.append(dict(path=menu.path, config=menu.settings or {}, state=state, kind=kind))
            continue
        if menu.settings:
            raise UserInputError("%s: a set without an item, but %s is not a settings menu" % (menu.path, menu.path))
        if menu.removed and state != "overridden":
            out.append(dict(path=menu.path, config=menu.removed, state="deleted", kind=kind))
        out.append(dict(path=menu.path, config=menu.entries, state=state, kind=kind))
    return out


def config_of(text, path):
    """The ``config`` of one menu in export ``text`` (``state: parsed``): its entries, or its settings mapping."""
    items = [m for m in menus_from_export(text, only=path) if m["state"] != "deleted"]
    if not items:
        info = menu_info(path)
        return {} if info is not None and info.kind == catalog.SETTINGS else []
    return items[0]["config"]
