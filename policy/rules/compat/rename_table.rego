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
	not compatibility_view(s)
	msg := concat("", ["RENAME of table ", lib.target_name(s), " to ", lib.text(a.new_name), ": code deployed now still queries ", lib.target_name(s), " and fails with \"relation does not exist\""])
	hint := concat("", ["Rename, then keep the old name alive for running code: CREATE VIEW ", lib.target_name(s), " AS SELECT * FROM ", lib.text(a.new_name), " (a simple view is updatable) in the same transaction; drop the view in a later contract phase."])
}

# The page's safe rewrite: in the same transaction, a view with the old name keeps running code
# working (a simple SELECT * view is updatable). Outside a transaction there is a moment without it.
compatibility_view(s) if {
	lib.file_transactional
	some v in input.statements
	v.index > s.index
	v.statement_kind == "create_view"
	v.target == s.target
}
