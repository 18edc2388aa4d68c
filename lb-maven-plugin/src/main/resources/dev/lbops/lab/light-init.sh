#!/bin/sh
# PID 1's child in a light lab host: give the host its own /run and /var/lib/haproxy, its name,
# then run its sshd in the foreground. Arguments: host directory, host name.
set -e
mount --bind "$1/run" /run
mount --bind "$1/var-lib-haproxy" /var/lib/haproxy
hostname "$2"
mkdir -p /run/sshd /run/haproxy
exec /usr/sbin/sshd -D -e
