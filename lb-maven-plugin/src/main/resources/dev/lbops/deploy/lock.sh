# Takes the lock and reads again what another deploy may have changed since the facts: the kernel
# settings, the services and the configs.
{{{take}}}
{{> kernel-state.sh}}
{{> files-state.sh}}
{{{state}}}
