#!/bin/sh
# Written by lb-maven-plugin for HAProxy's client-IP mode (usesrc clientip): the servers'
# replies to client addresses are marked and delivered to HAProxy's own sockets.
# With the argument 'check' it only tells (exit status) whether every rule is in place.
has() { iptables -t mangle -C "$@" 2>/dev/null; }
if [ "$1" = check ]; then
  has PREROUTING -p tcp -m socket -j DIVERT && has DIVERT -j MARK --set-mark 777 &&
    has DIVERT -j ACCEPT &&
    ip rule show | grep -q 'fwmark 0x309 lookup 700' &&
    ip route show table 700 2>/dev/null | grep -q '^local default dev lo'
  exit
fi
set -e
iptables -t mangle -nL DIVERT >/dev/null 2>&1 || iptables -t mangle -N DIVERT
has PREROUTING -p tcp -m socket -j DIVERT || iptables -t mangle -A PREROUTING -p tcp -m socket -j DIVERT
has DIVERT -j MARK --set-mark 777 || iptables -t mangle -A DIVERT -j MARK --set-mark 777
has DIVERT -j ACCEPT || iptables -t mangle -A DIVERT -j ACCEPT
ip rule show | grep -q 'fwmark 0x309 lookup 700' || ip rule add fwmark 777 lookup 700
ip route show table 700 2>/dev/null | grep -q '^local default dev lo' || ip route add local 0.0.0.0/0 dev lo table 700
