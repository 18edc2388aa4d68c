# Before a reload: the servers the runtime API drained or put in maintenance, saved where the
# config's server-state-file names, for the new process to load (load-server-state-from-file).
# Kept are only such servers of the new config, at the same address; a running one as just started
# (operational state 1, STARTING: in rotation, down at its first failed check), each with the new
# config's port and weight and without the optional fields (SSL, check and agent addresses), so
# that the config decides those and the new process's own checks whether a server is up, as after
# a reload without a saved state. Every other server starts as the config says (a server named by
# a host name too).
# Best effort: without a socket or a file named, the reload goes on as before, with no file.
state=$(sed -n 's/^[[:space:]]*server-state-file[[:space:]][[:space:]]*\([^[:space:]]*\).*/\1/p' {{config}} | head -n 1) || state=''
sock=$(sed -n 's/^[[:space:]]*stats socket[[:space:]][[:space:]]*\(\/[^[:space:]]*\).*/\1/p' {{config}} | head -n 1) || sock=''
[ -z "$state" ] || rm -f "$state"
if [ -n "$state" ] && [ -S "$sock" ]; then
  if command -v socat >/dev/null 2>&1; then
    servers=$(echo 'show servers state' | socat -t 5 stdio "UNIX-CONNECT:$sock" 2>/dev/null) || servers=''
  else
    servers=$(python3 -c '{{> runtime-api-show.py}}' "$sock" 'show servers state' 2>/dev/null) || servers=''
  fi
  # The config HAProxy runs is the backup a deploy's activation made of it; without one, none.
  running={{config}}.lb-backup
  [ -f "$running" ] || running=/dev/null
  case "$servers" in
    1*)
      if ! { mkdir -p "${state%/*}" &&
        printf '%s\n' "$servers" | awk -v running="$running" '{{> save-server-state.awk}}' {{config}} "$running" - > "$state.lb-new" &&
        mv -f "$state.lb-new" "$state"; }; then rm -f "$state.lb-new"; fi ;;
  esac
fi
