# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One ``tikops.routeros.menu`` task: read every menu of it in one round trip, check, plan, show, apply, read
back. The module file only documents the options and calls :func:`run_menu`."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tikops.routeros.plugins.module_utils.converge import engine
from ansible_collections.tikops.routeros.plugins.module_utils.converge import planner as converge_planner
from ansible_collections.tikops.routeros.plugins.module_utils.converge import workflow
from ansible_collections.tikops.routeros.plugins.module_utils.catalog import catalog
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError, UserInputError
from ansible_collections.tikops.routeros.plugins.module_utils.menu import planner
from ansible_collections.tikops.routeros.plugins.module_utils.core import console
from ansible_collections.tikops.routeros.plugins.module_utils.menu import export_in


def _read(session, scopes):
    """(the router's version, the rows of each scope): one round trip, each menu asked for the fields planning
    needs (:func:`planner.read_fields`) where the data describes the router's release, else read whole. A kept
    session knows the release from an earlier task (``router_version``); a session that does not is told it by
    this read, whose menus are then read again whole if the data does not describe it (a second round trip, on
    RouterOS 6, 7.0-7.8 and releases newer than the data, once per kept session)."""
    known = getattr(session, "router_version", None)
    fields = [planner.read_fields(scope) if known is None or planner.read_complete(scope.path, known) else None
              for scope in scopes]
    specs = [dict(path="/system/resource", command="print", proplist=["version"])]
    for scope, proplist in zip(scopes, fields):
        specs.append(dict(path=scope.path, command="print", queries=planner.where_queries(scope.where),
                          proplist=proplist))
    results = session.pipeline(specs, raise_on_trap=False)
    head = results[0]
    if isinstance(head, Exception):
        raise head
    version = ((head.rows[0].get("version") if head.rows else None) or "7").split(" ")[0]
    if head.rows and head.rows[0].get("version") and version != known and hasattr(session, "note_version"):
        session.note_version(version)
    again = [i for i, (scope, proplist) in enumerate(zip(scopes, fields))
             if proplist is not None and not isinstance(results[i + 1], Exception)
             and not planner.read_complete(scope.path, version)]
    if again:
        whole = session.pipeline([dict(path=scopes[i].path, command="print",
                                       queries=planner.where_queries(scopes[i].where)) for i in again],
                                 raise_on_trap=False)
        results = list(results)
        for i, res in zip(again, whole):
            results[i + 1] = res
    out = []
    for scope, res in zip(scopes, results[1:]):
        if isinstance(res, TrapError):
            text = res.message or str(res)
            if "no such command" in text:
                seen = planner.seen_text(scope.path)
                close = [] if seen else catalog.close_paths(scope.path, version) if \
                    catalog.coverage(version) != "none" else []
                raise UserInputError("%s: %s does not exist on this router (RouterOS %s; it answered: %s)%s%s" % (
                    scope.label or "path", scope.path, version, text,
                    "; " + seen if seen else "", "; did you mean %s?" % ", ".join(close) if close else ""))
            raise res
        if isinstance(res, Exception):
            raise res
        out.append(res.rows)
    return version, out


def _offline(scopes, multi):
    result = dict(changed=False)
    per = []
    rendered = [planner.Resolved(scope, None) for scope in scopes if scope.state == "rendered"]
    each, every = render_scopes(rendered)
    for scope in scopes:
        item = dict(path=scope.path, state=scope.state)
        if scope.state == "rendered":
            item["rendered"] = each.pop(0)
        else:
            item["parsed"] = parse(planner.Resolved(scope, None), scope.running_config)
        per.append(item)
    if multi:
        result["menus"] = per
        if rendered:
            result["rendered"] = every
    else:
        result.update((k, v) for k, v in per[0].items() if k in ("rendered", "parsed"))
    return result


def render(res):
    """State rendered of one scope: its lines (:func:`render_scopes`)."""
    return render_scopes([res])[1]


def render_scopes(resolved):
    """State rendered of the scopes ``resolved`` (:class:`planner.Resolved`), by the one renderer of every
    configuring module (:func:`converge.planner.render`: console text, names checked, values escaped as /export
    escapes them, secrets as ********, in the listed order with the lines that make a name before those that use
    it). Returns (the lines of each scope, the lines of them all in that one order)."""
    desired = []
    for res in resolved:
        mine = []
        for where, values, how in planner.desired_entries(res, "merged"):
            named = _named_find(how)
            number = None
            if named is not None:  # the entry named itself (an export's default-name, find, number)
                find, number = named
                find = converge_planner.Pinned(find)
            elif how and how.get(planner.RENAME) is not None and res.name_field:
                find = {res.name_field: how[planner.RENAME]}
            else:
                find = None
            mine.append(converge_planner.Desired(res, values, find=find, origin=where, number=number))
        desired.append(mine)
    ops = list(converge_planner.render([d for mine in desired for d in mine]))
    each = []
    for mine in desired:
        ids = set(id(d) for d in mine)
        each.append([op.command() for op in ops if id(op.source) in ids])
    return each, [op.command() for op in ops]


