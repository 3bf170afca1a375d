# nov/17/2021 17:43:05 by RouterOS 7.1rc6
# model = RBD25GR-5HPacQD2HPnD
/interface vxlan
add group=239.11.37.100 interface=wifi-MeshStation mtu=1450 name=\
    vxlan-skybridge port=8472 vni=100
