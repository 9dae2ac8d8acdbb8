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
	msg := concat("", ["REINDEX ", lib.target_name(s), " rebuilds under an ", lib.describe_lock(l), " (the table itself gets SHARE, which blocks writes) until the rebuild ends"])
	hint := concat("", ["REINDEX … CONCURRENTLY ", lib.target_name(s), " (PostgreSQL 12+), in a phase file marked `-- schemagate:phase transactional=false`."])
}
