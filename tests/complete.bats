#!/usr/bin/env bats
#
# complete.bats - shell completion: 'fq __complete' (what may come
# next: commands, options, fixed words, case ids with the open ones
# first, departments, staff and categories of the policy and database in
# effect), the bash function driven through COMP_WORDS and COMP_CWORD,
# the zsh function with a stand-in compadd and in a real zsh on a pty,
# and what make install puts where bash, zsh and man find it.

bats_require_minimum_version 1.5.0
load helper

BASH_SCRIPT="$TOP/cmd/completion/fq.bash"
ZSH_SCRIPT="$TOP/cmd/completion/_fq"

setup() {
	fq_setup
}

# The values fq offers for a line, one a line: complete list --st
complete() {
	fq __complete -- "$@" | sed 1d | cut -f1
}

# The kind of word fq sees under the cursor (words, files or none).
kind() {
	fq __complete -- "$@" | sed -n 1p
}

# Four cases: #1 replied (a lost phone waits for the owner's callback),
# #2 closed at intake, #3 and #4 open.
four_cases() {
	log_case 手机丢了 >/dev/null
	log_case --resolved 在三楼 请问餐厅在哪 >/dev/null
	log_case 空调太冷 >/dev/null
	log_case 要一瓶胶水 >/dev/null
	fq --as wang.qiang reply 1 "手机已找到" >/dev/null
}

@test "completion: commands, with their summaries; the hidden one is not offered" {
	run -0 --separate-stderr fq __complete -- ""
	assert_equal "$stderr" ""
	assert_line --index 0 "words"
	assert_line --index 1 $'init\tcreate the database and install an example policy'
	refute_output --partial "__complete"
	assert_equal "$(complete "")" "$(fq help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } /^$/ { on = 0 }')"
	assert_equal "$(complete l)" $'log\nlist'
	assert_equal "$(complete re)" $'reply\nreopen\nresume\nreport'
	assert_equal "$(complete --as li.na tr)" "transfer"
	assert_equal "$(kind xyzzy)" "none"
}

@test "completion: each command's options, then the global ones" {
	assert_equal "$(complete list --st)" "--status"
	assert_equal "$(complete log --r)" $'--room\n--resolved\n--raw-csv'
	run -0 fq __complete -- show --
	assert_line --index 1 $'--explain\talso how each running deadline was derived'
	assert_line $'--format\tthe output format (table on a terminal, else tsv)'
	assert_equal "$(complete policy simulate x --a)" $'--at\n--as'
	assert_equal "$(complete --f)" "--format"
	# after --, nothing is an option
	assert_equal "$(kind log -- --g)" "none"
}

@test "completion: every option of every command's usage is offered" {
	local c o
	for c in $(complete ""); do
		offered=$(complete "$c" --)
		for o in $(fq help "$c" | sed -n '1,/^$/p' | grep -o -- '--[a-z][a-z-]*' | sort -u); do
			grep -qx -- "$o" <<<"$offered" || fail "$c: $o is not offered"
		done
	done
}

@test "completion: the fixed words of an option, in each way bash and zsh split them" {
	assert_equal "$(complete list --status "")" $'open\nreplied\nclosed\ndeclined\nall'
	assert_equal "$(complete list --status c)" "closed"
	assert_equal "$(complete list --status=c)" "closed"
	assert_equal "$(complete list --status = c)" "closed"
	assert_equal "$(complete list --status =)" $'open\nreplied\nclosed\ndeclined\nall'
	assert_equal "$(complete --format j)" $'json\njsonl'
	assert_equal "$(complete show 1 --format=m)" "markdown"
	assert_equal "$(complete --color "")" $'auto\nalways\nnever'
	assert_equal "$(complete log --via p)" "phone"
	assert_equal "$(complete reply 1 x --by "")" $'phone\nin-person\nsms\nother'
	assert_equal "$(complete report --by d)" $'dept\nday'
	assert_equal "$(complete init --example "")" $'hotel\ngovernment\nproperty'
	# free text: nothing to offer
	assert_equal "$(kind log --guest "")" "none"
	assert_equal "$(kind wait 1 --until 2026-11-27T03 : "")" "none"
}

