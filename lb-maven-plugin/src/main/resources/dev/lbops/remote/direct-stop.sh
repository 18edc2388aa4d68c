# Keepalived takes about a second to stop: wait until the process is gone.
p=$(cat {{pidFile}} 2>/dev/null) && kill "$p" 2>/dev/null
for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
! kill -0 "$p" 2>/dev/null && rm -f {{pidFile}}
