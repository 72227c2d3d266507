#!/usr/bin/env python3
"""tests/corpus/gen.py - writes fq's hostile corpus, one file a kind.

    python3 tests/corpus/gen.py        # rewrites tests/corpus/*.tsv
    python3 tests/corpus/gen.py DIR    # writes them to DIR instead

The files are committed, so that the test (tests/corpus.bats, through
tests/corpus/run.py) is the same from run to run; change this script
and run it again to change them.  tests/corpus/README says what the
columns mean and how a case is run.

Every case is an input fq must refuse: the expected exit status is not
0, standard error says "fq: ..." (or FILE:LINE:COL for a policy), and
the database is byte for byte what it was.  The expectations are the
rules of fq(1), fq-log(1), fq-policy(5) and fq-import(1), not what
some build happened to do.
"""

import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Exit statuses (fq(1), EXIT STATUS).
USAGE, DATA, NOINPUT, PERM, CONFIG = 64, 65, 66, 77, 78


# ---- the file format ----

def token(b, i):
    """The escaped form of the character at b[i:], and its length."""
    c = b[i]
    special = {0x5c: "\\\\", 0x09: "\\t", 0x0a: "\\n", 0x0d: "\\r"}
    if c in special:
        return special[c], 1
    if 0x20 <= c < 0x7f:
        return chr(c), 1
    n = 2 if 0xc2 <= c <= 0xdf else 3 if 0xe0 <= c <= 0xef else \
        4 if 0xf0 <= c <= 0xf4 else 0
    if n and i + n <= len(b):
        try:
            ch = b[i:i + n].decode("utf-8")
        except UnicodeDecodeError:
            ch = None
        if ch and shown_as_is(ord(ch)):
            return ch, n
    return "\\x%02x" % c, 1


def shown_as_is(cp):
    """1 for a character the corpus files may hold as it is."""
    return not (cp < 0xa0 or cp in (0x061c, 0x200e, 0x200f, 0x2028,
                                     0x2029, 0xfeff)
                or 0x202a <= cp <= 0x202e or 0x2066 <= cp <= 0x2069
                or 0xfff0 <= cp)


def esc(b):
    """b (bytes or str) as one field: escapes, runs as \\{N}X."""
    if isinstance(b, str):
        b = b.encode("utf-8", "surrogateescape")
    toks, i = [], 0
    while i < len(b):
        t, n = token(b, i)
        toks.append(t)
        i += n
    out, i = [], 0
    while i < len(toks):
        j = i
        while j < len(toks) and toks[j] == toks[i]:
            j += 1
        if j - i >= 8:
            out.append("\\{%d}%s" % (j - i, toks[i]))
        else:
            out.extend(toks[i:j])
        i = j
    return "".join(out)


class Kind:
    """The cases of one file."""

    def __init__(self, name, title, db="cases", pending=None):
        self.name, self.title, self.db, self.pending = name, title, db, \
            pending
        self.rows, self.seen = [], set()

    def add(self, exit, args, needle="", stdin=b""):
        """One case: fq ARGS must exit `exit` (and say `needle`)."""
        row = "\t".join([str(exit), esc(needle), esc(stdin)] +
                        [esc(a) for a in args])
        if row not in self.seen:
            self.seen.add(row)
            self.rows.append(row)

    def write(self, where):
        path = os.path.join(where, self.name + ".tsv")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("# %s: %s\n" % (self.name, self.title))
            f.write("# written by tests/corpus/gen.py (see README); "
                    "do not edit by hand\n")
            f.write("# db: %s\n" % self.db)
            if self.pending:
                f.write("# pending: %s\n" % self.pending)
            f.write("# exit\tneedle\tstdin\targs...\n")
            for r in self.rows:
                f.write(r + "\n")
        return len(self.rows)


# ---- hostile text ----

def B(s):
    """s written with \\xHH escapes, as the bytes they say."""
    return s.encode("latin-1")


def u(cp):
    return chr(cp).encode("utf-8")


C0 = [bytes([c]) for c in range(1, 0x20)]
DEL = [b"\x7f"]
C1 = [u(cp) for cp in range(0x80, 0xa0)]
BIDI = [u(cp) for cp in [0x061c, 0x200e, 0x200f] + list(range(0x202a, 0x202f))
        + list(range(0x2066, 0x206a))]
INVALID = [
    # continuation bytes with no lead
    b"\x80", b"\xbf", b"\x80\x80", b"\xbf\xbf\xbf",
    # overlong forms of '/', NUL and others
    b"\xc0\xaf", b"\xc0\x80", b"\xc1\xbf", b"\xe0\x80\xaf", b"\xe0\x80\x80",
    b"\xe0\x9f\xbf", b"\xf0\x80\x80\xaf", b"\xf0\x8f\xbf\xbf",
    b"\xf8\x88\x80\x80\x80", b"\xfc\x84\x80\x80\x80\x80",
    # UTF-16 surrogates, alone and as a CESU-8 pair
    b"\xed\xa0\x80", b"\xed\xad\xbf", b"\xed\xae\x80", b"\xed\xb0\x80",
    b"\xed\xbf\xbf", b"\xed\xa0\xbd\xed\xb8\x80",
    # beyond U+10FFFF
    b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xf7\xbf\xbf\xbf",
    # bytes never in UTF-8
    b"\xc0", b"\xc1", b"\xf5", b"\xfe", b"\xff", b"\xfe\xff", b"\xff\xfe",
    # truncated sequences, then ASCII
    b"\xc3A", b"\xe4\xb8A", b"\xe4AB", b"\xf0\x9f\x98A", b"\xf0\x9fAB",
]
# A truncated sequence at the very end of the text.
INVALID_END = [b"\xc3", b"\xe4\xb8", b"\xf0\x9f\x98", b"\xe4"]

ZH = "空调坏了".encode()


def inside(bad):
    """bad between Chinese characters: what a paste might carry."""
    return "空调".encode() + bad + "坏了".encode()


def hostile(multiline):
    """Every hostile text, each with the class it belongs to."""
    out = []
    for c in C0:
        if multiline and c in (b"\t", b"\n"):
            continue
        out.append(("c0", inside(c)))
    out += [("del", inside(c)) for c in DEL]
    out += [("c1", inside(c)) for c in C1]
    out += [("bidi", inside(c)) for c in BIDI]
    out += [("utf8", inside(c)) for c in INVALID]
    out += [("utf8", ZH + c) for c in INVALID_END]
    out += [("utf8", c) for c in INVALID[:6]]
    return out


