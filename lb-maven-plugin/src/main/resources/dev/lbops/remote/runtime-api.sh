# HAProxy's runtime API: each command on a connection of its own, in order, its answer after a
# line "@@ <its index>"; through socat, else the Python helper (one process for all).
sock={{socket}}
if [ ! -S "$sock" ]; then echo "runtime-api=no socket at $sock"; exit 3; fi
if command -v socat >/dev/null 2>&1; then
{{#commands}}
  echo @@ {{index}}; printf '%s\n' {{command}} | socat -t 10 stdio "UNIX-CONNECT:$sock" || { echo "runtime-api=the socket $sock did not answer"; exit 4; }
{{/commands}}
elif command -v python3 >/dev/null 2>&1; then
  python3 -c {{python}} "$sock"{{#commands}} {{command}}{{/commands}} || { echo "runtime-api=the socket $sock did not answer"; exit 4; }
else
  echo 'runtime-api=neither socat nor python3 is on the host to reach the runtime API'; exit 3
fi
