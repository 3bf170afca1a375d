# 2025-01-01 12:00:00 by RouterOS 7.16
# model = RB750Gr3
/ip address
add address=192.168.88.1/24 comment=defconf interface=bridge1 network=192.168.88.0
add address=198.51.100.2/30 interface=ether1 network=198.51.100.0
