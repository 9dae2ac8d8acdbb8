# METADATA
# title: Prefer timestamptz
# description: timestamp without time zone columns.
# custom:
#   id: hygiene/prefer-timestamptz
#   severity: info
package schemagate.rules.hygiene.prefer_timestamptz

import data.schemagate.lib

rule := {"id": "hygiene/prefer-timestamptz", "severity": "info"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	some a in lib.typed_columns(s)
	a.type == "timestamp"
	msg := concat("", [lib.target_name(s), ".", lib.text(a.column), " is timestamp without time zone: it stores wall-clock time, so values depend on the writer's TimeZone setting and DST"])
	hint := concat("", [lib.text(a.column), " timestamptz (stores an instant; same 8 bytes)."])
}