@test "completion: case ids, the cases not closed first, each newest first" {
	four_cases
	run -0 --separate-stderr fq __complete -- show ""
	assert_line --index 0 "words"
	assert_equal "$(complete show "")" $'4\n3\n1\n2'
	assert_line --index 1 $'4\t[open] 要一瓶胶水'
	assert_line --index 3 $'1\t[replied] 手机丢了'
	assert_line --index 4 $'2\t[closed] 请问餐厅在哪'
	assert_equal "$(complete accept "")" $'4\n3\n1\n2'
	assert_equal "$(complete follow "")" $'4\n3\n1\n2'
	assert_equal "$(complete show 3)" "3"
	assert_equal "$(complete show 9)" ""
	assert_equal "$(complete show x)" ""
	assert_equal "$(complete show 0)" ""
	# the second operand of show is nothing; of transfer a department
	assert_equal "$(kind show 1 "")" "none"
}

@test "completion: ids by their first digits, at most 40, open ones first" {
	local i
	for i in $(seq 1 45); do
		log_case "客人要第 $i 瓶水" >/dev/null
	done
	for i in 10 12 13; do
		fq -q reply $i "已送到" >/dev/null
		fq -q callback $i "满意" >/dev/null || true
	done
	assert_equal "$(complete show 1 | tr '\n' ' ')" "19 18 17 16 15 14 11 1 13 12 10 "
	assert_equal "$(complete show 4)" $'45\n44\n43\n42\n41\n40\n4'
	assert_equal "$(complete show "" | wc -l)" 40
	assert_equal "$(complete show "" | head -1)" 45
}

@test "completion: departments, staff and categories of the policy in effect" {
	run -0 fq __complete -- transfer 1 se
	assert_output $'words\nsecurity\t安保部'
	run -0 fq __complete -- accept 1 --handler wang.q
	assert_output $'words\nwang.qiang\t王强 (安保部)'
	assert_equal "$(complete --as li)" $'liu.yang\nli.na\nlin.xia'
	assert_equal "$(complete list --category lost)" "lost_property"
	assert_equal "$(complete policy simulate lo)" "lost_property"
	assert_equal "$(complete handover --dept a)" "all"
	assert_equal "$(complete handover --dept "" | tail -1)" "all"
	assert_equal "$(complete overdue --owner zhou)" "zhou.min"
	# --policy on the line, before or after the command, wins over FQ_POLICY
	gov="$TOP/policies/government.yaml"
	assert_equal "$(complete --policy "$gov" transfer 1 se)" ""
	assert_equal "$(complete --policy "$gov" transfer 1 h)" "hall"
	assert_equal "$(complete transfer 1 --policy="$gov" h)" "hall"
	assert_equal "$(complete transfer --policy "$gov" 1 h)" "hall"
	FQ_POLICY=$gov run -0 fq __complete -- transfer 1 se
	refute_output --partial security
	# a policy that is not there: nothing, and no error for the shell
	run -0 --separate-stderr fq __complete -- --policy /nonexistent.yaml transfer 1 ""
	assert_output "none"
}

@test "completion: case ids of the database in effect: --db, then FQ_DB" {
	four_cases
	other="$BATS_TEST_TMPDIR/other.db"
	fq --db "$other" init >/dev/null
	fq --db "$other" -q log 蒸两个馒头 >/dev/null
	assert_equal "$(complete --db "$other" show "")" "1"
	assert_equal "$(complete show --db="$other" "")" "1"
	assert_equal "$(FQ_DB=$other complete show "")" "1"
	# no database: no ids, and none is created
	assert_equal "$(complete --db "$BATS_TEST_TMPDIR/none.db" show "")" ""
	[ ! -e "$BATS_TEST_TMPDIR/none.db" ]
}

@test "completion: operands from the usage: subcommands, commands, files" {
	assert_equal "$(complete policy "")" $'check\nshow\nsimulate'
	assert_equal "$(complete policy s)" $'show\nsimulate'
	assert_equal "$(kind policy check "")" "files"
	assert_equal "$(kind import "")" "files"
	assert_equal "$(kind --db "")" "files"
	assert_equal "$(complete help tr)" "transfer"
	assert_equal "$(kind log "")" "none"
	assert_equal "$(kind reply 1 "")" "none"
	assert_equal "$(complete transfer 1 front)" "front_desk"
	assert_equal "$(kind transfer 1 front_desk "")" "none"
	assert_equal "$(complete escalate 1 --to zhou)" "zhou.min"
}

