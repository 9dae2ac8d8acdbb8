# METADATA
# title: Column type change
# description: ALTER COLUMN … TYPE to a type that is not binary-compatible with the old one (the change rewrites the table), which running code sees.
# custom:
#   id: compat/change-column-type
#   severity: error
package schemagate.rules.compat.change_column_type

import data.schemagate.lib

rule := {"id": "compat/change-column-type", "severity": "error"}

# A binary-coercible change (varchar(10) → varchar(100), varchar → text) needs no rewrite and
# reads back the same values; the analyzer's rewrite fact tells the two apart.
findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	s.rewrite == true
	some a in lib.alter_actions(s, "alter_column_type")
	msg := sprintf(
		"ALTER COLUMN %s.%s TYPE %s changes what running code reads and may write (values, precision, driver types); old and new code cannot share the column",
		[lib.target_name(s), a.column, a.type_raw],
	)
	hint := sprintf("Expand: ADD COLUMN %s_new %s, kept in sync by a trigger; backfill: copy in batches; contract: switch readers, drop %s and rename the new column (or keep the new name).", [a.column, a.type_raw, a.column])
}
