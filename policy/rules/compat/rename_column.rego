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
	msg := concat("", ["RENAME COLUMN ", lib.target_name(s), ".", lib.text(a.name), " to ", lib.text(a.new_name), ": code deployed now still uses ", lib.text(a.name), " and fails at once, and new code fails until this has run"])
	hint := concat("", ["Expand: ADD COLUMN ", lib.text(a.new_name), " and keep both in sync (trigger or dual writes); backfill: copy ", lib.text(a.name), " into ", lib.text(a.new_name), " in batches; contract (after every reader moved): DROP COLUMN ", lib.text(a.name), "."])
}