def pick(items, n, salt):
    """n items spread over the list, starting at a place set by salt."""
    if len(items) <= n:
        return list(items)
    step = len(items) / n
    return [items[int(salt + k * step) % len(items)] for k in range(n)]


def sample(multiline, salt):
    """A few hostile texts of every class (for the fields after the
    first, which get them all)."""
    by = {}
    for cls, b in hostile(multiline):
        by.setdefault(cls, []).append(b)
    want = {"c0": 1, "del": 1, "c1": 1, "bidi": 1, "utf8": 2}
    out = []
    for cls, n in want.items():
        out += pick(by[cls], n, salt)
    # the classic ones, in every field
    out += [inside(b"\x1b[2J"), inside(u(0x9b) + b"2J")]
    return out


# ---- argv ----

ID_COMMANDS = [
    # command, the arguments after ID that make it otherwise valid
    ("show", []), ("accept", []), ("transfer", ["front_desk"]),
    ("follow", ["已处理"]), ("reply", ["手机已找到"]),
    ("callback", ["周先生已取回"]), ("escalate", ["请主管处理"]),
    ("decline", ["--reason", "不提供此服务"]), ("sign", []),
    ("reopen", ["客人又来电"]), ("wait", ["--reason", "等客人回电"]),
    ("resume", []), ("amend", ["--room", "1208", "--note", "房号记错"]),
]

BAD_IDS = [
    "0", "00", "#0", "#", "##1", "1e3", "1E3", "0x10", "0x1", "1.0", "1.",
    ".1", "1,000", "1_000", " 1", "1 ", "1\t", "+1", "--1", "", " ",
    "9223372036854775808", "18446744073709551616",
    "99999999999999999999999999999999", "1" * 400, "one", "NaN", "inf",
    "１", "١", "٣", "१", "一", "壹", "1\n", "#１", "1#", "1a", "a1",
    "#-1", "#+1", "-", "\x1b[2J", "1\x1b", B("\xff"), B("\xc2\x9b"),
]
NO_SUCH = ["999", "9223372036854775807", "#999", "4294967296", "2147483648"]


def gen_argv():
    k = Kind("argv", "unknown commands and options, missing values, "
             "malformed and absent case numbers")
    # the top level
    for cmd in ["lgo", "LOG", "Log", "logs", "", " ", "log ", " log",
                "lo", "list!", "列表", "--", "\x1b[2J", B("\xff"), B("l\xc2\x9bog"),
                "help2", "1", "#1", "-", "verify\n"]:
        k.add(USAGE, [cmd] + (["空调坏了"] if isinstance(cmd, str) and
                              cmd.startswith("lo") else []))
    for opt in ["--frobnicate", "-x", "-Q", "--versionx", "--db", "--policy",
                "--as", "--format", "--color", "--=", "---", "--\x1b",
                "--format=TSV", "--format=", "--color=", "--color=yes",
                "--format=xml", "--format=html", "--format=json5"]:
        k.add(USAGE, [opt] + ([] if opt in ("--db", "--policy", "--as",
                                            "--format", "--color") else
                              ["list"]))
    for opt, val in [("--format", "xml"), ("--format", ""), ("--format",
                     "TSV"), ("--format", "table "), ("--color", "purple"),
                     ("--color", ""), ("--color", "ALWAYS"),
                     ("--color", "1")]:
        k.add(USAGE, [opt, val, "list"])
        k.add(USAGE, ["list", opt, val])
    k.add(PERM, ["--as", "nobody", "list"])
    k.add(PERM, ["--as", "li.na ", "list"])
    k.add(PERM, ["--as", "LI.NA", "list"])
    k.add(PERM, ["--as", "li.na\x1b", "list"])
    k.add(PERM, ["--as", "李娜", "list"])
    k.add(PERM, ["--as", "x" * 300, "list"])
    k.add(PERM, ["FQ_USER=nobody", "list"])
    k.add(PERM, [B("FQ_USER=zhou.min\xc2\x85"), "list"])
    k.add(NOINPUT, ["--db", "/nonexistent/dir/fq.db", "list"])
    k.add(NOINPUT, ["FQ_DB=/nonexistent/fq.db", "show", "1"])
    k.add(CONFIG, ["--policy", "/nonexistent/policy.yaml", "list"])
    k.add(CONFIG, ["--policy", "/dev/null", "list"])
    k.add(CONFIG, ["FQ_POLICY=/nonexistent.yaml", "route", "空调"])
    # every command: an unknown option, a stray short one
    for cmd in ["log", "transfer", "accept", "follow", "reply", "callback",
                "escalate", "decline", "sign", "reopen", "wait", "resume",
                "amend", "show", "list", "route", "policy", "overdue",
                "report", "handover", "verify", "export", "import", "help",
                "init"]:
        k.add(USAGE, [cmd, "--no-such-option"])
        k.add(USAGE, [cmd, "-Z"])
    # options without their value
    for args in [
        ["log", "空调坏了", "--guest"], ["log", "空调坏了", "--room"],
        ["log", "空调坏了", "--phone"], ["log", "空调坏了", "--via"],
        ["log", "空调坏了", "--category"], ["log", "空调坏了", "--promise"],
        ["log", "空调坏了", "--details"], ["log", "空调坏了", "--resolved"],
        ["log", "空调坏了", "--key"], ["accept", "1", "--handler"],
        ["amend", "1", "--summary"], ["amend", "1", "--details"],
        ["amend", "1", "--guest"], ["amend", "1", "--room"],
        ["amend", "1", "--phone"], ["amend", "1", "--via"],
        ["amend", "1", "--room", "1208", "--note"],
        ["decline", "1", "--reason"], ["escalate", "1", "x", "--to"],
        ["handover", "--dept"], ["handover", "--since"],
        ["overdue", "--dept"], ["overdue", "--owner"],
        ["overdue", "--within"], ["policy", "simulate", "repair", "--at"],
        ["reply", "1", "好", "--by"], ["report", "--since"],
        ["report", "--until"], ["report", "--by"],
        ["transfer", "1", "--to"], ["transfer", "1", "front_desk", "--note"],
        ["verify", "--head"], ["wait", "1", "--reason"],
        ["wait", "1", "--reason", "x", "--until"],
    ]:
        k.add(USAGE, args)
    for cmd in ["list", "export"]:
        for opt in ["--status", "--dept", "--owner", "--handler",
                    "--category", "--guest", "--room", "--since", "--until",
                    "--limit"]:
            k.add(USAGE, [cmd, opt])
    # values out of their sets
    for cmd in ["list", "export"]:
        salt = len(cmd)
        for v in pick(["bogus", "", "OPEN", "open,closed", "all ", "\x1b"],
                      3, salt):
            k.add(USAGE, [cmd, "--status", v])
        for v in pick(["abc", "-1", "1e3", "", " 5", "+5", "5 ", "5x",
                       "0x10", "99999999999999999999", "9223372036854775808",
                       "１", "1.5", "0"], 7, salt):
            k.add(USAGE, [cmd, "--limit", v])
    # fixed words of an option are the command line's own: 64 (fq(1))
    for v in ["fax", "", "DESK", "desk ", "\x1b"]:
        k.add(USAGE, ["log", "空调坏了", "--via", v])
    for v in ["pigeon", "", "PHONE"]:
        k.add(USAGE, ["reply", "1", "手机已找到", "--by", v])
    for v in ["year", "", "DAY", "dept,day"]:
        k.add(USAGE, ["report", "--by", v])
    for v in ["nowhere", "", "Repair", "repair\x1b", "工程"]:
        k.add(DATA, ["log", "空调坏了", "--category", v])
    for v in ["nowhere", "", "FRONT_DESK", "\x1b[2J"]:
        k.add(DATA, ["transfer", "1", v])
        k.add(DATA, ["list", "--dept", v])
    for v in ["abc", "0", "00", "x" * 65, "zz" * 32 + "0", "\x1b"]:
        k.add(DATA, ["verify", "--head", v])
    # missing and extra positional arguments
    for args in [["log"], ["show"], ["show", "1", "2"],
                 ["accept"], ["accept", "1", "2"], ["transfer"],
                 ["reply"], ["reply", "1"], ["reply", "1", "a", "b"],
                 ["callback"], ["callback", "2"], ["escalate"],
                 ["decline"], ["decline", "1"], ["decline", "1", "x"],
                 ["sign"], ["sign", "1", "2"], ["reopen"], ["reopen", "3"],
                 ["wait"], ["wait", "1"], ["resume"], ["resume", "1", "2"],
                 ["amend"], ["amend", "1"], ["route"], ["route", "a", "b"],
                 ["policy"], ["policy", "bogus"], ["policy", "show", "x"],
                 ["policy", "check", "a", "b"], ["policy", "simulate"],
                 ["policy", "simulate", "repair"], ["help", "a", "b"],
                 ["help", "nosuch"], ["import", "a", "b"],
                 ["verify", "x"], ["list", "x"], ["report", "x"],
                 ["overdue", "x"], ["handover", "x"], ["export", "x"],
                 ["follow", "1", "a", "b"]]:
        k.add(USAGE, args)
    # case numbers
    # (every one for show, a few for each other command)
    ids = [b for b in BAD_IDS if not (isinstance(b, str) and
                                      b.startswith("-") and b != "-")]
    negative = ["-1", "-0", "-9223372036854775808"]
    for n, (cmd, rest) in enumerate(ID_COMMANDS):
        for bad in ids if n == 0 else pick(ids, 5, 5 * n):
            k.add(DATA, [cmd, bad] + rest, "not a case number")
        for bad in negative if n == 0 else pick(negative, 1, n):
            k.add(USAGE, [cmd, bad] + rest)
        for none in NO_SUCH if n == 0 else pick(NO_SUCH, 1, n):
            k.add(NOINPUT, [cmd, none] + rest, "no case")
    return k


