#!/bin/sh
# po/extract.sh - every message fq shows to people, as a PO template on
# standard output (make pot writes it to po/fq.pot).
#
# Messages are translated where they are shown (lib/i18n.h), so xgettext
# finds them as the format argument of the functions that show them (the
# keywords below), as _() and N_(), and as the step named to roles.c's
# may_handle() and may_answer_for(); po/tables.awk adds what no call
# shows (column heads, usage text, the command summaries).  Entries with
# nothing to translate - a format such as "%s · %s", without a word - are
# left out: they are shown as they are.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

src=$(ls cmd/*.[ch] lib/*.[ch] lib/*/*.[ch] | sort)
version=$(sed -n 's/^#define FQ_VERSION "\(.*\)"/\1/p' lib/fq.h)

# Each sink: NAME:ARG, the argument that is a printf format; and the
# helpers that compose a message before its sink and so translate its
# format themselves: problem_add() (lib/case/problems.h, verify.c's
# problem()) in English and translated; import's import_fail(), bad()
# and chain_fail().
sinks="fq_fail:3 fq_fail_more:2 fq_warn:2 view_add:2 view_line:2
view_say:2 out_title:2 pol_err:3 pol_errat:4 problem_add:3 problem:3
import_fail:3 bad:2 chain_fail:3"
set --
for s in $sinks; do
	set -- "$@" --keyword="$s" --flag="$s:c-format"
done

xgettext --language=C --from-code=UTF-8 --add-comments=TRANSLATORS: \
	--keyword=_ --keyword=N_ --flag=_:1:pass-c-format \
	--keyword=may_handle:3 --keyword=may_answer_for:3 \
	--flag=arena_printf:2:c-format "$@" \
	--package-name=fq --package-version="$version" \
	--msgid-bugs-address="the fq issue tracker" --sort-by-file -o "$tmp/calls.pot" $src
awk -f po/tables.awk $src | msguniq -o "$tmp/tables.po"
msgcat --use-first -o "$tmp/all.pot" "$tmp/calls.pot" "$tmp/tables.po"

# Leave out the entries whose msgid has no word outside its conversions.
awk '
BEGIN { RS = ""; ORS = "\n\n" }
{
	id = ""; inid = 0
	n = split($0, line, "\n")
	for (i = 1; i <= n; i++) {
		if (line[i] ~ /^msgid /) { inid = 1; sub(/^msgid /, "", line[i]) }
		else if (line[i] ~ /^msgstr/) inid = 0
		if (inid && line[i] ~ /^"/)
			id = id substr(line[i], 2, length(line[i]) - 2)
	}
	if (NR == 1) { print; next }	# the header
	gsub(/%[-+ #0-9.*]*(hh|h|ll|l|z|j|t)?[diouxXsceEfgGp%]/, "", id)
	gsub(/\\[nt"\\]/, "", id)
	if (id ~ /[A-Za-z]/)
		print
}' "$tmp/all.pot"
