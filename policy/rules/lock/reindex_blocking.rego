# METADATA
# title: REINDEX without CONCURRENTLY
# description: REINDEX without CONCURRENTLY blocks writes to the table and reads that use the index for the whole rebuild.
# custom:
#   id: lock/reindex-blocking
#   severity: error
package schemagate.rules.lock.reindex_blocking

import data.schemagate.lib

rule := {"id": "lock/reindex-blocking", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	s.statement_kind == "reindex"
	lib.on_existing(s)
	not lib.concurrently(s)
	l := lib.strongest_existing(s)
	msg := sprintf(
		"REINDEX %s rebuilds under an %s (the table itself gets SHARE, which blocks writes) until the rebuild ends",
		[lib.target_name(s), lib.describe_lock(l)],
	)
	hint := sprintf("REINDEX … CONCURRENTLY %s (PostgreSQL 12+), in a phase file marked `-- schemagate:phase transactional=false`.", [lib.target_name(s)])
}
