# METADATA
# title: No lock_timeout before a blocking lock
# description: A statement takes a lock that conflicts with reads or writes on an existing relation, and no SET lock_timeout (of at most the max_lock_timeout threshold, default 10s) precedes it in the file.
# custom:
#   id: lock/missing-lock-timeout
#   severity: warning
package schemagate.rules.lock.missing_lock_timeout

import data.schemagate.lib

rule := {"id": "lock/missing-lock-timeout", "severity": "warning"}

# Statements (indexes) that would queue for a conflicting lock without a timeout.
unprotected contains s.index if {
	not input.config.runner_sets_lock_timeout == true
	some s in input.statements
	lib.conflicts_with_reads_or_writes(s)
	not lib.lock_timeout_in_force(s.index)
}

# One finding per file, on the first such statement: one SET at the top fixes them all.
findings contains lib.finding(rule, s, msg, hint) if {
	count(unprotected) > 0
	first := min(unprotected)
	s := input.statements[first]
	l := lib.strongest_existing(s)
	others := count(unprotected) - 1
	msg := concat("", [lib.sql_words(s), " waits for the ", lib.describe_lock(l), " with ", timeout_in_force(first), more(others), ": while it waits behind a long query, every read or write queued behind it waits as well"])
	hint := "Start the file with `SET lock_timeout = '2s';` (retry on failure), or set config runner_sets_lock_timeout: true when the runner sets one."
}

timeout_in_force(i) := concat("", ["lock_timeout ", lib.text(v), ", longer than the max_lock_timeout threshold (", lib.text(max), ")"]) if {
	v := lib.too_long_lock_timeout_at(i)
	max := object.get(input.config, ["thresholds", "max_lock_timeout"], "10s")
}

else := "no lock_timeout"

more(0) := ""

more(n) := concat("", [" (and ", lib.text(n), " more statement(s) in this file)"]) if n > 0