# ---- WHEN and DUR ----

BAD_WHEN = [
    "", " ", "now ", " now", "Now", "NOW", "tomorrowx", "yester day",
    "2026-02-30", "2026-02-29", "2025-04-31", "2026-13-01", "2026-00-10",
    "2026-11-00", "2026-11-32", "0000-01-01", "10000-01-01", "-2026-01-01",
    "+2026-01-01", "2026-1-1", "2026-11-7", "26-11-27", "2026/11/27",
    "27.11.2026", "20261127", "2026-11", "2026", "2026-W48",
    "24:00", "23:60", "25:00", "99:99", "-1:00", "14:5", "1:05", "14:05:5",
    "14:05:60", "14:05:61", "14:", ":05", "14-05", "14h05", "T14:05",
    "2026-11-27T", "2026-11-27 ", "2026-11-27T24:00", "2026-11-27T23:60",
    "2026-11-27T14:05:60", "2026-11-27T14:05+25:00", "2026-11-27T14:05+24:00",
    "2026-11-27T14:05+99:99", "2026-11-27T14:05+08:60",
    "2026-11-27T14:05+0800x", "2026-11-27T14:05-", "2026-11-27T14:05Z ",
    "2026-11-27T14:05ZZ", "2026-11-27T14:05z08", "2026-11-27T14:05+8",
    "2026-11-27T14:05:00.5", "2026-11-27T14:05:00,5",
    "2026-11-27T14:05+08:00:00", "2026-11-27TT14:05", "2026-11-27T14:05 junk",
    "-9999999999d", "+9999999999d", "9999999999d", "99999999999999999999d",
    "-99999999999999999999s", "9223372036854775807s", "-9223372036854775808s",
    "106751991167300d", "-106751991167301d", "1e3h", "1E3h", "0x10m",
    "1.5h", "1,5h", "١h", "٣h", "１h", "３０m", "一小时", "8H", "8 h", "- 8h",
    "--8h", "+-8h", "-+8h", "8", "-8", "h", "8hh", "8h-", "1h1h",
    "1wd", "-1wd", "4bh", "-4bh", "2026-11-27\x1b", "\x1b[2J", B("\xc2\x9b2J"),
    B("2026-11-27\xff"), B("14:05\xe2\x80\xae"), "２０２６-１１-２７",
    "2026－11－27", "2026-11-27T14:05\x00"[:-1] + "\t",
]

BAD_DUR = [
    "", " ", "0", "5", "m", "h", "5x", "-5m", "+5m", "5m-", "1h1h",
    "4bh1h", "1h4bh", "1wd1h", "1d1wd", "5M", "5 m", " 5m", "5m ", "1.5h",
    "1,5h", "1e3m", "0x10m", "５m", "٥m", "99999999999999999999s",
    "9223372036854775807s", "9223372036854775807d", "106751991167301d",
    "-9999999999d", "1h30", "h30m", "30mm", "1bhh", "1wdd", "1w", "1y",
    "\x1b", B("5m\xc2\x9b"), B("5m\xff"),
]


