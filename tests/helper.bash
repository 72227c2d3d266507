# helper.bash - what every test file loads: its own database, a fixed
# clock, a fixed time zone and locale, the hotel policy, and small helpers.
#
#   load helper
#   setup() { fq_setup; }        # or fq_setup_empty for no database

bats_load_library bats-support
bats_load_library bats-assert

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
FQ_BIN=${FQ_BIN:-$TOP/fq}

# fq as the tests run it (the binary under test: normal or sanitizer).
fq() {
	"$FQ_BIN" "$@"
}

# A fresh environment: scratch database path, hotel policy, 03:00 on the
# night of the forgotten phone, the housekeeping attendant at the phone.
fq_env() {
	export FQ_DB="$BATS_TEST_TMPDIR/fq.db"
	export FQ_POLICY="$TOP/policies/hotel.yaml"
	export FQ_NOW="2026-11-27T03:00:00+08:00"
	export FQ_USER="li.na"
	export TZ="UTC"
	export LC_ALL="C.UTF-8"
	unset LANGUAGE		# it would win over LC_ALL (tests/i18n.bats)
	export NO_COLOR=1
	export XDG_DATA_HOME="$BATS_TEST_TMPDIR/data"
	export XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/config"
	unset FQ_SENDMAIL
}

# fq_env and an initialised database.
fq_setup() {
	fq_env
	fq init >/dev/null
}

# fq_env without a database.
fq_setup_empty() {
	fq_env
}

# A digest of everything in the database, to show a failed command
# changed nothing: snap=$(db_digest); run ...; assert_equal "$(db_digest)" "$snap"
db_digest() {
	sqlite3 "$FQ_DB" .dump | sha256sum
}

# One value from the database.
db_value() {
	sqlite3 "$FQ_DB" "$1"
}

# Logs a case quietly and prints its id: id=$(log_case 文本 [options])
log_case() {
	fq -q log "$@"
}

# Runs fq at another moment: at 2026-11-27T03:30:00+08:00 fq overdue
at() {
	local when=$1
	shift
	FQ_NOW="$when" "$@"
}

# One value of a case as fq show --format json gives it (jq -r filter).
field() {
	fq show "$1" --format json | jq -r "$2"
}

# The lost phone of the seed, logged by li.na at 03:00: security holds it.
log_phone() {
	log_case --via phone --guest 周先生 --room 1208 --phone 13912345678 \
		"昨晚在棋牌室打牌，手机忘在那里了"
}

# Fails unless every line of the table has its columns starting at the
# same display column (a Chinese character is two columns wide); the
# first column is right-aligned, so its end must line up instead.
assert_aligned() {
	python3 - "$1" <<'EOF' || fail "columns do not line up:"$'\n'"$1"
import re, sys, unicodedata

def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

lines = [l for l in sys.argv[1].split("\n") if l.strip()]
if len(lines) < 3:
    sys.exit("too few lines")
cols = []
for l in lines:
    cells = list(re.finditer(r"\S+(?: \S+)*", l))
    starts = [width(l[:m.start()]) for m in cells]
    starts[0] = width(l[:cells[0].end()])  # right-aligned: its end
    cols.append(starts)
    print(starts, l)
n = len(cols[0])
for c in cols:
    if len(c) != n:
        sys.exit("a line has %d cells, the header %d" % (len(c), n))
    if c != cols[0]:
        sys.exit("misaligned")
EOF
}

# A small night, eight events in two cases:
#   1 logged #1        2 accepted #1 (wang.qiang)   3 followed #1 (li.na)
#   4 logged #2        5 transferred #2             6 replied #1
#   7 called_back #1   8 closed #1
# With an argument, the follow-up of event 3 says that instead (the same
# night with one note changed, as a rewrite of the record would have it).
some_night() {
	local a b note=${1:-已请保安去棋牌室查看，门未锁}
	a=$(log_case --via phone --guest 周先生 --room 1208 --phone 13912345678 \
		"昨晚在棋牌室打牌，手机忘在那里了")
	at 2026-11-27T03:04:00+08:00 fq --as wang.qiang accept "$a" >/dev/null
	at 2026-11-27T03:12:00+08:00 fq follow "$a" "$note" >/dev/null
	b=$(fq -q --as huang.mei log "客人要一瓶胶水")
	at 2026-11-27T03:20:00+08:00 fq --as wang.fang transfer "$b" front_desk >/dev/null
	at 2026-11-27T09:02:00+08:00 fq --as wang.qiang reply "$a" "手机已找到" >/dev/null
	at 2026-11-27T09:20:00+08:00 fq callback "$a" "周先生已取回手机" >/dev/null
}

# The schema version this fq writes: that of a database it has just made.
# (tests/init.bats asserts the number itself.)
schema_now() {
	local d="$BATS_TEST_TMPDIR/schema-now.db"
	[ -f "$d" ] || FQ_DB="$d" "$FQ_BIN" init >/dev/null 2>&1
	sqlite3 "$d" 'PRAGMA user_version'
}

# fq under a Chinese locale, as a user's shell sets it (zh_CN.UTF-8 need
# not be generated: fq falls back to C.UTF-8 with the language kept).
zh() {
	env -u LC_ALL -u LANGUAGE LANG=zh_CN.UTF-8 "$FQ_BIN" "$@"
}

# fq with the language asked for but the C.UTF-8 locale.
zh_language() {
	env LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$FQ_BIN" "$@"
}
