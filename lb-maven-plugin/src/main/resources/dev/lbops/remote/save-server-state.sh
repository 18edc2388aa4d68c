# Before a reload: HAProxy's servers' states and weights, as its runtime API set them, saved where
# the config's server-state-file names, for the new process to load (load-server-state-from-file).
# Best effort: without a socket or a file named, the reload goes on as before.
state=$(sed -n 's/^[[:space:]]*server-state-file[[:space:]][[:space:]]*\([^[:space:]]*\).*/\1/p' {{config}} | head -n 1) || state=''
sock=$(sed -n 's/^[[:space:]]*stats socket[[:space:]][[:space:]]*\(\/[^[:space:]]*\).*/\1/p' {{config}} | head -n 1) || sock=''
if [ -n "$state" ] && [ -S "$sock" ]; then
  if command -v socat >/dev/null 2>&1; then
    servers=$(echo 'show servers state' | socat -t 5 stdio "UNIX-CONNECT:$sock" 2>/dev/null) || servers=''
  else
    servers=$(python3 -c 'import socket,sys
s = socket.socket(socket.AF_UNIX); s.settimeout(5); s.connect(sys.argv[1]); s.sendall(b"show servers state\n")
sys.stdout.write(b"".join(iter(lambda: s.recv(65536), b"")).decode())' "$sock" 2>/dev/null) || servers=''
  fi
  case "$servers" in
    1*) if ! { mkdir -p "${state%/*}" && printf '%s\n' "$servers" > "$state.lb-new" && mv -f "$state.lb-new" "$state"; }; then rm -f "$state.lb-new"; fi ;;
  esac
fi
