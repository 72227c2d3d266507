#!/usr/bin/env bats
#
# cron.bats - the crontab block of the README (and of fq-overdue(1)) as
# Debian's cron runs it: an environment of nothing but PATH=/usr/bin:/bin
# (and HOME, LOGNAME, SHELL), the block's own variable lines on top, no
# locale, the command line run by /bin/sh -c.  fq must be found through
# the block's PATH, sendmail without any (here a stand-in, through
# FQ_SENDMAIL), and mail must go out.

bats_require_minimum_version 1.5.0
load helper

setup() {
	fq_setup
	OUTBOX="$BATS_TEST_TMPDIR/outbox"
	mkdir -p "$OUTBOX"
	# a stand-in for sendmail -t that needs only /bin/sh and cat
	printf '%s\n' '#!/bin/sh' "cat >\"$OUTBOX/msg.\$\$\"" >"$BATS_TEST_TMPDIR/sendmail"
	chmod +x "$BATS_TEST_TMPDIR/sendmail"
	# where the block's PATH finds fq (it says /usr/local/bin)
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	ln -s "$FQ_BIN" "$BATS_TEST_TMPDIR/bin/fq"
}

# The crontab block of a file: the lines from "# fq: the escalation
# ladder" to the first blank line (or .Ed), indentation removed.
block() {
	awk '/# fq: the escalation ladder/ { on = 1 }
	     on && (/^[ \t]*$/ || /^\.Ed/) { exit }
	     on { sub(/^    /, ""); print }' "$1"
}

@test "cron: the README's crontab block is complete, and fq-overdue(1) shows the same" {
	b=$(block "$TOP/README")
	for v in PATH MAILTO FQ_DB FQ_POLICY FQ_USER; do
		grep -q "^$v=" <<<"$b"
	done
	grep -qE '^[*/0-9,-]+ [*] [*] [*] [*] +fq overdue --mail$' <<<"$b"
	# cron expands no variables: none may be used
	run -1 grep -F '$' <<<"$b"
	assert_equal "$(block "$TOP/man/fq-overdue.1")" "$b"
}

@test "cron: the block's command runs under env -i PATH=/usr/bin:/bin and mails" {
	id=$(log_case --via phone --guest 周先生 --room 1208 "昨晚在棋牌室打牌，手机忘在那里了")
	vars=() cmd=
	while IFS= read -r line; do
		case $line in
		"#"*) ;;
		PATH=*) vars+=("PATH=${line#PATH=}") ;;
		FQ_DB=*) vars+=("FQ_DB=$FQ_DB") ;;
		FQ_POLICY=*) vars+=("FQ_POLICY=$FQ_POLICY") ;;
		[A-Z]*=*) vars+=("$line") ;;
		*) cmd=$(cut -d' ' -f6- <<<"$line" | sed 's/^ *//') ;;
		esac
	done < <(block "$TOP/README")
	[[ -n $cmd ]]
	# the block's PATH, with this build's fq where it says /usr/local/bin
	for i in "${!vars[@]}"; do
		vars[$i]=${vars[$i]//\/usr\/local\/bin/$BATS_TEST_TMPDIR/bin}
	done
	run -0 --separate-stderr env -i PATH=/usr/bin:/bin HOME="$BATS_TEST_TMPDIR" \
		LOGNAME=fq SHELL=/bin/sh "${vars[@]}" \
		FQ_SENDMAIL="$BATS_TEST_TMPDIR/sendmail" \
		FQ_NOW=2026-11-27T03:04:00+08:00 /bin/sh -c "$cmd"
	assert_equal "$stderr" ""
	# the 80% warning of the accept deadline, to security's people
	[[ $(ls "$OUTBOX" | wc -l) -ge 1 ]]
	grep -l '^To: .*security@hotel.example' "$OUTBOX"/msg.*
	# what cron mails MAILTO: what was sent, the case with it
	[[ $output == *security@hotel.example*"$id"*"accept 80%"* ]]
	# and the next tick has no news: no output, so no mail from cron
	run -0 --separate-stderr env -i PATH=/usr/bin:/bin HOME="$BATS_TEST_TMPDIR" \
		LOGNAME=fq SHELL=/bin/sh "${vars[@]}" \
		FQ_SENDMAIL="$BATS_TEST_TMPDIR/sendmail" \
		FQ_NOW=2026-11-27T03:04:30+08:00 /bin/sh -c "$cmd"
	assert_equal "$output" ""
	assert_equal "$stderr" ""
}
