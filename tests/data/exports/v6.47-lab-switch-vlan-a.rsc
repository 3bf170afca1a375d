# dec/12/2025 13:46:19 by RouterOS 6.47.9
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
set [ find default-name=ether4 ] disable-running-check=no
/interface vlan
add interface=bridge0 name=vlan10 vlan-id=10
add interface=bridge0 name=vlan20 vlan-id=20
/interface wireless security-profiles
set [ find default=yes ] supplicant-identity=MikroTik
/interface bridge port
add bridge=bridge0 interface=ether2
add bridge=bridge0 interface=ether3
add bridge=bridge0 interface=ether4
/interface bridge vlan
add bridge=bridge0 tagged=bridge0,ether2,ether3 vlan-ids=10
add bridge=bridge0 tagged=bridge0,ether2,ether4 vlan-ids=20
/ip address
add address=172.31.255.30/30 interface=ether1 network=172.31.255.28
/ip dhcp-client
add disabled=no interface=ether1
add disabled=no interface=vlan10
add disabled=no interface=vlan20
/system identity
set name=SW01.L3.01