def gen_when():
    k = Kind("when", "malformed and out-of-range times (WHEN) and "
             "durations (DUR)")
    for w in BAD_WHEN:
        k.add(DATA, ["list", "--since", w], "--since")
    contexts = [
        lambda w: ["list", "--until", w],
        lambda w: ["report", "--since", w],
        lambda w: ["report", "--until", w],
        lambda w: ["export", "--since", w],
        lambda w: ["handover", "--since", w],
        lambda w: ["log", "空调坏了", "--promise", w],
        lambda w: ["wait", "1", "--reason", "等客人回电", "--until", w],
        lambda w: ["policy", "simulate", "repair", "--at", w],
        lambda w: [b"FQ_NOW=" + (w if isinstance(w, bytes) else
                                 w.encode()), "list"],
    ]
    for i, ctx in enumerate(contexts):
        for w in pick([w for w in BAD_WHEN if w], 8, 7 * i):
            k.add(DATA, ctx(w))
    for d in BAD_DUR:
        k.add(DATA, ["overdue", "--within", d], "--within")
    return k


# ---- text fields ----

# field, command before the text, command after it, multi-line, required
FIELDS = [
    ("the summary", ["log"], [], False, True),
    ("--guest", ["log", "空调坏了", "--guest"], [], False, False),
    ("--room", ["log", "空调坏了", "--room"], [], False, False),
    ("--phone", ["log", "空调坏了", "--phone"], [], False, False),
    ("--details", ["log", "空调坏了", "--details"], [], True, False),
    ("--resolved", ["log", "需要熨斗", "--resolved"], [], True, True),
    ("--key", ["log", "空调坏了", "--key"], [], False, False),
    ("NOTE", ["follow", "1"], [], True, True),
    ("ANSWER", ["reply", "1"], [], True, True),
    ("NOTE", ["callback", "2"], [], True, True),
    ("NOTE", ["escalate", "1"], [], True, True),
    ("NOTE", ["reopen", "3"], [], True, True),
    ("--reason", ["decline", "1", "--reason"], [], True, True),
    ("--reason", ["wait", "1", "--reason"], [], True, True),
    ("--note", ["transfer", "1", "front_desk", "--note"], [], True, False),
    ("--summary", ["amend", "1", "--summary"], ["--note", "改"], False,
     True),
    ("--details", ["amend", "1", "--details"], ["--note", "改"], True,
     False),
    ("--guest", ["amend", "1", "--guest"], ["--note", "改"], False, False),
    ("--room", ["amend", "1", "--room"], ["--note", "改"], False, False),
    ("--phone", ["amend", "1", "--phone"], ["--note", "改"], False, False),
    ("--note", ["amend", "1", "--room", "1208", "--note"], [], True, True),
    ("TEXT", ["route"], [], True, True),
]
LIMIT = {"the summary": 200, "--guest": 64, "--room": 32, "--phone": 32,
         "--details": 4000, "--key": 64, "--summary": 200, "TEXT": 4000}


def gen_text():
    k = Kind("text", "control characters of every class, invalid UTF-8, "
             "over-long and empty text in every field")
    for n, (what, before, after, multi, required) in enumerate(FIELDS):
        texts = [b for _, b in hostile(multi)] if n == 0 else \
            sample(multi, n)
        for t in texts:
            k.add(DATA, before + [t] + after, what)
        limit = LIMIT.get(what, 2000)
        k.add(DATA, before + [("空" if n % 2 else "a") * (limit + 1)] +
              after, what)
        if required:
            for blank in ["", " ", "\t"][:3 if multi else 2]:
                k.add(DATA, before + [blank] + after, what)
        if not multi:
            k.add(DATA, before + [["空调\n坏了", "空调\t坏了"][n % 2]] +
                  after, what)
        for blank in ["\r", "\n", "\t", " \r\n "][3 if multi else 0:]:
            if n == 0 or blank in ("\r", " \r\n "):
                k.add(DATA, before + [blank] + after, what)
    # text from standard input
    det = ["log", "空调坏了", "--details", "-"]
    for s in [b"a\x00b", b"\x00", "前半".encode() + b"\x00" + "后半".encode(),
              b"\x1b[2J", u(0x9b), u(0x202e), b"\xff", b"\xc0\xaf",
              b"\xed\xa0\x80", "空".encode() * 4001, b"ab\rcd"]:
        k.add(DATA, det, "--details", s)
    return k


# ---- policies ----

BASE_POLICY = """\
version: 1
organization: 测试酒店
timezone: Asia/Shanghai
calendar:
  hours:
    mon: ["09:00-12:00", "13:30-18:00"]
    tue: ["09:00-18:00"]
  holidays: [2026-10-01..2026-10-07]
  workdays: [2026-10-10]
  workday_hours: ["09:00-12:00", "13:30-18:00"]
departments:
  front_desk: {name: 前台, phone: "3669000", email: fd@hotel.example}
  engineering: {name: 工程部, phone: "3669080"}
staff:
  li.na: {name: 李娜, department: front_desk, role: staff, email: li.na@hotel.example}
  lu.gang: {name: 陆刚, department: engineering, role: supervisor}
  zhou.min: {name: 周敏, department: front_desk, role: manager}
defaults:
  accept_within: 5m
  reply_within: 15m
  resolve_within: 1d
categories:
  repair:
    name: 工程维修
    department: engineering
    keywords: [空调, 漏水]
    accept_within: 5m
    reply_within: 15m
    resolve_within: 2h
    callback: true
    major: false
  inquiry:
    name: 咨询
    department: front_desk
    keywords: [问路]
default_category: inquiry
escalation:
  - {at: 80%, notify: [holder]}
  - {at: 200%, notify: [managers], repeat: 1h}
forbidden_phrases: [不知道]
shifts: ["07:00", "15:00", "23:00"]
mail_from: "fq <fq@hotel.example>"
"""


def mutate(line_start, new):
    """The base policy with the line that starts with `line_start`
    replaced by `new` (several lines allowed, or None to drop it)."""
    lines = BASE_POLICY.split("\n")
    for i, line in enumerate(lines):
        if line.startswith(line_start):
            lines[i:i + 1] = [] if new is None else [new]
            return "\n".join(lines)
    raise KeyError(line_start)


def nest(open_, close, n, inner="1"):
    return open_ * n + inner + close * n


