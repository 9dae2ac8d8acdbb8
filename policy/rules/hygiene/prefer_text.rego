# METADATA
# title: Prefer text
# description: varchar(n) or char(n) columns; a length limit is better a CHECK constraint, which can change without a rewrite.
# custom:
#   id: hygiene/prefer-text
#   severity: info
package schemagate.rules.hygiene.prefer_text

import data.schemagate.lib

rule := {"id": "hygiene/prefer-text", "severity": "info"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	some a in lib.typed_columns(s)
	limited(a)
	msg := concat("", [lib.target_name(s), ".", lib.text(a.column), " is ", lib.text(a.type_raw), ": raising the limit later is cheap, but lowering it rewrites the table, and char(n) pads with spaces"])
	hint := concat("", [lib.text(a.column), " text, with CHECK (char_length(", lib.text(a.column), ") <= n) NOT VALID if a limit is needed."])
}

limited(a) if {
	a.type == "varchar"
	count(a.type_modifiers) > 0
}

limited(a) if a.type == "bpchar"
