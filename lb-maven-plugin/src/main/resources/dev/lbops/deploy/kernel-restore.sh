# The sysctl file's previous version back, or none; the live values and the packet rules stay
# (they only allow more).
if [ -f {{sysctlBackup}} ]; then mv -f {{sysctlBackup}} {{sysctlFile}}; else rm -f {{sysctlFile}}; fi
