#!/bin/sh
# Written by lb-maven-plugin for a lossless move of the VIPs between live hosts (a fail-back, a
# graceful failover). A connection still open on the host that held a VIP (a request under way)
# would be reset by the new holder, which does not know it. Instead the new holder hands its packets
# to the peer where it is open: a TCP packet to a VIP that is not a SYN, of a connection this host
# does not know (conntrack NEW: nf_conntrack_tcp_loose, 1 by default), while the peer's last VRRP
# advert for the VIP's instance is recent (it held the VIP a moment ago and is alive: a lost peer's
# connections are reset as before), is copied to the peer (TEE) and dropped here. The copy leaves
# with TTL 1, so the peer never hands it back. The peer takes it because each VIP is also on its lo;
# ARP for a VIP is answered only where Keepalived puts it (arp_ignore 1, arp_announce 2 on the
# VIPs' interfaces, set here before the VIPs go on lo).
# What to hand on, one line each, "VIP PEER SECONDS ROUTER_ID INTERFACE", is in the file below;
# without it the script takes every rule and address away, as it does with the argument 'off'
# (the ARP settings stay: they only narrow what the host answers). With 'check' it only tells
# (exit status) whether the rules, addresses and settings of that file are in place.
CONF=/etc/keepalived/lb-maven-plugin-handover.conf
t() { iptables -w 5 -t mangle "$@"; }
lines() { grep -E '^[0-9.]+ [0-9.]+ [0-9]+ [0-9]+ [A-Za-z0-9_.@-]+$' "$CONF" 2>/dev/null; }
vips() { lines | awk '{print $1 "/32"}' | LC_ALL=C sort -u; }
interfaces() { lines | awk '{print $5}' | LC_ALL=C sort -u; }
on_lo() { ip -o -4 addr show dev lo label lo:lb | awk '{print $4}' | LC_ALL=C sort; }
arp_narrowed() {
  [ "$(cat "/proc/sys/net/ipv4/conf/$1/arp_ignore")" = 1 ] &&
    [ "$(cat "/proc/sys/net/ipv4/conf/$1/arp_announce")" = 2 ]
}
tag=lb-maven-plugin-$(sha256sum 2>/dev/null < "$CONF" | cut -c1-16)
if [ "$1" = check ]; then
  t -C PREROUTING -j LB_HANDOVER 2>/dev/null && t -C OUTPUT -j LB_HANDOVER_OUT 2>/dev/null &&
    t -S LB_HANDOVER | grep -qF -- "$tag" && [ "$(on_lo)" = "$(vips)" ] || exit 1
  for i in $(interfaces); do arp_narrowed "$i" 2>/dev/null || exit 1; done
  exit 0
fi
set -e
while t -D PREROUTING -j LB_HANDOVER 2>/dev/null; do :; done
while t -D OUTPUT -j LB_HANDOVER_OUT 2>/dev/null; do :; done
chains=$(t -S | sed -n 's/^-N \(LB_HANDOVER[A-Z_0-9.]*\)$/\1/p')
for c in $chains; do t -F "$c"; done
for c in $chains; do t -X "$c"; done
for a in $(on_lo); do ip addr del "$a" dev lo label lo:lb; done
if [ "$1" = off ] || [ -z "$(lines)" ]; then exit 0; fi
for i in $(interfaces); do
  echo 1 > "/proc/sys/net/ipv4/conf/$i/arp_ignore"
  echo 2 > "/proc/sys/net/ipv4/conf/$i/arp_announce"
done
t -N LB_HANDOVER
t -N LB_HANDOVER_OUT
t -A LB_HANDOVER -m comment --comment "$tag"
for peer in $(lines | awk '!seen[$2]++ {print $2}'); do
  t -N "LB_HANDOVER_$peer"
  t -A "LB_HANDOVER_$peer" -j TEE --gateway "$peer"
  t -A "LB_HANDOVER_$peer" -j DROP
done
# The peer's VRRP adverts (protocol 112) for an instance (its router ID, the payload's second
# byte) tell that it holds, or has just held, the instance's VIPs.
lines | awk '!seen[$2 " " $4]++ {print $2, $4}' | while read -r peer id; do
  t -A LB_HANDOVER -p 112 -s "$peer" -m u32 --u32 "0>>22&0x3C@0>>16&0xFF=$id" \
    -m recent --name "lb-vrrp-$peer-$id" --mask 0.0.0.0 --set
done
lines | while read -r vip peer seconds id _; do
  t -A LB_HANDOVER -d "$vip" -p tcp ! --syn -m conntrack --ctstate NEW -m ttl ! --ttl-eq 1 \
    -m recent --name "lb-vrrp-$peer-$id" --mask 0.0.0.0 --rcheck --seconds "$seconds" \
    -j "LB_HANDOVER_$peer"
done
for vip in $(vips); do
  t -A LB_HANDOVER_OUT -d "$vip" -m conntrack --ctstate UNTRACKED -j TTL --ttl-set 1
  ip addr add "$vip" dev lo label lo:lb
done
t -I PREROUTING -j LB_HANDOVER
t -I OUTPUT -j LB_HANDOVER_OUT
