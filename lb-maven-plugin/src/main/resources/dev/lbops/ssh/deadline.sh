# A command under the host's own deadline (lb.commandTimeout) where the host has timeout(1): a
# command that outlives it is ended on the host too, not only abandoned by the plugin.
if command -v timeout >/dev/null 2>&1; then exec timeout -k 3 {{seconds}} sh -c {{command}}; else exec sh -c {{command}}; fi
