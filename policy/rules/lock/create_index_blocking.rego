# METADATA
# title: CREATE INDEX without CONCURRENTLY
# description: CREATE INDEX without CONCURRENTLY on an existing table takes a SHARE lock that blocks writes for the whole build.
# custom:
#   id: lock/create-index-blocking
#   severity: error
package schemagate.rules.lock.create_index_blocking

import data.schemagate.lib

rule := {"id": "lock/create-index-blocking", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	s.statement_kind == "create_index"
	lib.on_existing(s)
	not lib.concurrently(s)
	s.scan == true # the build; ON ONLY a partitioned table, or IF NOT EXISTS on an existing index, builds nothing
	l := lib.strongest_existing(s)
	msg := concat("", ["CREATE INDEX on existing table ", lib.text(l.relation), " takes a ", lib.describe_lock(l), ": INSERT, UPDATE and DELETE wait for the whole index build"])
	hint := "Use CREATE INDEX CONCURRENTLY (it takes SHARE UPDATE EXCLUSIVE, which lets reads and writes go on) in a phase file marked `-- schemagate:phase transactional=false`; on a partitioned table, create the index ON ONLY the parent, build each partition's index CONCURRENTLY and ATTACH it."
}
