# sep/01/2021 18:33:32 by RouterOS 7.1rc2
# software id = AB12-CD34
#
# model = RBD52G-5HacD2HnD
# serial number = xxx
/system scheduler
add interval=15s name=doPollingScripts on-event=":global AT;\r\
    \n:global atLTEINFO;\r\
    \n:global lteinfo;\r\
    \n\r\
    \n:global AT do={/interface/lte/at-chat lte1 input=\$1;};\r\
    \n:global atLTEINFO [/interface/lte/at-chat lte1 input=\"AT!LTEINFO\?\" as-va\
    lue];\r\
    \n:global lteinfo do={ :put \$atLTEINFO };" policy=\
    ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon start-time=\
    startup
