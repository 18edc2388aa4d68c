# The drill's marker, written before it takes the master away: what it takes away, and whose
# drill it is, for any later goal to put back if the drill never does.
printf 'mode=%s\naway=%s\nholder=%s\ntoken=%s\nat=%s\n' {{mode}} {{away}} {{holder}} {{token}} "$(date '+%F %T %Z')" > {{marker}}
