#!/bin/sh
# corpus.sh DIR PACKAGE...: extracts real release trees of legitimate
# software from Debian packages (apt-get download + dpkg -x, no install,
# no services) into DIR/PACKAGE/, once: a second call finds them there.
# Prints nothing on success; exits 1 naming the package that failed.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 DIR PACKAGE..." >&2; exit 2; }
dir=$1
shift
mkdir -p "$dir/debs"
# test scripts run in parallel (make -j check): one extracts, the others wait
if [ -z "${CORPUS_LOCKED:-}" ] && command -v flock >/dev/null 2>&1; then
	CORPUS_LOCKED=1 exec flock "$dir/.lock" "$0" "$dir" "$@"
fi
for pkg in "$@"; do
	[ -e "$dir/$pkg/.extracted" ] && continue
	if ! ls "$dir/debs/${pkg}"_*.deb >/dev/null 2>&1; then
		if ! (cd "$dir/debs" && apt-get download -q "$pkg" >/dev/null 2>&1); then
			# the package lists may be missing on a fresh machine
			if [ "$(id -u)" = 0 ] && apt-get update -q >/dev/null 2>&1 &&
			   (cd "$dir/debs" && apt-get download -q "$pkg" >/dev/null 2>&1); then
				:
			else
				echo "corpus.sh: cannot download Debian package $pkg" >&2
				exit 1
			fi
		fi
	fi
	rm -rf "$dir/$pkg"
	mkdir -p "$dir/$pkg"
	dpkg -x "$(ls "$dir/debs/${pkg}"_*.deb | tail -n 1)" "$dir/$pkg"
	touch "$dir/$pkg/.extracted"
done
