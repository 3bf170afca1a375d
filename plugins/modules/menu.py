# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: menu
short_description: Manage any configurable RouterOS menu, idempotently
version_added: 1.0.0
description:
  - Makes one menu (O(path)), or several (O(menus)), of a RouterOS router look like O(config), as a network resource
    module - firewall rules, address lists, routes, DHCP, DNS, users, services, bridge ports, interface lists,
    WireGuard, OSPF, NTP, SNMP, logging, scheduler, or any other menu the router has.
  - What a menu is and which fields it takes comes from the real command trees of RouterOS 7.9 to 7.24 shipped with
    the collection, not from a hand-kept schema. A list menu (V(/ip/pool)) gets entries added, changed and removed;
    an ordered list (V(/ip/firewall/filter)) also gets them moved; a settings menu (V(/ip/dns), V(/system/identity))
    is only set; fixed entries (V(/ip/service), V(/interface/ethernet)) are changed, never added or removed.
  - Entries are matched by the menu's natural key (V(name) where the menu has one; V(list) and V(address) for
    address lists; V(mac-address) for DHCP leases; V(dst-address), V(gateway) and V(routing-table) for routes; ...),
    or by O(keys). Entries of menus without a key (firewall rules) match a router entry whose fields equal every
    field given; with O(state=overridden) the ones left over are then paired by position. See docs/menu.md.
  - Field names are RouterOS's own (V(dst-port)); V(dst_port) is accepted too. Values are compared by meaning
    (V(yes)/V(true), V(1d)/V(24h), V(10.0.0.1)/V(10.0.0.1/32)), so a second run reports C(changed=false).
  - Bad input fails before anything is written, naming the entry and the field - an unknown path (saying which
    RouterOS versions have it), a field that is not writable (with close matches), a value outside the field's
    words or range, two entries with one key, O(state=replaced) on a field whose reset value is unknown. On a
    RouterOS newer than the data, unknown fields go to the router, whose error is shown if it refuses; RouterOS 6
    has no command tree, so there every field goes to the router.
  - Dynamic, built-in and default entries are reported (with V(dynamic=true), ...) and never changed or removed.
  - Secret fields (V(password), V(private-key), V(pre-shared-key), V(secret), ...) are never read back and never
    shown in C(commands), the diff or the task's echoed arguments.
  - Every menu of a task is read in one round trip, asking only for the fields planning needs (counters such as a
    firewall rule's C(bytes) stay on the router); where the data does not describe the router's release (RouterOS
    6, 7.0 to 7.8, newer than 7.24) they are read whole, and read twice only until the release is known (over the
    kept session, by the first task). The writes are pipelined, in dependency order (the address list and interface
    list before the rule that names them, the bridge before its ports, the pool before the DHCP server). If the
    router refuses a write, the task fails and returns what was applied, what failed with the router's message, and
    what was not attempted.
author:
  - tikops.routeros contributors (@tikops)
extends_documentation_fragment:
  - tikops.routeros.connection
  - tikops.routeros.safe
options:
  path:
    description:
      - The menu, as V(/ip/firewall/filter) or V(ip firewall filter).
      - Exclusive with O(menus); one of them is required.
    type: str
  config:
    description:
      - The entries, each a mapping of RouterOS fields to values (lists are joined with commas, booleans are
        V(yes)/V(no)). For a settings menu, one mapping.
      - Required with O(state=merged), O(state=replaced), O(state=overridden) and O(state=rendered).
      - With O(state=deleted), each entry selects the entries to remove by its key fields (by every field given
        in a menu without a key); without O(config), every entry in scope is removed.
      - An entry may carry V(rename_from) (the current V(name)), to rename an entry in place with a C(set).
      - An entry may name the router's entry itself (as O(state=parsed) of an export writes it) - V(default-name)
        (a built-in port by its default name, V(ether1)), V(find) (a mapping of fields to values; the menu's
        built-in entry is found with V(default) set to V(true)) or V(number) (the n-th entry as the router prints
        the menu, from 0, counting the item's own entries listed before it where they are listed); such an entry
        is changed in place (a built-in one too), never added.
      - Entries with V(dynamic), V(builtin) or V(default) set to V(true) (as O(state=gathered) reports them) are
        skipped.
    type: raw
  src:
    description:
      - A JSON or YAML file on the controller that holds O(config) (a list of entries, or one mapping for a settings
        menu), for data kept apart from the playbook - a 100,000-entry address list from a feed, a rule set shared
        by many playbooks. With a big list, O(result_entries=changed) keeps the task's result small.
      - Found as C(ansible.builtin.copy) finds its C(src) (the role's and the play's
        C(files/) directories, then the play's directory); a vaulted file is decrypted.
      - The file is read as data, never templated, and the task result shows the path, not the content. JSON is
        read fastest; YAML with the C library when PyYAML has it.
      - Or a RouterOS C(/export) (a C(.rsc) file, or any file whose first line that is not a comment opens a menu,
        as C(/interface bridge) does); every menu it names is then configured in this one task (O(path) is not
        needed; with O(path), only that menu), in dependency order, with one result per menu in RV(menus).
        Built-in ports renamed with C(set [ find default-name=ether1 ]), built-in entries set with
        C(set [ find default=yes ]), entries set by number (C(set 0), the n-th entry as the router prints the
        menu, the export's own entries printed before it counted where they are printed) and by name are changed
        in place, never added; C(remove) lines remove. With an export, O(state) is
        V(merged), V(replaced), V(overridden) (only the menus the export names; built-in, default and dynamic
        entries are never removed) or V(rendered).
      - Exclusive with O(config) and O(menus).
    type: path
  state:
    description:
      - V(merged) adds missing entries and sets the fields given; V(replaced) also resets the fields not given
        of the listed entries; V(overridden) also removes the entries not listed (fixed entries are reset) and
        puts ordered menus in the listed order; V(deleted) removes the listed entries (fixed ones are reset);
        V(gathered) reads; V(rendered) shows the commands for O(config) and V(parsed) turns O(running_config) into
        O(config) without connecting.
    type: str
    choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
    default: merged
  keys:
    description:
      - The fields that identify an entry, instead of the menu's natural key (for example V([comment]) for
        firewall rules that each carry a unique comment).
    type: list
    elements: str
  where:
    description:
      - Manage only a slice of the menu; the rest is neither shown nor changed nor removed.
      - A mapping of field to condition, all of which must hold. A condition is a value (equal, by meaning), a
        list of values (any of them), or a mapping with one of V(regex), V(starts_with) or V(not).
      - "For example V({list: blocklist}) or V({comment: {starts_with: 'ansible:'}})."
      - Entries of O(config) get the fields of plain equalities filled in, and must lie inside the slice.
    type: dict
  menus:
    description:
      - Several menus in one task, read in one round trip and written in dependency order.
      - Each item takes O(path), O(config), O(state) (default the task's O(state)), O(keys) and O(where).
    type: list
    elements: dict
    suboptions:
      path:
        description: The menu.
        type: str
        required: true
      config:
        description: The entries of this menu (see O(config)).
        type: raw
      state:
        description: The state of this menu; default the task's O(state).
        type: str
        choices: [merged, replaced, overridden, deleted, gathered, rendered, parsed]
      keys:
        description: See O(keys).
        type: list
        elements: str
      where:
        description: See O(where).
        type: dict
  update_secrets:
    description:
      - Secret fields cannot be read back, so they cannot be compared.
      - V(on_create) writes them only when an entry is added; V(always) writes them on every run (the task then
        always reports a change for entries that have one).
    type: str
    choices: [on_create, always]
    default: on_create
  result_entries:
    description:
      - Which entries RV(before) and RV(after) hold, for the list menus of the task (a settings menu's one mapping
        is always shown).
      - V(all) - every entry in scope.
      - V(changed) - only the entries the task adds, changes (or moves) or removes - RV(before) the changed and
        removed ones as they were, RV(after) the added and changed ones as read back - and RV(counts) and
        RV(omitted) say how many entries there are and how many were left out. For big lists (a 100,000-entry
        address list in O(src)) - a result with every entry costs ansible-playbook's own process seconds of CPU
        for each task, twice the list when the task changes anything. Check mode and C(--diff) work as with
        V(all); the diff always shows only the entries that change.
      - RV(gathered) (O(state=gathered)) always holds every entry.
    type: str
    choices: [all, changed]
    default: all
  running_config:
    description:
      - With O(state=parsed), RouterOS C(/export) text, the commands of O(state=rendered), or the JSON list
        O(state=gathered) returns.
      - Without O(path), an export as a whole - RV(parsed) is then the list of O(menus) items it makes, as
        O(src) would apply it.
    type: str
notes:
  - docs/menu.md in the collection has the matching rules, the scope syntax, the dependency order and a migration
    table from community.routeros C(api_modify), C(api_info) and C(api_find_and_modify).
"""

EXAMPLES = r"""
- name: A block list (only that list is touched)
  tikops.routeros.menu:
    path: /ip/firewall/address-list
    where: {list: blocklist}
    state: overridden
    config:
      - {address: 192.0.2.10}
      - {address: 198.51.100.0/24, comment: scanners}

- name: The input chain, exactly these rules in this order
  tikops.routeros.menu:
    path: /ip/firewall/filter
    where: {chain: input}
    state: overridden
    config:
      - {action: accept, connection-state: "established,related"}
      - {action: drop, src-address-list: blocklist}
      - {action: accept, protocol: tcp, dst-port: 22, comment: ssh}
      - {action: drop, in-interface-list: WAN}

- name: DNS settings
  tikops.routeros.menu:
    path: /ip/dns
    config: {servers: "1.1.1.1,9.9.9.9", allow_remote_requests: true}

- name: A baseline in one task
  tikops.routeros.menu:
    menus:
      - path: /interface/list
        config: [{name: WAN}, {name: LAN}]
      - path: /interface/list/member
        config: [{list: WAN, interface: ether1}, {list: LAN, interface: ether2}]
      - path: /ip/service
        config: [{name: telnet, disabled: true}, {name: www, disabled: true}]
      - path: /system/identity
        config: {name: edge1}

- name: A big address list kept in a file (files/blocklist.json, a JSON list of entries)
  tikops.routeros.menu:
    path: /ip/firewall/address-list
    where: {list: feed-blocklist}
    state: overridden
    src: blocklist.json
    result_entries: changed  # before/after hold only what changed; counts and omitted say the rest

- name: The router as its export kept in git says (files/router1.rsc; every menu the export names)
  tikops.routeros.menu:
    src: "{{ inventory_hostname }}.rsc"
    state: overridden

- name: Read a menu (the result is valid config)
  tikops.routeros.menu:
    path: /ip/route
    state: gathered
  register: routes
"""

RETURN = r"""
safe:
  description:
    - With O(safe=true), what the safe change did. C(method) (V(safe-mode) or V(confirmed-commit)), C(verified)
      (every check passed and the change was kept), C(reverted) (the change was undone; the task then fails),
      C(login) (the new login after the change - C(ok), C(seconds), C(error)), C(checks) (one result per
      O(safe_checks) item - C(name), C(passed), C(count)), C(revert) (how it was undone), C(writes), C(parts);
      for a confirmed commit also C(scheduler) (the entry's name), C(revert_at) and C(inverse) (the revert as
      console commands).
  returned: with O(safe=true), when the task had writes and did not run in check mode
  type: dict
before:
  description:
    - The entries in scope before the task (a mapping for a settings menu).
    - With O(result_entries=changed), only those the task changes or removes (see RV(omitted)).
  returned: with O(path) and states merged, replaced, overridden and deleted
  type: raw
after:
  description:
    - The entries in scope after the task, read back from the router.
    - With O(result_entries=changed), only those the task added or changed (see RV(omitted)).
  returned: when commands were sent
  type: raw
counts:
  description:
    - With O(result_entries=changed), how many entries the menu had in scope (C(before)), and after the writes
      (C(after), when read back), and how many the task adds (C(added)), changes or moves (C(changed)) and removes
      (C(removed)).
  returned: with O(result_entries=changed), O(path) and states merged, replaced, overridden and deleted, for a list menu
  type: dict
  sample: {before: 100000, after: 100000, added: 500, changed: 0, removed: 500}
omitted:
  description:
    - With O(result_entries=changed), how many entries RV(before) and RV(after) leave out (the entries the task
      does not touch) - C(before), and C(after) when read back.
  returned: with O(result_entries=changed), O(path) and states merged, replaced, overridden and deleted, for a list menu
  type: dict
  sample: {before: 99500, after: 99500}
commands:
  description: The changes as readable commands (RouterOS 7 CLI syntax, secrets as ********), in the order sent.
  returned: with states merged, replaced, overridden and deleted
  type: list
  elements: str
  sample: ['/ip/firewall/address-list/add list=blocklist address=192.0.2.10']
gathered:
  description: The entries in scope, as O(config) (valid input for this module).
  returned: with O(path) and state gathered
  type: raw
rendered:
  description:
    - The commands that would configure O(config) on a router that has none of it.
    - In the order of O(config) (of O(menus) and their O(menus[].config)), except that a command that makes a
      name (an add, a rename) comes before the commands that use it, so the text can be pasted into a console as
      it is; secret values are shown as C(********).
  returned: with state rendered
  type: list
  elements: str
parsed:
  description:
    - O(running_config) as O(config), with O(path).
    - Of an export as a whole (O(running_config) without O(path), or an export given as O(src)), the O(menus) items
      it makes - C(path), C(config), and C(state=deleted) for the entries it removes - in the export's order.
  returned: with state parsed
  type: raw
menus:
  description: With O(menus), one result per item - C(path), C(state), C(where), and C(before), C(commands),
    C(after), C(counts), C(omitted), C(gathered), C(rendered) or C(parsed) as for one menu.
  returned: with O(menus)
  type: list
  elements: dict
applied:
  description: When a write failed, the commands the router accepted.
  returned: failure of a write
  type: list
  elements: str
failed_commands:
  description: When a write failed, each refused command with the router's message.
  returned: failure of a write
  type: list
  elements: dict
not_attempted:
  description: When a write failed, the commands that were not sent.
  returned: failure of a write
  type: list
  elements: str
connection_lost:
  description: When the connection was lost, stalled or sent garbage during the writes, what happened.
  returned: when the connection failed during the writes
  type: str
confirmed:
  description:
    - Commands whose reply never came that reading the router back (over a new connection) showed took effect.
      They are in RV(applied) too.
  returned: when the connection failed during the writes
  type: list
  elements: str
not_applied:
  description: Commands whose reply never came that reading the router back showed did not take effect.
  returned: when the connection failed during the writes
  type: list
  elements: str
unknown:
  description: Commands whose reply never came and whose effect could not be read back; run the task again.
  returned: when the connection failed during the writes
  type: list
  elements: str
"""

from ansible_collections.tikops.routeros.plugins.module_utils.converge import safe
from ansible_collections.tikops.routeros.plugins.module_utils.menu import planner
from ansible_collections.tikops.routeros.plugins.module_utils.menu import task
from ansible_collections.tikops.routeros.plugins.module_utils.tasks.runner import module_main

STATE_CHOICES = list(planner.STATES)

ARGUMENT_SPEC = dict(
    path=dict(type="str"),
    config=dict(type="raw"),
    src=dict(type="path"),
    state=dict(type="str", default="merged", choices=STATE_CHOICES),
    keys=dict(type="list", elements="str", no_log=False),
    where=dict(type="dict"),
    menus=dict(type="list", elements="dict", options=dict(
        path=dict(type="str", required=True),
        config=dict(type="raw"),
        state=dict(type="str", choices=STATE_CHOICES),
        keys=dict(type="list", elements="str", no_log=False),
        where=dict(type="dict"),
    )),
    update_secrets=dict(type="str", default="on_create", choices=["on_create", "always"], no_log=False),
    result_entries=dict(type="str", default="all", choices=["all", "changed"]),
    running_config=dict(type="str"),
)
ARGUMENT_SPEC.update(safe.SAFE_SPEC)

MODULE_KWARGS = dict(mutually_exclusive=[("path", "menus"), ("src", "config"), ("src", "menus")],
                     required_one_of=[("path", "menus", "src", "running_config")], supports_check_mode=True)

# the action plugin reads the file named by src into config (the module itself never runs elsewhere)
FILE_OPTIONS = {"src": "config"}


def REDACT_INVOCATION(params):  # pylint: disable=invalid-name
    """The parameters as the task result's invocation shows them: secret field values hidden."""
    shown = dict(params)
    if shown.get("config") is not None:
        shown["config"] = planner.redact_config(shown["config"])
    if shown.get("menus"):
        shown["menus"] = [dict(m, config=planner.redact_config(m.get("config"))) for m in shown["menus"]]
    return shown


def run(ctx):
    return task.run_menu(ctx)


def main():
    module_main(ARGUMENT_SPEC, run, redact_invocation=REDACT_INVOCATION, **MODULE_KWARGS)


if __name__ == "__main__":
    main()
