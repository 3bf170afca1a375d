# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Facts gathering: every read goes out at once, tagged, in one round trip.

A facts run is planned before anything is sent: the chosen subsets and network resources name the reads they
need (a menu and the fields it uses, sent as ``.proplist``), reads shared by several subsets are merged, reads
of the same menu and query (a subset's and a network resource's) share one print with the union of their
fields, and then every print is sent before any reply is awaited. RouterOS 6 and 7 keep routing in different
menus and the version is only known once ``/system/resource`` has answered, so the routing reads of both
versions go out together and the router's refusal of the menus it does not have is expected, not reported.

Nothing here knows about Ansible modules: :func:`gather` takes a session and returns the facts and warnings.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.tikops.routeros.plugins.module_utils.converge import resource_interfaces, resource_ip_addresses
from ansible_collections.tikops.routeros.plugins.module_utils.core.errors import TrapError, UserInputError

SUBSETS = ("default", "hardware", "interfaces", "routing")
SUBSET_ALIASES = {"min": "default"}
# What a plain `gather_facts: true` (and a facts task with no gather_subset) gathers: what inventory fact
# gathering is expected to give (identity, version, model, memory, interfaces with addresses, neighbors). The
# routing subset reads whole route tables, so it is gathered only when asked for. One round trip either way.
DEFAULT_GATHER_SUBSET = ["default", "hardware", "interfaces"]

STR, INT, BOOL = "str", "int", "bool"


class Read:
    """One print the facts need.

    ``key`` names the read in the plan; ``path`` is the menu; ``fields`` is a sequence of ``(name, type)``
    (type ``str``, ``int`` or ``bool``), which becomes the ``.proplist`` and tells how to convert values;
    ``versions`` is ``None`` for reads every RouterOS has, or the set of major versions that have the menu
    (a trap from a menu outside those is expected and silent, and the fact is left out); ``optional`` reads
    are menus of a package a router may lack (ipv6 and routing on RouterOS 6, BGP): a missing menu gives an
    empty fact and no warning.
    """

    def __init__(self, key, path, fields, versions=None, optional=False, queries=None, raw=False):
        self.key = key
        self.path = path
        self.fields = tuple(fields)
        self.versions = frozenset(versions) if versions else None
        self.optional = optional
        self.queries = list(queries) if queries else None
        # raw: rows are passed on as the router sent them (a resource module's own reads)
        self.raw = raw

    @property
    def proplist(self):
        return [name for name, dummy in self.fields]

    def merged(self, other):
        if other.path != self.path or other.queries != self.queries or other.raw or self.raw:
            raise ValueError("reads %r differ: %s and %s" % (self.key, self.path, other.path))
        fields = list(self.fields)
        names = set(self.proplist)
        fields.extend(f for f in other.fields if f[0] not in names)
        versions = None if self.versions is None or other.versions is None else self.versions | other.versions
        return Read(self.key, self.path, fields, versions, self.optional and other.optional)

    def convert(self, row):
        """A reply row with values typed as declared (``true`` -> True, ``1500`` -> 1500); unknown fields stay."""
        if self.raw:
            return dict(row)
        types = dict(self.fields)
        out = {}
        for name, value in row.items():
            if name == ".id" and name not in types:
                continue
            out[name] = convert_value(value, types.get(name, STR))
        return out

    def __repr__(self):
        return "Read(%s %s)" % (self.key, self.path)


def convert_value(value, kind):
    if not isinstance(value, str):
        return value
    if kind == BOOL:
        low = value.lower()
        if low in ("true", "yes"):
            return True
        if low in ("false", "no"):
            return False
        return value
    if kind == INT:
        text = value[1:] if value[:1] == "-" else value
        if text.isdigit():
            return int(value)
        return value
    return value


# ---------------------------------------------------------------------------------------------------------
# What each subset reads

IDENTITY = Read("identity", "/system/identity", [("name", STR)])
RESOURCE_DEFAULT = Read("resource", "/system/resource", [
    ("version", STR), ("architecture-name", STR), ("board-name", STR), ("uptime", STR), ("cpu-load", INT)])
