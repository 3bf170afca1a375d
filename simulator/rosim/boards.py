# -*- coding: utf-8 -*-
# Copyright: tikops.routeros contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The hardware a simulated router is (``--board``): ports, wireless interfaces, switch chip, PoE, serial ports,
routerboard settings, and what /system/resource and /system/routerboard print.

Sources, per board: the MikroTik product page named in ``source`` (port count and kinds, PoE in/out, wireless
bands, switch chip, serial console, CPU, RAM and storage). What a product page does not give (firmware-type,
serial numbers, factory versions) is a choice, listed in docs/simulator.md. Property values of the switch, the
switch ports, the wireless interfaces and the routerboard settings come from the real exports of facts.json
(``exp-6.49.7-hap``, ``exp-6.48.1-hap-ac-lite``, ``exp-6.43.8-hap-lite``: the majority value of each property); PoE defaults from the MikroTik
manual's PoE-Out page (``poe-out`` auto-on, ``poe-priority`` 0..99 default 10); a CHR's ``serial0`` from real CHR
exports (github.com/auliaarifin/gns3-network-labs, ``Static-Routing-with-VRRP-Redundancy-on-MikroTik/config/
R-3.rsc``, RouterOS 7.16: ``/port set 0 name=serial0``).
"""

from . import facts
from .model import Field, Menu

MIB = 1024 * 1024


def _ports(prefix, first, last, speed):
    return [("%s%d" % (prefix, n), speed) for n in range(first, last + 1)]


BOARDS = {
    "hex": {
        "source": "https://mikrotik.com/product/RB750Gr3 (hEX: 5 Gigabit ports, PoE-in on ether1, MT7621A CPU "
                  "880 MHz with 4 threads, 256 MB RAM, 16 MB flash, no serial console, no wireless)",
        "model": "RB750Gr3", "board-name": "hEX", "firmware-type": "mt7621L", "factory-firmware": "6.45.9",
        "factory-software": "6.44.6", "cpu": "MIPS 1004Kc V2.15", "cpu-count": 4, "cpu-frequency": 880,
        "total-memory": 256 * MIB, "total-hdd-space": 16 * MIB, "architecture-name": "mmips",
        "ports": _ports("ether", 1, 5, "1G"), "switch": ("switch1", "Mediatek-MT7621"), "poe-out": (),
        "wireless": (), "serial": (), "routerboard": True,
    },
    "hex-s": {
        "source": "https://mikrotik.com/product/hex_s (hEX S, RB760iGS: 5 Gigabit ports and one SFP cage (sfp1), "
                  "PoE-in on ether1, passive PoE-out on ether5, MT7621A CPU 880 MHz with 4 threads, 256 MB RAM, 16 MB "
                  "flash, no serial console, no wireless); the wiki's Switch Chip Features page: 'RB750Gr3 (hEX), "
                  "RB760iGS (hEX S) MT7621 (ether1-ether5)', so sfp1 is not a port of the switch chip",
        "model": "RB760iGS", "board-name": "hEX S", "firmware-type": "mt7621L", "factory-firmware": "6.45.9",
        "factory-software": "6.44.6", "cpu": "MIPS 1004Kc V2.15", "cpu-count": 4, "cpu-frequency": 880,
        "total-memory": 256 * MIB, "total-hdd-space": 16 * MIB, "architecture-name": "mmips",
        "ports": _ports("ether", 1, 5, "1G") + [("sfp1", "1G")], "switch": ("switch1", "Mediatek-MT7621"),
        "switch_ports": tuple("ether%d" % n for n in range(1, 6)), "poe-out": ("ether5",),
        "wireless": (), "serial": (), "routerboard": True,
    },
    "l009": {
        "source": "https://mikrotik.com/product/l009uigs_rm (L009UiGS-RM: 8 Gigabit ports, one 2.5G SFP cage (sfp1), "
                  "PoE-in on ether1, PoE-out on ether8, an RJ45 serial console, IPQ-5018 2 cores 800 MHz, 512 MB RAM, "
                  "128 MB NAND); the switch chip, 88E6190 for ether2-ether8 and sfp1, as the manual's switch chip "
                  "table lists the L009 series",
        "model": "L009UiGS", "board-name": "L009UiGS", "firmware-type": "ipq5018", "factory-firmware": "7.9",
        "factory-software": "7.9", "cpu": "ARM", "cpu-count": 2, "cpu-frequency": 800,
        "total-memory": 512 * MIB, "total-hdd-space": 128 * MIB, "architecture-name": "arm",
        "ports": _ports("ether", 1, 8, "1G") + [("sfp1", "2.5G")], "switch": ("switch1", "Marvell-88E6190"),
        "switch_ports": tuple("ether%d" % n for n in range(2, 9)) + ("sfp1",), "poe-out": ("ether8",),
        "wireless": (), "serial": ("serial0",), "routerboard": True,
    },
    "hap-ac-lite": {
        "source": "https://mikrotik.com/product/RB952Ui-5ac2nD (hAP ac lite: 'Dual-Concurrent 2.4/5GHz AP, 802.11ac, "
                  "Five Ethernet ports, PoE-out on port 5, USB for 3G/4G support', 100 Mbps ports, PoE-in on ether1); "
                  "OpenWrt's support commit for the board (github.com/openwrt/openwrt 2bd33e86: QCA9533 SoC, 64 MB RAM, "
                  "16 MB NOR, QCA9533 2.4 GHz b/g/n and QCA9887 5 GHz a/n/ac radios, '5x 10/100 ports', 'PoE out on "
                  "port 5', five port LEDs); the real 6.48.1 /export verbose of one (exp-6.48.1-hap-ac-lite): ether1-"
                  "ether5 at speed=100Mbps with advertise 10M-half..100M-full, poe-out and power-cycle on ether5 only, "
                  "six switch port entries (the five ports and the switch's CPU port), four /system/resource/irq "
                  "entries, /system/leds entries led1-led5 following ether1-ether5, MAC addresses in the order ether1-"
                  "ether5, wlan2, wlan1",
        "model": "RB952Ui-5ac2nD", "board-name": "hAP ac lite", "firmware-type": "qca9531L",
        "factory-firmware": "6.45.9", "factory-software": "6.44.6", "cpu": "MIPS 24Kc V7.4", "cpu-count": 1,
        "cpu-frequency": 650, "total-memory": 64 * MIB, "total-hdd-space": 16 * MIB, "architecture-name": "mipsbe",
        "ports": _ports("ether", 1, 5, "100M"), "switch": ("switch1", "Atheros-8227"), "switch-cpu-port": True,
        "poe-out": ("ether5",), "wireless": (("wlan1", "2ghz-b/g/n"), ("wlan2", "5ghz-a/n/ac")),
        "wireless-macs": {"wlan2": 6, "wlan1": 7}, "serial": (), "routerboard": True, "packages": ("wireless",),
        "irqs": 4, "leds": tuple(("led%d" % n, "ether%d" % n) for n in range(1, 6)),
    },
    "audience": {
        "source": "https://mikrotik.com/product/RBD25G-5HPacQD2HPnD (Audience: two Gigabit ports, a 2.4 GHz b/g/n and "
                  "two 5 GHz a/n/ac radios, IPQ-4019 716 MHz 4 cores, 256 MB RAM, 128 MB NAND); the manual's switch "
                  "chip table ('RBD25G-5HPacQD2HPnD (Audience), RBD25GR-5HPacQD2HPnD&R11e-LTE6 (Audience LTE6 kit)': "
                  "ether1-ether2); a real 7.11.2 export of an RBD25GR-5HPacQD2HPnD (MikroTik forum, 'WireGuard site "
                  "to site routing with a central server', 2023-11-08): `/interface lte set [ find default-name=lte1 ]`, "
                  "wlan1, wlan2 and wlan3 (5ghz-a/n/ac); the real 7.1rc6 exports of two "
                  "(tests/data/exports/v7.1rc6-wifiwave2-lte-vrrp-*.rsc): with wifiwave2 the radios are wifi1-wifi3, "
                  "`/port set 0 name=usb1` (the LTE modem's port), `/system routerboard settings set ... "
                  "cpu-frequency=auto`",
        "model": "RBD25GR-5HPacQD2HPnD", "board-name": "Audience", "firmware-type": "ipq4000L",
        "factory-firmware": "6.45.9", "factory-software": "6.44.6", "cpu": "ARM", "cpu-count": 4,
        "cpu-frequency": 716, "total-memory": 256 * MIB, "total-hdd-space": 128 * MIB, "architecture-name": "arm",
        "ports": _ports("ether", 1, 2, "1G"), "switch": ("switch1", "IPQ-ESS"), "poe-out": (),
        "wireless": (("wlan1", "2ghz-b/g/n"), ("wlan2", "5ghz-a/n/ac"), ("wlan3", "5ghz-a/n/ac")),
        "wifi": ("wifi1", "wifi2", "wifi3"), "lte": ("lte1",), "usb": ("usb1",), "serial": (), "routerboard": True,
        "routerboard-settings": {"cpu-frequency": "auto"}, "packages": ("wireless",),
    },
    "hap-ac2": {
        "source": "https://mikrotik.com/product/hap_ac2 (hAP ac2, RBD52G-5HacD2HnD: 5 Gigabit ports, PoE-in on "
                  "ether1, 2.4 GHz b/g/n and 5 GHz a/n/ac radios, IPQ-4018 716 MHz 4 cores, 128 MB RAM, 16 MB flash; "
                  "the manual's switch chip table names its switch IPQ-ESS)",
        "model": "RBD52G-5HacD2HnD", "board-name": "hAP ac^2", "firmware-type": "ipq4000L",
        "factory-firmware": "6.45.9", "factory-software": "6.44.6", "cpu": "ARM", "cpu-count": 4,
        "cpu-frequency": 716, "total-memory": 128 * MIB, "total-hdd-space": 16 * MIB, "architecture-name": "arm",
        "ports": _ports("ether", 1, 5, "1G"), "switch": ("switch1", "IPQ-ESS"), "poe-out": (),
        "wireless": (("wlan1", "2ghz-b/g/n"), ("wlan2", "5ghz-a/n/ac")), "serial": (), "routerboard": True,
        "packages": ("wireless",),
    },
    "rb5009": {
        "source": "https://mikrotik.com/product/rb5009ug_s_in (RB5009UG+S+IN: ether1 2.5 Gigabit, ether2-ether8 "
                  "Gigabit, one SFP+ cage, PoE-in on ether1, PoE-out on ether8, Marvell 88E6393X switch, Armada 7040 "
                  "4 cores 1400 MHz, 1 GB RAM, 1 GB NAND)",
        # resource facts (cpu ARM64, 4 CPUs, 1024 MiB memory and disk, arm64, factory-software 7.8) as a real
        # RB5009UPr+S+ prints them: github.com/ytti/oxidized spec/model/data/routeros#RB5009UPr+S+_7.18.2#output.txt
        # at 687ed4262d9d21e54662e872e2383386d8498f7b
        "model": "RB5009UG+S+", "board-name": "RB5009UG+S+", "firmware-type": "70x0", "factory-firmware": "7.8",
        "factory-software": "7.8", "cpu": "ARM64", "cpu-count": 4, "cpu-frequency": 1400,
        "total-memory": 1024 * MIB, "total-hdd-space": 1024 * MIB, "architecture-name": "arm64",
        "ports": [("ether1", "2.5G")] + _ports("ether", 2, 8, "1G") + [("sfp-sfpplus1", "10G")],
        "switch": ("switch1", "Marvell-88E6393X"), "poe-out": ("ether8",), "wireless": (), "serial": (),
        "routerboard": True,
    },
    "crs328": {
        "source": "https://mikrotik.com/product/crs328_24p_4s_rm (CRS328-24P-4S+RM: 24 Gigabit ports with PoE-out, 4 "
                  "SFP+ cages, Marvell 98DX3236 switch, ARM 800 MHz single core, 512 MB RAM, 16 MB flash, RJ45 "
                  "serial console)",
        "model": "CRS328-24P-4S+", "board-name": "CRS328-24P-4S+", "firmware-type": "dx3230L",
        "factory-firmware": "6.45.9", "factory-software": "6.44.6", "cpu": "ARMv7", "cpu-count": 1,
        "cpu-frequency": 800, "total-memory": 512 * MIB, "total-hdd-space": 16 * MIB, "architecture-name": "arm",
        "ports": _ports("ether", 1, 24, "1G") + _ports("sfp-sfpplus", 1, 4, "10G"),
        "switch": ("switch1", "Marvell-98DX3236"), "poe-out": tuple("ether%d" % n for n in range(1, 25)),
        "wireless": (), "serial": ("serial0",), "routerboard": True, "dual-boot": True,
    },
    "ccr2116": {
        "source": "https://mikrotik.com/product/ccr2116_12g_4s (CCR2116-12G-4S+: 12 Gigabit ports (ether13 the "
                  "management port of the product page is not modelled), 4 SFP+ cages, Marvell 98DX3255 switch, "
                  "Annapurna Labs AL73400 16 cores 2000 MHz, 16 GB RAM, 128 MB NAND, RJ45 serial console, no PoE-out)",
        "model": "CCR2116-12G-4S+", "board-name": "CCR2116-12G-4S+", "firmware-type": "al73400",
        "factory-firmware": "7.1.1", "factory-software": "7.1.1", "cpu": "ARM64", "cpu-count": 16,
        "cpu-frequency": 2000, "total-memory": 16384 * MIB, "total-hdd-space": 128 * MIB,
        "architecture-name": "arm64",
        "ports": _ports("ether", 1, 12, "1G") + _ports("sfp-sfpplus", 1, 4, "10G"),
        "switch": ("switch1", "Marvell-98DX3255"), "poe-out": (), "wireless": (), "serial": ("serial0",),
        "routerboard": True,
    },
    "rb1100ahx4": {
        "source": "https://mikrotik.com/product/rb1100ahx4 (RB1100AHx4: 13 Gigabit ports, PoE-in on ether1, no "
                  "PoE-out, a DE-9 RS232 serial port, Annapurna Labs AL21400 4 cores, 1 GB RAM, 128 MB NAND, no "
                  "wireless); netbox-community/devicetype-library device-types/MikroTik/RB1100AHx4.yaml (part number "
                  "RB1100x4: ether1-ether13, console port serial0); the manual's switch chip table ('RB1100AHx4: "
                  "RTL8367 (ether1-ether5); RTL8367 (ether6-ether10); RTL8367 (ether11-ether13)') and the type names "
                  "of /interface/ethernet/switch (Realtek-RTL8367); the manual's Kaa IoT page, the /system resource "
                  "print of a real RB1100AHx4 (cpu ARM, cpu-count 4, 1024 MiB memory, 128 MiB storage, arm, board-"
                  "name RB1100AHx4, factory-software 6.45.9); the real 6.48.6 export of one "
                  "(tests/data/exports/v6.48-bgp-dude-switch.rsc, `# model = RB1100x4`): ether1-ether13 by "
                  "default-name and sixteen switch port entries (`/interface ethernet switch port set 0` to `set 15`: "
                  "the 13 ports and each chip's CPU port); real 6.47 and 6.49 exports of others print the same model "
                  "line and ether1-ether13",
        # the three chips' ports in the order of the table, each chip's CPU port after its own ports (the order
        # the hAP ac lite's export shows for one chip; which entry the export's `set 5` names is a choice)
        "model": "RB1100x4", "board-name": "RB1100AHx4", "firmware-type": "al2", "factory-firmware": "6.45.9",
        "factory-software": "6.45.9", "cpu": "ARM", "cpu-count": 4, "cpu-frequency": 1400,
        "total-memory": 1024 * MIB, "total-hdd-space": 128 * MIB, "architecture-name": "arm",
        "ports": _ports("ether", 1, 13, "1G"), "switch": ("switch1", "Realtek-RTL8367"),
        "switches": (("switch1", "Realtek-RTL8367", tuple("ether%d" % n for n in range(1, 6))),
                     ("switch2", "Realtek-RTL8367", tuple("ether%d" % n for n in range(6, 11))),
                     ("switch3", "Realtek-RTL8367", tuple("ether%d" % n for n in range(11, 14)))),
        "switch-cpu-port": True, "poe-out": (), "wireless": (), "serial": ("serial0",), "routerboard": True,
    },
    "crs326": {
        "source": "https://mikrotik.com/product/CRS326-24G-2SplusRM (CRS326-24G-2S+RM: 24 Gigabit ports, 2 SFP+ "
                  "cages, PoE-in on ether1, no PoE-out, RJ45 serial console, dual boot RouterOS/SwOS; its brochure: "
                  "CPU 98DX3236A1 800 MHz, 512 MB RAM, 16 MB flash); netbox-community/devicetype-library device-"
                  "types/MikroTik/CRS326-24G-2S+RM.yaml (ether1-ether24, sfp-sfpplus1, sfp-sfpplus2, console port "
                  "serial0, PoE-in on ether1); the real 6.48 export of one (tests/data/exports/v6.48-crs326-"
                  "transparent-bridge.rsc, `# model = CRS326-24G-2S+`): ether1-ether24 and sfp-sfpplus1-2 by default-"
                  "name, `/system routerboard settings set boot-os=router-os`, `/system swos set allow-from-ports=p1,"
                  "...,p26` (one per port); the switch chip Marvell-98DX3236 for all its ports, as on the CRS328",
        "model": "CRS326-24G-2S+", "board-name": "CRS326-24G-2S+", "firmware-type": "dx3230L",
        "factory-firmware": "6.45.9", "factory-software": "6.44.6", "cpu": "ARMv7", "cpu-count": 1,
        "cpu-frequency": 800, "total-memory": 512 * MIB, "total-hdd-space": 16 * MIB, "architecture-name": "arm",
        "ports": _ports("ether", 1, 24, "1G") + _ports("sfp-sfpplus", 1, 2, "10G"),
        "switch": ("switch1", "Marvell-98DX3236"), "poe-out": (), "wireless": (), "serial": ("serial0",),
        "routerboard": True, "dual-boot": True,
    },
    "chateau-lte12": {
        "source": "https://mikrotik.com/product/chateau_lte12 (Chateau LTE12, D53G-5HacD2HnD-TC&EG12-EA and, from "
                  "2025, &EG120K-EA: 5 Gigabit ports, a 2.4 GHz b/g/n and a 5 GHz a/n/ac radio, an LTE cat 12 modem, "
                  "IPQ-4019 716 MHz 4 cores, 256 MB RAM, 128 MB NAND, no PoE-out, no serial console); the manual's "
                  "switch chip table ('RBD53G-5HacD2HnD-TC&EG12-EA (Chateau LTE12): Atheros8327 (ether1-ether5)') and "
                  "the type names of /interface/ethernet/switch (Atheros-8327); a real 7.24.4 export of a "
                  "D53G-5HacD2HnD: `/interface lte set [ find default-name=lte1 ]`, `set [ find default-name=wlan1 ] "
                  "band=2ghz-b/g/n`, `set [ find default-name=wlan2 ] band=5ghz-a/n/ac`, ether1-ether5; the model "
                  "line as the corpus's header prints it (tests/data/exports/v7.16-hap-ac2-show-sensitive.rsc)",
        "model": "D53G-5HacD2HnD&EG120K-EA", "board-name": "Chateau LTE12", "firmware-type": "ipq4000L",
        "factory-firmware": "7.15.3", "factory-software": "7.15.3", "cpu": "ARM", "cpu-count": 4,
        "cpu-frequency": 716, "total-memory": 256 * MIB, "total-hdd-space": 128 * MIB, "architecture-name": "arm",
        "ports": _ports("ether", 1, 5, "1G"), "switch": ("switch1", "Atheros-8327"), "poe-out": (),
        "wireless": (("wlan1", "2ghz-b/g/n"), ("wlan2", "5ghz-a/n/ac")), "lte": ("lte1",), "serial": (),
        "routerboard": True, "packages": ("wireless",),
    },
    "chr": {
        "source": "https://help.mikrotik.com/docs/display/ROS/Cloud+Hosted+Router%2C+CHR (a virtual machine: "
                  "ethernet ports are the VM's network cards, no switch chip, PoE or wireless, not a RouterBOARD); "
                  "serial0 as real CHR exports print it",
        # what a real CHR 7.10.1 under qemu prints (cpu QEMU, 1 CPU, 320 MiB, 89.2 MiB disk, x86_64, board-name
        # CHR, factory-software 7.1, ether1-ether8): github.com/ytti/oxidized
        # spec/model/data/routeros#CHR_7.10.1#output.txt at 687ed4262d9d21e54662e872e2383386d8498f7b
        "model": None, "board-name": "CHR", "firmware-type": None, "factory-firmware": None,
        "factory-software": "7.1", "cpu": "QEMU", "cpu-count": 1, "cpu-frequency": 2400,
        "total-memory": 320 * MIB, "total-hdd-space": int(89.2 * MIB), "architecture-name": "x86_64",
        "ports": _ports("ether", 1, 8, "1G"), "switch": None, "poe-out": (), "wireless": (),
        "serial": ("serial0",), "routerboard": False, "x86": True,
        # /disk on RouterOS 7: the 28 slots a real CHR 7.10.1 under qemu prints, each `set slotN slot=slotN
        # type=hardware` (its export: tests/data/exports/v7.10-chr-show-sensitive.rsc, ytti/oxidized)
        "disks": tuple("slot%d" % n for n in range(1, 29)),
    },
}
DEFAULT = "hex"
ALIASES = {"rb750gr3": "hex", "rb952ui-5ac2nd": "hap-ac-lite", "hapaclite": "hap-ac-lite", "rb760igs": "hex-s",
           "l009uigs": "l009", "l009uigs-rm": "l009", "hap-ac^2": "hap-ac2",
           "hapac2": "hap-ac2", "rbd52g-5hacd2hnd": "hap-ac2", "rbd25gr-5hpacqd2hpnd": "audience",
           "rbd25g-5hpacqd2hpnd": "audience",
           "rb5009ug+s+": "rb5009", "rb5009ug+s+in": "rb5009", "crs328-24p-4s+": "crs328",
           "crs328-24p-4s+rm": "crs328", "ccr2116-12g-4s+": "ccr2116", "x86": "chr",
           "rb1100x4": "rb1100ahx4", "rb1100ahx4-dude": "rb1100ahx4", "crs326-24g-2s+": "crs326",
           "crs326-24g-2s+rm": "crs326", "crs326-24g-2s+in": "crs326", "d53g-5hacd2hnd&eg120k-ea": "chateau-lte12",
           "d53g-5hacd2hnd-tc&eg120k-ea": "chateau-lte12", "d53g-5hacd2hnd-tc&eg12-ea": "chateau-lte12",
           "chateau": "chateau-lte12"}

# /interface/ethernet speed and advertise by port kind: until 7.11 the old names, from 7.12 those of advertise
SPEED = {"100M": ("100Mbps", "100M-baseT-full"), "1G": ("1Gbps", "1G-baseT-full"), "2.5G": ("2.5Gbps", "2.5G-baseT"), "10G": ("10Gbps", "10G-baseSR-LR")}
ADVERTISE_V6 = "10M-half,10M-full,100M-half,100M-full,1000M-half,1000M-full"
ADVERTISE_V7 = "10M-baseT-half,10M-baseT-full,100M-baseT-half,100M-baseT-full,1G-baseT-half,1G-baseT-full"
# a 10/100 port advertises the first four (the 6.48.1 hAP ac lite's export: advertise=10M-half,10M-full,100M-half,
# 100M-full); RouterOS 7 names them as it does the others
ADVERTISE_100M_V6 = "10M-half,10M-full,100M-half,100M-full"
ADVERTISE_100M_V7 = "10M-baseT-half,10M-baseT-full,100M-baseT-half,100M-baseT-full"


def mac_after(first, offset):
    """The MAC address ``offset`` after ``first`` (a router's ``mac-address``: its first port's, the board's other
    interfaces numbered from it, as a real board's are: ether1-ether5 then wlan2, wlan1 on a hAP ac lite)."""
    value = (int(first.replace(":", "").replace("-", ""), 16) + offset) & 0xFFFFFFFFFFFF
    return ":".join("%02X" % ((value >> s) & 0xFF) for s in range(40, -8, -8))


def resolve(name):
    """The board key of ``--board NAME`` (None: the default), or ValueError."""
    if name is None:
        return DEFAULT
    key = str(name).strip().lower()
    key = ALIASES.get(key, key)
    if key not in BOARDS:
        raise ValueError("unknown board %r (known: %s)" % (name, ", ".join(sorted(BOARDS))))
    return key


def info(key):
    return BOARDS[key]


def ethernet_item(router, name, speed, mac):
    """An /interface/ethernet entry of a port of ``speed`` (1G, 2.5G, 10G) as the router prints it."""
    v7 = router.v7()
    new_names = router.version >= (7, 12)
    if speed == "10G":
        advertise = ""
    elif speed == "100M":
        advertise = ADVERTISE_100M_V7 if v7 else ADVERTISE_100M_V6
    elif speed == "2.5G":
        advertise = ADVERTISE_V7 + ",2.5G-baseT" if v7 else ADVERTISE_V6 + ",2500M-full"
    else:
        advertise = ADVERTISE_V7 if v7 else ADVERTISE_V6
    item = {"_kind": "ether", "_builtin": True, "name": name, "default-name": name, "mtu": "1500",
            "l2mtu": "1598", "mac-address": mac, "orig-mac-address": mac, "arp": "enabled",
            "arp-timeout": "auto", "loop-protect": "default", "loop-protect-status": "off",
            "loop-protect-send-interval": "5s", "loop-protect-disable-time": "5m",
            "auto-negotiation": "true", "advertise": advertise, "tx-flow-control": "off", "rx-flow-control": "off",
            "bandwidth": "unlimited/unlimited", "disabled": "false", "_speed": speed}
    chips = switch_chips(router.board)
    if chips:
        item["switch"] = next((chip for chip, _kind, ports in chips if ports is None or name in ports), chips[0][0])
    return item, SPEED[speed][1 if new_names else 0]


def switch_chips(board):
    """The board's switch chips: (name, type, the ports on it or None for every ethernet port), one per chip
    (``switches`` of a board with more than one, as an RB1100AHx4's three; else its ``switch``)."""
    if board.get("switches"):
        return [tuple(chip) for chip in board["switches"]]
    if board.get("switch"):
        name, kind = board["switch"]
        return [(name, kind, board.get("switch_ports"))]
    return []


def poe_fields():
    return [F_POE_OUT.copy(), F_POE_PRIORITY.copy()] + [f.copy() for f in F_POWER_CYCLE]


# The key that enters RouterBOOT's setup from the serial console: only a RouterBOARD with a serial console has it
# (the manual's RouterBOOT page, "k - boot key: any key (the default) | <Delete> key only"; 6.x verbose exports
# of boards with serial0 print `enter-setup-on=any-key`, those of boards without one do not print it).
F_ENTER_SETUP_ON = Field("enter-setup-on", "enum", "any-key", choices=("any-key", "delete-key"))
# The system a CRS3xx boots: RouterOS or SwOS (the manual's CRS3xx pages: dual boot); a real CRS310 7.18.2 verbose
# export prints boot-os=router-os, a 6.48 CRS326's export sets it.
F_BOOT_OS = Field("boot-os", "enum", "router-os", choices=("router-os", "swos"))
F_POE_OUT = Field("poe-out", "enum", "auto-on", choices=("auto-on", "forced-on", "off"))
F_POE_PRIORITY = Field("poe-priority", "int", "10", lo=0, hi=99)
# the PoE port's power-cycle watchdog, as the 6.48.1 hAP ac lite and 6.49.7 hAP verbose exports print it on their
# PoE-out port only: power-cycle-interval=none !power-cycle-ping-address power-cycle-ping-enabled=no
# !power-cycle-ping-timeout (the two with ! printed once set); the manual's PoE-Out page has the same four
F_POWER_CYCLE = (Field("power-cycle-interval", "str", None), Field("power-cycle-ping-address", "ipaddr", None),
                 Field("power-cycle-ping-enabled", "bool", None), Field("power-cycle-ping-timeout", "str", None))
POWER_CYCLE_AT_BOOT = {"power-cycle-interval": "none", "power-cycle-ping-enabled": "false"}


def hardware_menus(router):
    """The menus the board adds (not in the CHR trees): switch chip, switch ports, PoE, routerboard settings."""
    board = router.board
    menus = []
    v6 = facts.data()["v6"]
    if board.get("switch"):
        sw = _agreed(v6["builtins"].get("/interface/ethernet/switch", []))
        fields = [Field("name"), Field("type", ro=True)]
        fields += [_field(k, v) for k, v in sorted(sw.items()) if k not in ("name", "type")]
        menus.append(Menu("/interface/ethernet/switch", "eth_switch", fields, key="name", no_add=True,
                          no_remove=True))
        port = _agreed(v6["builtins"].get("/interface/ethernet/switch/port", []))
        fields = [Field("name", ro=True), Field("switch", ro=True)]
        fields += [_field(k, v) for k, v in sorted(port.items()) if k not in ("name", "switch")]
        menus.append(Menu("/interface/ethernet/switch/port", "eth_switch_port", fields, key="name", no_add=True,
                          no_remove=True))
    if board.get("poe-out"):
        menus.append(Menu("/interface/ethernet/poe", "interface", [
            Field("name", ro=True), F_POE_OUT.copy(), F_POE_PRIORITY.copy(), Field("poe-out-status", ro=True)],
            where={"_poe": True}, key="name", no_add=True, no_remove=True))
    if board.get("routerboard"):
        settings = {k: v[0] for k, v in v6["settings"].get("/system/routerboard/settings", {}).items()
                    if v[0] is not None}
        fields = [_field(k, v) for k, v in sorted(settings.items())]
        if board.get("serial") and "enter-setup-on" not in settings:
            fields.append(F_ENTER_SETUP_ON.copy())
        if board.get("dual-boot") and "boot-os" not in settings:
            fields.append(F_BOOT_OS.copy())
        for k, v in sorted((board.get("routerboard-settings") or {}).items()):
            if k not in settings:
                fields.append(_field(k, v))  # the board's own (an Audience's cpu-frequency=auto: its export)
        menus.append(Menu("/system/routerboard/settings", "routerboard_settings", fields, kind="single"))
    if board.get("dual-boot"):
        menus.append(Menu("/system/swos", "swos", swos_fields(len(BOARDS[router.board_key]["ports"])), kind="single"))
    return menus


def swos_fields(count):
    """/system/swos of a CRS3xx (the SwOS settings RouterOS keeps for its other system), as a real CRS310-8G+2S+
    7.18.2 /export verbose prints them: address-acquisition-mode=dhcp-with-fallback allow-from=0.0.0.0/0
    allow-from-ports=p1,...,p10 (one per port) allow-from-vlan=0 identity=Mikrotik static-ip-address=192.168.88.1;
    a 6.48 CRS326's export sets the same properties (allow-from-ports p1 to p26, one per port)."""
    ports = ",".join("p%d" % n for n in range(1, count + 1))
    return [Field("address-acquisition-mode", "enum", "dhcp-with-fallback",
                  choices=("dhcp-only", "dhcp-with-fallback", "static")),
            Field("allow-from", "str", "0.0.0.0/0"), Field("allow-from-ports", "str", ports),
            Field("allow-from-vlan", "int", "0", lo=0, hi=4094), Field("identity", "str", "Mikrotik"),
            Field("static-ip-address", "ipaddr", "192.168.88.1")]


# /interface/ethernet disable-running-check: x86 only, default yes (the MikroTik manual's Ethernet page: "only
# applicable to x86"); RouterOS 6 CHR exports print `set [ find default-name=ether1 ] disable-running-check=no`
# (tests/data/exports/v6.47-lab-*.rsc). On RouterOS 7 the CHR trees give the field.
F_RUNNING_CHECK = Field("disable-running-check", "bool", "true")


def _x86_running_check(router):
    eth = router.menus.get("/interface/ethernet")
    if eth is None or "disable-running-check" in eth.by_name:
        return
    f = F_RUNNING_CHECK.copy()
    eth.fields.append(f)
    eth.by_name[f.name] = f
    for port in router.interfaces():
        if port.get("_kind") == "ether":
            port.setdefault(f.name, f.default)


def _agreed(entries):
    """The properties of the first built-in entry of an export line list (facts.json v6 built-ins)."""
    return dict(entries[0]["props"]) if entries else {}


def _field(name, value):
    value = {"yes": "true", "no": "false"}.get(value, value)
    if value in ("true", "false"):
        return Field(name, "bool", value)
    return Field(name, "str", value)


def install(router):
    """Add the board's menus to the router and its entries to them (called by defaults.load_defaults)."""
    board = router.board
    for m in hardware_menus(router):
        m.generic = m.table != "interface"  # saved with the state (the PoE view's values are the ethernet rows')
        if hasattr(router.menus, "known"):
            router.menus.known.add(m.path)
            dict.__setitem__(router.menus, m.path, m)
        else:
            router.menus[m.path] = m
        parts = m.path.strip("/").split("/")
        for i in range(1, len(parts) + 1):
            router.dirs.add("/" + "/".join(parts[:i]))
    for name, kind, on_chip in switch_chips(board):
        sw = _agreed(facts.data()["v6"]["builtins"].get("/interface/ethernet/switch", []))
        item = {k: {"yes": "true", "no": "false"}.get(v, v) for k, v in sw.items()}
        item.update({"name": name, "type": kind, "_builtin": True})
        router.table("eth_switch").insert(item)
        ports = router.table("eth_switch_port")
        fields = router.menus["/interface/ethernet/switch/port"].fields
        names = [i["name"] for i in router.interfaces() if i.get("_kind") == "ether"
                 and (on_chip is None or i.get("default-name", i.get("name")) in on_chip)]
        if board.get("switch-cpu-port"):
            # the switch's CPU port, listed after the ethernet ports: a RouterOS 6 export of a 5-port hAP prints six
            # switch port entries, of a 4-port hAP lite five; its name, switch1-cpu, as the manual's Switch Chip
            # Features page writes it (`/interface ethernet switch port set switch1-cpu ...`); one per chip (the
            # RB1100AHx4's export sets sixteen entries: 13 ports and three CPU ports)
            names.append("%s-cpu" % name)
        for port in names:
            entry = {f.name: f.default for f in fields if f.default is not None}
            entry.update({"name": port, "switch": name, "_builtin": True})
            ports.insert(entry)
    if board.get("routerboard"):
        menu = router.menus["/system/routerboard/settings"]
        router.table("routerboard_settings").insert({f.name: f.default for f in menu.fields})
    if board.get("dual-boot"):
        router.table("swos").insert({f.name: f.default for f in router.menus["/system/swos"].fields})
    if board.get("poe-out"):
        eth = router.menus.get("/interface/ethernet")
        if eth is not None:
            # the ethernet menu of a PoE board takes poe-out and poe-priority (the CHR trees have neither)
            for f in poe_fields():
                if f.name in eth.by_name:
                    eth.fields = [g for g in eth.fields if g.name != f.name]
                eth.fields.append(f)
                eth.by_name[f.name] = f
        for port in router.interfaces():
            if port.get("name") in board["poe-out"]:
                port["_poe"] = True
                port["poe-out"] = "auto-on"
                port["poe-priority"] = "10"
                port["poe-out-status"] = "waiting-for-load"
                port.update(POWER_CYCLE_AT_BOOT)
    if board.get("x86") and not router.v7():
        _x86_running_check(router)
    disk = router.menus.get("/disk")
    if board.get("disks") and router.v7() and disk is not None and disk.kind == "list":
        table = router.table(disk.table)
        for slot in board["disks"]:
            item = {f.name: f.default for f in disk.fields if f.default is not None and not f.ro}
            item.update({"slot": slot, "type": "hardware", "_builtin": True})
            table.insert(item)
    serial = router.menus.get("/port")
    if serial is not None and serial.kind == "list":
        table = router.table(serial.table)
        for name in tuple(board.get("serial", ())) + tuple(board.get("usb", ()) if router.v7() else ()):
            table.insert({"name": name, "baud-rate": "115200", "data-bits": "8", "parity": "none",
                          "stop-bits": "1", "flow-control": "none", "_builtin": True})
    from . import extras
    wifiwave2 = extras.install(router)
    if wifiwave2 and board.get("wifi"):
        extras.add_radios(router, board["wifi"])
    if board.get("lte") and router.v7():
        extras.add_lte(router, board["lte"])
    wireless = router.menus.get("/interface/wireless")
    if board.get("wireless") and wireless is not None and not wifiwave2:
        entries = facts.data()["v6"]["builtins"].get("/interface/wireless", [])
        base = _agreed(entries)
        macs = board.get("wireless-macs") or {}
        for n, (name, band) in enumerate(board["wireless"]):
            item = {k: {"yes": "true", "no": "false"}.get(v, v) for k, v in base.items()
                    if k in wireless.by_name and k not in ("mac-address", "radio-name")}
            mac = router.new_mac(macs.get(name))  # the board's MAC order where its source shows it
            item.update({"_kind": "wireless", "_builtin": True, "name": name, "default-name": name, "band": band,
                         "mac-address": mac, "radio-name": mac.replace(":", "")})
            router.table("interface").insert(item)
    _install_irqs_and_leds(router)


def _install_irqs_and_leds(router):
    """/system/resource/irq (one entry per IRQ the board has, ``cpu=auto``) and /system/leds (a LED per port,
    ``type=interface-activity``), as the board's real export prints them (``irqs``, ``leds`` of BOARDS)."""
    board = router.board
    irq = router.menus.get("/system/resource/irq")
    if board.get("irqs") and irq is not None:
        table = router.table(irq.table)
        for n in range(board["irqs"]):
            item = {f.name: f.default for f in irq.fields if f.default is not None}
            item.update({"irq": str(n), "cpu": "auto", "active-cpu": "0", "_builtin": True})
            table.insert(item)
    leds = router.menus.get("/system/leds")
    if board.get("leds") and leds is not None and leds.kind == "list":
        table = router.table(leds.table)
        for led, port in board["leds"]:
            item = {f.name: f.default for f in leds.fields if f.default is not None and not f.ro}
            item.update({"leds": led, "interface": port, "type": "interface-activity", "disabled": "false"})
            table.insert(item)
