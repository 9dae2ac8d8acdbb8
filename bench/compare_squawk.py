#!/usr/bin/env python3
"""Compares schemagate's lock findings with squawk's on the real corpus (issue 2).

Runs `schemagate check --format json` and `squawk --reporter json` on each project folder of the
corpus (one history per project, files in natural path order), maps squawk's lock-related rules to
ours (docs/comparison-squawk.md explains the mapping), matches findings by file + statement and
prints, per rule, the statements both tools flag, those only squawk flags and those only schemagate
flags. Usage:

    bench/compare_squawk.py [--pg-version 17] [--cache DIR] [--json OUT] [--quiet] [PROJECT_DIR ...]
        (default: every folder of ../shared/corpus)

Squawk runs with --assume-in-transaction because schemagate takes a plain SQL file to run in one
transaction (docs/migration-format.md); that also makes squawk skip tables created earlier in the
same file. supabase-auth's files hold the Go template placeholder {{ index .Options "Namespace" }},
which squawk cannot parse: squawk gets a copy with the placeholder replaced by `auth` (same lines).
"""
import argparse
import bisect
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# squawk rule -> our rules that flag the same hazard on the same statement.
SQUAWK_TO_OURS = {
    "require-concurrent-index-creation": ["lock/create-index-blocking"],
    "require-concurrent-index-deletion": ["lock/drop-index-blocking"],
    "require-concurrent-reindex": ["lock/reindex-blocking"],
    "require-concurrent-partition-detach": ["lock/detach-partition-blocking"],
    "ban-concurrent-index-creation-in-transaction": ["lock/concurrently-in-transaction"],
    "constraint-missing-not-valid": ["lock/scan-under-exclusive-lock", "lock/foreign-key-validation",
                                     "lock/validate-in-same-transaction"],
    "adding-foreign-key-constraint": ["lock/foreign-key-validation"],
    "adding-not-nullable-field": ["lock/scan-under-exclusive-lock"],
    "adding-field-with-default": ["lock/table-rewrite"],
    "changing-column-type": ["lock/table-rewrite", "lock/scan-under-exclusive-lock",
                             "compat/change-column-type"],
    "adding-serial-primary-key-field": ["lock/constraint-builds-index"],
    "disallowed-unique-constraint": ["lock/constraint-builds-index"],
    "prefer-repack": ["lock/table-rewrite"],
    "require-lock-timeout": ["lock/missing-lock-timeout"],
}
# Matched per file, not per statement: ours reports once per file, squawk on every statement.
PER_FILE = {"require-lock-timeout", "lock/missing-lock-timeout"}
TEMPLATE = re.compile(r'\{\{ ?index \.Options "Namespace" \}\}')


def ours_to_squawk():
    inverse = collections.defaultdict(list)
    for s, ours in SQUAWK_TO_OURS.items():
        for o in ours:
            inverse[o].append(s)
    return dict(inverse)


def sql_files(folder):
    return sorted(os.path.join(d, n) for d, _, names in os.walk(folder) for n in names if n.endswith(".sql"))


def run_json(cmd, what):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"{what} failed (exit {proc.returncode}):\n{proc.stderr}")
    return json.loads(proc.stdout)


def cached(cache, name, produce):
    if cache:
        path = os.path.join(cache, name)
        if os.path.exists(path):
            with open(path) as f:
                return json.load(f)
    data = produce()
    if cache:
        os.makedirs(cache, exist_ok=True)
        with open(os.path.join(cache, name), "w") as f:
            json.dump(data, f)
    return data


def run_squawk(squawk, folder, pg):
    """Squawk findings of one project, with paths as given to schemagate (absolute, real)."""
    files = sql_files(folder)
    with tempfile.TemporaryDirectory() as tmp:
        args, back = [], {}
        for f in files:
            text = open(f, encoding="utf-8").read()
            if TEMPLATE.search(text):
                copy = os.path.join(tmp, str(len(back)) + "_" + os.path.basename(f))
                with open(copy, "w", encoding="utf-8") as out:
                    out.write(TEMPLATE.sub("auth", text))
                back[os.path.realpath(copy)] = f
                args.append(copy)
            else:
                args.append(f)
        report = run_json([squawk, "--reporter", "json", "--assume-in-transaction", "--pg-version", str(pg)]
                          + args, "squawk")
        for r in report:
            real = os.path.realpath(r["file"])
            r["file"] = back.get(real, real)
    return report


def run_schemagate(folder, pg):
    report = run_json([os.path.join(ROOT, "schemagate"), "check", "--format", "json", "--pg-version", str(pg),
                       folder], "schemagate check")
    for key in ("findings", "statements"):
        for x in report[key]:
            x["path"] = os.path.realpath(x["path"])
    return report


