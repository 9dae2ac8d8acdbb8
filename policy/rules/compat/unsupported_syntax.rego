# METADATA
# title: Syntax the target PostgreSQL version rejects
# description: A statement using syntax that the track's PostgreSQL major version does not have; it fails when the phase runs.
# custom:
#   id: compat/unsupported-syntax
#   severity: error
package schemagate.rules.compat.unsupported_syntax

import data.schemagate.lib

rule := {"id": "compat/unsupported-syntax", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	is_string(s.version_error)
	msg := concat("", [s.version_error, ": PostgreSQL ", format_int(input.pg_version, 10), " rejects this statement, so the phase fails when it runs"])
	hint := "Write it in the form the track's version accepts, or raise the track's pg_version in schemagate.yaml once every database of the track runs the newer major version."
}