RESOURCE_HARDWARE = Read("resource", "/system/resource", [
    ("free-memory", INT), ("total-memory", INT), ("free-hdd-space", INT), ("total-hdd-space", INT)])
# x86 and CHR have the menu but no model; some old x86 builds lack the menu.
ROUTERBOARD = Read("routerboard", "/system/routerboard", [
    ("routerboard", BOOL), ("model", STR), ("serial-number", STR)], optional=True)

INTERFACE = Read("interface", "/interface", [
    ("name", STR), ("type", STR), ("mtu", INT), ("actual-mtu", INT), ("l2mtu", INT), ("mac-address", STR),
    ("running", BOOL), ("disabled", BOOL), ("comment", STR)])
IP_ADDRESS = Read("ip_address", "/ip/address", [
    ("address", STR), ("network", STR), ("interface", STR), ("disabled", BOOL), ("dynamic", BOOL)])
# The ipv6 package can be disabled on RouterOS 6: then the menu does not exist.
IPV6_ADDRESS = Read("ipv6_address", "/ipv6/address", [
    ("address", STR), ("interface", STR), ("disabled", BOOL), ("dynamic", BOOL)], optional=True)
NEIGHBOR = Read("neighbor", "/ip/neighbor", [
    ("interface", STR), ("address", STR), ("address4", STR), ("address6", STR), ("mac-address", STR),
    ("identity", STR), ("platform", STR), ("version", STR), ("board", STR), ("interface-name", STR),
    ("uptime", STR), ("system-description", STR)])

# /ip/route: RouterOS 6 names the table routing-mark, RouterOS 7 routing-table; asking for both costs nothing.
ROUTE = Read("route", "/ip/route", [
    ("dst-address", STR), ("gateway", STR), ("distance", INT), ("scope", INT), ("target-scope", INT),
    ("routing-mark", STR), ("routing-table", STR), ("pref-src", STR), ("immediate-gw", STR),
    ("vrf-interface", STR), ("active", BOOL), ("dynamic", BOOL), ("static", BOOL), ("disabled", BOOL),
    ("comment", STR)])
# Same menu on 6 and 7 with different fields: one read asks for the fields of both.
OSPF_INSTANCE = Read("ospf_instance", "/routing/ospf/instance", [
    ("name", STR), ("router-id", STR), ("disabled", BOOL), ("comment", STR), ("routing-table", STR),
    ("distribute-default", STR), ("redistribute-connected", STR), ("redistribute-static", STR),
    ("redistribute-bgp", STR), ("version", INT), ("vrf", STR), ("redistribute", STR),
    ("originate-default", STR)], optional=True)
OSPF_NEIGHBOR = Read("ospf_neighbor", "/routing/ospf/neighbor", [
    ("instance", STR), ("area", STR), ("router-id", STR), ("address", STR), ("interface", STR),
    ("priority", INT), ("state", STR), ("state-changes", INT), ("adjacency", STR)], optional=True)
# /routing/bgp/instance: RouterOS 6, gone in 7 and back in 7.20.
BGP_INSTANCE = Read("bgp_instance", "/routing/bgp/instance", [
    ("name", STR), ("as", INT), ("router-id", STR), ("routing-table", STR), ("vrf", STR),
    ("disabled", BOOL), ("comment", STR)], optional=True)
BGP_PEER = Read("bgp_peer", "/routing/bgp/peer", [
    ("name", STR), ("instance", STR), ("remote-address", STR), ("remote-as", INT), ("state", STR),
    ("established", BOOL), ("disabled", BOOL), ("address-families", STR), ("update-source", STR),
    ("multihop", BOOL), ("route-reflect", BOOL), ("hold-time", STR), ("ttl", STR), ("in-filter", STR),
    ("out-filter", STR), ("uptime", STR), ("prefix-count", INT), ("comment", STR)], versions=(6,), optional=True)
