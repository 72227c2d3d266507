#!/usr/bin/env bats
#
# outfail.bats - standard output that cannot be written (a full disk,
# /dev/full).  A writing command holds its output until it has committed,
# then writes it; if that write fails it exits 74 (EX_IOERR), says that
# the change was recorded and names the case, so that a script does not
# retry into a duplicate.  A command that writes nothing exits 74 too.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
}

@test "outfail: log to a full disk records the case, exits 74 and names it" {
	run -74 --separate-stderr sh -c '"$FQ_BIN" log 空调坏了 >/dev/full'
	assert_equal "$output" ""
	assert_equal "$stderr" "fq: log: the change was recorded (case #1), but standard output could not be written: No space left on device; 'fq show 1' shows it (with 'fq log --key' a retry is safe)"
	assert_equal "$(db_value 'SELECT count(*) FROM cases')" 1
	run -0 fq show 1 --format json
	[[ $output == *空调坏了* ]]
}

@test "outfail: log --key to a full disk, then the retry records nothing new" {
	run -74 --separate-stderr sh -c '"$FQ_BIN" -q log --key pbx-7 空调坏了 >/dev/full'
	[[ $stderr == *"(case #1)"* ]]
	snap=$(db_digest)
	run -0 --separate-stderr fq -q log --key pbx-7 空调坏了
	assert_output 1
	assert_equal "$(db_digest)" "$snap"
}

@test "outfail: follow to a full disk keeps the note and names the case" {
	id=$(log_phone)
	run -74 --separate-stderr sh -c '"$FQ_BIN" follow 1 已请保安查看 >/dev/full'
	assert_equal "$stderr" "fq: follow: the change was recorded (case #$id), but standard output could not be written: No space left on device; 'fq show $id' shows it"
	assert_equal "$(db_value "SELECT count(*) FROM events WHERE kind = 'followed'")" 1
}

@test "outfail: reply to a full disk keeps the answer and names the case" {
	id=$(log_phone)
	run -74 --separate-stderr sh -c '"$FQ_BIN" --as wang.qiang accept 1 >/dev/null && "$FQ_BIN" --as wang.qiang reply 1 手机已找到 >/dev/full'
	[[ $stderr == "fq: reply: the change was recorded (case #$id), but standard output could not be written: No space left on device; 'fq show $id' shows it" ]]
	assert_equal "$(db_value "SELECT count(*) FROM events WHERE kind = 'replied'")" 1
}

@test "outfail: a read-only command to a full disk exits 74, naming nothing" {
	log_phone >/dev/null
	run -74 --separate-stderr sh -c '"$FQ_BIN" list >/dev/full'
	assert_equal "$stderr" "fq: list: standard output could not be written: No space left on device"
	run -74 --separate-stderr sh -c '"$FQ_BIN" show 1 >/dev/full'
	assert_equal "$stderr" "fq: show: standard output could not be written: No space left on device"
}

@test "outfail: a refused step prints nothing and keeps its exit code" {
	id=$(log_phone)
	snap=$(db_digest)
	run -65 --separate-stderr sh -c '"$FQ_BIN" follow 1 "" >/dev/full'
	[[ $stderr != *"standard output"* ]]
	assert_equal "$(db_digest)" "$snap"
}

@test "outfail: a writing command's output arrives whole after the commit" {
	id=$(log_phone)
	run -0 --separate-stderr fq follow "$id" 已请保安查看
	[[ $output == *"#$id"* ]]
	run -0 --separate-stderr fq -q log 客人要一瓶胶水
	assert_output 2
}
