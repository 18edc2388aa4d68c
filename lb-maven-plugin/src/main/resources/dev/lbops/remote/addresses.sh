# The addresses of every interface, but the VIPs on lo that a host hands connections on for
# (handover.sh, label lo:lb) without holding them.
echo "addresses=$(ip -o addr show | awk 'index($0, " lo:lb\\") == 0 {print $4}' | cut -d/ -f1 | tr '\n' ' ')"
