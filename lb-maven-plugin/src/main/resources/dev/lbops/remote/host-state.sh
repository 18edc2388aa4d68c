{{{state}}}
{{{addresses}}}
# HAProxy's view of its servers, through its runtime API, one "stat:" line each; a HAProxy that
# does not answer within 3 s (frozen, overloaded) is an error, not a wait.
{{#api}}
stat='' error=''
if [ ! -S {{socket}} ]; then
  error='no runtime API socket at '{{socket}}
elif command -v socat >/dev/null 2>&1; then
  stat=$(echo 'show stat' | socat -T 3 stdio UNIX-CONNECT:{{socket}})
elif command -v python3 >/dev/null 2>&1; then
  stat=$(python3 -c {{python}} {{socket}} 2>/dev/null)
else
  error='neither socat nor python3 is on the host to read the runtime API'
fi
if [ -n "$stat" ]; then
  printf '%s\n' "$stat" | sed 's/^/stat:/'
else
  echo "staterror=${error:-HAProxy did not answer on its runtime API socket within 3 s}"
fi
{{/api}}
{{^api}}
echo 'staterror=no runtime_api is configured'
{{/api}}
