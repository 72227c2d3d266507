#!/usr/bin/env python3
"""tests/corpus/run.py - runs the hostile corpus against an fq binary.

    tests/corpus/run.py [-j JOBS] FQ_BIN FILE.tsv...

Runs every case of the files (tests/corpus/README says what a line
holds) in the suite's environment (tests/helper.bash: the hotel policy,
FQ_NOW, TZ, C.UTF-8) against a database prepared once, and checks each:

  - the exit status is the expected one;
  - standard output is empty;
  - standard error is not empty, starts "fq: " (a policy's errors:
    FILE:LINE:COL: ...), holds the needle if the case names one, is
    valid UTF-8 and holds no control character but newline (what was
    typed is shown visibly), and no sanitizer report;
  - the database is byte for byte what it was (then restored if not).

Prints each failing case with its file and line, then one summary line;
exits 1 if any case failed.
"""

import argparse
import concurrent.futures
import hashlib
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
TIMEOUT = 20                    # seconds a case may take, at most
POLICY_ERR = re.compile(rb"^[^\n:]+:\d+:\d+: ")
SANITIZER = re.compile(rb"AddressSanitizer|LeakSanitizer|runtime error:|"
                       rb"UndefinedBehaviorSanitizer")
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f"
                     "\u202a-\u202e\u2066-\u2069]")


def unescape(s):
    """A field of the corpus as bytes: \\\\ \\t \\n \\r \\xHH, and
    \\{N}X for N times the character (or escape) X."""
    out = bytearray()
    i = 0
    while i < len(s):
        b, i = one(s, i)
        if b is None:           # \{N}: repeat the next character
            m = re.match(r"\\\{(\d+)\}", s[i:])
            i += m.end()
            b, i = one(s, i)
            b *= int(m.group(1))
        out += b
    return bytes(out)


def one(s, i):
    """The bytes of the character at s[i] (None for \\{), and where the
    next one starts."""
    if s[i] != "\\":
        return s[i].encode(), i + 1
    c = s[i + 1]
    if c == "{":
        return None, i
    if c == "x":
        return bytes([int(s[i + 2:i + 4], 16)]), i + 4
    return {"\\": b"\\", "t": b"\t", "n": b"\n", "r": b"\r"}[c], i + 2


def read_cases(path):
    """The header (db, pending) and the cases of one file."""
    head, cases = {}, []
    with open(path, encoding="utf-8") as f:
        for n, text in enumerate(f, 1):
            text = text.rstrip("\n")
            m = re.match(r"# (db|pending): (.*)", text)
            if m:
                head[m.group(1)] = m.group(2)
            if not text or text.startswith("#"):
                continue
            cols = text.split("\t")
            cases.append({"where": "%s:%d" % (os.path.basename(path), n),
                          "exit": int(cols[0]),
                          "needle": unescape(cols[1]),
                          "stdin": unescape(cols[2]),
                          "args": [unescape(c) for c in cols[3:]]})
    return head, cases


def environment(tmp, db):
    """The suite's environment (tests/helper.bash, fq_env)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("FQ_") and k not in ("TZ", "NO_COLOR")}
    env.update({"FQ_DB": db, "FQ_POLICY": os.path.join(TOP, "policies",
                                                       "hotel.yaml"),
                "FQ_NOW": "2026-11-27T03:00:00+08:00", "FQ_USER": "li.na",
                "TZ": "UTC", "LC_ALL": "C.UTF-8", "NO_COLOR": "1",
                "XDG_DATA_HOME": os.path.join(tmp, "data"),
                "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
                "FQ_SENDMAIL": "/bin/false"})
    return env


# The databases a file may ask for: the commands that make it.
PREPARE = {
    "empty": [["init"]],
    "cases": [["init"],
              ["-q", "log", "空调坏了"],                   # 1: open
              ["-q", "log", "客人要一瓶胶水"],             # 2: closed
              ["reply", "2", "已送到"],
              ["-q", "log", "需要熨斗", "--resolved", "已送到"]],  # 3
}


def prepare(fq, tmp, kind):
    """Makes the database `kind` in tmp; returns its path."""
    db = os.path.join(tmp, kind + ".db")
    env = environment(tmp, db)
    for args in PREPARE[kind]:
        subprocess.run([fq] + args, env=env, check=True,
                       stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    return db


def fingerprint(db):
    """What must not change: the file's bytes, and no journal left."""
    with open(db, "rb") as f:
        h = hashlib.sha256(f.read()).hexdigest()
    left = [s for s in ("-wal", "-journal")
            if os.path.exists(db + s) and os.path.getsize(db + s) > 0]
    return h, tuple(left)


