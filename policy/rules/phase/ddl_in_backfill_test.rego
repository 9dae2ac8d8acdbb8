package schemagate.rules.phase.ddl_in_backfill_test

import data.schemagate.fixtures as fx
import data.schemagate.rules.phase.ddl_in_backfill as r

test_flags_alter_in_backfill if {
	s := fx.alter("public.orders", [fx.column("note", "text")], "AccessExclusiveLock")
	fs := r.findings with input as fx.input_in("backfill", [fx.update("public.orders"), s])
	fx.ids(fs) == {["phase/ddl-in-backfill", 1]}
	some f in fs
	startswith(f.message, "ALTER TABLE … ADD COLUMN in a backfill phase")
}

test_dml_set_do_and_temp_tables_are_fine if {
	temp := object.union(fx.create_table("pg_temp.batch", []), {"flags": ["temporary"]})
	do := fx.stmt({"kind": "do_block", "statement_kind": "do_block"})
	count(r.findings) == 0 with input as fx.input_in("backfill", [fx.set_stmt("lock_timeout", "2s"), fx.update("public.orders"), do, temp])
}

test_expand_is_fine if {
	count(r.findings) == 0 with input as fx.input_of([fx.alter("public.orders", [fx.column("note", "text")], "AccessExclusiveLock")])
}
