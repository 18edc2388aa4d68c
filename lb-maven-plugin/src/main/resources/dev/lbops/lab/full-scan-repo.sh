#!/bin/sh
# Prints the index (the Packages file) of the full hosts' local package repository, with paths
# relative to it as apt expects. Argument: the repository's directory.
cd "$1" && dpkg-scanpackages --multiversion . 2>/dev/null
