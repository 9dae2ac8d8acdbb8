# METADATA
# title: Required column without default
# description: ADD COLUMN … NOT NULL without a default on an existing table fails when the table has rows and breaks running inserts.
# custom:
#   id: compat/add-required-column
#   severity: error
package schemagate.rules.compat.add_required_column

import data.schemagate.lib

rule := {"id": "compat/add-required-column", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	some a in lib.alter_actions(s, "add_column")
	a.not_null == true
	not a.default in {"constant", "volatile"}
	not a.generated in {"identity_always", "identity_by_default", "stored", "virtual"}
	msg := concat("", ["ADD COLUMN ", lib.text(a.column), " NOT NULL without a default on existing table ", lib.target_name(s), ": it fails if the table has rows, and running code that inserts without the column fails with a not-null violation"])
	hint := "Add it with a constant DEFAULT (a catalog-only change since PostgreSQL 11), or add it nullable, backfill it, and enforce NOT NULL in the contract phase (CHECK … NOT VALID, VALIDATE, SET NOT NULL)."
}
