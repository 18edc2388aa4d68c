# Reads again, under the lock just taken, what another deploy may have changed since the facts: the
# kernel settings, the services and the configs.
{{> kernel-state.sh}}
{{{state}}}
