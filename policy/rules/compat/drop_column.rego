# METADATA
# title: DROP COLUMN outside contract
# description: DROP COLUMN outside a contract phase breaks running code that still reads or writes the column.
# custom:
#   id: compat/drop-column
#   severity: error
package schemagate.rules.compat.drop_column

import data.schemagate.lib

rule := {"id": "compat/drop-column", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	not input.file.phase == "contract"
	some s in input.statements
	some a in lib.alter_actions(s, "drop_column")
	msg := concat("", ["DROP COLUMN ", lib.target_name(s), ".", lib.text(a.column), " outside a contract phase: code deployed now still selects or inserts it and fails with \"column does not exist\""])
	hint := "Stop reading and writing the column in the application first; drop it in the contract phase of a later version, once no running code needs it."
}