def shown(b, limit=300):
    """Bytes for a report: escaped, cut short."""
    s = b.decode("utf-8", "backslashreplace")
    s = CONTROL.sub(lambda m: "\\x%02x" % ord(m.group()) if
                    ord(m.group()) < 0x100 else "<U+%04X>" % ord(m.group()),
                    s)
    return s if len(s) <= limit else s[:limit] + "..."


def check(case, p, took):
    """What is wrong with one run, as a list of reasons."""
    why = []
    err = p.stderr
    if p.returncode != case["exit"]:
        why.append("exit %d, expected %d" % (p.returncode, case["exit"]))
    if p.stdout:
        why.append("standard output is not empty: " + shown(p.stdout))
    if not err:
        why.append("standard error is empty")
    elif not (err.startswith(b"fq: ") or POLICY_ERR.match(err)):
        why.append("standard error does not start with 'fq: '")
    if case["needle"] and case["needle"] not in err:
        why.append("standard error does not say '%s'" %
                   shown(case["needle"]))
    try:
        if CONTROL.search(err.decode("utf-8")):
            why.append("standard error holds a raw control character")
    except UnicodeDecodeError:
        why.append("standard error is not valid UTF-8")
    if SANITIZER.search(err):
        why.append("a sanitizer report")
    if took > TIMEOUT / 2:
        why.append("took %.1f s" % took)
    return why


def run_case(fq, case, slot, env):
    """Runs one case on a database slot; returns its failures."""
    db, pristine, want = slot
    env = dict(env, FQ_DB=db)
    args = []
    for a in case["args"]:
        m = re.match(rb"^([A-Z_]+)=(.*)$", a, re.S)
        if m and not args:
            env[m.group(1).decode()] = m.group(2).decode("utf-8",
                                                         "surrogateescape")
        else:
            args.append(a)
    start = time.monotonic()
    try:
        p = subprocess.run([fq.encode()] + args, input=case["stdin"],
                           capture_output=True, env=env, timeout=TIMEOUT)
        why = check(case, p, time.monotonic() - start)
        err = p.stderr
    except subprocess.TimeoutExpired:
        why, err = ["did not finish in %d s" % TIMEOUT], b""
    if fingerprint(db) != want:
        why.append("the database changed")
        for s in ("-wal", "-shm", "-journal"):
            if os.path.exists(db + s):
                os.unlink(db + s)
        shutil.copyfile(pristine, db)
    if not why:
        return None
    return "%s: %s\n    fq %s\n    stderr: %s" % (
        case["where"], "; ".join(why),
        " ".join("'%s'" % shown(a, 120) for a in case["args"]),
        shown(err.split(b"\n")[0] if err else b""))


def main():
    ap = argparse.ArgumentParser(description="runs the hostile corpus")
    ap.add_argument("-j", "--jobs", type=int,
                    default=min(4, os.cpu_count() or 2))
    ap.add_argument("fq")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    fq = os.path.abspath(a.fq)
    start = time.monotonic()
    failed, total = [], 0
    with tempfile.TemporaryDirectory(prefix="fq-corpus.") as tmp:
        pristine = {}
        for path in a.files:
            head, cases = read_cases(path)
            kind = head.get("db", "cases")
            if kind not in pristine:
                pristine[kind] = prepare(fq, tmp, kind)
            slots = queue.Queue()
            for j in range(a.jobs):
                db = os.path.join(tmp, "%s.%d.db" % (kind, j))
                shutil.copyfile(pristine[kind], db)
                slots.put((db, pristine[kind], fingerprint(db)))
            env = environment(tmp, "")

            def one_case(case):
                slot = slots.get()
                try:
                    return run_case(fq, case, slot, env)
                finally:
                    slots.put(slot)

            with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
                for r in ex.map(one_case, cases):
                    if r:
                        failed.append(r)
            total += len(cases)
    for f in failed:
        print(f)
    print("corpus: %d cases, %d failed (%.0f s, %s)" %
          (total, len(failed), time.monotonic() - start,
           os.path.relpath(fq, TOP) if fq.startswith(TOP) else fq))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
