#!/usr/bin/env bats
#
# install.bats - make install into a scratch DESTDIR, make uninstall, and
# the installed fq of a shared host (fq(1), SECURITY): make
# install-system (fq init --system) makes group fq, /var/lib/fq 2770
# root:fq with the database 0660 root:fq, /etc/fq/policy.yaml 0644, and
# the binary setgid fq.  Two unprivileged accounts made by the test, a
# staff member and a manager, not members of group fq, then find that
# fq records everything under their own login, refuses --as for anyone
# the policy does not let them act for, refuses FQ_NOW, --db and the
# like (77), and that sqlite3 cannot open the database at all.
#
# The setgid tests need root (useradd, groupadd, /var/lib/fq) and a host
# without an fq installed already; otherwise they are skipped, saying
# why.  Everything they make is removed in teardown_file.  They run the
# binary make installs (the normal build, whatever $FQ_BIN is: a
# sanitizer build cannot run setgid, as its leak check needs ptrace).

bats_require_minimum_version 1.5.0
load helper

STAFF=fqt-staff
MANAGER=fqt-mgr

# Why the setgid tests cannot run here, or nothing.
why_not() {
	[ "$(id -u)" = 0 ] || { echo "needs root (useradd, group fq, /var/lib/fq)"; return; }
	command -v setpriv >/dev/null || { echo "needs setpriv(1)"; return; }
	command -v useradd >/dev/null || { echo "needs useradd(8)"; return; }
	[ ! -e /var/lib/fq ] || { echo "/var/lib/fq exists: an fq is installed here"; return; }
	[ ! -e /etc/fq ] || { echo "/etc/fq exists: an fq is installed here"; return; }
	! getent group fq >/dev/null || { echo "group fq exists: an fq is installed here"; return; }
	! getent passwd "$STAFF" "$MANAGER" >/dev/null || echo "account $STAFF or $MANAGER exists"
}

setup_file() {
	local why
	why=$(why_not)
	printf '%s' "$why" >"$BATS_FILE_TMPDIR/skip"
	[ -z "$why" ] || return 0
	export ROOTDIR
	ROOTDIR=$(mktemp -d /tmp/fq-install.XXXXXX)
	chmod 755 "$ROOTDIR"
	touch "$BATS_FILE_TMPDIR/made"	# teardown_file removes the rest
	env -u FQ_DB -u FQ_POLICY -u FQ_NOW -u FQ_USER \
		make -C "$TOP" -o fq install DESTDIR="$ROOTDIR" PREFIX=/usr >"$BATS_FILE_TMPDIR/make.log" 2>&1
	env -u FQ_DB -u FQ_POLICY -u FQ_NOW -u FQ_USER \
		make -C "$TOP" -o fq install-system DESTDIR="$ROOTDIR" PREFIX=/usr >>"$BATS_FILE_TMPDIR/make.log" 2>&1
	useradd -M -N -d /nonexistent -s /bin/sh "$STAFF"
	useradd -M -N -d /nonexistent -s /bin/sh "$MANAGER"
	# The hotel's policy with the two accounts: the staff member may act
	# for li.na (a may_act_for rule); the manager for anyone.
	sed -i "s/^staff:\$/staff:\\
  $STAFF: {name: 测试员, department: housekeeping, may_act_for: [li.na]}\\
  $MANAGER: {name: 测试经理, department: duty_manager, role: manager}/" \
		/etc/fq/policy.yaml
}

teardown_file() {
	[ -e "$BATS_FILE_TMPDIR/made" ] || return 0
	userdel "$STAFF" 2>/dev/null || true
	userdel "$MANAGER" 2>/dev/null || true
	rm -rf /var/lib/fq /etc/fq "$ROOTDIR"
	groupdel fq 2>/dev/null || true
}

setup() {
	fq_env
	FQ_INSTALLED="$ROOTDIR/usr/bin/fq"
}

# Skips a setgid test where it cannot run.
need_install() {
	local why
	why=$(cat "$BATS_FILE_TMPDIR/skip")
	[ -z "$why" ] || skip "$why"
}

# Runs a command as account $1 with a clean environment and the given
# NAME=VALUE pairs.
as() {
	local who=$1
	shift
	setpriv --reuid="$who" --regid="$(id -g "$who")" --clear-groups \
		env -i PATH=/usr/bin:/bin HOME=/ LC_ALL=C.UTF-8 "$@"
}

