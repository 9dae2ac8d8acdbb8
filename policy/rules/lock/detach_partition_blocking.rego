# METADATA
# title: DETACH PARTITION without CONCURRENTLY
# description: DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the partitioned table (PostgreSQL 14+ offers CONCURRENTLY).
# custom:
#   id: lock/detach-partition-blocking
#   severity: error
package schemagate.rules.lock.detach_partition_blocking

import data.schemagate.lib

rule := {"id": "lock/detach-partition-blocking", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	input.pg_version >= 14
	some s in input.statements
	some a in lib.alter_actions(s, "detach_partition")
	not a.concurrently == true
	msg := concat("", ["DETACH PARTITION ", lib.text(a.name), " takes an ACCESS EXCLUSIVE lock on the partitioned table ", lib.target_name(s), ": reads and writes of every partition through it wait"])
	hint := concat("", ["ALTER TABLE ", lib.target_name(s), " DETACH PARTITION ", lib.text(a.name), " CONCURRENTLY (PostgreSQL 14+; SHARE UPDATE EXCLUSIVE on the parent; not in a transaction block, so mark the phase `transactional=false`)."])
}