BGP_VPNV4_ROUTE = Read("bgp_vpnv4_route", "/routing/bgp/vpnv4-route", [
    ("route-distinguisher", STR), ("dst-address", STR), ("gateway", STR), ("interface", STR),
    ("in-label", STR), ("out-label", STR), ("bgp-as-path", STR), ("bgp-origin", STR),
    ("received-from", STR)], versions=(6,), optional=True)
BGP_CONNECTION = Read("bgp_connection", "/routing/bgp/connection", [
    ("name", STR), ("instance", STR), ("as", INT), ("router-id", STR), ("remote.address", STR),
    ("remote.as", INT), ("local.address", STR), ("local.role", STR), ("routing-table", STR), ("vrf", STR),
    ("templates", STR), ("address-families", STR), ("disabled", BOOL), ("comment", STR)], versions=(7,), optional=True)
BGP_SESSION = Read("bgp_session", "/routing/bgp/session", [
    ("name", STR), ("remote.address", STR), ("remote.as", INT), ("remote.id", STR), ("local.address", STR),
    ("local.id", STR), ("established", BOOL), ("uptime", STR), ("prefix-count", INT), ("state", STR)],
    versions=(7,), optional=True)

SUBSET_READS = {
    "default": (IDENTITY, RESOURCE_DEFAULT, ROUTERBOARD),
    "hardware": (RESOURCE_HARDWARE,),
    "interfaces": (INTERFACE, IP_ADDRESS, IPV6_ADDRESS, NEIGHBOR),
    "routing": (ROUTE, OSPF_INSTANCE, OSPF_NEIGHBOR, BGP_INSTANCE, BGP_PEER, BGP_VPNV4_ROUTE, BGP_CONNECTION,
                BGP_SESSION),
}


# ---------------------------------------------------------------------------------------------------------
# Network resources (ansible_network_resources): a registry the resource modules hook into


class NetworkResource:
    """How ``gather_network_resources`` gathers one resource.

    ``reads`` (a list of :class:`Read`) join the facts run's single round trip; ``build(rows)`` receives a dict
    of read key -> list of converted rows (an empty list when the menu is missing) and returns the resource's
    entries as the resource module's ``gathered`` state would. Read keys must be unique across resources:
    prefix them with the resource name.
    """

    def __init__(self, name, reads, build):
        self.name = name
        self.reads = tuple(reads)
        self.build = build

    @classmethod
    def from_resource(cls, resource, name=None):
        """Adapt a resource module's :class:`resources.Resource` (``reads(state, desired)``, ``current(rows)``,
        ``facts(current)``): its reads join the facts round trip and its ``facts`` give the entries, exactly as
        its ``gathered`` state returns them.

        ``resource`` is the class (a fresh instance is made for every run, as the module does) or an instance.
        A read of a menu that belongs to a package a router may lack (``/ipv6/...``, ``/routing/...``) is
        optional here as it is for the subsets: the resource is then built as if the menu were empty."""
        make = resource if isinstance(resource, type) else (lambda: resource)
        probe = make()
        name = name or probe.name
        reads = []
        for index, read in enumerate(probe.reads("gathered", [])):
            fields = [(field, STR) for field in (read.proplist or [])]
            reads.append(Read("%s:%d" % (name, index), read.path, fields, queries=read.queries, raw=True,
                              optional=read.path in OPTIONAL_PATHS))

        def build(rows):
            current = make()
            current.reads("gathered", [])  # a resource may note the layout of its reads there
            return current.facts(current.current([rows[read.key] for read in reads]))

        return cls(name, reads, build)


# Menus of packages a router may lack: a resource read of one is optional, as the subset reads of it are.
OPTIONAL_PATHS = frozenset(read.path for reads in SUBSET_READS.values() for read in reads if read.optional)

# name -> NetworkResource (joins the round trip) or a callable(session) -> list (runs after it).
# The entries are built by the resource modules' own code (module_utils/resource_*.py), so
# ansible_network_resources.<name> is exactly what the module returns under ``gathered`` and can be fed back
# to it as ``config``.
NETWORK_RESOURCES = {
    "interfaces": NetworkResource.from_resource(resource_interfaces.Interfaces),
    "ip_addresses": NetworkResource.from_resource(resource_ip_addresses.Addresses),
}


