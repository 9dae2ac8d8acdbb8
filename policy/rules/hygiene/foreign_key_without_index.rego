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
	s.statement_kind in {"create_table", "alter_table"}
	some a in s.actions
	a.kind in {"add_constraint", "add_column"}
	c := a.constraint
	c.type == "foreign_key"
	a.fk_columns_indexed == false
	cols := concat(", ", c.columns)
	msg := concat("", ["foreign key ", lib.target_name(s), "(", cols, ") → ", lib.text(c.referenced_table), " has no index on its referencing columns: every DELETE or key UPDATE on ", lib.text(c.referenced_table), " scans ", lib.target_name(s), ", under a lock"])
	hint := concat("", ["CREATE INDEX CONCURRENTLY ON ", lib.target_name(s), " (", cols, ") in a non-transactional phase."])
}