@test "install: make install into DESTDIR puts the binary, man pages and policies, and says how to go further" {
	local d
	d=$(mktemp -d "$BATS_TEST_TMPDIR/dest.XXXXXX")
	run -0 make -C "$TOP" -o fq install DESTDIR="$d" PREFIX=/usr
	assert_output --partial "make install-system"
	[ -x "$d/usr/bin/fq" ]
	assert_equal "$(stat -c %a "$d/usr/bin/fq")" 755
	[ -f "$d/usr/share/man/man1/fq-verify.1" ]
	[ -f "$d/usr/share/man/man5/fq-policy.5" ]
	[ -f "$d/usr/share/fq/policies/hotel.yaml" ]
	run -0 make -C "$TOP" -o fq uninstall DESTDIR="$d" PREFIX=/usr
	assert_output --partial "left as they are: /var/lib/fq"
	[ ! -e "$d/usr/bin/fq" ]
	[ ! -e "$d/usr/share/man/man1/fq-verify.1" ]
	[ ! -e "$d/usr/share/fq" ]
}

@test "install: install-system makes group fq, /var/lib/fq 2770 root:fq, the database 0660 root:fq, the policy 0644, fq setgid" {
	need_install
	grep -q "^group    fq (created)" "$BATS_FILE_TMPDIR/make.log"
	assert_equal "$(stat -c '%a %U %G' /var/lib/fq)" "2770 root fq"
	assert_equal "$(stat -c '%a %U %G' /var/lib/fq/fq.db)" "660 root fq"
	assert_equal "$(stat -c '%a %U' /etc/fq/policy.yaml)" "644 root"
	assert_equal "$(stat -c '%a %G' "$FQ_INSTALLED")" "2755 fq"
	# the staff are not members of group fq
	run id -nG "$STAFF"
	refute_output --partial fq
}

@test "install: a staff account's steps are recorded under its own login" {
	need_install
	run -0 --separate-stderr as "$STAFF" "$FQ_INSTALLED" -q log 手机忘在棋牌室
	id=$output
	run -0 --separate-stderr as "$STAFF" FQ_USER="$STAFF" "$FQ_INSTALLED" follow "$id" "已请保安去查看"
	run -0 sqlite3 /var/lib/fq/fq.db "SELECT actor, coalesce(data ->> '\$.entered_by', '-') FROM events WHERE case_id = $id ORDER BY seq"
	assert_output "$STAFF|-
$STAFF|-"
	assert_equal "$(sqlite3 /var/lib/fq/fq.db "SELECT owner FROM cases WHERE id = $id")" "$STAFF"
}

@test "install: --as or FQ_USER naming a manager is refused (77), and nothing is written" {
	need_install
	snap=$(sqlite3 /var/lib/fq/fq.db .dump | sha256sum)
	run -77 --separate-stderr as "$STAFF" "$FQ_INSTALLED" --as zhou.min log 经理让我记一下
	assert_equal "$stderr" "fq: log: 测试员 ($STAFF) may not act for 周敏 (zhou.min) with --as: only a manager, or a may_act_for rule of the policy, lets one record for another"
	run -77 --separate-stderr as "$STAFF" FQ_USER=zhou.min "$FQ_INSTALLED" log 经理让我记一下
	[[ $stderr == *"with FQ_USER"* ]]
	run -77 --separate-stderr as "$STAFF" "$FQ_INSTALLED" --as zhou.min verify --repair
	assert_equal "$(sqlite3 /var/lib/fq/fq.db .dump | sha256sum)" "$snap"
}

@test "install: acting for another as the policy allows records both (actor, entered_by)" {
	need_install
	run -0 --separate-stderr as "$STAFF" "$FQ_INSTALLED" --as li.na -q log 客人要一瓶胶水
	id=$output
	run -0 --separate-stderr as "$MANAGER" "$FQ_INSTALLED" --as wang.fang follow "$id" "经理代王芳记"
	run -0 sqlite3 /var/lib/fq/fq.db "SELECT actor, data ->> '\$.entered_by' FROM events WHERE case_id = $id ORDER BY seq"
	assert_output "li.na|$STAFF
wang.fang|$MANAGER"
	assert_equal "$(sqlite3 /var/lib/fq/fq.db "SELECT owner FROM cases WHERE id = $id")" li.na
}

