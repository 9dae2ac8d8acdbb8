# METADATA
# title: Prefer identity columns
# description: serial / bigserial / smallserial columns instead of GENERATED … AS IDENTITY.
# custom:
#   id: hygiene/prefer-identity
#   severity: info
package schemagate.rules.hygiene.prefer_identity

import data.schemagate.lib

rule := {"id": "hygiene/prefer-identity", "severity": "info"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	some a in lib.typed_columns(s)
	a.type in {"serial", "bigserial", "smallserial"}
	msg := concat("", [lib.target_name(s), ".", lib.text(a.column), " is ", lib.text(a.type), ": a separately owned sequence with looser permissions and no protection against explicit values"])
	hint := concat("", [lib.text(a.column), " bigint GENERATED ALWAYS AS IDENTITY (SQL standard, PostgreSQL 10+)."])
}