@test "completion: the bash function fills COMPREPLY" {
	four_cases
	# _fq COMP_CWORD WORD...: COMPREPLY, one a line
	run_bash() {
		bash --norc --noprofile -c '
			source "$1"; shift
			COMP_CWORD=$1; shift
			COMP_WORDS=("$@")
			_fq
			printf "%s\n" "${COMPREPLY[@]}"' _ "$BASH_SCRIPT" "$@"
	}
	run -0 run_bash 1 "$FQ_BIN" li
	assert_output "list"
	run -0 run_bash 2 "$FQ_BIN" show ""
	assert_output $'4\n3\n1\n2'
	run -0 run_bash 2 "$FQ_BIN" list --st
	assert_output "--status"
	# bash splits --format=j into --format, = and j
	run -0 run_bash 4 "$FQ_BIN" list --format = j
	assert_output $'json\njsonl'
	run -0 run_bash 3 "$FQ_BIN" list --status =
	assert_output $'open\nreplied\nclosed\ndeclined\nall'
	run -0 run_bash 3 "$FQ_BIN" transfer 1 se
	assert_output "security"
	touch "$BATS_TEST_TMPDIR/cases.jsonl"
	run -0 run_bash 2 "$FQ_BIN" import "$BATS_TEST_TMPDIR/cas"
	assert_output "$BATS_TEST_TMPDIR/cases.jsonl"
	run -0 run_bash 2 "$FQ_BIN" log ""
	assert_output ""
	run -0 bash --norc --noprofile -c 'source "$1"; complete -p fq' _ "$BASH_SCRIPT"
	assert_output "complete -F _fq fq"
}

# Runs the zsh function with words and CURRENT set, compadd and its
# friends standing in: each prints what it was given.
run_zsh() {
	zsh -f -c '
		compdef() { : }
		compadd() { print -r -- "compadd $*"; print -rl -- "${(@)shown}" }
		compset() { print -r -- "compset $*" }
		_files() { print -r -- "_files" }
		source "$1"; shift
		CURRENT=$1; shift
		words=("$@")
		_fq' _ "$ZSH_SCRIPT" "$@"
}

@test "completion: the zsh function adds fq's words, in fq's order, with what they are" {
	four_cases
	run -0 run_zsh 3 "$FQ_BIN" show ""
	assert_line --index 0 "compadd -V fq -l -d shown -- 4 3 1 2"
	assert_line --index 1 "4  -- [open] 要一瓶胶水"
	assert_line --index 3 "1  -- [replied] 手机丢了"
	assert_line --index 4 "2  -- [closed] 请问餐厅在哪"
	run -0 run_zsh 2 "$FQ_BIN" li
	assert_line --index 0 "compadd -V fq -l -d shown -- list"
	assert_line --index 1 "list  -- cases matching filters, newest first"
	run -0 run_zsh 3 "$FQ_BIN" list --status=c
	assert_line --index 0 "compset -P *="
	assert_line --index 1 "compadd -V fq -l -d shown -- closed"
	assert_line --index 2 "closed"
	run -0 run_zsh 3 "$FQ_BIN" import ""
	assert_output "_files"
	run -1 run_zsh 3 "$FQ_BIN" log ""
	assert_output ""
	run -0 zsh -f -c 'compdef() { print -r -- "compdef $*" }; source "$1"' _ "$ZSH_SCRIPT"
	assert_output "compdef _fq fq"
}

