# Commands (arguments 2...) to HAProxy's runtime API socket (argument 1), each on a connection of
# its own, in order; each answer printed after a line "@@ <its index>". For hosts without socat.
import socket
import sys

for index, command in enumerate(sys.argv[2:]):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(10)
    s.connect(sys.argv[1])
    s.sendall(command.encode() + b"\n")
    answer = b"".join(iter(lambda: s.recv(65536), b"")).decode()
    s.close()
    sys.stdout.write("@@ %d\n%s\n" % (index, answer))
