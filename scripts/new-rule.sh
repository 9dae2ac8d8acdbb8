#!/usr/bin/env bash
# Adds a built-in rule in one command: its Rego, its opa test, its documentation page, its Java test
# on real SQL, and its row in docs/rules/README.md. The generated tests describe a flagged case and
# a safe one and fail until the rule is written (the Rego's condition is a TODO), so a stub cannot
# land by accident. Then: fill in the TODOs, scripts/build-policy.sh, opa test policy/, and the
# Java test (docs/policy-engine.md, "Adding a rule"; CONTRIBUTING.md).
#
# Usage: scripts/new-rule.sh CATEGORY/NAME [--severity error|warning|info] [--title "Title"]
#                            [--summary "One sentence: what it flags."]
#   CATEGORY is one of lock, compat, phase, hygiene; NAME is lower-case words joined by '-'.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

usage() { echo "usage: scripts/new-rule.sh CATEGORY/NAME [--severity error|warning|info] [--title TEXT] [--summary TEXT]" >&2; }
fail() { echo "new-rule: $*" >&2; exit 2; }

[ $# -ge 1 ] || { usage; exit 2; }
id="$1"
shift
severity=warning
title=""
summary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --severity) [ $# -ge 2 ] || fail "--severity needs a value (error, warning or info)"; severity="$2"; shift 2 ;;
    --title) [ $# -ge 2 ] || fail "--title needs a value"; title="$2"; shift 2 ;;
    --summary) [ $# -ge 2 ] || fail "--summary needs a value"; summary="$2"; shift 2 ;;
    *) usage; fail "unknown argument '$1'" ;;
  esac
done

[[ "$id" =~ ^(lock|compat|phase|hygiene)/[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]] \
  || fail "rule id '$id' is not CATEGORY/NAME with CATEGORY one of lock, compat, phase, hygiene and NAME lower-case words joined by '-' (e.g. hygiene/prefer-uuid-v7)"
case "$severity" in error|warning|info) ;; *) fail "severity '$severity' is not error, warning or info" ;; esac
category="${id%%/*}"
name="${id#*/}"
snake="${name//-/_}"
camel=""
IFS='-' read -ra words <<<"$name"
for w in "${words[@]}"; do camel+="$(tr '[:lower:]' '[:upper:]' <<<"${w:0:1}")${w:1}"; done
[ -n "$title" ] || title="$(tr '[:lower:]' '[:upper:]' <<<"${name:0:1}")${name:1}"
title="${title//-/ }"
[ -n "$summary" ] || summary="TODO one sentence that says what $id flags."
[[ "$title$summary" != *'"'* && "$title$summary" != *'|'* ]] \
  || fail "--title and --summary cannot contain a double quote or '|' (they go into Rego METADATA and a Markdown table)"
# YAML single-quoted scalars in the METADATA: a quote is written twice, nothing else is special.
yaml_title="'${title//\'/\'\'}'"
yaml_summary="'${summary//\'/\'\'}'"

rego="policy/rules/$category/$snake.rego"
rego_test="policy/rules/$category/${snake}_test.rego"
doc="docs/rules/$category/$name.md"
java="analyzer/src/test/java/dev/schemagate/analyzer/rules/$category/${camel}Test.java"
readme="docs/rules/README.md"
for f in "$rego" "$rego_test" "$doc" "$java"; do
  [ ! -e "$root/$f" ] || fail "$f already exists: rule $id is taken; pick another name or edit the existing rule"
done
[ -f "$root/$readme" ] || fail "$readme not found under $root: run the script from a schemagate checkout"
! grep -q "^| \[$id\]" "$root/$readme" || fail "$readme already lists $id; remove the row or pick another name"

mkdir -p "$root/policy/rules/$category" "$root/docs/rules/$category" "$(dirname "$root/$java")"

cat >"$root/$rego" <<EOF
# METADATA
# title: $yaml_title
# description: $yaml_summary
# custom:
#   id: $id
#   severity: $severity
package schemagate.rules.$category.$snake

import data.schemagate.lib