POLICY_MUTATIONS = [
    # version
    ("version:", "version: 2"), ("version:", "version: 0"),
    ("version:", "version: \"1.0\""), ("version:", "version: 01"),
    ("version:", "version: [1]"), ("version:", "version: {v: 1}"),
    ("version:", "version:"), ("version:", "version: 1e0"),
    ("version:", "version: 99999999999999999999"), ("version:", None),
    ("version:", "version: -1"),
    # organization
    ("organization:", "organization:"), ("organization:", "organization: ''"),
    ("organization:", "organization: [a, b]"),
    ("organization:", "organization: {a: b}"),
    ("organization:", "organization: \"酒店\\e[2J\""),
    ("organization:", "organization: \"酒店\\x9b2J\""),
    ("organization:", "organization: \"酒店\\u202e\""),
    ("organization:", "organization: \"酒店\\u0085\""),
    ("organization:", "organization: \"a\\nb\""),
    ("organization:", "organization: \"a\\0b\""),
    ("organization:", "organization: \"a\\x7f\""),
    ("organization:", None),
    # timezone
    ("timezone:", "timezone: Mars/Olympus"), ("timezone:", "timezone: ''"),
    ("timezone:", "timezone: ../../../../etc/passwd"),
    ("timezone:", "timezone: /etc/localtime"),
    ("timezone:", "timezone: [UTC]"), ("timezone:", "timezone:"),
    ("timezone:", "timezone: \"Asia/Shanghai\\e\""),
    ("timezone:", "timezone: asia/shanghai"),
    ("timezone:", "timezone: Asia/Shanghai/"),
    ("timezone:", "timezone: Asia//Shanghai"),
    ("timezone:", "timezone: " + "A" * 300),
    ("timezone:", None),
    # calendar
    ("calendar:", "calendar: sometimes\nx_calendar:"),
    ("    mon:", "    mon: [\"25:00-26:00\"]"),
    ("    mon:", "    mon: [\"09:00-08:00\"]"),
    ("    mon:", "    mon: [\"09:00\"]"),
    ("    mon:", "    mon: [\"9-12\"]"),
    ("    mon:", "    mon: [\"09:00-12:00\", \"11:00-13:00\"]"),
    ("    mon:", "    mon: [\"24:00-24:30\"]"),
    ("    mon:", "    mon: [\"09:60-10:00\"]"),
    ("    mon:", "    mon: \"09:00-12:00\""),
    ("    mon:", "    mon: {a: b}"),
    ("    mon:", "    funday: [\"09:00-12:00\"]"),
    ("    mon:", "    Mon: [\"09:00-12:00\"]"),
    ("    mon:", "    mon: [\"09:00-12:00\\e\"]"),
    ("  holidays:", "  holidays: [2026-02-30]"),
    ("  holidays:", "  holidays: [2026-10-07..2026-10-01]"),
    ("  holidays:", "  holidays: [2026-13-01]"),
    ("  holidays:", "  holidays: [x]"),
    ("  holidays:", "  holidays: [2026-10-01..]"),
    ("  holidays:", "  holidays: [0000-01-01]"),
    ("  holidays:", "  holidays: [99999-01-01]"),
    ("  holidays:", "  holidays: 2026-10-01"),
    ("  workdays:", "  workdays: [2026-02-29]"),
    ("  workdays:", "  workdays: [[2026-10-10]]"),
    ("  workday_hours:", "  workday_hours: []"),
    ("  workday_hours:", "  workday_hours: [\"00:00-00:00\"]"),
    ("  workday_hours:", "  workday_hours: [\"18:00-09:00\"]"),
    ("  workday_hours:", "  workday_hours: 7.5h"),
    ("  hours:", "  hourz:"),
    # departments
    ("departments:", "departments: x"), ("departments:", "departments: []"),
    ("  front_desk:", "  Front Desk: {name: 前台}"),
    ("  front_desk:", "  前台: {name: 前台}"),
    ("  front_desk:", "  \"front\\edesk\": {name: 前台}"),
    ("  front_desk:", "  front_desk: {name: ''}"),
    ("  front_desk:", "  front_desk: {name: [前台]}"),
    ("  front_desk:", "  front_desk: {phone: \"3669000\"}"),
    ("  front_desk:", "  front_desk: {name: 前台, email: not-an-email}"),
    ("  front_desk:", "  front_desk: {name: 前台, fax: \"1\"}"),
    ("  front_desk:", "  front_desk: {name: \"前台\\e[2J\"}"),
    ("  front_desk:", "  front_desk: {name: \"前台\\u202e\"}"),
    ("  front_desk:", "  front_desk: 前台"),
    ("  front_desk:", "  front_desk: {name: 前台, phone: [1]}"),
    ("  front_desk:", "  front_desk: {name: 前台, email: \"a@b\\e\"}"),
    ("  front_desk:", "  " + "d" * 300 + ": {name: 前台}"),
    # staff
    ("staff:", "staff: []"), ("staff:", "staff: li.na"),
    ("  li.na:", "  li.na: {name: 李娜, department: nowhere, role: staff}"),
    ("  li.na:", "  li.na: {name: 李娜, department: front_desk, role: king}"),
    ("  li.na:", "  li.na: {name: 李娜, department: front_desk, role: ''}"),
    ("  li.na:", "  li.na: {name: '', department: front_desk, role: staff}"),
    ("  li.na:", "  li.na: {department: front_desk, role: staff}"),
    ("  li.na:", "  \"li na\": {name: 李娜, department: front_desk, role: staff}"),
    ("  li.na:", "  \"li.na\\e\": {name: 李娜, department: front_desk, role: staff}"),
    ("  li.na:", "  li.na: {name: 李娜, department: front_desk, role: staff, email: x}"),
    ("  li.na:", "  li.na: {name: \"李娜\\x85\", department: front_desk, role: staff}"),
    ("  li.na:", "  li.na: {name: 李娜, department: [front_desk], role: staff}"),
    ("  li.na:", "  li.na: {name: 李娜, department: front_desk, role: staff, shoe: 42}"),
    # defaults
    ("  accept_within:", "  accept_within: 5"),
    ("  accept_within:", "  accept_within: 5x"),
    ("  accept_within:", "  accept_within: -5m"),
    ("  accept_within:", "  accept_within: 99999999999999999999m"),
    ("  accept_within:", "  accept_within: 9223372036854775807s"),
    ("  accept_within:", "  accept_within: 106751991167301d"),
    ("  accept_within:", "  accept_within: 1h1h"),
    ("  accept_within:", "  accept_within: 4bh1h"),
    ("  accept_within:", "  accept_within: ''"),
    ("  accept_within:", "  accept_within: [5m]"),
    ("  accept_within:", "  accept_within: 1e3m"),
    ("  accept_within:", "  accept_within: ５m"),
    ("  accept_within:", "  snooze_within: 5m"),
    ("  resolve_within: 1d", "  resolve_within: 1d\\e"),
    # categories
    ("    department: engineering", "    department: nowhere"),
    ("    department: engineering", "    department: [engineering]"),
    ("    keywords: [空调", "    keywords: 空调"),
    ("    keywords: [空调", "    keywords: [[空调]]"),
    ("    keywords: [空调", "    keywords: [\"\"]"),
    ("    keywords: [空调", "    keywords: [\"空调\\e\"]"),
    ("    keywords: [空调", "    keywords: [{a: b}]"),
    ("    name: 工程维修", "    name: ''"),
    ("    name: 工程维修", "    name: \"工程\\u2066维修\""),
    ("    major: false", "    major: maybe"),
    ("    major: false", "    major: [true]"),
    ("    callback: true", "    callback: 2"),
    ("    accept_within: 5m", "    accept_within: 1e3m"),
    ("    accept_within: 5m", "    priority: 1"),
    ("    reply_within: 15m", "    reply_within: 15"),
    ("  repair:", "  Repair!:"),
    ("categories:", "categories: []"),
    # default_category
    ("default_category:", "default_category: nowhere"),
    ("default_category:", "default_category: ''"),
    ("default_category:", "default_category: [inquiry]"),
    ("default_category:", None),
    # escalation
    ("escalation:", "escalation: x\nx_escalation:"),
    ("  - {at: 80%", "  - {at: 80, notify: [holder]}"),
    ("  - {at: 80%", "  - {at: \"80%%\", notify: [holder]}"),
    ("  - {at: 80%", "  - {at: -10%, notify: [holder]}"),
    ("  - {at: 80%", "  - {at: 99999999999999999999%, notify: [holder]}"),
    ("  - {at: 80%", "  - {at: 80%, notify: [nobody]}"),
    ("  - {at: 80%", "  - {at: 80%, notify: holder}"),
    ("  - {at: 80%", "  - {at: 80%, notify: []}"),
    ("  - {at: 80%", "  - {at: 80%, notify: [holder], repeat: -1h}"),
    ("  - {at: 80%", "  - {at: 80%, notify: [holder], repeat: 5}"),
    ("  - {at: 80%", "  - {}"),
    ("  - {at: 80%", "  - {at: 80%, notify: [holder], when: now}"),
    ("  - {at: 80%", "  - 80%"),
    # forbidden phrases, shifts, mail_from
    ("forbidden_phrases:", "forbidden_phrases: 不知道"),
    ("forbidden_phrases:", "forbidden_phrases: [[不知道]]"),
    ("forbidden_phrases:", "forbidden_phrases: [\"\"]"),
    ("forbidden_phrases:", "forbidden_phrases: [\"不\\e知道\"]"),
    ("shifts:", "shifts: [\"25:00\"]"),
    ("shifts:", "shifts: [\"07:00\", \"07:00\"]"),
    ("shifts:", "shifts: \"07:00\""),
    ("shifts:", "shifts: [7]"),
    ("shifts:", "shifts: [\"7:00am\"]"),
    ("mail_from:", "mail_from: \"no at sign\""),
    ("mail_from:", "mail_from: \"fq <fq@hotel.example>\\r\\nBcc: x@evil.test\""),
    ("mail_from:", "mail_from: \"a\\e@b\""),
    ("mail_from:", "mail_from: [fq@hotel.example]"),
    # keys fq does not know
    ("mail_from:", "mail_from: \"fq <fq@hotel.example>\"\ncolour: red"),
    ("version:", "Version: 1"),
    ("version:", "version: 1\nversion: 1"),
    # YAML that is not YAML
    ("organization:", "organization: [测试酒店"),
    ("organization:", "organization: {测试酒店"),
    ("organization:", "organization: \"测试酒店"),
    ("organization:", "organization: '测试酒店"),
    ("organization:", "organization: \"\\q\""),
    ("organization:", "organization: *nope"),
    ("organization:", "organization: &a [*a]"),
    ("organization:", "organization: : :"),
    ("organization:", "\torganization: 测试酒店"),
    ("organization:", "organization: 测试酒店\n  bad: indent"),
    ("organization:", "- organization"),
    ("organization:", "organization: 测试酒店\n---\nversion: 1"),
    ("organization:", "organization: |\n  a\n b"),
    # nesting
    ("organization:", "organization: " + nest("[", "]", 65)),
    ("organization:", "organization: " + nest("{a: ", "}", 65)),
    ("organization:", "organization: " + nest("[", "]", 100000)),
    ("organization:", "organization: " + nest("[{a: ", "}]", 40)),
    ("organization:", "organization: " + "[" * 5000),
    ("organization:", "organization: " + "{" * 5000),
    ("organization:", "organization:\n" + "".join(
        "  " * (i + 1) + "a:\n" for i in range(70)) + "  " * 71 + "b"),
    ("organization:", "organization:\n" + "".join(
        "  " * (i + 1) + "-\n" for i in range(70)) + "  " * 71 + "b"),
]


