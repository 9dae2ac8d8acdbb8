package schemagate.rules.phase.destructive_in_expand_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.phase.destructive_in_expand as r

drop_view := fx.stmt({"kind": "drop_view", "statement_kind": "drop_view", "target": "public.order_totals", "locks": [fx.lock("public.order_totals", "AccessExclusiveLock")]})

drop_default := fx.alter("public.orders", [fx.action("drop_default", {"column": "status"})], "AccessExclusiveLock")

test_flags_in_expand if {
	fs := r.findings with input as fx.input_of([drop_view, drop_default])
	fx.ids(fs) == {["phase/destructive-in-expand", 0], ["phase/destructive-in-expand", 1]}
	some f in fs
	f.message == "DROP VIEW public.order_totals in an expand phase: code deployed now may still depend on what it removes"
}

test_flags_truncate_in_backfill if {
	s := fx.stmt({"kind": "truncate", "statement_kind": "truncate", "target": "public.sessions"})
	some f in r.findings with input as fx.input_in("backfill", [s])
	f.message == "TRUNCATE public.sessions in a backfill phase: code deployed now may still depend on what it removes"
}

test_contract_and_plain_are_fine if {
	count(r.findings) == 0 with input as fx.input_in("contract", [drop_view])
	count(r.findings) == 0 with input as fx.input_in(null, [drop_view])
}

test_additive_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([fx.alter("public.orders", [fx.column("note", "text")], "AccessExclusiveLock")])
}
