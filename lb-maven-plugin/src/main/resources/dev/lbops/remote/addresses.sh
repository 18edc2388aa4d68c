# The addresses of every interface but lo, which also carries the VIPs a host hands connections on
# for (handover.sh) without holding them.
echo "addresses=$(ip -o addr show | awk '$2 != "lo" {print $4}' | cut -d/ -f1 | tr '\n' ' ')"
