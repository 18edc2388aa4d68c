# The daemon forks before it writes its PID file: wait for the file.
keepalived -f {{config}} -p {{pidFile}} &&
  for _ in $(seq 100); do [ -s {{pidFile}} ] && break; sleep 0.05; done
[ -s {{pidFile}} ]
