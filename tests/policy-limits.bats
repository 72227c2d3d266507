#!/usr/bin/env bats
#
# policy-limits.bats - the limits of fq-policy(5) that are checked before
# libyaml reads the file: at most 1 MiB, nested at most 64 levels deep.
# A file past either is refused at once (78) with that one message, and a
# legal policy near the limits still loads.  The big files are made here,
# not kept in the repository.

load helper
bats_require_minimum_version 1.5.0

setup() {
	fq_setup_empty
	D=$BATS_TEST_TMPDIR
}

# N copies of the string S, with no separator: repeat N S
repeat() {
	local n=$1 s=$2
	yes -- "$s" | head -n "$n" | tr -d '\n'
}

# fq policy check on FILE, stopped after 10 s: libyaml took 20-30 s on
# the deepest of these before the limit, the limit takes milliseconds.
check_fast() {
	run --separate-stderr timeout 10 "$FQ_BIN" policy check "$@"
}

# A small legal policy, block style.
small_policy() {
	cat <<-'EOF'
	version: 1
	organization: 锦江大酒店
	timezone: Asia/Shanghai
	departments:
	  front_desk: {name: 总台}
	staff:
	  li.na: {name: 李娜, department: front_desk}
	categories:
	  inquiry: {name: 咨询, department: front_desk, reply_within: 5m}
	default_category: inquiry
	EOF
}

@test "policy limits: 80,000 '[' in 160 KB are refused at once (78)" {
	{ repeat 80000 '['; repeat 80000 ']'; } >"$D/deep.yaml"
	assert_equal "$(wc -c <"$D/deep.yaml")" "160000"
	check_fast "$D/deep.yaml"
	assert_equal "$status" 78
	assert_equal "$output" ""
	assert_equal "$stderr" "$D/deep.yaml:1:65: nesting deeper than 64"
}

@test "policy limits: deep '{' under a key are refused where they get too deep" {
	{ printf 'version: 1\nforbidden_phrases: '; repeat 80000 '{'; } >"$D/deep.yaml"
	check_fast "$D/deep.yaml"
	assert_equal "$status" 78
	# The root mapping is level 1, so the 64th '{' (column 20 + 63) is
	# level 65.
	assert_equal "$stderr" "$D/deep.yaml:2:83: nesting deeper than 64"
}

@test "policy limits: 64 levels pass the limit, 65 do not" {
	# The root mapping and 63 '[': the policy's own checks speak.
	{ small_policy; printf 'forbidden_phrases: '; repeat 63 '['
	  repeat 63 ']'; echo; } >"$D/64.yaml"
	check_fast "$D/64.yaml"
	assert_equal "$status" 78
	assert_equal "$stderr" "$D/64.yaml:11:21: expected a string for forbidden_phrases, not a list"

	{ small_policy; printf 'forbidden_phrases: '; repeat 64 '['
	  repeat 64 ']'; echo; } >"$D/65.yaml"
	check_fast "$D/65.yaml"
	assert_equal "$status" 78
	assert_equal "$stderr" "$D/65.yaml:11:83: nesting deeper than 64"
}

@test "policy limits: deep block indentation is refused (78)" {
	local i
	for i in $(seq 0 99); do
		printf '%*sk%d:\n' "$i" '' "$i"
	done >"$D/indent.yaml"
	check_fast "$D/indent.yaml"
	assert_equal "$status" 78
	assert_equal "$stderr" "$D/indent.yaml:65:65: nesting deeper than 64"
}

@test "policy limits: 80,000 nested '- ' on one line are refused (78)" {
	{ printf 'version: 1\nforbidden_phrases:\n'; repeat 80000 '- '
	  echo x; } >"$D/dashes.yaml"
	check_fast "$D/dashes.yaml"
	assert_equal "$status" 78
	# The list under forbidden_phrases adds no level (it is at the
	# indentation of its key); each further '-' adds one.
	assert_equal "$stderr" "$D/dashes.yaml:3:129: nesting deeper than 64"
}

