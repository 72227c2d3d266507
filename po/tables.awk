# po/tables.awk - the messages of fq that xgettext cannot find by a
# keyword, as PO entries for po/extract.sh: the column heads of `struct
# column` tables, the --help line of each option (the last member of a
# `struct opt` entry), the usage text of each command (usage_NAME[]), the
# one-line summaries of cmd/fq.c's command table, what a missing
# argument is called (opts_count's last argument: xgettext would warn of
# the calls that pass ""), and the view's own sentences (msg.h: xgettext
# skips #define lines).  They are translated where they
# are printed (the table's head, the usage printer) and need no N_() in
# the source.  Text without a Latin letter ("#", the Chinese heads of
# `fq policy show`'s poster) is left out: it reads the same in every
# language.
#
#   awk -f po/tables.awk FILE.c ... | msguniq

function entry(s, line, note) {
	if (s !~ /[A-Za-z]/)
		return
	printf "#. %s\n#: %s:%d\nmsgid \"%s\"\nmsgstr \"\"\n\n", note, FILENAME,
	    line, s
}

# The text of the string literals on a line, joined.
function literals(s,    out, m) {
	out = ""
	while (match(s, /"([^"\\]|\\.)*"/)) {
		out = out substr(s, RSTART + 1, RLENGTH - 2)
		s = substr(s, RSTART + RLENGTH)
	}
	return out
}

# The last member of a brace-enclosed initializer, its literals joined:
# the help of { "name", has_arg, val, "ARG", "help" }.
function last_member(s,    i, c, instr, start) {
	instr = 0; start = 1
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (instr && c == "\\")
			i++
		else if (c == "\"")
			instr = !instr
		else if (!instr && c == ",")
			start = i + 1
	}
	return literals(substr(s, start))
}

BEGIN {
	print "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
}

FNR == 1 { block = ""; usage = ""; opt = "" }

/struct column [a-z_]+\[\] = \{/ { block = "column"; next }
/ commands\[\] = \{/ { block = "command"; next }
/struct opt [a-z_]+\[\] = \{/ && !/};/ { block = "opt"; next }
block != "" && /^[ \t]*};/ { block = ""; next }

block == "opt" && /^[ \t]*\{ "/ { opt = $0; oline = FNR }
block == "opt" && opt != "" && FNR > oline { opt = opt " " $0 }
block == "opt" && opt != "" && /}[ \t]*,?[ \t]*$/ {
	sub(/}[ \t]*,?[ \t]*$/, "", opt)
	entry(last_member(opt), oline, "TRANSLATORS: an option's line in " \
	    "--help, after the option; keep it short (one line)")
	opt = ""
	next
}

block == "column" && /^[ \t]*\{ "[^"]*", "[^"]*"/ {
	split($0, q, "\"")
	entry(q[4], FNR, "TRANSLATORS: a column head of a table; keep it short")
	next
}

block == "command" && /^[ \t]*"([^"\\]|\\.)*" \},?$/ {
	entry(literals($0), FNR, "TRANSLATORS: a command's summary in 'fq help'")
	next
}

/opts_count\(.*"[^"]+"\)/ {
	s = $0
	sub(/^.*opts_count\([^"]*"/, "", s)
	sub(/"\).*$/, "", s)
	entry(s, FNR, "TRANSLATORS: what is missing, in \"missing %s\"")
}

/^#define MSG_[A-Z_]+ N_\("/ {
	entry(literals($0), FNR, "TRANSLATORS: said by the view layer")
}

/usage_[a-z]+\[\] =/ { usage = ""; uline = FNR }
uline && /"/ { usage = usage literals($0) }
uline && /;[ \t]*$/ {
	entry(usage, uline, "TRANSLATORS: usage; translate only the words " \
	    "in capitals (ID, TEXT, ...), keep the options and the layout")
	uline = 0
}
