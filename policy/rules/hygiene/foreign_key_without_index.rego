# METADATA
# title: Foreign key without index
# description: A foreign key whose referencing columns have no index; deletes and key updates on the referenced table scan the referencing table.
# custom:
#   id: hygiene/foreign-key-without-index
#   severity: warning
package schemagate.rules.hygiene.foreign_key_without_index

import data.schemagate.lib

rule := {"id": "hygiene/foreign-key-without-index", "severity": "warning"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	some c in lib.added_constraints(s)
	c.type == "foreign_key"
	c.fk_columns_indexed == false
	cols := concat(", ", c.columns)
	msg := sprintf(
		"foreign key %s(%s) → %s has no index on its referencing columns: every DELETE or key UPDATE on %s scans %s, under a lock",
		[lib.target_name(s), cols, c.referenced_table, c.referenced_table, lib.target_name(s)],
	)
	hint := sprintf("CREATE INDEX CONCURRENTLY ON %s (%s) in a non-transactional phase.", [lib.target_name(s), cols])
}
