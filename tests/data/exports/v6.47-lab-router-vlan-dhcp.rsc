# dec/12/2025 13:38:58 by RouterOS 6.47.9
# software id = 
#
#
#
/interface ethernet
set [ find default-name=ether1 ] disable-running-check=no
set [ find default-name=ether2 ] disable-running-check=no
/interface vlan
add interface=ether2 name=VLAN10 vlan-id=10
add interface=ether2 name=VLAN20 vlan-id=20
/interface wireless security-profiles
set [ find default=yes ] supplicant-identity=MikroTik
/ip pool
add name=POOL_VLAN10 ranges=10.10.10.2-10.10.10.100
add name=POOL_VLAN20 ranges=10.10.20.2-10.10.20.100
/ip dhcp-server
add address-pool=POOL_VLAN10 disabled=no interface=VLAN10 name=DHCP_VLAN10
add address-pool=POOL_VLAN20 disabled=no interface=VLAN20 name=DHCP_VLAN20
/ip address
add address=172.31.255.30/30 interface=ether1 network=172.31.255.28
add address=10.10.10.1/24 interface=VLAN10 network=10.10.10.0
add address=10.10.20.1/24 interface=VLAN20 network=10.10.20.0
/ip dhcp-client
add disabled=no interface=ether1
/ip dhcp-server network
add address=10.10.10.0/24 gateway=10.10.10.1
add address=10.10.20.0/24 gateway=10.10.20.1
/system identity
set name=R.01
