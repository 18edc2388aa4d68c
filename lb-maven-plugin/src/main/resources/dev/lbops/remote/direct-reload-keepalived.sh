kill -HUP "$(cat {{pidFile}})"
