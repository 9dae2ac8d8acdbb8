# METADATA
# title: Prefer jsonb
# description: json columns; jsonb is indexable and compares by value.
# custom:
#   id: hygiene/prefer-jsonb
#   severity: info
package schemagate.rules.hygiene.prefer_jsonb

import data.schemagate.lib

rule := {"id": "hygiene/prefer-jsonb", "severity": "info"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	some a in lib.typed_columns(s)
	a.type == "json"
	msg := concat("", [lib.target_name(s), ".", lib.text(a.column), " is json: stored as text, re-parsed on every access, no equality operator and no GIN indexing"])
	hint := concat("", [lib.text(a.column), " jsonb (unless key order or duplicate keys must be kept verbatim)."])
}
