# METADATA
# title: Validation scan under ACCESS EXCLUSIVE
# description: A statement that reads every row of an existing table to validate it while holding an ACCESS EXCLUSIVE lock (SET NOT NULL, ADD CHECK without NOT VALID, …).
# custom:
#   id: lock/scan-under-exclusive-lock
#   severity: error
package schemagate.rules.lock.scan_under_exclusive_lock

import data.schemagate.lib

rule := {"id": "lock/scan-under-exclusive-lock", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint(s)) if {
	some s in input.statements
	s.scan == true
	not s.rewrite == true # lock/table-rewrite reports those
	l := lib.strongest_existing(s)
	l.mode == "AccessExclusiveLock"
	not reported_as_foreign_key_validation(s)
	msg := concat("", [lib.sql_words(s), " scans every row of existing table ", lib.text(l.relation), " while it holds an ", lib.describe_lock(l), ", for the whole scan"])
}

hint(s) := concat("", ["Prove it first: ALTER TABLE ", lib.target_name(s), " ADD CONSTRAINT ", lib.text(a.column), "_not_null CHECK (", lib.text(a.column), " IS NOT NULL) NOT VALID; ALTER TABLE … VALIDATE CONSTRAINT … (SHARE UPDATE EXCLUSIVE, reads and writes go on); then SET NOT NULL uses the valid CHECK and skips the scan; drop the CHECK afterwards."]) if {
	some a in s.actions
	a.kind == "set_not_null"
} else := "Add the constraint with NOT VALID (checks new rows only, no scan), then VALIDATE CONSTRAINT in a later transaction: validation takes SHARE UPDATE EXCLUSIVE and lets reads and writes go on." if {
	some a in s.actions
	a.kind == "add_constraint"
} else := "Split the statement so that the scan runs under a weaker lock (NOT VALID + VALIDATE), or run it where the table is small or unused."

# An inline REFERENCES on ADD COLUMN scans under ACCESS EXCLUSIVE too; lock/foreign-key-validation
# reports it with the foreign-key rewrite.
reported_as_foreign_key_validation(s) if {
	some f in data.schemagate.rules.lock.foreign_key_validation.findings
	f.statement == s.index
}
