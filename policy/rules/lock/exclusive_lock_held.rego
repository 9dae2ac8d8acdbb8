# METADATA
# title: ACCESS EXCLUSIVE held across further work
# description: A transactional phase takes ACCESS EXCLUSIVE on an existing table and then does slow work in the same transaction, or takes ACCESS EXCLUSIVE on a second table.
# custom:
#   id: lock/exclusive-lock-held
#   severity: warning
package schemagate.rules.lock.exclusive_lock_held

import data.schemagate.lib

rule := {"id": "lock/exclusive-lock-held", "severity": "warning"}

# [statement index, relation] of every ACCESS EXCLUSIVE lock on a pre-existing relation.
exclusive contains [s.index, l.relation] if {
	lib.file_transactional
	some s in input.statements
	some l in lib.existing_locks(s)
	l.mode == "AccessExclusiveLock"
}

first_exclusive := min(exclusive)

slow(s) if s.rewrite == true

slow(s) if s.scan == true

slow(s) if {
	s.statement_kind in lib.bulk_dml_kinds
	lib.on_existing(s)
}

findings contains lib.finding(rule, s, msg, hint) if {
	[i, rel] := first_exclusive
	some s in input.statements
	s.index > i
	slow(s)
	not reported_as_validate_in_same_transaction(s)
	msg := concat("", [lib.sql_words(s), " does slow work (rewrite, scan or bulk DML) while this transaction still holds the ACCESS EXCLUSIVE lock on ", lib.text(rel), " taken at line ", lib.text(lib.line_of(i)), ": reads and writes of ", lib.text(rel), " stay blocked until COMMIT"])
	hint := "Move the slow statement to another phase file (or version), or run this phase with `-- schemagate:phase transactional=false` so each statement commits and releases its lock."
}

findings contains lib.finding(rule, s, msg, hint) if {
	[i, rel] := first_exclusive
	some [j, other] in exclusive
	j > i
	other != rel
	not earlier_second(j, rel)
	s := input.statements[j]
	msg := concat("", [lib.sql_words(s), " takes an ACCESS EXCLUSIVE lock on ", lib.text(other), " while this transaction still holds one on ", lib.text(rel), " (line ", lib.text(lib.line_of(i)), "): both tables are blocked for reads and writes until COMMIT, and taking them in another order elsewhere risks a deadlock"])
	hint := "Change one table per transaction: split the file by table, or run it with `-- schemagate:phase transactional=false`."
}

# Report the second table once: at the first statement that locks a table other than rel.
earlier_second(j, rel) if {
	some [k, r] in exclusive
	k < j
	r != rel
}

# That rule names the precise problem (and its fix) for a VALIDATE after ADD … NOT VALID.
reported_as_validate_in_same_transaction(s) if {
	some f in data.schemagate.rules.lock.validate_in_same_transaction.findings
	f.statement == s.index
}
