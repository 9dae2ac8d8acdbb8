# METADATA
# title: DROP INDEX without CONCURRENTLY
# description: DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table, which blocks reads and writes.
# custom:
#   id: lock/drop-index-blocking
#   severity: error
package schemagate.rules.lock.drop_index_blocking

import data.schemagate.lib

rule := {"id": "lock/drop-index-blocking", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	s.statement_kind == "drop_index"
	lib.on_existing(s)
	not lib.concurrently(s)
	l := lib.strongest_existing(s)
	msg := concat("", ["DROP INDEX ", lib.target_name(s), " takes an ", lib.describe_lock(l), "; it waits behind every running query on the table and everything queued behind it waits too"])
	hint := concat("", ["DROP INDEX CONCURRENTLY ", lib.target_name(s), ", in a phase file marked `-- schemagate:phase transactional=false` (one index per statement, no CASCADE)."])
}