rule := {"id": "$id", "severity": "$severity"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	lib.on_existing(s)
	s.statement_kind == "TODO: the statement kind this rule looks at"
	msg := concat("", [lib.sql_words(s), " on ", lib.target_name(s), ": TODO what happens, to what, and why it hurts"])
	hint := "TODO: the safe rewrite, in one sentence."
}
EOF

cat >"$root/$rego_test" <<EOF
package schemagate.rules.$category.${snake}_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.$category.$snake as r

# TODO: the statement of the flagged example in docs/rules/$category/$name.md.
flagged := fx.alter("public.orders", [fx.action("TODO", {})], "AccessExclusiveLock")

test_flags_the_example if {
	fx.ids(r.findings) == {["$id", 0]} with input as fx.input_of([flagged])
}

test_safe_rewrite_is_fine if {
	# TODO: the statement of the safe rewrite.
	safe := fx.alter("public.orders", [fx.action("TODO_SAFE", {})], "ShareUpdateExclusiveLock")
	count(r.findings) == 0 with input as fx.input_of([safe])
}
EOF

cat >"$root/$doc" <<EOF
# $id

**$title** · default severity **$severity** · source \`$rego\`

## What it flags

$summary

## Why it hurts

TODO: what blocks or breaks, for whom, and for how long.

## Safe rewrite

TODO: the rewrite.

Flagged:

\`\`\`sql
-- TODO: the flagged example (the Java test checks it)
\`\`\`

Safe:

\`\`\`sql
-- TODO: the safe rewrite (the Java test checks it)
\`\`\`

## Severity, configuration, waivers

Default severity: **$severity**.
Override it per rule (or turn it \`off\`) in \`schemagate.yaml\` (see [migration-format.md](../../migration-format.md)).
Waive one statement with a comment directly above it: \`-- schemagate:allow $id reason="…"\` (a waiver without a reason is itself a finding, [hygiene/waiver-without-reason](../hygiene/waiver-without-reason.md)).
EOF

cat >"$root/$java" <<EOF
package dev.schemagate.analyzer.rules.$category;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** $id on real SQL ($doc). */
class ${camel}Test {

  private static final String RULE = "$id";

  @TempDir Path dir;

  @Test
  void flaggedExample() {
    CheckResult r = RuleRepo.withTables(dir).file("0002_change/expand.sql", """
        SET lock_timeout = '2s';
        -- TODO: the flagged example of the rule's page, on RuleRepo.TABLES
        """).check();
    assertFires(r, RULE, path("0002_change/expand.sql"), 2);
  }

  @Test
  void safeRewrite() {
    CheckResult r = RuleRepo.withTables(dir).file("0002_change/expand.sql", """
        SET lock_timeout = '2s';
        -- TODO: the safe rewrite of the rule's page
        """).check();
    assertSilent(r, RULE);
  }
}
EOF

# The README row, kept in the table's id order.
row="| [$id]($id.md) | $severity | $summary |"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
awk -v row="$row" -v id="$id" '
  function key(line) { sub(/^\| \[/, "", line); sub(/\].*/, "", line); return line }
  /^\| \[[a-z]+\/[a-z0-9-]+\]/ && !done && key($0) > id { print row; done = 1 }
  /^\| \[[a-z]+\/[a-z0-9-]+\]/ { last = NR }
  { lines[NR] = $0; print }
  END { if (!done) exit 3 }
' "$root/$readme" >"$tmp" || {
  # the new id sorts after every row: append it after the last row
  awk -v row="$row" '
    /^\| \[[a-z]+\/[a-z0-9-]+\]/ { last = NR }
    { lines[NR] = $0 }
    END { for (i = 1; i <= NR; i++) { print lines[i]; if (i == last) print row } }
  ' "$root/$readme" >"$tmp"
}
cat "$tmp" >"$root/$readme"

echo "new-rule: wrote $rego, $rego_test, $doc, $java and the $readme row of $id"
echo "new-rule: next: fill in every TODO, then scripts/build-policy.sh && opa test policy/ && ./mvnw -B -ntp -pl analyzer -am test -Dtest=${camel}Test"
