# METADATA
# title: RENAME TABLE
# description: ALTER TABLE … RENAME TO breaks running code that uses the old name.
# custom:
#   id: compat/rename-table
#   severity: error
package schemagate.rules.compat.rename_table

import data.schemagate.lib

rule := {"id": "compat/rename-table", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	some a in lib.alter_actions(s, "rename_table")
	msg := sprintf(
		"RENAME of table %s to %s: code deployed now still queries %s and fails with \"relation does not exist\"",
		[lib.target_name(s), a.new_name, lib.target_name(s)],
	)
	hint := sprintf("Rename, then keep the old name alive for running code: CREATE VIEW %s AS SELECT * FROM %s (a simple view is updatable) in the same transaction; drop the view in a later contract phase.", [lib.target_name(s), a.new_name])
}
