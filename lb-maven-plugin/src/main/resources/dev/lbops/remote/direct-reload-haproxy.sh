{{> save-server-state.sh}}
# A new process takes the sockets over from the old ones, which -sf names.
reloaded=0
# shellcheck disable=SC2046 # -sf takes each old PID as a word of its own
haproxy -f {{config}} -D -p {{pidFile}} -sf $(cat {{pidFile}}) || reloaded=$?
{{> forget-server-state.sh}}
[ "$reloaded" -eq 0 ]
