# METADATA
# title: RENAME COLUMN
# description: RENAME COLUMN breaks running code that uses the old name; rename through expand/backfill/contract.
# custom:
#   id: compat/rename-column
#   severity: error
package schemagate.rules.compat.rename_column

import data.schemagate.lib

rule := {"id": "compat/rename-column", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	some a in lib.alter_actions(s, "rename_column")
	msg := sprintf(
		"RENAME COLUMN %s.%s to %s: code deployed now still uses %s and fails at once, and new code fails until this has run",
		[lib.target_name(s), a.name, a.new_name, a.name],
	)
	hint := sprintf("Expand: ADD COLUMN %s and keep both in sync (trigger or dual writes); backfill: copy %s into %s in batches; contract (after every reader moved): DROP COLUMN %s.", [a.new_name, a.name, a.new_name, a.name])
}
