#!/usr/bin/env bats
#
# help.bats - fq help [COMMAND]: the command list, one command's usage,
# and the same text from COMMAND --help.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_env
}

@test "help: the list of commands on stdout, exit 0, no database needed" {
	run -0 --separate-stderr fq help
	assert_equal "$stderr" ""
	assert_output --partial "usage: fq "
	for c in init log transfer accept follow reply callback escalate decline \
		 sign reopen wait resume amend show list route policy overdue \
		 report handover verify export import help; do
		assert_output --partial "  $c "
	done
	[ ! -e "$FQ_DB" ]
}

@test "help: one command's usage, the same as COMMAND --help" {
	run -0 --separate-stderr fq help transfer
	assert_line --index 0 "usage: fq transfer ID [DEPT] [--to PERSON] [--note TEXT]"
	assert_line --regexp "^  --to PERSON +[a-z]"
	assert_line --regexp "^  --note TEXT +[a-z]"
	assert_output --partial "man fq-transfer"
	help=$output
	run -0 --separate-stderr fq transfer --help
	assert_output "$help"
}

@test "help: an unknown command is a usage error (64) naming it" {
	run -64 --separate-stderr fq help tranfser
	assert_output ""
	[[ $stderr == *"no command 'tranfser'"* ]]
}

@test "help: more than one command, or an option, is a usage error (64)" {
	run -64 --separate-stderr fq help log list
	assert_output ""
	run -64 --separate-stderr fq help --bogus
	assert_output ""
	[[ $stderr == "fq: help: unknown option '--bogus'"* ]]
}
