# METADATA
# title: REFRESH MATERIALIZED VIEW without CONCURRENTLY
# description: REFRESH MATERIALIZED VIEW without CONCURRENTLY takes an ACCESS EXCLUSIVE lock, which blocks reads of the view for the whole refresh.
# custom:
#   id: lock/refresh-matview-blocking
#   severity: error
package schemagate.rules.lock.refresh_matview_blocking

import data.schemagate.lib

rule := {"id": "lock/refresh-matview-blocking", "severity": "error"}

findings contains lib.finding(rule, s, msg, hint) if {
	some s in input.statements
	s.statement_kind == "refresh_materialized_view"
	lib.on_existing(s)
	not lib.concurrently(s)
	msg := concat("", ["REFRESH MATERIALIZED VIEW ", lib.target_name(s), " takes an ACCESS EXCLUSIVE lock on it: every SELECT of the view waits until the query behind it has run again"])
	hint := concat("", ["REFRESH MATERIALIZED VIEW CONCURRENTLY ", lib.target_name(s), " (takes EXCLUSIVE: reads go on); it needs a unique index on the view without WHERE clause and a view that is already populated."])
}