class Statements:
    """Statement spans per file from schemagate's JSON: a line -> the statement holding it."""

    def __init__(self, statements):
        self.by_file = collections.defaultdict(list)
        for s in statements:
            self.by_file[s["path"]].append((s["line"], s.get("end_line", s["line"]), s["kind"]))
        for spans in self.by_file.values():
            spans.sort()

    def at(self, path, line):
        """(start line, kind) of the statement covering `line` (1-based), else the closest before."""
        spans = self.by_file.get(path, [])
        i = bisect.bisect_right(spans, (line, 10**9, "")) - 1
        if i < 0:
            return (line, "?")
        return (spans[i][0], spans[i][2])


def compare(project, sg, sq):
    stmts = Statements(sg["statements"])
    inverse = ours_to_squawk()
    # (rule) -> {(path, stmt line): kind}
    squawk_hits = collections.defaultdict(dict)
    for r in sq:
        if r["rule_name"] not in SQUAWK_TO_OURS:
            continue
        line, kind = stmts.at(r["file"], r["line"] + 1)  # squawk lines are 0-based
        key = (r["file"], 0) if r["rule_name"] in PER_FILE else (r["file"], line)
        squawk_hits[r["rule_name"]][key] = kind
    our_hits = collections.defaultdict(dict)
    for f in sg["findings"]:
        if f["rule"] not in inverse:
            continue
        line, kind = stmts.at(f["path"], f["line"])
        key = (f["path"], 0) if f["rule"] in PER_FILE else (f["path"], line)
        our_hits[f["rule"]][key] = kind
    rows = {}
    for s, ours in SQUAWK_TO_OURS.items():
        theirs = squawk_hits.get(s, {})
        mine = set().union(*(our_hits.get(o, {}).keys() for o in ours))
        rows[s] = {"side": "squawk", "maps_to": ours,
                   "both": sorted(k for k in theirs if k in mine),
                   "only_squawk": sorted(k for k in theirs if k not in mine),
                   "kinds": theirs}
    for o, squawks in inverse.items():
        mine = our_hits.get(o, {})
        theirs = set().union(*(squawk_hits.get(s, {}).keys() for s in squawks))
        rows[o] = {"side": "schemagate", "maps_to": squawks,
                   "both": sorted(k for k in mine if k in theirs),
                   "only_schemagate": sorted(k for k in mine if k not in theirs),
                   "kinds": mine}
    return rows


def where(corpus, key, kinds):
    path, line = key
    rel = os.path.relpath(path, corpus)
    return f"{rel}" if line == 0 else f"{rel}:{line} ({kinds.get(key, '?')})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg-version", type=int, default=17)
    ap.add_argument("--cache", help="folder caching each tool's JSON per project (reused when present)")
    ap.add_argument("--json", help="also write the comparison as JSON to this file")
    ap.add_argument("--quiet", action="store_true", help="counts only, no locations")
    ap.add_argument("projects", nargs="*")
    args = ap.parse_args()
    corpus = os.path.realpath(os.path.join(ROOT, "..", "shared", "corpus"))
    projects = args.projects or sorted(os.path.join(corpus, p) for p in os.listdir(corpus)
                                       if os.path.isdir(os.path.join(corpus, p)))
    squawk = subprocess.run([os.path.join(ROOT, "scripts", "install-squawk.sh")],
                            stdout=subprocess.PIPE, check=True, text=True).stdout.strip()
    totals = collections.defaultdict(lambda: collections.Counter())
    out = {}
    for folder in projects:
        folder = os.path.realpath(folder)
        name = os.path.basename(folder)
        sg = cached(args.cache, f"sg-{name}-{args.pg_version}.json", lambda: run_schemagate(folder, args.pg_version))
        sq = cached(args.cache, f"sq-{name}-{args.pg_version}.json", lambda: run_squawk(squawk, folder, args.pg_version))
        rows = compare(name, sg, sq)
        out[name] = {r: {k: [list(x) for x in v] for k, v in row.items() if k in ("both", "only_squawk", "only_schemagate")}
                     for r, row in rows.items()}
        print(f"\n## {name}")
        for rule, row in rows.items():
            only_key = "only_squawk" if row["side"] == "squawk" else "only_schemagate"
            if not row["both"] and not row[only_key]:
                continue
            totals[rule]["both"] += len(row["both"])
            totals[rule][only_key] += len(row[only_key])
            print(f"{rule} [{row['side']} -> {', '.join(row['maps_to'])}]: both {len(row['both'])}, "
                  f"{only_key.replace('_', ' ')} {len(row[only_key])}")
            if not args.quiet:
                for k in row[only_key]:
                    print(f"    {only_key.replace('_', ' ')}: {where(corpus, k, row['kinds'])}")
    print("\n## all projects (statements; per file for the lock_timeout rules)")
    print(f"{'rule':<48}{'both':>6}{'only squawk':>13}{'only ours':>11}")
    for rule in list(SQUAWK_TO_OURS) + sorted(ours_to_squawk()):
        t = totals.get(rule)
        if not t:
            continue
        side_sq = rule in SQUAWK_TO_OURS
        print(f"{rule:<48}{t['both']:>6}{(t['only_squawk'] if side_sq else '-'):>13}"
              f"{('-' if side_sq else t['only_schemagate']):>11}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