def alias_bomb(levels, width):
    out = ["version: 1", "x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        out.append("x%d: &x%d [%s]" % (i, i, ", ".join(["*x%d" % (i - 1)]
                                                       * width)))
    return "\n".join(out) + "\n"


WHOLE_POLICIES = [
    b"", b"\n", b"# only a comment\n", b"---\n", b"---\n...\n", b"null\n",
    b"~\n", b"[]\n", b"{}\n", b"42\n", b"- a\n- b\n", b"\"a policy\"\n",
    b"\xff\xfe", b"\xfe\xff\x00v", b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf"
    b"version: 1\n", b"version: 1\x00\n", b"\x00", b"\x1b[2J\n",
    b"version: 1\n\x1b[2J: x\n", b"version: 1\norganization: \xc0\xaf\n",
    b"version: 1\norganization: \xed\xa0\x80\n",
    b"version: 1\norganization: \xf4\x90\x80\x80\n",
    b"version: 1\norganization: \xe4\xb8\n",
    "version: 1\norganization: 酒店\u0085\n".encode(),
    b"version: 1\r\norganization: [\r\n",
    b"{" * 64 + b"}" * 64, b"[" * 65 + b"]" * 65,
    alias_bomb(9, 9).encode(), alias_bomb(6, 20).encode(),
    (BASE_POLICY + "---\nversion: 1\n").encode(),
    (BASE_POLICY + "...\n---\n").encode(),
    BASE_POLICY.encode()[:-40],
    BASE_POLICY.replace(": ", ":").encode(),
    BASE_POLICY.replace("  ", "\t").encode(),
]


