#!/bin/sh
# tests/deps.sh - the Debian packages fq needs, in one list for make and
# for .ci/run.  It finds which are missing and, run as root where apt-get
# exists, installs them; otherwise it prints the exact line that would.
#
#   tests/deps.sh build    what `make` needs to compile fq
#   tests/deps.sh test     what `make test` needs on top (GNU parallel too)
#   tests/deps.sh ci       both, for .ci/run
#
# Exit 0 when everything is there (after installing, if it did); 1 with
# one line on standard output: "missing build dependencies (MISSING);
# run: sudo apt-get install -y PKGS", PKGS being the whole list of that
# kind (sudo left out for root).  Progress goes to standard error.
# CC is the compiler make uses (its headers decide the -dev packages).
set -u

BUILD_PKGS="gcc make libsqlite3-dev libyaml-dev nettle-dev gettext"
TEST_PKGS="sqlite3 bats bats-assert bats-support mandoc python3 jq parallel zsh bash-completion"

# have PKG: 0 when what fq uses of PKG is on this machine.
have() {
	case $1 in
	gcc) cc=${CC:-cc}; command -v "${cc%% *}" >/dev/null 2>&1 ;;
	libsqlite3-dev) have_header sqlite3.h ;;
	libyaml-dev) have_header yaml.h ;;
	nettle-dev) have_header nettle/sha2.h ;;
	gettext) command -v msgfmt >/dev/null 2>&1 ;;	# msgfmt, xgettext
	bats-assert | bats-support) [ -d "/usr/lib/bats/$1" ] ;;
	bash-completion) [ -f /usr/share/bash-completion/bash_completion ] ;;
	*) command -v "$1" >/dev/null 2>&1 ;;
	esac
}

have_header() {
	printf '#include <%s>\n' "$1" | ${CC:-cc} -E -x c - >/dev/null 2>&1
}

# missing PKGS...: the ones not there, space-separated.
missing() {
	out=""
	for p in "$@"; do
		have "$p" || out="$out $p"
	done
	echo "${out# }"
}

case ${1:-} in
build) what=build pkgs=$BUILD_PKGS ;;
test) what=test pkgs=$TEST_PKGS ;;
ci) what=build pkgs="$BUILD_PKGS $TEST_PKGS" ;;
*) echo "usage: tests/deps.sh build|test|ci" >&2; exit 64 ;;
esac

need=$(missing $pkgs)
[ -z "$need" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 &&
   [ -z "${FQ_NO_INSTALL:-}" ]; then
	echo "make: installing missing $what dependencies: $need" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 &&
	apt-get install -y -qq $pkgs >&2 </dev/null
	need=$(missing $pkgs)
	[ -z "$need" ] && exit 0
	sudo=""
else
	sudo="sudo "
	[ "$(id -u)" = 0 ] && sudo=""
fi
echo "missing $what dependencies ($need); run: ${sudo}apt-get install -y $pkgs"
exit 1
