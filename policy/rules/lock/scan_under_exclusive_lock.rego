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

	# REINDEX … CONCURRENTLY reads the table under SHARE UPDATE EXCLUSIVE; its ACCESS EXCLUSIVE on the
	# old index comes at the very end, for a moment, when nothing uses that index any more.
	not lib.concurrently(s)
	not scan_reported_elsewhere(s)
	l := lib.strongest_existing(s)
	l.mode == "AccessExclusiveLock"
	not reported_as_foreign_key_validation(s)
	not reported_as_blocking_rebuild(s)
	msg := concat("", [lib.sql_words(s), " scans every row of existing table ", lib.text(l.relation), " while it holds an ", lib.describe_lock(l), ", for the whole scan"])
}

# The only scan of the statement is an index build for UNIQUE / PRIMARY KEY / EXCLUDE
# (lock/constraint-builds-index reports it) or a foreign key check (lock/foreign-key-validation):
# those rules name the hazard and its rewrite (NOT VALID does not exist for an index-backed
# constraint), so this rule does not report the same scan again.
scan_reported_elsewhere(s) if {
	some a in s.actions
	reported_elsewhere(a)
	every b in s.actions {
		quiet_or_reported(b)
	}
}

reported_elsewhere(a) if {
	a.kind in {"add_constraint", "add_column"}
	a.constraint.type in {"unique", "primary_key", "exclude"}
	not is_string(a.constraint.using_index)
}

reported_elsewhere(a) if {
	a.kind in {"add_constraint", "add_column"}
	a.constraint.type == "foreign_key"
	not a.constraint.not_valid == true
}

quiet_or_reported(a) if reported_elsewhere(a)

quiet_or_reported(a) if a.kind in never_scans

# ADD COLUMN without a constraint scans only to check NOT NULL without a default (and that fails
# on a non-empty table anyway); a volatile default or a generated column rewrites, which is
# excluded above.
quiet_or_reported(a) if {
	a.kind == "add_column"
	a.constraint == null
	not new_not_null_without_default(a)
}

new_not_null_without_default(a) if {
	a.not_null == true
	a.default == null
}

# ALTER TABLE actions that never read the table's rows.
never_scans := {
	"drop_column", "set_default", "drop_default", "drop_not_null", "drop_constraint",
	"rename_column", "rename_constraint", "set_statistics", "set_storage", "set_compression",
	"set_options", "reset_options", "enable_trigger", "disable_trigger", "enable_rule",
	"disable_rule", "enable_row_level_security", "disable_row_level_security",
	"force_row_level_security", "no_force_row_level_security", "owner_to", "replica_identity",
	"cluster_on", "set_without_cluster", "alter_constraint",
}

# One value per statement, however many columns it sets NOT NULL: the first column's rewrite,
# and the others named after it (a binding per action here was `var assignment conflict`).
hint(s) := concat("", ["Prove it first: ALTER TABLE ", lib.target_name(s), " ADD CONSTRAINT ", c, "_not_null CHECK (", c, " IS NOT NULL) NOT VALID; ALTER TABLE … VALIDATE CONSTRAINT … (SHARE UPDATE EXCLUSIVE, reads and writes go on); then SET NOT NULL uses the valid CHECK and skips the scan; drop the CHECK afterwards.", likewise(cols)]) if {
	cols := [lib.text(a.column) | some a in s.actions; a.kind == "set_not_null"]
	count(cols) > 0
	c := cols[0]
} else := "Add the constraint with NOT VALID (checks new rows only, no scan), then VALIDATE CONSTRAINT in a later transaction: validation takes SHARE UPDATE EXCLUSIVE and lets reads and writes go on." if {
	some a in s.actions
	a.kind == "add_constraint"
} else := "Split the statement so that the scan runs under a weaker lock (NOT VALID + VALIDATE), or run it where the table is small or unused."

likewise(cols) := "" if {
	count(cols) == 1
} else := concat("", [" Likewise for ", concat(", ", [c | some i, c in cols; i > 0]), "."])

# An inline REFERENCES on ADD COLUMN scans under ACCESS EXCLUSIVE too; lock/foreign-key-validation
# reports it with the foreign-key rewrite.
reported_as_foreign_key_validation(s) if {
	some f in data.schemagate.rules.lock.foreign_key_validation.findings
	f.statement == s.index
}

# A non-concurrent REINDEX or REFRESH MATERIALIZED VIEW reads everything under its ACCESS EXCLUSIVE
# lock; lock/reindex-blocking and lock/refresh-matview-blocking report that with the CONCURRENTLY
# rewrite, so this rule does not report the same problem a second time (one finding per problem).
reported_as_blocking_rebuild(s) if {
	some f in data.schemagate.rules.lock.reindex_blocking.findings
	f.statement == s.index
}

reported_as_blocking_rebuild(s) if {
	some f in data.schemagate.rules.lock.refresh_matview_blocking.findings
	f.statement == s.index
}