@test "policy limits: deep nesting in UTF-16 is refused as well" {
	command -v iconv >/dev/null || skip "no iconv"
	{ printf '\xff\xfe'; repeat 80000 '[' | iconv -f UTF-8 -t UTF-16LE
	} >"$D/deep16.yaml"
	check_fast "$D/deep16.yaml"
	assert_equal "$status" 78
	assert_equal "$stderr" "$D/deep16.yaml:1:65: nesting deeper than 64"
}

@test "policy limits: a command on a too deep policy exits 78 and writes nothing" {
	local snap
	fq init >/dev/null
	snap=$(db_digest)
	repeat 80000 '[' >"$D/deep.yaml"
	FQ_POLICY="$D/deep.yaml" run -78 --separate-stderr timeout 10 \
		"$FQ_BIN" log "蒸两个馒头"
	assert_equal "$output" ""
	assert_equal "$stderr" "$D/deep.yaml:1:65: nesting deeper than 64"
	assert_equal "$(db_digest)" "$snap"
}

@test "policy limits: brackets in quotes, block scalars, comments and text do not count" {
	local b
	b=$(repeat 100 '[')
	{ small_policy
	  printf '# %s\n' "$b"
	  printf 'forbidden_phrases:\n'
	  printf "  - '%s''{{{{'\n" "$b"
	  printf '  - "%s\\"{{{{"\n' "$b"
	  printf '  - >-\n    %s\n' "$b"
	  printf '  - 请按%s处理  # %s\n' "$b" "$b"
	} >"$D/brackets.yaml"
	run -0 --separate-stderr fq policy check "$D/brackets.yaml"
	assert_equal "$stderr" ""
	assert_output --partial "ok"
}

@test "policy limits: a legal policy written in flow style loads" {
	cat >"$D/flow.yaml" <<-'EOF'
	{version: 1, organization: "服务大厅", timezone: Asia/Shanghai,
	 calendar: {hours: {mon: ["09:00-12:00", "13:30-18:00"],
	                    tue: ["09:00-12:00", "13:30-18:00"]},
	            holidays: [2026-01-01..2026-01-03, 2027-01-01],
	            workdays: [2026-01-04]},
	 departments: {hall: {name: 大厅, phone: "3669000"},
	               office: {name: 办公室}},
	 staff: {li.na: {name: 李娜, department: hall},
	         zhou.min: {name: 周敏, department: office, role: manager}},
	 defaults: {accept_within: 1bh, reply_within: 4bh, resolve_within: 5wd},
	 categories: {inquiry: {name: 咨询, department: hall,
	                        keywords: ["[办事]", '{证件}', 办理]}},
	 default_category: inquiry,
	 escalation: [{at: 80%, notify: [holder]},
	              {at: 100%, notify: [managers], repeat: 1wd}],
	 forbidden_phrases: [不知道],
	 shifts: ["08:00", "17:00"]}
	EOF
	run -0 --separate-stderr fq policy check "$D/flow.yaml"
	assert_equal "$stderr" ""
	assert_output --partial "服务大厅"
	FQ_POLICY="$D/flow.yaml" run -0 --separate-stderr fq route "我想办理证件"
	assert_output --partial "inquiry"
}

@test "policy limits: a policy of exactly 1 MiB loads, one byte more does not" {
	local size
	small_policy >"$D/mib.yaml"
	size=$(wc -c <"$D/mib.yaml")
	{ printf '#'; repeat $((1048576 - size - 2)) x; echo; } >>"$D/mib.yaml"
	assert_equal "$(wc -c <"$D/mib.yaml")" "1048576"
	run -0 --separate-stderr fq policy check "$D/mib.yaml"
	assert_equal "$stderr" ""

	printf '\n' >>"$D/mib.yaml"
	run -78 --separate-stderr fq policy check "$D/mib.yaml"
	assert_equal "$output" ""
	assert_equal "$stderr" "$D/mib.yaml: policy is larger than 1 MiB"
}

