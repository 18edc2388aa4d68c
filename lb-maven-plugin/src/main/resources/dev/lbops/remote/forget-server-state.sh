# The saved states were for this reload only: a later start (a reboot, a restart by hand) starts
# every server as the config says, not as it was at this reload.
[ -z "$state" ] || rm -f "$state"
