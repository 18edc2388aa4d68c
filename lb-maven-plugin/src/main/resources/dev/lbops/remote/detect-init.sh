if [ -d /run/systemd/system ]; then echo systemd; else echo direct; fi
