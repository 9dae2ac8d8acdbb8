# METADATA
# title: Statement not understood
# description: A statement the analyzer could not understand; no other rule can check it.
# custom:
#   id: hygiene/unparsed-statement
#   severity: warning
package schemagate.rules.hygiene.unparsed_statement

import data.schemagate.lib

rule := {"id": "hygiene/unparsed-statement", "severity": "warning"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	s.statement_kind == "unparsed"
	msg := concat("", ["schemagate could not understand this statement (", reason(s), "), so no lock or compatibility rule checked it"])
	hint := "Review its locks by hand; if the SQL is valid PostgreSQL, report it so the recognizer learns it; waive with `-- schemagate:allow hygiene/unparsed-statement reason=\"…\"`."
}

reason(s) := s.unparsed_reason if is_string(s.unparsed_reason)

else := "no reason given"
