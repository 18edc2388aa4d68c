# Runs the script on standard input as root through sudo, for a user whose sudo asks for a password:
# the password (the first line of standard input) reaches sudo alone. This unprivileged shell reads
# that one line and pipes it to a sudo that only validates it (and so refreshes the credentials it
# caches for this shell); the rest of standard input, the script, goes to the shell that sudo -n then
# runs as root. Whether sudo reads the password (credentials already cached, NOPASSWD) or not, the
# script's way is the same, and no shell ever reads the password as a command.
IFS= read -r password || exit 125
if ! printf '%s\n' "$password" | sudo -S -p '' -v; then
  password=
  echo "sudo did not accept the password of user $(id -un) (settings.xml), or this user may not use sudo" >&2
  exit 125
fi
password=
sudo -n sh -s
