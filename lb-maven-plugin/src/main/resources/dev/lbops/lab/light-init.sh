#!/bin/sh
# PID 1's child in a light lab host: give the host its own /run, /var/lib/haproxy,
# /var/lib/lb-maven-plugin (a deploy's record of what the host got) and /root (so that this
# machine's root shell setup does not run in every SSH session), its name, then run its sshd in
# the foreground. Arguments: host directory, host name.
set -e
mount --bind "$1/run" /run
mount --bind "$1/var-lib-haproxy" /var/lib/haproxy
mkdir -p /var/lib/lb-maven-plugin
mount --bind "$1/var-lib-lb-maven-plugin" /var/lib/lb-maven-plugin
mount --bind "$1/root" /root
hostname "$2"
mkdir -p /run/sshd /run/haproxy
exec /usr/sbin/sshd -D -e