@test "policy limits: a large file on standard input is refused by its size" {
	repeat 2000000 '#' >"$D/big.yaml"
	run -78 --separate-stderr fq policy check - <"$D/big.yaml"
	assert_equal "$output" ""
	assert_equal "$stderr" "<stdin>: policy is larger than 1 MiB"
}

@test "policy limits: 40,000 departments in 1 MiB load in seconds" {
	# Repeated keys and names were found by comparing every entry with
	# every other: 15-40 s for this file before.
	{ printf 'version: 1\norganization: x\ntimezone: Asia/Shanghai\n'
	  printf 'departments:\n'
	  seq 0 39999 | awk '{ printf "  d%d: {name: n%d}\n", $1, $1 }'
	  printf 'staff:\n'
	  seq 0 99 | awk '{ printf "  s%d: {name: 员工, department: d%d}\n", $1, $1 * 400 }'
	  printf 'categories:\n  c: {name: 咨询, department: d39999}\n'
	  printf 'default_category: c\n'
	  printf 'escalation:\n  - {at: 100%%, notify: [s99, managers]}\n'
	} >"$D/wide.yaml"
	[ "$(wc -c <"$D/wide.yaml")" -le 1048576 ]
	check_fast "$D/wide.yaml"
	assert_equal "$status" 0
	assert_equal "$stderr" ""
	assert_output --partial "40000 departments, 100 staff"
}

@test "policy limits: 10,000 errors are all reported, in seconds" {
	{ printf 'version: 1\norganization: x\ntimezone: Asia/Shanghai\n'
	  printf 'departments:\n'
	  seq 0 9999 | awk '{ printf "  d%d: {name: 同名}\n", $1 }'
	} >"$D/errors.yaml"
	check_fast "$D/errors.yaml"
	assert_equal "$status" 78
	assert_equal "$output" ""
	# Three missing sections, then each repeated name once, against the
	# first department that has it.
	assert_equal "${#stderr_lines[@]}" 10002
	assert_equal "${stderr_lines[0]}" "$D/errors.yaml:1:1: missing key 'staff' in the policy"
	assert_equal "${stderr_lines[3]}" "$D/errors.yaml:6:14: department name '同名' is also the name of departments.d0 (names must differ)"
	assert_equal "${stderr_lines[10001]}" "$D/errors.yaml:10004:17: department name '同名' is also the name of departments.d0 (names must differ)"
}

@test "policy limits: aliases that expand the policy past 4 MiB are refused (78)" {
	# 15,000 categories whose keywords are one list of 20,000 words: 1 MiB
	# on disk, 300 million keywords to read (35 s and 12 GB before).
	{ printf 'version: 1\norganization: x\ntimezone: Asia/Shanghai\n'
	  printf 'departments: {d: {name: D}}\n'
	  printf 'staff: {s: {name: S, department: d}}\n'
	  printf 'forbidden_phrases: &k ['
	  seq 0 19999 | awk '{ printf "%sw%d", (NR > 1 ? ", " : ""), $1 }'
	  printf ']\ncategories:\n'
	  seq 0 14999 | awk '{ printf "  c%d: {name: n%d, department: d, keywords: *k}\n", $1, $1 }'
	  printf 'default_category: c0\n'
	} >"$D/aliases.yaml"
	[ "$(wc -c <"$D/aliases.yaml")" -le 1048576 ]
	check_fast "$D/aliases.yaml"
	assert_equal "$status" 78
	assert_equal "$output" ""
	assert_equal "$stderr" "$D/aliases.yaml:7:1: aliases expand the policy to more than 4 MiB"
}

@test "policy limits: a policy that shares its hours through aliases loads" {
	{ small_policy
	  printf 'calendar:\n  hours:\n'
	  printf '    mon: &day ["09:00-12:00", "13:30-18:00"]\n'
	  printf '    %s: *day\n' tue wed thu fri
	  printf '  workday_hours: *day\n'
	  printf '  holidays: [2026-10-01..2026-10-07, 2027-01-01]\n'
	} >"$D/anchors.yaml"
	run -0 --separate-stderr fq policy check "$D/anchors.yaml"
	assert_equal "$stderr" ""
	assert_output --partial "ok"
}
