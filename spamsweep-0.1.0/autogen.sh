#!/bin/sh
# Regenerates the autotools files (configure, Makefile.in).
set -e
cd "$(dirname "$0")"
autoreconf --install --force --warnings=all
