# METADATA
# title: Transaction control in a phase file
# description: BEGIN / COMMIT / ROLLBACK / SAVEPOINT inside a phase file; the runner owns the transaction.
# custom:
#   id: hygiene/transaction-control
#   severity: error
package schemagate.rules.hygiene.transaction_control

import data.schemagate.lib

rule := {"id": "hygiene/transaction-control", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	is_string(input.file.phase)
	some s in input.statements
	s.statement_kind == "transaction_control"
	msg := "transaction control inside a phase file: the runner wraps the phase in its own transaction (or none, with transactional=false), and a COMMIT here ends it early, so a later failure leaves the phase half applied"
	hint := "Remove BEGIN/COMMIT; use `-- schemagate:phase transactional=false` when statements must commit one by one."
}
