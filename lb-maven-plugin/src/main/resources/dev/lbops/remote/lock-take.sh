# Takes the host's lock as a lease of {{seconds}} s that its holder renews while it works: a free
# lock, an expired one (taken over) or, with lb.breakLock, a live one (broken); else prints who
# holds it. The file is read and written under flock(1) where the host has it, so that of two
# takers one wins.
lease={{seconds}} break_live={{breakLive}}
exec 9>>{{guard}}
if command -v flock >/dev/null 2>&1; then flock -w 10 9; fi
now=$(date +%s)
token='' holder='' taken='' expires=''
if [ -e {{path}} ]; then
  while IFS='=' read -r k v; do
    case "$k" in token) token=$v ;; holder) holder=$v ;; taken) taken=$v ;; expires) expires=$v ;; esac
  done < {{path}}
  # A lock without a lease (an earlier version's, or made by hand): its file's age counts.
  if [ -z "$expires" ]; then
    taken=$(date -r {{path}} +%s) && expires=$((taken + lease))
    holder=${holder:-unknown (a lock file without a lease)}
  fi
fi
if [ ! -e {{path}} ] || [ "$token" = {{token}} ]; then lock=acquired
elif [ "$now" -ge "${expires:-0}" ]; then lock='taken-over'
elif [ "$break_live" = true ]; then lock=broken
else lock=held
fi
if [ "$lock" != held ]; then
  printf 'token=%s\nholder=%s\ntaken=%s\nexpires=%s\n' {{token}} {{holder}} "$now" "$((now + lease))" > {{path}}.new &&
    mv -f {{path}}.new {{path}}
fi
exec 9>&-
echo "lock=$lock"
if [ "$lock" != acquired ]; then
  echo "lock-holder=$holder"
  echo "lock-since=$(date -d "@$taken" '+%F %T %Z' 2>/dev/null || echo "$taken")"
  echo "lock-until=$(date -d "@$expires" '+%F %T %Z' 2>/dev/null || echo "$expires")"
  echo "lock-left=$((expires - now))"
fi
