# METADATA
# title: Non-transactional statement in a transactional phase
# description: CONCURRENTLY (or another statement that cannot run in a transaction block) in a phase file that the runner wraps in a transaction.
# custom:
#   id: lock/concurrently-in-transaction
#   severity: error
package schemagate.rules.lock.concurrently_in_transaction

import data.schemagate.lib

rule := {"id": "lock/concurrently-in-transaction", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	lib.file_transactional
	some s in input.statements
	s.transactional == false
	msg := concat("", [lib.sql_words(s), " cannot run inside a transaction block, but this phase file runs in one transaction: PostgreSQL rejects it with \"cannot run inside a transaction block\""])
	hint := "Put `-- schemagate:phase transactional=false` at the top of the file (ideally a file holding only this statement, so a failure leaves nothing half-done), and start it with SET lock_timeout."
}
