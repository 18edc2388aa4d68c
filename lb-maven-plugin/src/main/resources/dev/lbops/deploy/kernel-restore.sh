# The sysctl file's previous version back, or none; the live values and the client-IP rules stay
# (they only allow more), and so does the handover, whose rules, addresses and ARP settings belong
# together (the next deploy converges it).
if [ -f {{sysctlBackup}} ]; then mv -f {{sysctlBackup}} {{sysctlFile}}; else rm -f {{sysctlFile}}; fi