def _named_find(how):
    """(find, number) of an entry that names the router's entry itself, or None."""
    if not how or not any(k in how for k in export_in.SPECIAL):
        return None
    find = {}
    if how.get(export_in.DEFAULT_NAME) is not None:
        find["default-name"] = how[export_in.DEFAULT_NAME]
    find.update(dict((planner.field_name(k), v) for k, v in (how.get(export_in.FIND) or {}).items()))
    number = how.get(export_in.NUMBER)
    return find, (str(number) if number is not None else None)


def parse(res, text):
    """``running_config`` (RouterOS export text, our commands, or a JSON list) as ``config`` of the scope."""
    kind, data = console.parse_running_config(text)
    if kind == "list":
        return [dict((planner.field_name(k), v) for k, v in e.items()) for e in data]
    return export_in.config_of(text, res.path)


class _Run(workflow.Adapter):
    """A ``tikops.routeros.menu`` task as the workflow's adapter: every menu read in one round trip, each planned
    by the one planner, the result per menu (``menus``) or for the one menu."""

    def __init__(self, params, scopes, multi):
        self.params = params
        self.scopes = scopes
        self.multi = multi
        self.secrets_always = params.get("update_secrets") == "always"
        self.changed_only = params.get("result_entries") == "changed"
        self.header = scopes[0].path if not multi else "menus"
        self.resolved = []
        self.per = []
        self.shown = []  # per item, with result_entries=changed: (.ids before, .ids the writes touch), else None

    def read(self, session):
        return _read(session, self.scopes)

    def plan(self, current):
        version, rows_list = current
        plan = engine.Plan()
        resolved = []
        for scope, rows in zip(self.scopes, rows_list):
            res = planner.Resolved(scope, version, rows, exists=True)
            planner.check_names(res, rows)
            resolved.append(res)
        later = planner.made_names(resolved)  # interfaces the task adds: a fixed menu's entry may name one
        for index, (scope, rows, res) in enumerate(zip(self.scopes, rows_list, resolved)):
            visible = planner.visible_rows(res, rows)
            item = dict(path=scope.path, state=scope.state)
            shown = None
            if scope.where:
                item["where"] = self.params["menus"][index].get("where") if self.multi else self.params.get("where")
            if scope.state == "gathered":
                item["gathered"] = planner.facts(res, visible)
            else:
                warnings = []
                ops = planner.plan_scope(res, visible, scope.state, self.secrets_always, warnings=warnings,
                                         later=later)
                if self.changed_only and res.kind != catalog.SETTINGS:
                    shown = _changed_entries(res, visible, ops, item)
                else:
                    item["before"] = planner.facts(res, visible)
                item["_ops"] = ops
                plan.extend(engine.Plan(planner.mask_ops(ops), warnings))
            self.resolved.append(res)
            self.per.append(item)
            self.shown.append(shown)
        planner.check_same_entries(self.resolved)
        return plan.ordered()

    def before(self, result, current, plan):
        for item in self.per:
            if "_ops" in item:
                ids = set(id(op) for op in item.pop("_ops"))
                item["commands"] = [op.command() for op in plan if id(op) in ids]
        if any("gathered" not in item for item in self.per):
            result["commands"] = plan.commands

    def after(self, result, current):
        for item, res, rows, shown in zip(self.per, self.resolved, current[1], self.shown):
            if "gathered" in item:
                continue
            visible = planner.visible_rows(res, rows)
            if shown is None:
                item["after"] = planner.facts(res, visible)
                continue
            before_ids, touched = shown
            # the entries added (an .id that was not there before) and those the writes changed, as read back
            kept = [r for r in visible if r.get(".id") in touched or r.get(".id") not in before_ids]
            item["after"] = planner.facts(res, kept)
            item["counts"]["after"] = len(visible)
            item["omitted"]["after"] = len(visible) - len(kept)

    def finish(self, result):
        _shape(result, self.per, self.multi)