@test "install: FQ_NOW, --db, FQ_DB, --policy, FQ_POLICY and FQ_SENDMAIL are refused (77) with the reason" {
	need_install
	run -77 --separate-stderr as "$STAFF" FQ_NOW=2026-11-27T03:01:00+08:00 "$FQ_INSTALLED" log 补记
	assert_equal "$stderr" "fq: log: FQ_NOW is not allowed in an installed fq: events take the system clock's time (unset it)"
	run -77 --separate-stderr as "$STAFF" "$FQ_INSTALLED" --db /tmp/mine.db list
	assert_equal "$stderr" "fq: list: --db is not allowed in an installed fq: the database is /var/lib/fq/fq.db"
	run -77 --separate-stderr as "$STAFF" FQ_DB=/tmp/mine.db "$FQ_INSTALLED" list
	[[ $stderr == *"FQ_DB is not allowed in an installed fq"* ]]
	run -77 --separate-stderr as "$STAFF" "$FQ_INSTALLED" --policy "$TOP/policies/hotel.yaml" list
	[[ $stderr == *"--policy is not allowed in an installed fq: the policy is /etc/fq/policy.yaml"* ]]
	run -77 --separate-stderr as "$STAFF" FQ_POLICY=/tmp/p.yaml "$FQ_INSTALLED" list
	[[ $stderr == *"FQ_POLICY is not allowed"* ]]
	run -77 --separate-stderr as "$STAFF" FQ_SENDMAIL=/bin/true "$FQ_INSTALLED" overdue --mail
	[[ $stderr == *"FQ_SENDMAIL is not allowed"* ]]
	# the rest of the environment is cleared: the XDG paths, and TZDIR,
	# which would have the policy's time zone looked up elsewhere
	run -0 --separate-stderr as "$STAFF" XDG_DATA_HOME=/tmp XDG_CONFIG_HOME=/tmp \
		TZDIR=/nonexistent "$FQ_INSTALLED" policy check
	assert_output --partial "/etc/fq/policy.yaml: ok"
	run -78 --separate-stderr env TZDIR=/nonexistent "$FQ_BIN" policy check /etc/fq/policy.yaml
}

@test "install: sqlite3 cannot open the database, to write or to read" {
	need_install
	run as "$STAFF" sqlite3 /var/lib/fq/fq.db "UPDATE cases SET status = 'closed'"
	[ "$status" -ne 0 ]
	run as "$STAFF" sqlite3 /var/lib/fq/fq.db "SELECT count(*) FROM events"
	[ "$status" -ne 0 ]
	run as "$STAFF" ls /var/lib/fq
	[ "$status" -ne 0 ]
	# the files SQLite keeps beside it are the group's too
	as "$STAFF" "$FQ_INSTALLED" -q log 又一个手机丢了 >/dev/null
	run -0 find /var/lib/fq -name 'fq.db*' ! -group fq
	assert_output ""
}

@test "install: verify as staff: ok, the database is the installed one (no note)" {
	need_install
	run -0 --separate-stderr as "$STAFF" "$FQ_INSTALLED" verify
	assert_line --index 0 --regexp "^ok: [0-9]+ events in [0-9]+ cases"
	refute_output --partial "note:"
	run -0 as "$STAFF" "$FQ_INSTALLED" verify --format json
	assert_equal "$(jq -r .database <<<"$output")" installed
	run -77 --separate-stderr as "$STAFF" "$FQ_INSTALLED" verify --repair
	run -0 --separate-stderr as "$MANAGER" "$FQ_INSTALLED" verify --repair
	assert_line --index 0 "repaired: nothing needed repair"
}

@test "install: a staff account may not init, nor init --system (77)" {
	need_install
	run -77 --separate-stderr as "$STAFF" "$FQ_INSTALLED" init
	[[ $stderr == *"fq init --system"* ]]
	run -77 --separate-stderr as "$STAFF" "$FQ_INSTALLED" init --system
	[[ $stderr == *"run it as root"* ]]
	# run again by root, init --system changes nothing that is there
	snap=$(stat -c '%a %U %G %s' /var/lib/fq/fq.db /etc/fq/policy.yaml)
	run -0 --separate-stderr env -i PATH=/usr/bin:/bin "$FQ_INSTALLED" init --system
	assert_output --partial "database /var/lib/fq/fq.db (exists"
	assert_output --partial "policy   /etc/fq/policy.yaml (exists"
	assert_equal "$(stat -c '%a %U %G %s' /var/lib/fq/fq.db /etc/fq/policy.yaml)" "$snap"
}
