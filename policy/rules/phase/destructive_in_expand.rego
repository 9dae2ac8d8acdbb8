# METADATA
# title: Destructive change in expand or backfill
# description: A destructive or incompatible change (DROP of a view, function, type…, TRUNCATE, DROP DEFAULT, SET SCHEMA, …) in an expand or backfill phase; compat/* rules report drop/rename/type changes of tables and columns.
# custom:
#   id: phase/destructive-in-expand
#   severity: error
package schemagate.rules.phase.destructive_in_expand

import data.schemagate.lib

rule := {"id": "phase/destructive-in-expand", "severity": "error"}

destructive_kinds := {
	"truncate", "drop_view", "drop_materialized_view", "drop_sequence", "drop_type",
	"drop_domain", "drop_function", "drop_procedure", "drop_trigger", "drop_rule",
	"drop_schema", "drop_extension", "drop_policy", "drop_publication", "drop_other",
}

# ALTER TABLE actions that take something away from running code.
destructive_actions := {"drop_default", "drop_identity", "drop_expression", "set_schema"}

findings contains lib.finding(rule, s, msg, hint) if {
	input.file.phase in {"expand", "backfill"}
	some s in input.statements
	what := destructive(s)
	msg := concat("", [what, " in a", article, " ", lib.text(input.file.phase), " phase: code deployed now may still depend on what it removes"])
	hint := "Move it to the contract phase of this or a later version, which runs only once no running code needs the old shape."
}

article := "n" if input.file.phase == "expand"

else := ""

destructive(s) := concat("", [lib.sql_words(s), " ", lib.target_name(s)]) if {
	s.statement_kind in destructive_kinds
	lib.on_existing(s)
} else := concat("", ["ALTER TABLE ", lib.target_name(s), " ", concat(", ", kinds)]) if {
	kinds := [upper(replace(a.kind, "_", " ")) | some a in s.actions; a.kind in destructive_actions]
	count(kinds) > 0
	s.statement_kind == "alter_table"
	lib.on_existing(s)
} else := concat("", ["ALTER TYPE ", lib.target_name(s), " RENAME VALUE"]) if {
	s.statement_kind == "alter_type"
	some a in s.actions
	a.kind == "rename_enum_value"
}
