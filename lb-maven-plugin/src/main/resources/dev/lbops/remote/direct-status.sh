p=; { read -r p < {{pidFile}} || :; } 2>/dev/null; if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then echo "running $p"; else echo stopped; fi
