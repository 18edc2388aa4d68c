# A new process takes the sockets over from the old ones, which -sf names.
# shellcheck disable=SC2046 # -sf takes each old PID as a word of its own
haproxy -f {{config}} -D -p {{pidFile}} -sf $(cat {{pidFile}})
