# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Value types of the simulated router: parse what a client sends, give back what a router prints.

Every stored value is the text a real router's API returns (``true``/``false``, ``5m``, ``*1A``), so printing
is a plain copy. Parsing raises :class:`Trap` with a router's message and category.
"""

import ipaddress
import re


class Trap(Exception):
    """One or more ``!trap`` sentences to send before ``!done``; ``traps`` is a list of (message, category)."""

    def __init__(self, message, category=None, more=()):
        super().__init__(message)
        self.traps = [(message, category)] + list(more)


# Categories (protocol-facts.md section 2).
CAT_MISSING = 0
CAT_ARGUMENT = 1
CAT_INTERRUPTED = 2
CAT_FAILURE = 4


def fmt_id(n):
    return "*%X" % n


def parse_id(text):
    """``*1A`` -> 26, or None when ``text`` is not an id."""
    if len(text) > 1 and text[0] == "*":
        try:
            return int(text[1:], 16)
        except ValueError:
            return None
    return None


TRUE_WORDS = {"yes": "true", "true": "true", "no": "false", "false": "false"}


def parse_bool(name, value):
    got = TRUE_WORDS.get(value.strip().lower())
    if got is None:
        raise Trap("value of %s must be yes or no" % name, CAT_ARGUMENT)
    return got


_DUR_RE = re.compile(r"^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$")
_CLOCK_RE = re.compile(r"^(?:(\d+)d)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$")


def duration_ms(text):
    """Milliseconds in a RouterOS duration (``1w2d3h4m5s``, ``500ms``, ``01:22:53``, ``30`` = seconds), or None."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text) * 1000
    m = _CLOCK_RE.match(text)
    if m:
        d, h, mi, s, frac = m.groups()
        ms = int((frac or "0").ljust(3, "0"))
        return (((int(d or 0) * 24 + int(h)) * 60 + int(mi)) * 60 + int(s)) * 1000 + ms
    m = _DUR_RE.match(text)
    if not m or not any(m.groups()):
        return None
    w, d, h, mi, s, ms = (int(g or 0) for g in m.groups())
    return ((((w * 7 + d) * 24 + h) * 60 + mi) * 60 + s) * 1000 + ms


def fmt_duration(ms):
    """The compact form a v6.4x+/v7 router prints: ``1w2d3h4m5s``, ``500ms``, ``0s``."""
    if ms == 0:
        return "0s"
    out = []
    for unit, size in (("w", 604800000), ("d", 86400000), ("h", 3600000), ("m", 60000), ("s", 1000), ("ms", 1)):
        n, ms = divmod(ms, size)
        if n:
            out.append("%d%s" % (n, unit))
    return "".join(out)


def parse_duration(name, value):
    ms = duration_ms(value)
    if ms is None:
        raise Trap("value of %s must be time interval" % name, CAT_ARGUMENT)
    return fmt_duration(ms)


def parse_int(name, value, lo=None, hi=None):
    text = value.strip()
    try:
        n = int(text, 0) if text.lower().startswith("0x") else int(text)
    except ValueError:
        raise Trap("value of %s must be a number" % name, CAT_ARGUMENT)
    if (lo is not None and n < lo) or (hi is not None and n > hi):
        raise Trap("value of %s out of range (%s..%s)" % (name, lo, hi), CAT_ARGUMENT)
    return str(n)


def bad_value(name):
    return Trap("invalid value for argument %s" % name, CAT_ARGUMENT)


def parse_ipv4(name, value):
    try:
        return str(ipaddress.IPv4Address(value.strip()))
    except ValueError:
        raise bad_value(name)


def parse_ipaddr(name, value):
    """One IPv4 or IPv6 address, no prefix and no list (RouterOS 6 ``primary-ntp``, ``src-address``): printed
    in its compact form; a name, a prefix, a list or an empty value is ``invalid value for argument NAME``."""
    text = value.strip()
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        raise bad_value(name)


def parse_ipv4_iface(name, value):
    """``10.0.0.1/24``, ``10.0.0.1/255.255.255.0`` or ``10.0.0.1`` (= /32); host bits kept."""
    text = value.strip()
    try:
        iface = ipaddress.IPv4Interface(text)
    except ValueError:
        raise bad_value(name)
    return "%s/%d" % (iface.ip, iface.network.prefixlen)


