# A lab backend: answers GET, HEAD and OPTIONS with its own name (python3 -m http.server answers
# OPTIONS with 501, which fails HAProxy's "option httpchk OPTIONS /"), and tells in the header
# X-Peer-Address whom the connection came from (the client itself in client-IP mode).
# GET /slow/<seconds> answers after that long (at most 10 s): a session that lasts, for drains.
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ADDRESS, PORT, NAME = sys.argv[1], int(sys.argv[2]), sys.argv[3]
BODY = (NAME + "\n").encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, with_body=True):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(BODY)))
        self.send_header("X-Peer-Address", self.client_address[0])
        self.end_headers()
        if with_body:
            self.wfile.write(BODY)

    def do_GET(self):
        if self.path.startswith("/slow/"):
            time.sleep(min(float(self.path[len("/slow/"):]), 10))
        self.answer()

    def do_OPTIONS(self):
        self.answer()

    def do_HEAD(self):
        self.answer(with_body=False)

    def log_message(self, *args):
        pass


ThreadingHTTPServer((ADDRESS, PORT), Handler).serve_forever()
