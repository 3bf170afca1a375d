# 2025-05-30 11:07:28 by RouterOS 7.16
# software id = XX-XX
#
# model = D53G-5HacD2HnD&EG120K-EA
# serial number = XXXX
/interface ethernet
set [ find default-name=ether1 ] disable-running-check=no
set [ find default-name=ether2 ] disable-running-check=no
set [ find default-name=ether3 ] disable-running-check=no
set [ find default-name=ether4 ] disable-running-check=no
set [ find default-name=ether5 ] disable-running-check=no
set [ find default-name=ether6 ] disable-running-check=no
set [ find default-name=ether7 ] disable-running-check=no
set [ find default-name=ether8 ] disable-running-check=no
/port
set 0 name=serial0
/ip address
add address=10.0.2.100/24 interface=ether1 network=10.0.2.0
/ip dhcp-client
add interface=ether1
/system note
set show-at-login=no