def register_network_resource(name, resource):
    """Add or replace a resource that ``gather_network_resources`` can name."""
    NETWORK_RESOURCES[name] = resource


# ---------------------------------------------------------------------------------------------------------
# Choosing what to gather


def _select(values, valid, what, aliases=None):
    """Resolve a list of names with ``all`` and ``!name`` into a sorted list of valid names."""
    include, exclude = set(), set()
    for raw in values or []:
        value = str(raw).strip()
        negate = value.startswith("!")
        name = value[1:] if negate else value
        name = (aliases or {}).get(name, name)
        if name == "all":
            names = set(valid)
        elif name in valid:
            names = set((name,))
        else:
            raise UserInputError("%s %r is not one of: %s (each may start with '!' to exclude it)"
                                 % (what, value, ", ".join(["all"] + sorted(valid))))
        (exclude if negate else include).update(names)
    if not include and exclude:
        include = set(valid)  # only exclusions given: start from everything
    return sorted(include - exclude)


def resolve_subsets(gather_subset):
    """The subsets to gather, sorted; ``default`` is always among them."""
    chosen = set(_select(gather_subset, SUBSETS, "gather_subset", SUBSET_ALIASES))
    chosen.add("default")
    return sorted(chosen)


def resolve_resources(gather_network_resources):
    if not gather_network_resources:
        return []
    return _select(gather_network_resources, tuple(NETWORK_RESOURCES), "gather_network_resources")


def plan_reads(subsets, resources=()):
    """The reads of a facts run, shared reads merged, in a stable order."""
    plan = {}
    order = []

    def add(read):
        if read.key in plan:
            plan[read.key] = plan[read.key].merged(read)
        else:
            plan[read.key] = read
            order.append(read.key)

    for subset in subsets:
        for read in SUBSET_READS[subset]:
            add(read)
    for name in resources:
        resource = NETWORK_RESOURCES[name]
        if isinstance(resource, NetworkResource):
            for read in resource.reads:
                add(read)
    return [plan[key] for key in order]


# ---------------------------------------------------------------------------------------------------------
# Running the plan


class Outcome:
    """What one read got: ``rows`` (converted), or ``trap`` (a :class:`TrapError`) when the router refused it."""

    __slots__ = ("read", "rows", "trap")

    def __init__(self, read, rows=None, trap=None):
        self.read = read
        self.rows = rows if rows is not None else []
        self.trap = trap


class Request:
    """One print sent to the router: ``path``, ``queries`` and the union of the ``proplist`` of every
    :class:`Read` it serves (``reads``). Reads of the same menu with the same queries (the ``interfaces``
    subset and the interfaces resource both print ``/interface``) share one print."""

    def __init__(self, path, queries):
        self.path = path
        self.queries = queries
        self.reads = []
        self.proplist = []

    def add(self, read):
        self.reads.append(read)
        self.proplist.extend(name for name in read.proplist if name not in self.proplist)

    @property
    def shared(self):
        return len(self.reads) > 1

    def __repr__(self):
        return "Request(%s %s)" % (self.path, ",".join(r.key for r in self.reads))


def plan_requests(reads):
    """The prints that serve ``reads``: one per menu and query, in the order of the reads."""
    requests = {}
    order = []
    for read in reads:
        key = (read.path, tuple(read.queries or ()))
        if key not in requests:
            requests[key] = Request(read.path, read.queries)
            order.append(key)
        requests[key].add(read)
    return [requests[key] for key in order]


def _own_fields(row, read):
    """A row of a shared print cut down to the fields ``read`` asked for."""
    names = set(read.proplist)
    return dict((name, value) for name, value in row.items() if name in names)


