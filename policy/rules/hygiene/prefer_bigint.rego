# METADATA
# title: Prefer bigint for keys
# description: An integer or smallint key column (serial, identity, primary key) that can run out of values.
# custom:
#   id: hygiene/prefer-bigint
#   severity: info
package schemagate.rules.hygiene.prefer_bigint

import data.schemagate.lib

rule := {"id": "hygiene/prefer-bigint", "severity": "info"}

small := {"int4": "integer", "int2": "smallint", "serial": "serial", "smallserial": "smallserial"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	some a in lib.typed_columns(s)
	small[a.type]
	a.array != true
	is_key(s, a)
	msg := concat("", ["key column ", lib.target_name(s), ".", lib.text(a.column), " is ", small[a.type], ": it runs out at ", limit(a.type), " values, and widening it later rewrites the table and every referencing one"])
	hint := "Use bigint (bigint GENERATED ALWAYS AS IDENTITY for a generated key)."
}

limit(t) := "2^31" if t in {"int4", "serial"}

else := "2^15"

is_key(_, a) if a.type in {"serial", "smallserial"}

is_key(_, a) if a.generated in {"identity_always", "identity_by_default"}

is_key(_, a) if a.constraint.type == "primary_key"

is_key(s, a) if {
	some c in lib.added_constraints(s)
	c.type == "primary_key"
	a.column in c.columns
}
