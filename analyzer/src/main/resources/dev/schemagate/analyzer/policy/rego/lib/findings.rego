package schemagate.lib

# A finding about statement s. rule is the rule's {"id", "severity"} object.
finding(rule, s, message, hint) := {
	"rule": rule.id,
	"severity": rule.severity,
	"statement": s.index,
	"message": message,
	"hint": hint,
}

# A finding about the whole file (no statement).
file_finding(rule, message, hint) := {
	"rule": rule.id,
	"severity": rule.severity,
	"statement": null,
	"message": message,
	"hint": hint,
}

# "public.orders", or a placeholder when the analyzer knows no target.
target_name(s) := s.target if is_string(s.target)

else := "the table"

# "ALTER TABLE … ADD COLUMN", "CREATE INDEX", "VACUUM": the statement as SQL words.
sql_words(s) := concat("", ["ALTER TABLE … ", upper(replace(parts[1], "_", " "))]) if {
	parts := split(s.kind, ".")
	count(parts) == 2
	s.statement_kind == "alter_table"
} else := upper(replace(s.statement_kind, "_", " "))

# Message text for any value: concat (compiled natively to Wasm, unlike sprintf, which calls
# back into Java and costs about 1.5 ms per call in the interpreter) needs strings, and a null
# field must not make a finding disappear.
text(x) := x if is_string(x)

else := format_int(x, 10) if is_number(x)

else := "(unknown)"
