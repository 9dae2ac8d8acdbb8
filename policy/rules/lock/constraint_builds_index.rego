# METADATA
# title: Constraint builds its index inline
# description: ADD UNIQUE / PRIMARY KEY / EXCLUDE on an existing table builds the index while holding an ACCESS EXCLUSIVE lock.
# custom:
#   id: lock/constraint-builds-index
#   severity: error
package schemagate.rules.lock.constraint_builds_index

import data.schemagate.lib

rule := {"id": "lock/constraint-builds-index", "severity": "error"}

words := {"unique": "UNIQUE", "primary_key": "PRIMARY KEY", "exclude": "EXCLUDE"}

findings contains lib.finding(rule, s, msg, hint(s, c)) if {
	some s in input.statements
	s.statement_kind == "alter_table"
	lib.on_existing(s)
	some a in s.actions
	a.kind in {"add_constraint", "add_column"}
	c := a.constraint
	words[c.type]
	not is_string(c.using_index)
	msg := concat("", ["ADD ", words[c.type], " on existing table ", lib.target_name(s), " builds its index while holding an ACCESS EXCLUSIVE lock (blocks reads and writes) for the whole build"])
}

hint(s, c) := "There is no USING INDEX form for EXCLUDE: build it where the table is small, or enforce the rule in a new table." if {
	c.type == "exclude"
} else := concat("", ["CREATE UNIQUE INDEX CONCURRENTLY … ON ", lib.target_name(s), " (…) in a non-transactional phase, then ALTER TABLE ", lib.target_name(s), " ADD CONSTRAINT … ", words[c.type], " USING INDEX … (a catalog-only change)."])
