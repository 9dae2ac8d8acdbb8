# METADATA
# title: Column type change
# description: ALTER COLUMN … TYPE to a type that is not binary-compatible with the old one (the change rewrites or scans the table), which running code sees.
# custom:
#   id: compat/change-column-type
#   severity: error
package schemagate.rules.compat.change_column_type

import data.schemagate.lib

rule := {"id": "compat/change-column-type", "severity": "error"}

# A binary-coercible change (varchar(10) → varchar(100), varchar → text) needs no rewrite or
# scan and reads back the same values; the analyzer's rewrite and scan facts tell them apart
# (a shortening such as varchar(100) → varchar(5) at least scans, and breaks long writes).
findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	visible(s)
	some a in lib.alter_actions(s, "alter_column_type")
	msg := concat("", ["ALTER COLUMN ", lib.target_name(s), ".", lib.text(a.column), " TYPE ", lib.text(a.type_raw), " changes what running code reads and may write (values, precision, driver types); old and new code cannot share the column"])
	hint := concat("", ["Expand: ADD COLUMN ", lib.text(a.column), "_new ", lib.text(a.type_raw), ", kept in sync by a trigger; backfill: copy in batches; contract: switch readers, drop ", lib.text(a.column), " and rename the new column (or keep the new name)."])
}

visible(s) if s.rewrite == true

visible(s) if s.scan == true