def run_reads(session, reads):
    """Send every read, then collect every reply: one round trip. Returns key -> :class:`Outcome`."""
    requests = plan_requests(reads)
    specs = [dict(path=req.path, command="print", proplist=req.proplist or None, queries=req.queries)
             for req in requests]
    results = session.pipeline(specs, raise_on_trap=False) if specs else []
    outcomes = {}
    for req, result in zip(requests, results):
        for read in req.reads:
            if isinstance(result, TrapError):
                outcomes[read.key] = Outcome(read, trap=result)
            else:
                rows = [_own_fields(row, read) for row in result.rows] if req.shared else result.rows
                outcomes[read.key] = Outcome(read, rows=[read.convert(row) for row in rows])
    return outcomes


def is_missing_menu(trap):
    """A trap that says the menu or command does not exist on this router (category 0, or its known texts)."""
    for item in trap.traps:
        if item.get("category") == "0":
            return True
        message = item.get("message", "")
        if message.startswith("no such command") or message.startswith("unknown command"):
            return True
    return False


def major_version(version):
    """``6`` from ``6.42.5 (stable)``, ``7`` from ``7.16``; ``None`` when there is no version to read."""
    if not version:
        return None
    head = str(version).strip().split(".", 1)[0]
    return int(head) if head.isdigit() else None


# ---------------------------------------------------------------------------------------------------------
# Assembling the facts


def _mib(value):
    if isinstance(value, int):
        return round(value / 1048576.0, 2)
    return None


def _first(outcome):
    return outcome.rows[0] if outcome is not None and outcome.rows else {}


def _split_address(address):
    """``192.0.2.1/24`` -> ``{address: 192.0.2.1, subnet: 24}``; a bare address keeps subnet ``None``."""
    addr, sep, subnet = str(address).partition("/")
    subnet = subnet.strip()
    return dict(address=addr.strip(), subnet=int(subnet) if subnet.isdigit() else (subnet or None))


def _default_facts(outcomes):
    facts = {}
    identity = _first(outcomes.get("identity"))
    resource = _first(outcomes.get("resource"))
    routerboard = _first(outcomes.get("routerboard"))
    facts["hostname"] = identity.get("name")
    facts["version"] = resource.get("version")
    facts["arch"] = resource.get("architecture-name")
    facts["uptime"] = resource.get("uptime")
    facts["cpu_load"] = resource.get("cpu-load")
    # CHR and x86 have no RouterBOARD model: the board name (CHR, x86) says what it is.
    facts["model"] = routerboard.get("model") or resource.get("board-name")
    facts["serialnum"] = routerboard.get("serial-number")
    return facts


def _hardware_facts(outcomes):
    resource = _first(outcomes.get("resource"))
    return dict(
        memfree_mb=_mib(resource.get("free-memory")),
        memtotal_mb=_mib(resource.get("total-memory")),
        spacefree_mb=_mib(resource.get("free-hdd-space")),
        spacetotal_mb=_mib(resource.get("total-hdd-space")),
    )


def _interface_facts(outcomes):
    interfaces = {}
    for row in outcomes["interface"].rows:
        name = row.get("name")
        if name is None:
            continue
        entry = dict(row)
        entry.pop("name", None)
        interfaces[name] = entry
    all_addresses = dict(ipv4=[], ipv6=[])
    for key, family in (("ip_address", "ipv4"), ("ipv6_address", "ipv6")):
        outcome = outcomes.get(key)
        for row in outcome.rows if outcome is not None else []:
            if row.get("disabled") is True or not row.get("address"):
                continue
            address = _split_address(row["address"])
            all_addresses[family].append(address["address"])
            name = row.get("interface")
            if name is None:
                continue
            interfaces.setdefault(name, {}).setdefault(family, []).append(address)
    neighbors = [dict(row) for row in outcomes["neighbor"].rows]
    return dict(interfaces=interfaces, all_ipv4_addresses=all_addresses["ipv4"],
                all_ipv6_addresses=all_addresses["ipv6"], neighbors=neighbors)


def _by(rows, key, fallback=None):
    """Rows keyed by a unique field."""
    out = {}
    for row in rows:
        name = row.get(key) or fallback
        if name is not None:
            out[name] = dict(row)
    return out


