# fq.bash - bash completion for fq(1), installed as
# $(PREFIX)/share/bash-completion/completions/fq.
#
# What fits the word under the cursor is fq's own answer: 'fq __complete
# -- WORDS' reads the command table, the command's options and usage,
# and the policy and database in effect (--db and --policy on the line,
# else FQ_DB and FQ_POLICY).  Its first line is the kind of word
# ("words", "files" or "none"), then one candidate a line, a tab, and
# what it is (zsh shows that; bash does not).  bash splits --format=js
# at the = (and a time at its colon); fq joins the words back.

_fq()
{
	local cur=${COMP_WORDS[COMP_CWORD]} fq=${COMP_WORDS[0]} line
	local -a answer

	COMPREPLY=()
	# After "--x=" bash completes the part behind the =.
	[[ $cur == = || $cur == : ]] && cur=
	[[ $fq == "~/"* ]] && fq=$HOME/${fq#"~/"}
	mapfile -t answer < <("$fq" __complete -- \
		"${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
	case ${answer[0]-} in
	words)
		# fq's order: open cases first, the newest first.
		compopt -o nosort 2>/dev/null
		for line in "${answer[@]:1}"; do
			COMPREPLY+=("${line%%$'\t'*}")
		done
		;;
	files)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		;;
	esac
	return 0
}

complete -F _fq fq
