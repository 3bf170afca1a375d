# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RouterOS 7 packages: which menus each optional package brings, and which are installed on a simulated router.

Source: the MikroTik manual's "Packages" page (help.mikrotik.com/docs/spaces/ROS/pages/40992872/Packages: the
list of extra packages and what each provides; wireless became a separate package in 7.13) and the command trees:
the CHR trees of ``tools/data/routeros-command-trees`` are the base system (``routeros``) of each release, the
``7.24-extra-packages`` tree adds the optional packages (the menus below are its difference to the 7.24 tree).

A router has the base packages of its release unless told otherwise (``--packages``): on 7.9 to 7.12 the wireless
menus are part of ``routeros``; from 7.13 they come with the ``wireless`` package. Menus of a package the tree of
the router's release lacks come from the 7.24 extra-packages tree (the only tree that has them: an approximation,
docs/simulator.md).
"""

# package -> the menu path prefixes it adds
EXTRA = {
    "wireless": ("/interface/wireless", "/caps-man"),
    "container": ("/container", "/interface/veth", "/app"),  # veth is in the base trees of 7.9 to 7.23
    "iot": ("/iot",),
    "user-manager": ("/user-manager",),
    "dude": ("/dude",),
    "gps": ("/system/gps",),
    "openflow": ("/openflow",),
    "rose-storage": ("/disk/btrfs", "/file/rsync-daemon", "/file/sync"),
    "tr069-client": ("/tr069-client",),
    "calea": ("/tool/calea",),
    "netinstall": ("/tool/netinstall",),
    "extra-nic": (),
    "ups": (),
    "lora": (),
    "zerotier": ("/zerotier",),  # no tree here has its menus: extras.py models them
    # the 7.1-7.12 wireless package of ARM boards, renamed wifi in 7.13: extras.py gives it the 7.24 tree's
    # /interface/wifi menus under its own path
    "wifiwave2": ("/interface/wifiwave2",),
    "wifi-qcom": (),
    "wifi-qcom-ac": (),
}
WIRELESS_SEPARATE = (7, 13)
BORROW_LABEL = "7.24"  # the tree (with extra packages) the menus of optional packages come from


def package_of(path):
    """The optional package ``path`` belongs to, or None for a menu of the base system."""
    for name, prefixes in EXTRA.items():
        for prefix in prefixes:
            if path == prefix or path.startswith(prefix + "/"):
                return name
    return None


def base(version):
    """The packages a CHR of ``version`` (a tuple) has: ``routeros`` (RouterOS 7)."""
    return ["routeros"]


# RouterOS 6: the default bundle holds the rest (wireless, mpls, routing, ...); these are the separate packages a
# 6.x router may have besides (the manual's Packages page: dude from 6.38 on, a package of its own)
V6_EXTRA = ("dude",)


def parse(text, version):
    """``--packages`` (a comma list) -> the sorted optional packages to install; base names are accepted."""
    names = [p.strip() for p in str(text or "").split(",") if p.strip()]
    if version < (7, 0):
        # RouterOS 6: the split packages of the bundle are always there; of the others only V6_EXTRA is modelled
        for name in names:
            if name not in EXTRA and name not in ("routeros", "system"):
                raise ValueError("unknown package %r (known: routeros, %s)" % (name, ", ".join(sorted(EXTRA))))
        return sorted(set(n for n in names if n in V6_EXTRA))
    out = []
    for name in names:
        if name in ("routeros", "system"):
            continue
        if name not in EXTRA:
            raise ValueError("unknown package %r (known: routeros, %s)" % (name, ", ".join(sorted(EXTRA))))
        if name == "wireless" and version[:2] < WIRELESS_SEPARATE:
            continue  # part of routeros before 7.13
        out.append(name)
    return sorted(set(out))