def _grouped(rows, keys, fallback):
    """Rows grouped into lists by the first of ``keys`` that has a value."""
    out = {}
    for row in rows:
        name = next((row[k] for k in keys if row.get(k)), fallback)
        out.setdefault(name, []).append(dict(row))
    return out


ROUTING_FACTS = (
    # fact name, read key, how to shape the rows
    ("route", "route", lambda rows: _grouped(rows, ("routing-table", "routing-mark"), "main")),
    ("ospf_instance", "ospf_instance", lambda rows: _by(rows, "name", "default")),
    ("ospf_neighbor", "ospf_neighbor", lambda rows: _grouped(rows, ("instance",), "default")),
    ("bgp_instance", "bgp_instance", lambda rows: _by(rows, "name", "default")),
    ("bgp_peer", "bgp_peer", lambda rows: _by(rows, "name")),
    ("bgp_vpnv4_route", "bgp_vpnv4_route", lambda rows: [dict(r) for r in rows]),
    ("bgp_connection", "bgp_connection", lambda rows: _by(rows, "name")),
    ("bgp_session", "bgp_session", lambda rows: _by(rows, "name")),
)


def _routing_facts(outcomes, major):
    facts = {}
    for fact, key, shape in ROUTING_FACTS:
        outcome = outcomes[key]
        versions = outcome.read.versions
        if outcome.trap is not None and versions is not None and (major is None or major not in versions):
            continue  # the other version's menu: not a fact of this router
        facts[fact] = shape(outcome.rows)
    return facts


def _warnings(outcomes, major):
    """Warnings for refusals nobody expected: not the other version's menus, not absent optional packages."""
    warnings = []
    for outcome in outcomes.values():
        trap = outcome.trap
        if trap is None:
            continue
        read = outcome.read
        if is_missing_menu(trap):
            if read.optional:
                continue
            if read.versions is not None and (major is None or major not in read.versions):
                continue
        warning = "could not read %s: %s" % (read.path, trap.message or trap)
        if warning not in warnings:  # a shared print refused once, not once per read it served
            warnings.append(warning)
    return warnings


def assemble(subsets, resources, outcomes, extra_resources=None):
    """The ``ansible_facts`` dict and the warnings, from the outcomes of the planned reads."""
    major = major_version(_first(outcomes.get("resource")).get("version"))
    facts = {}
    facts.update(_default_facts(outcomes))
    if "hardware" in subsets:
        facts.update(_hardware_facts(outcomes))
    if "interfaces" in subsets:
        facts.update(_interface_facts(outcomes))
    if "routing" in subsets:
        facts.update(_routing_facts(outcomes, major))
    facts["gather_subset"] = list(subsets)
    ansible_facts = dict(("ansible_net_%s" % name, value) for name, value in facts.items())
    ansible_facts["ansible_net_system"] = "routeros"
    network_resources = {}
    for name in resources:
        resource = NETWORK_RESOURCES[name]
        if isinstance(resource, NetworkResource):
            rows = dict((read.key, outcomes[read.key].rows) for read in resource.reads)
            network_resources[name] = resource.build(rows)
        elif extra_resources is not None and name in extra_resources:
            network_resources[name] = extra_resources[name]
    ansible_facts["ansible_net_gather_network_resources"] = list(resources)
    ansible_facts["ansible_network_resources"] = network_resources
    return ansible_facts, _warnings(outcomes, major)


def gather(session, gather_subset=None, gather_network_resources=None):
    """Gather facts from a logged-in session. Returns ``(ansible_facts, warnings)``.

    Raises :class:`UserInputError` for unknown subset or resource names before anything is sent.
    """
    subsets = resolve_subsets(DEFAULT_GATHER_SUBSET if gather_subset is None else gather_subset)
    resources = resolve_resources(gather_network_resources)
    outcomes = run_reads(session, plan_reads(subsets, resources))
    extra = {}
    for name in resources:
        resource = NETWORK_RESOURCES[name]
        if not isinstance(resource, NetworkResource):
            extra[name] = resource(session)
    return assemble(subsets, resources, outcomes, extra)
