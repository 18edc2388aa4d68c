systemctl reload {{unit}}