def gen_policy():
    k = Kind("policy", "policies fq must refuse: bad YAML, deep nesting, "
             "wrong types, unknown keys, huge numbers, controls")
    texts = [mutate(a, b).encode() for a, b in POLICY_MUTATIONS]
    texts += WHOLE_POLICIES
    for t in texts:
        k.add(CONFIG, ["policy", "check", "-"], "", t)
    # the same policies as any command loads them (a few)
    for t in pick(texts, 12, 3):
        k.add(CONFIG, ["--policy", "-", "route", "空调坏了"], "", t)
    return k


# ---- import lines ----

GENESIS = "0" * 64
T0 = 1795719600  # 2026-11-27T03:00:00+08:00, FQ_NOW of the suite


def iso(t):
    """t as export writes it: the policy's zone, +08:00."""
    import datetime
    tz = datetime.timezone(datetime.timedelta(hours=8))
    return datetime.datetime.fromtimestamp(t, tz).isoformat()


def canon(v):
    """json_text() of fq: compact, keys in order, UTF-8 as it is."""
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def digest(prev, eid, case_id, seq, at, actor, kind, data):
    """An event's digest, version 1 (lib/events.c, event_digest)."""
    h = hashlib.sha256()
    for field in [prev, "%d %d %d %d" % (eid, case_id, seq, at), actor, kind,
                  canon(data)]:
        h.update(field.encode("utf-8", "surrogateescape") + b"\n")
    return h.hexdigest()


def base_case(case_id=1, summary="空调坏了", owner="li.na", actor="li.na",
              logged_summary=None, details=None, guest=None, extra=None):
    """A case as fq export writes it, logged at T0, digests right, as the
    first case of an empty database."""
    data = {"summary": summary if logged_summary is None else
            logged_summary, "details": details, "guest_name": guest,
            "room": None, "phone": None, "via": "desk",
            "category": "repair", "keyword": "空调",
            "department": "engineering", "handler": None, "major": False,
            "accept_due_at": T0 + 300, "reply_due_at": T0 + 900,
            "resolve_due_at": T0 + 7200}
    c = {"id": case_id, "summary": summary, "category": "repair",
         "department": "engineering", "handler": None, "owner": owner,
         "status": "open", "major": False, "waiting": False,
         "guest": {"name": guest, "room": None, "phone": None},
         "via": "desk", "created_at": iso(T0),
         "due": {"accept": iso(T0 + 300), "reply": iso(T0 + 900),
                 "resolve": iso(T0 + 7200), "promise": None},
         "late": [], "closed_at": None, "details": details,
         "first_contact": False, "waiting_since": None,
         "waiting_until": None, "updated_at": iso(T0), "request_key": None}
    events = [("logged", data, actor)] + (extra or [])
    c["events"] = []
    prev = GENESIS
    for i, (kind, d, who) in enumerate(events):
        eid = i + 1
        dg = digest(prev, eid, case_id, i + 1, T0, who, kind, d)
        c["events"].append({"id": eid, "seq": i + 1, "at": iso(T0),
                            "actor": who, "kind": kind, "data": d,
                            "prev": prev, "digest": dg})
        prev = dg
    return c


def line(c):
    return canon(c).encode("utf-8", "surrogateescape") + b"\n"


WRONG = [None, True, 0, -1, "", "x", [], {}, [1], {"a": 1}]


TEXT_OR_NULL = ["handler", "details", "request_key"]


def key_salt(key):
    """A fixed number for a key, to vary what pick() takes."""
    return sum(key.encode())


def same_type(a, b):
    """1 when a may stand for b as far as JSON's types go: whether a
    fits is then a rule of the case (import-pending.tsv)."""
    kinds = [type(None), bool, int, str, list, dict]
    return a == b or (b is not None and
                      kinds.index(type(a)) == kinds.index(type(b)))