@test "completion: zsh completes with _fq on its fpath, in a real shell on a pty" {
	zsh -f -c 'zmodload zsh/zpty' 2>/dev/null || skip "zsh has no zpty module"
	four_cases
	mkdir -p "$BATS_TEST_TMPDIR/fpath"
	cp "$ZSH_SCRIPT" "$BATS_TEST_TMPDIR/fpath/_fq"
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	ln -s "$FQ_BIN" "$BATS_TEST_TMPDIR/bin/fq"
	run -0 timeout 60 zsh -f -c '
		zmodload zsh/zpty
		zpty -b z "zsh -f -i"
		zpty -w z "PS1=\"%% \"; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D; setopt nobeep"
		zpty -w z "PATH=$2:\$PATH"
		zpty -n -w z $'"'"'fq show \t'"'"'
		out=
		for i in {1..100}; do
			while zpty -r -t z chunk; do out+=$chunk; done
			[[ $out == *"[closed]"* ]] && break
			sleep 0.1
		done
		zpty -d z
		print -r -- "${out//$'"'"'\r'"'"'/}"' _ "$BATS_TEST_TMPDIR/fpath" "$BATS_TEST_TMPDIR/bin"
	assert_output --partial "4  -- [open] 要一瓶胶水"
	assert_output --partial "1  -- [replied] 手机丢了"
	assert_output --partial "2  -- [closed] 请问餐厅在哪"
}

@test "completion: fast enough for every TAB" {
	local i start end
	for i in $(seq 1 30); do
		log_case "客人要第 $i 瓶水" >/dev/null
	done
	start=$(date +%s%N)
	for i in $(seq 1 10); do
		fq __complete -- show "" >/dev/null
		fq __complete -- transfer 1 "" >/dev/null
	done
	end=$(date +%s%N)
	# 20 runs; generous on a shared machine and under the sanitizers
	[ $(((end - start) / 20000000)) -lt 200 ] || fail "$(((end - start) / 20000000)) ms a run"
}

@test "completion: make install puts the scripts and man pages where the shells and man look" {
	[ -x "$TOP/fq" ] || skip "no ./fq built"
	dest="$BATS_TEST_TMPDIR/dest"
	# -o fq: install the binary as it is, never rebuild it mid-suite
	run -0 make -s -C "$TOP" -o fq install DESTDIR="$dest" PREFIX=/usr/local
	[ -f "$dest/usr/local/share/bash-completion/completions/fq" ]
	[ -f "$dest/usr/local/share/zsh/site-functions/_fq" ]
	[ -f "$dest/usr/local/share/man/man1/fq-log.1" ]
	[ -f "$dest/usr/local/share/man/man5/fq-policy.5" ]
	[ -f "$dest/usr/local/share/man/man7/fq-lifecycle.7" ]
	# bash-completion finds it under the XDG data dirs, on demand
	if [ -f /usr/share/bash-completion/bash_completion ]; then
		run -0 env XDG_DATA_DIRS="$dest/usr/local/share" bash --norc --noprofile -c '
			source /usr/share/bash-completion/bash_completion
			_completion_loader fq; complete -p fq'
		assert_output "complete -F _fq fq"
	fi
	# zsh finds it on its fpath
	run -0 zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D; print -r -- $_comps[fq]' \
		_ "$dest/usr/local/share/zsh/site-functions"
	assert_output "_fq"
	# man finds fq-log(1) there
	if command -v man >/dev/null; then
		run -0 env MANPATH="$dest/usr/local/share/man" man -w fq-log
		assert_output "$dest/usr/local/share/man/man1/fq-log.1"
		run -0 env MANPATH="$dest/usr/local/share/man" MANPAGER=cat MANWIDTH=80 man fq-log
		assert_output --partial "fq-log"
	fi
	# /usr is a distribution's prefix: zsh's vendor-completions
	run -0 make -s -C "$TOP" -o fq install DESTDIR="$dest/pkg" PREFIX=/usr
	[ -f "$dest/pkg/usr/share/zsh/vendor-completions/_fq" ]
	[ -f "$dest/pkg/usr/share/bash-completion/completions/fq" ]
	# and uninstall leaves no file behind
	run -0 make -s -C "$TOP" -o fq uninstall DESTDIR="$dest" PREFIX=/usr/local
	assert_equal "$(find "$dest/usr/local" -type f)" ""
}

@test "completion: the hidden command has its man page, and its --help names it" {
	run -0 fq __complete --help
	assert_output --partial "'man fq-complete'"
	[[ -f $TOP/man/fq-complete.1 ]]
	if command -v man >/dev/null; then
		run -0 man -l "$TOP/man/fq-complete.1"
	else
		run -0 mandoc -Tutf8 "$TOP/man/fq-complete.1"
	fi
	assert_output --partial "fq __complete"
	# no word to complete, or an option before --: a usage error
	run -64 fq __complete
	run -64 fq __complete --bogus -- list
}
