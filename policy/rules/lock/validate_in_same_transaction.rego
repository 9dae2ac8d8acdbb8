# METADATA
# title: VALIDATE in the same transaction as NOT VALID
# description: VALIDATE CONSTRAINT in the same transaction as the ADD CONSTRAINT … NOT VALID, whose lock is then held through the validation scan.
# custom:
#   id: lock/validate-in-same-transaction
#   severity: error
package schemagate.rules.lock.validate_in_same_transaction

import data.schemagate.lib

rule := {"id": "lock/validate-in-same-transaction", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	lib.file_transactional
	some s in input.statements
	some v in lib.alter_actions(s, "validate_constraint")
	some add in input.statements
	add.index < s.index
	add.target == s.target
	some a in lib.alter_actions(add, "add_constraint")
	a.constraint.name == v.name
	a.constraint.not_valid == true
	l := lib.strongest_existing(add)
	msg := concat("", ["VALIDATE CONSTRAINT ", lib.text(v.name), " runs in the same transaction as its ADD CONSTRAINT … NOT VALID (line ", lib.text(add.line), "), whose ", lib.describe_lock(l), " lasts until COMMIT: the validation scan runs under it anyway"])
	hint := "Move VALIDATE CONSTRAINT to a later phase file (e.g. the backfill or contract of this version), or run this phase with `-- schemagate:phase transactional=false` so the ADD commits first."
}
