# METADATA
# title: DROP TABLE outside contract
# description: DROP TABLE outside a contract phase breaks running code that still uses the table.
# custom:
#   id: compat/drop-table
#   severity: error
package schemagate.rules.compat.drop_table

import data.schemagate.lib

rule := {"id": "compat/drop-table", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	not input.file.phase == "contract"
	some s in input.statements
	s.statement_kind == "drop_table"
	lib.on_existing(s)
	msg := concat("", ["DROP TABLE ", lib.target_name(s), " outside a contract phase: code deployed now still queries it and fails with \"relation does not exist\""])
	hint := "Remove every use of the table from the application, then drop it in the contract phase of a later version."
}