def parse_ipv4_prefix(name, value):
    """A destination prefix; host bits are cleared as the router does (``10.0.0.1/24`` -> ``10.0.0.0/24``)."""
    text = value.strip()
    try:
        net = ipaddress.IPv4Network(text, strict=False)
    except ValueError:
        raise bad_value(name)
    return str(net)


def parse_ipv4_or_range(name, value):
    """Address-list entries: an address, a prefix, a range ``a-b``; DNS names are kept as text."""
    text = value.strip()
    if "-" in text and re.match(r"^[\d.]+-[\d.]+$", text):
        a, b = text.split("-", 1)
        return "%s-%s" % (parse_ipv4(name, a), parse_ipv4(name, b))
    if re.match(r"^[\d./]+$", text):
        net = ipaddress.IPv4Network(text, strict=False) if "/" in text else None
        if net is None:
            return parse_ipv4(name, text)
        try:
            return str(ipaddress.IPv4Network(text, strict=False)) if net.prefixlen < 32 else str(net.network_address)
        except ValueError:
            raise bad_value(name)
    if re.match(r"^[A-Za-z0-9][A-Za-z0-9.-]*$", text):
        return text
    raise bad_value(name)


def parse_ipv6_iface(name, value):
    text = value.strip()
    if "/" not in text:
        text += "/128"
    try:
        iface = ipaddress.IPv6Interface(text)
    except ValueError:
        raise bad_value(name)
    return "%s/%d" % (iface.ip.compressed, iface.network.prefixlen)


def parse_ipv6_prefix(name, value):
    """An IPv6 address-list entry: ``2001:db8::/32`` (host bits cleared) or an address (printed /128)."""
    text = value.strip()
    try:
        net = ipaddress.IPv6Network(text, strict=False)
    except ValueError:
        raise bad_value(name)
    return "%s/%d" % (net.network_address.compressed, net.prefixlen)


def parse_mac(name, value):
    text = value.strip().replace("-", ":").upper()
    if not re.match(r"^([0-9A-F]{2}:){5}[0-9A-F]{2}$", text):
        raise bad_value(name)
    return text


def parse_ip_list(name, value):
    """Comma list of IPv4/IPv6 addresses (DNS servers)."""
    out = []
    for part in [p.strip() for p in value.split(",") if p.strip()]:
        try:
            out.append(str(ipaddress.ip_address(part)))
        except ValueError:
            raise bad_value(name)
    return ",".join(out)


def parse_prefix_list(name, value):
    """Comma list of prefixes (``address`` of /ip/service and /user): IPv4 or IPv6."""
    out = []
    for part in [p.strip() for p in value.split(",") if p.strip()]:
        try:
            out.append(str(ipaddress.ip_network(part, strict=False)))
        except ValueError:
            raise bad_value(name)
    return ",".join(out)


def network_of(address):
    """``network`` of /ip/address: the address with host bits cleared (no prefix)."""
    iface = ipaddress.IPv4Interface(address)
    return str(iface.network.network_address)


_SIZE_UNITS = {"": 1, "k": 1024, "kib": 1024, "m": 1024 ** 2, "mib": 1024 ** 2, "g": 1024 ** 3, "gib": 1024 ** 3}


def parse_size_kib(name, value):
    """Sizes kept in KiB by the router (``cache-size``): accepts ``2048``, ``2048KiB``, ``2M``; prints ``2048KiB``."""
    m = re.match(r"^(\d+)\s*([A-Za-z]*)$", value.strip())
    if not m or m.group(2).lower() not in _SIZE_UNITS:
        raise bad_value(name)
    n = int(m.group(1))
    unit = m.group(2).lower()
    kib = n if unit in ("", "k", "kib") else n * _SIZE_UNITS[unit] // 1024
    return "%dKiB" % kib


def compare_key(text):
    """How ``?<`` and ``?>`` compare: numbers (and ``*HEX`` ids) by value, everything else as text."""
    if text.isdigit():
        return (0, int(text), "")
    n = parse_id(text)
    if n is not None:
        return (0, n, "")
    return (1, 0, text)
