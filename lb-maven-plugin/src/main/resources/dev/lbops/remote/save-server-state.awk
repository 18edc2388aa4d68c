# Reads the new config, the config HAProxy runs (its backup, or an empty file when there is none:
# the variable "running" names it), then what "show servers state" printed: prints the state lines
# worth keeping over the reload (see save-server-state.sh). The fields of a state line: 2 backend,
# 4 server, 5 address, 6 operational state, 7 admin state (bits: 1 maintenance, 4 disabled in the
# config HAProxy started with, which sets bit 1 too, 8 drain, others DNS decides), 8 weight, 9 the
# weight of the config, 19 port; 20 before the optional ones.
FILENAME != "-" {
  if ($0 ~ /^[^ \t#]/) section = ($1 == "backend" || $1 == "listen") ? $2 : ""
  else if ($1 == "server" && section != "" && FILENAME == running) {
    for (i = 3; i <= NF; i++) if ($i == "disabled") disabled[section " " $2] = 1
    known = 1
  } else if ($1 == "server" && section != "" && match($3, /:[0-9]+$/)) {
    address = substr($3, 1, RSTART - 1)
    gsub(/^\[|\]$/, "", address)
    weight = 1
    for (i = 4; i < NF; i++) if ($i == "weight") weight = $(i + 1)
    servers[section " " $2] = tolower(address) " " substr($3, RSTART + 1) " " weight
  }
  next
}
FNR == 1 || /^#/ { print; next }
NF >= 20 && (($2 " " $4) in servers) {
  split(servers[$2 " " $4], config, " ")
  # Maintenance that "disabled" in the running config set (live, or when HAProxy started) is of
  # the config, not by hand.
  byConfig = known ? (($2 " " $4) in disabled) : int($7 / 4) % 2
  admin = (byConfig ? 0 : $7 % 2) + 8 * (int($7 / 8) % 2)
  if (admin == 0 || config[1] != $5) next
  $7 = admin
  if ($6 == 2) $6 = 1
  $8 = config[3]
  $9 = config[3]
  $19 = config[2]
  line = $1
  for (i = 2; i <= 20; i++) line = line " " $i
  print line
}