def _changed_entries(res, visible, ops, item):
    """``result_entries: changed``: ``before`` holds only the entries the plan changes or removes; ``counts`` says
    how many entries there were and how many are added, changed and removed, ``omitted`` how many entries
    ``before`` (and, once read back, ``after``) leaves out. Returns (the .ids before, the .ids the writes touch)."""
    touched = set()
    removed = set()
    added = 0
    for op in ops:
        if op.action == engine.ADD:
            added += 1
        elif op.target is not None:
            touched.add(op.target)
            if op.action == engine.REMOVE:
                removed.add(op.target)
    before_ids = set()
    kept = []
    for row in visible:
        ident = row.get(".id")
        before_ids.add(ident)
        if ident in touched:
            kept.append(row)
    item["before"] = planner.facts(res, kept)
    item["counts"] = dict(before=len(visible), added=added, changed=len((touched - removed) & before_ids),
                          removed=len(removed))
    item["omitted"] = dict(before=len(visible) - len(kept))
    return before_ids, touched


def run_menu(ctx):
    """Run a ``tikops.routeros.menu`` task; returns the module result (read -> plan -> diff -> apply -> verify:
    :func:`workflow.converge`)."""
    params = ctx.params
    if params.get("src") is not None and params.get("config") is None:
        raise UserInputError("src is read on the controller by the tikops.routeros.menu action plugin; "
                             "this run did not go through it")
    if params.get("state") == "parsed" and params.get("menus") is None and (
            isinstance(params.get("config"), export_in.ExportText) or not params.get("path")):
        return parsed_export(params)
    if isinstance(params.get("config"), export_in.ExportText):
        scopes = export_scopes(params)
        multi = True
    else:
        scopes = planner.scopes_from_params(params)
        multi = params.get("menus") is not None
    offline = [s for s in scopes if s.state in ("rendered", "parsed")]
    if offline:
        if len(offline) != len(scopes):
            raise UserInputError("rendered and parsed never connect to the router; do not mix them with other states "
                                 "in one task")
        return _offline(scopes, multi)
    for scope in scopes:
        planner.check_names_before_read(scope)
    return workflow.converge(ctx, _Run(params, scopes, multi))


EXPORT_STATES = ("merged", "replaced", "overridden", "rendered")


def parsed_export(params):
    """``state: parsed`` of a whole export (``running_config`` without ``path``, or ``src:`` export text): the
    ``menus`` items it makes (``path``, ``config``; ``state: deleted`` for the entries it removes), the same mapping
    ``src:`` applies, ready to give to ``menus:``. With ``path``, that menu's items only. Never connects."""
    src = params.get("config")
    if isinstance(src, export_in.ExportText):
        text, name = src["text"], "src: %s" % src["name"]
    else:
        text, name = params.get("running_config"), "running_config"
        if text is None:
            raise UserInputError("state parsed reads running_config (or an export given as src); neither was given")
        if not export_in.is_export(text):
            raise UserInputError("without path, state parsed reads a RouterOS export; this running_config is not one "
                                 "(its first line that is not a comment does not open a menu); give path to parse "
                                 "one menu's JSON or commands")
    items = export_in.menus_from_export(text, "merged", only=params.get("path"))
    removes = set(item["path"] for item in items if item["state"] == "deleted")
    parsed = []
    for item in items:
        if item["path"] in removes and item["state"] != "deleted" and not item["config"]:
            continue  # a menu the export only removes from: the deleted item alone (menus takes a path once)
        out = dict(path=item["path"], config=item["config"])
        if item["state"] == "deleted":
            out["state"] = "deleted"
        parsed.append(out)
    if not parsed:
        raise UserInputError("%s configures no menu%s" % (name, " %s" % params["path"] if params.get("path") else ""))
    return dict(changed=False, parsed=parsed)


def export_scopes(params):
    """The scopes of ``src:`` export text: one per menu it names (:func:`export_in.menus_from_export`), in the
    export's order (the writes are put in dependency order anyway); with ``path``, that menu only."""
    src = params["config"]
    state = params.get("state") or "merged"
    if state not in EXPORT_STATES:
        raise UserInputError("src: %s is an export; with an export, state is one of %s (not %s)" % (
            src["name"], ", ".join(EXPORT_STATES), state))
    if params.get("keys") or params.get("where"):
        raise UserInputError("src: %s is an export; keys and where apply to one menu's config, not to an export"
                             % src["name"])
    items = export_in.menus_from_export(src["text"], state, only=params.get("path"), absent=True)
    if not items:
        raise UserInputError("src: %s configures no menu%s" % (
            src["name"], " %s" % params["path"] if params.get("path") else ""))
    return [planner.Scope(item["path"], item["state"], item["config"], None, None, item["path"],
                          kind=item["kind"], from_export=True) for item in items]


def _shape(result, per, multi):
    if multi:
        result["menus"] = per
        return
    item = per[0]
    for key in ("before", "after", "gathered", "counts", "omitted"):
        if key in item:
            result[key] = item[key]
