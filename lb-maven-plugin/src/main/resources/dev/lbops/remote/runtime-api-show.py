# A "show" command (argument 2, "show stat" without it) through the runtime API socket of HAProxy
# (argument 1), for hosts without socat; a HAProxy that does not answer within 3 s (frozen,
# overloaded) fails it.
import socket
import sys

s = socket.socket(socket.AF_UNIX)
s.settimeout(3)
s.connect(sys.argv[1])
s.sendall((sys.argv[2] if len(sys.argv) > 2 else "show stat").encode() + b"\n")
print(b"".join(iter(lambda: s.recv(65536), b"")).decode())
