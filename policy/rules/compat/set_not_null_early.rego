# METADATA
# title: SET NOT NULL in expand
# description: SET NOT NULL (or a NOT NULL constraint) in an expand phase, while old writers may still write NULL.
# custom:
#   id: compat/set-not-null-early
#   severity: error
package schemagate.rules.compat.set_not_null_early

import data.schemagate.lib

rule := {"id": "compat/set-not-null-early", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	input.file.phase == "expand"
	some s in input.statements
	some column in not_null_columns(s)
	msg := concat("", ["NOT NULL on ", lib.target_name(s), ".", lib.text(column), " in an expand phase: code deployed now may still insert rows without ", lib.text(column), " and then fails with a not-null violation"])
	hint := "Enforce NOT NULL in the contract phase, once every running writer sets the column (backfill the old rows first)."
}

not_null_columns(s) := {a.column | some a in set_not_null(s)} | {concat(", ", a.constraint.columns) | some a in added_not_null(s)}

set_not_null(s) := [a | some a in lib.alter_actions(s, "set_not_null")]

added_not_null(s) := [a | some a in lib.alter_actions(s, "add_constraint"); a.constraint.type == "not_null"]