def gen_import():
    k = Kind("import", "import lines fq must refuse: bad JSON, wrong "
             "types, missing and unknown keys, bad ids, digests", "empty")
    imp = ["--as", "zhou.min", "import", "-"]
    good = base_case()
    text = canon(good)
    # JSON that is not JSON
    for s in ["{", "}", "[]", "[", "null", "1", "\"x\"", "true", "{'id':1}",
              "{\"id\":1,}", "{\"id\" 1}", "{id:1}", "{\"id\":NaN}",
              "{\"id\":Infinity}", "{\"id\":-}", "{\"id\":01}",
              "{\"id\":1.5}", "{\"id\":1e3}", "{\"id\":0x10}",
              "{\"id\":99999999999999999999}", "{\"id\":+1}",
              "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12G4\"}",
              "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}",
              "{\"a\":\"\\ud83d\\u0041\"}", "{\"a\":\"\\ud83dx\"}",
              "{\"a\":\"\\\"}", "{\"a\":\"x}", "// x", "/* x */ {}",
              "{} {}", "{}x", text + " x", text + text, text[:-1],
              text[:len(text) // 2], "\ufeff" + text, "[" * 100 + "]" * 100,
              "[" * 10000, "{\"a\":" * 10000, "{\"a\":[" * 40 + "1" +
              "]}" * 40, "\"\\u0000\"", "{\"a\":tru}", "{\"a\":nul}",
              "{\"a\":falsey}", "{\"\":1}", "{\"a\":1,\"a\":2}"]:
        k.add(DATA, imp, "line 1", s.encode() + b"\n")
    # raw bytes inside a string
    for bad in [b"\x1b", b"\x00", b"\x0a", b"\x0d", b"\x01",
                b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
                b"\xe4\xb8"]:
        raw = text.encode().replace("空调坏了".encode(),
                                    "空调".encode() + bad + "坏了".encode(), 1)
        k.add(DATA, imp, "line", raw + b"\n")
    # NUL through an escape: must not cut the summary short
    k.add(DATA, imp, "line 1", text.replace("空调坏了", "空调\\u0000坏了")
          .encode() + b"\n")
    k.add(DATA, imp, "NUL", text.replace("空调坏了", "空调坏了\\u0000", 1)
          .encode() + b"\n")
    # wrong types and missing keys, for every key of the line
    for key in list(good.keys()):
        for w in pick([w for w in WRONG if not (
                same_type(w, good[key]) or (key in TEXT_OR_NULL and
                                            isinstance(w, str)))], 3, key_salt(key)):
            c = dict(good)
            c[key] = w
            k.add(DATA, imp, "line 1", line(c))
        c = dict(good)
        del c[key]
        k.add(DATA, imp, "line 1", line(c))
    for sub, keys in [("guest", ["name", "room", "phone"]),
                      ("due", ["accept", "reply", "resolve", "promise"])]:
        for key in keys:
            for w in [1, [], {}, True, "\x1b"] if sub == "due" else \
                    [1, [], {}, True]:
                c = dict(good)
                c[sub] = dict(good[sub], **{key: w})
                k.add(DATA, imp, "line 1", line(c))
            c = dict(good)
            c[sub] = {x: v for x, v in good[sub].items() if x != key}
            k.add(DATA, imp, "line 1", line(c))
    c = dict(good, extra=1)
    k.add(DATA, imp, "line 1", line(c))
    c = dict(good, guest=dict(good["guest"], email="a@b"))
    k.add(DATA, imp, "line 1", line(c))
    # times
    for t in ["2026-02-30T03:00:00+08:00", "2026-11-27T24:00:00+08:00",
              "2026-11-27T03:00:00", "2026-11-27", "yesterday", "-8h",
              "2026-11-27T03:00:00+25:00", "10000-01-01T00:00:00Z", "",
              "2026-11-27T03:00:00+08:00\x1b"]:
        for key in ["created_at", "updated_at"]:
            k.add(DATA, imp, "line 1", line(dict(good, **{key: t})))
    # ids
    for i in [0, -1, -9223372036854775808]:
        k.add(DATA, imp, "line 1", line(base_case(case_id=i)))
    for s in ["9223372036854775808", "18446744073709551616", "1e3", "1.0",
              "\"1\"", "-0"]:
        k.add(DATA, imp, "line 1", text.replace("{\"id\":1,",
                                                "{\"id\":%s," % s, 1)
              .encode() + b"\n")
    # events
    ev = good["events"][0]
    for key in list(ev.keys()):
        for w in pick([w for w in WRONG if not same_type(w, ev[key]) or
                       key == "prev"], 4, key_salt(key)):
            e = dict(ev, **{key: w})
            k.add(DATA, imp, "line 1", line(dict(good, events=[e])))
        e = {x: v for x, v in ev.items() if x != key}
        k.add(DATA, imp, "line 1", line(dict(good, events=[e])))
    k.add(DATA, imp, "line 1", line(dict(good, events=[dict(ev, extra=1)])))
    k.add(DATA, imp, "line 1", line(dict(good, events=[])))
    k.add(DATA, imp, "line 1", line(dict(good, events=[ev, ev])))
    for key, w in [("seq", 2), ("kind", "followed"), ("kind", "LOGGED"),
                   ("prev", "f" * 64), ("prev", "0" * 63),
                   ("prev", "G" * 64), ("prev", "0" * 65),
                   ("digest", "0" * 64), ("digest", ev["digest"].upper()),
                   ("digest", ev["digest"][:-1]), ("id", 2),
                   ("id", 9223372036854775807), ("actor", "zhou.min"),
                   ("at", iso(T0 + 1)), ("data", dict(ev["data"],
                                                      summary="漏水"))]:
        k.add(DATA, imp, "line 1", line(dict(good, events=[dict(ev,
                                                                **{key: w})])))
    # a good line, then a bad one: nothing of the first may stay
    second = dict(base_case(), id=2)
    k.add(DATA, imp, "line 2", line(good) + line(dict(second, summary=5)))
    k.add(DATA, imp, "line 2", line(good) + b"{\n")
    k.add(DATA, imp, "line 2", line(good) + line(good))
    return k


def gen_import_pending():
    """Lines that are JSON-perfect, digests right, and hostile in what
    they say: fq log would refuse them; fq import must too (branch
    chain)."""
    k = Kind("import-pending", "import lines with valid digests that fq "
             "log's rules refuse", "empty",
             "branch chain (import applies fq log's input rules); "
             "tests/corpus.bats skips this file while this line is here")
    imp = ["--as", "zhou.min", "import", "-"]
    cases = [
        base_case(summary="空调\x1b[2J坏了"),
        base_case(summary="空调\x1b]0;owned\x07坏了"),
        base_case(summary="空调\r\n坏了"),
        base_case(summary="空调\n坏了"),
        base_case(summary="空调\u009b2J坏了"),
        base_case(summary="空调\u202e坏了"),
        base_case(summary="空" * 201),
        base_case(summary=""),
        base_case(summary="   "),
        base_case(owner=""),
        base_case(owner="nobody\x1b"),
        base_case(actor="a" * 1000),
        base_case(actor=""),
        base_case(case_id=9223372036854775807),
        base_case(case_id=9007199254740992),
        base_case(logged_summary="漏水"),
        base_case(guest="周\u0085先生"),
        dict(base_case(), summary="漏水"),
        dict(base_case(), details="另有隐情"),
        dict(base_case(), via="fax"),
        dict(base_case(), category="billing"),
        dict(base_case(), owner="zhou.min"),
        base_case(details="a\x1bb"),
        base_case(extra=[("followed", {"text": "已\x1b[2J处理"}, "li.na")]),
        base_case(extra=[("followed", {"text": "a" * 2001}, "li.na")]),
    ]
    for c in cases:
        k.add(DATA, imp, "line 1", line(c))
    c = base_case()
    c["guest"] = {"name": "周\u202e先生", "room": None, "phone": None}
    k.add(DATA, imp, "line 1", line(c))
    return k


def main():
    where = sys.argv[1] if len(sys.argv) > 1 else HERE
    total = 0
    for gen in [gen_argv, gen_when, gen_text, gen_policy, gen_import,
                gen_import_pending]:
        k = gen()
        n = k.write(where)
        print("%-16s %5d cases" % (k.name + ".tsv", n))
        total += n
    print("%-16s %5d cases" % ("total", total))


if __name__ == "__main__":
    sys.exit(main())
