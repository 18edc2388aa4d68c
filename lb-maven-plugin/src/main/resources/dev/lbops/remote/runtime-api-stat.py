# HAProxy's "show stat" through its runtime API socket (argument 1), for hosts without socat; a
# HAProxy that does not answer within 3 s (frozen, overloaded) fails it.
import socket
import sys

s = socket.socket(socket.AF_UNIX)
s.settimeout(3)
s.connect(sys.argv[1])
s.sendall(b"show stat\n")
print(b"".join(iter(lambda: s.recv(65536), b"")).decode())
