{{{state}}}
{{{addresses}}}
# HAProxy's view of its servers, through its runtime API, one "stat:" line each.
{{#api}}
if [ ! -S {{socket}} ]; then
  echo 'staterror=no runtime API socket at '{{socket}}
elif command -v socat >/dev/null 2>&1; then
  echo 'show stat' | socat stdio UNIX-CONNECT:{{socket}} | sed 's/^/stat:/'
elif command -v python3 >/dev/null 2>&1; then
  python3 -c {{python}} {{socket}} | sed 's/^/stat:/'
else
  echo 'staterror=neither socat nor python3 is on the host to read the runtime API'
fi
{{/api}}
{{^api}}
echo 'staterror=no runtime_api is configured'
{{/api}}
