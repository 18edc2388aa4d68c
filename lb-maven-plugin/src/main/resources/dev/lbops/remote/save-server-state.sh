# Before a reload: what HAProxy's runtime API changed of its servers, saved where the config's
# server-state-file names, for the new process to load (load-server-state-from-file). Kept are only
# the servers of the new config whose admin state (drain, maint) or weight differ from what their
# config said, each as just started (operational state 1, STARTING: in rotation, down at its first
# failed check) with the new config's port and without the optional fields (SSL, check and agent
# addresses), so that the config decides those and the new process's own checks whether a server
# is up, as after a reload without a saved state. Every other server starts as the config says.
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
    1*)
      # A state line's fields: 2 backend, 4 server, 6 operational state, 7 admin state, 8 weight,
      # 9 the config's weight, 19 port; 20 in all before the optional ones.
      if ! { mkdir -p "${state%/*}" &&
        printf '%s\n' "$servers" | awk 'FNR == NR {
            if ($1 == "backend" || $1 == "listen") section = $2
            else if ($1 == "server" && section != "") {
              port = 0
              if (match($3, /:[0-9]+$/)) port = substr($3, RSTART + 1)
              ports[section " " $2] = port
            }
            next
          }
          FNR == 1 || /^#/ { print; next }
          NF >= 20 && ($7 != 0 || $8 != $9) && (($2 " " $4) in ports) {
            if ($6 == 2) $6 = 1
            $19 = ports[$2 " " $4]
            line = $1
            for (i = 2; i <= 20; i++) line = line " " $i
            print line
          }' {{config}} - > "$state.lb-new" &&
        mv -f "$state.lb-new" "$state"; }; then rm -f "$state.lb-new"; fi ;;
  esac
fi
