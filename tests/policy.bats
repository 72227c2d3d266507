#!/usr/bin/env bats
#
# policy.bats - fq policy check: the three shipped policies pass; every
# policy under tests/policies/bad/ is refused with exit 78 and the exact
# first error line listed in its EXPECTED file; and no command runs on an
# invalid or missing policy.

load helper
bats_require_minimum_version 1.5.0

BAD="$BATS_TEST_DIRNAME/policies/bad"

setup() {
	fq_setup
}

# The expected first error line for a file in $BAD.
expected() {
	awk -v f="$1:" 'index($0, f) == 1 { print; exit }' "$BAD/EXPECTED"
}

@test "policy: the three shipped policies pass fq policy check" {
	for p in hotel government property; do
		run -0 --separate-stderr fq policy check "$TOP/policies/$p.yaml"
		# government.yaml holds 2026's holidays only: 2027 (next year
		# at FQ_NOW) is warned about, and nothing else is
		if [ "$p" = government ]; then
			assert_equal "$stderr" "fq: policy: '$TOP/policies/government.yaml': the calendar lists no holidays for 2027, so its public holidays would count as working days; add them to calendar.holidays (or write 'holidays: []' if there are none)"
		else
			assert_equal "$stderr" ""
		fi
		assert_output --partial "$p.yaml"
		assert_output --partial "ok"
	done
}

@test "policy: check with no FILE checks the policy in use" {
	run -0 --separate-stderr fq policy check
	assert_output --partial "hotel.yaml"
	assert_output --partial "锦江大酒店"
	FQ_POLICY="$BAD/bad-bool.yaml" run -78 --separate-stderr fq policy check
	assert_equal "$output" ""
	assert_equal "${stderr_lines[0]}" "$BAD/bad-bool.yaml:16:15: expected true or false for categories.lost_property.callback, not 'yes'"
}

@test "policy: every file in tests/policies/bad has an EXPECTED line" {
	local f missing=()
	for f in "$BAD"/*.yaml; do
		f=${f##*/}
		[ -n "$(expected "$f")" ] || missing+=("$f")
	done
	[ ${#missing[@]} -eq 0 ] || fail "no EXPECTED line for: ${missing[*]}"
}

@test "policy: every bad policy exits 78 with its EXPECTED first line" {
	local f want failures=() n=0
	cd "$BAD"
	for f in *.yaml; do
		want=$(expected "$f")
		[ -n "$want" ] || continue
		n=$((n + 1))
		run --separate-stderr fq policy check "$f"
		if [ "$status" -ne 78 ]; then
			failures+=("$f: exit $status, not 78")
		elif [ -n "$output" ]; then
			failures+=("$f: wrote to stdout: $output")
		elif [ "${stderr_lines[0]-}" != "$want" ]; then
			failures+=("$f:"$'\n'"    expected: $want"$'\n'"    actual:   ${stderr_lines[0]-}")
		fi
	done
	[ "$n" -ge 40 ] || fail "only $n bad policies checked"
	if [ ${#failures[@]} -gt 0 ]; then
		printf '%s\n' "${failures[@]}"
		fail "${#failures[@]} of $n bad policies gave the wrong result"
	fi
}

@test "policy: a file with a single mistake gives a single error line" {
	local f failures=()
	cd "$BAD"
	for f in *.yaml; do
		case $f in many-errors.yaml | no-departments.yaml) continue ;; esac
		run --separate-stderr fq policy check "$f"
		[ "${#stderr_lines[@]}" -eq 1 ] ||
			failures+=("$f: ${#stderr_lines[@]} lines: $stderr")
	done
	if [ ${#failures[@]} -gt 0 ]; then
		printf '%s\n' "${failures[@]}"
		fail "${#failures[@]} files gave more than one line"
	fi
}

@test "policy: many-errors.yaml reports every error, as in many-errors.out" {
	cd "$BAD"
	run -78 --separate-stderr fq policy check many-errors.yaml
	assert_equal "$output" ""
	assert_equal "$stderr" "$(cat many-errors.out)"
	assert_equal "${#stderr_lines[@]}" "6"
}

@test "policy: no-departments.yaml reports four errors" {
	cd "$BAD"
	run -78 --separate-stderr fq policy check no-departments.yaml
	assert_equal "${#stderr_lines[@]}" "4"
	assert_equal "${stderr_lines[0]}" "$(expected no-departments.yaml)"
	assert_regex "${stderr_lines[1]}" "^no-departments\.yaml:[0-9]+:[0-9]+: .*staff"
	assert_regex "${stderr_lines[2]}" "^no-departments\.yaml:[0-9]+:[0-9]+: .*categor"
	assert_regex "${stderr_lines[3]}" "^no-departments\.yaml:[0-9]+:[0-9]+: .*default_category"
}

@test "policy: the error prefix is the path as it was given" {
	run -78 --separate-stderr fq policy check "$BAD/bad-version.yaml"
	assert_equal "${stderr_lines[0]}" "$BAD/bad-version.yaml:1:10: unsupported version '2' (this fq reads version 1)"
}

@test "policy: a missing file (78) with a helpful message" {
	run -78 --separate-stderr fq policy check "$BATS_TEST_TMPDIR/没有这个.yaml"
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: policy: .*没有这个\.yaml"
	assert_regex "$stderr" "fq init|--policy"
}

@test "policy: fq policy alone (64)" {
	run -64 --separate-stderr fq policy
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: policy: "
	assert_output ""
	[[ $stderr == *"check"* ]]
}

@test "policy: an unknown subcommand (64)" {
	run -64 --separate-stderr fq policy bogus
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: policy: .*bogus"
}

@test "policy: a command run on an invalid policy exits 78 and writes nothing" {
	log_case 手机丢了 >/dev/null
	snap=$(db_digest)
	for f in bad-bool syntax many-errors not-utf8; do
		FQ_POLICY="$BAD/$f.yaml" run -78 --separate-stderr fq log "蒸两个馒头"
		assert_equal "$output" ""
		assert_regex "${stderr_lines[0]}" "^$BAD/$f\.yaml:[0-9]+:[0-9]+: "
		assert_equal "$(db_digest)" "$snap"
	done
	run -78 --separate-stderr fq --policy "$BAD/bad-bool.yaml" list
	assert_equal "$output" ""
	run -78 --separate-stderr fq --policy "$BAD/empty.yaml" show 1
	assert_equal "$output" ""
	assert_equal "$(db_digest)" "$snap"
}

@test "policy: a command run with the policy missing exits 78 and writes nothing" {
	log_case 手机丢了 >/dev/null
	snap=$(db_digest)
	FQ_POLICY="$BATS_TEST_TMPDIR/nowhere.yaml" run -78 --separate-stderr fq log "蒸两个馒头"
	assert_equal "$output" ""
	assert_regex "$stderr" "^fq: log: .*nowhere\.yaml"
	assert_equal "$(db_digest)" "$snap"
}
