# METADATA
# title: Waiver without reason
# description: A `-- schemagate:allow <rule>` waiver without a reason="…"; it waives nothing.
# custom:
#   id: hygiene/waiver-without-reason
#   severity: error
package schemagate.rules.hygiene.waiver_without_reason

import data.schemagate.lib

rule := {"id": "hygiene/waiver-without-reason", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	some w in s.waivers
	not has_reason(w)
	msg := concat("", ["waiver for ", lib.text(w.rule), " has no reason, so it does not waive anything"])
	hint := concat("", ["Write why the finding is acceptable here: `-- schemagate:allow ", lib.text(w.rule), " reason=\"orders has 200 rows in every environment\"`."])
}

has_reason(w) if trim_space(w.reason) != ""
