# dec/12/2025 14:01:33 by RouterOS 6.47.9
# software id = 
#
#
#
/interface bridge
add name=bridge0 vlan-filtering=yes
/interface ethernet
set [ find default-name=ether1 ] disable-running-check=no
set [ find default-name=ether2 ] disable-running-check=no
set [ find default-name=ether3 ] disable-running-check=no
/interface vlan
add interface=bridge0 name=vlan20 vlan-id=20
/interface wireless security-profiles
set [ find default=yes ] supplicant-identity=MikroTik
/interface bridge port
add bridge=bridge0 interface=ether2
add bridge=bridge0 interface=ether3 pvid=20
/interface bridge vlan
add bridge=bridge0 tagged=bridge0,ether2 untagged=ether3 vlan-ids=20
/ip address
add address=172.31.255.30/30 interface=ether1 network=172.31.255.28
/ip dhcp-client
add disabled=no interface=ether1
add disabled=no interface=vlan20
/system identity
set name=SW02.L3.02
