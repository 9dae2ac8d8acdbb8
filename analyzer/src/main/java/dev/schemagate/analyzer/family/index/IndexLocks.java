package dev.schemagate.analyzer.family.index;

import static dev.schemagate.analyzer.facts.LockMode.ACCESS_EXCLUSIVE;
import static dev.schemagate.analyzer.facts.LockMode.SHARE;
import static dev.schemagate.analyzer.facts.LockMode.SHARE_UPDATE_EXCLUSIVE;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.catalog.CatalogIndex;
import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.analyzer.catalog.RelationKind;
import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.lock.LockModel;
import dev.schemagate.analyzer.lock.StatementLocks;
import dev.schemagate.analyzer.lock.StorageParameters;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The locks of index statements (PostgreSQL "CREATE INDEX", "DROP INDEX", "REINDEX"; traced on
 * 14-18): a build holds SHARE (CONCURRENTLY: SHARE UPDATE EXCLUSIVE, outside a transaction block)
 * on the table and scans it; DROP and REINDEX end with ACCESS EXCLUSIVE on the index.
 */
final class IndexLocks {

  private IndexLocks() {}

  static void of(ParsedStatement st, StatementLocks locks) {
    switch (st.kind()) {
      case CREATE_INDEX -> create(st, locks);
      case DROP_INDEX -> drop(st, locks);
      case ALTER_INDEX -> alter(st, locks);
      case REINDEX -> reindex(st, locks);
      default -> throw new IllegalArgumentException("not an index statement: " + st.kind());
    }
  }

  private static boolean partitioned(Catalog catalog, String table) {
    return catalog.table(table).map(CatalogTable::partitioned).orElse(false);
  }

  private static void create(ParsedStatement st, StatementLocks locks) {
    Catalog catalog = locks.catalog();
    boolean concurrently = st.has(Flag.CONCURRENTLY);
    if (st.index() == null) {
      locks.lockTarget(concurrently ? SHARE_UPDATE_EXCLUSIVE : SHARE);
      locks.scan();
      if (concurrently) {
        locks.notTransactional();
      }
      return;
    }
    String table = locks.q(st.index().table());
    String index = table.substring(0, table.lastIndexOf('.')) + "." + catalog.indexName(st.index());
    if (st.has(Flag.IF_NOT_EXISTS) && catalog.kindOf(locks.name(index)) != RelationKind.UNKNOWN) {
      // DefineIndex locks the table before it finds the index exists.
      locks.lock(table, concurrently ? SHARE_UPDATE_EXCLUSIVE : SHARE);
      if (concurrently) {
        locks.notTransactional();
      }
      locks.note(
          "IF NOT EXISTS and "
              + index
              + " exists: no build (only a notice), the table lock is still taken");
      return;
    }
    locks.unknownTable(table);
    boolean partitioned = partitioned(catalog, table);
    if (concurrently) {
      locks.lock(table, SHARE_UPDATE_EXCLUSIVE);
      locks.notTransactional();
      locks.scan();
      locks.note(
          "CREATE INDEX CONCURRENTLY: SHARE UPDATE EXCLUSIVE (reads and writes continue), two table scans,"
              + " waits for older transactions; not in a transaction block");
      if (partitioned) {
        locks.note(
            "CONCURRENTLY is refused on a partitioned table (build each partition's index, then ON ONLY"
                + " the parent and ATTACH)");
      }
    } else {
      locks.lock(table, SHARE);
      if (partitioned && st.has(Flag.ONLY)) {
        locks.note("ON ONLY a partitioned table: an invalid index on the parent alone, no build");
      } else {
        locks.scan();
        locks.note("CREATE INDEX holds SHARE on the table for the whole build: writes are blocked");
        if (!st.has(Flag.ONLY)) {
          for (String p : catalog.partitionsOf(table)) {
            locks.lock(p, SHARE);
          }
        }
      }
    }
    locks.lock(index, ACCESS_EXCLUSIVE);
    locks.created(index);
  }

  private static void drop(ParsedStatement st, StatementLocks locks) {
    boolean concurrently = st.has(Flag.CONCURRENTLY);
    for (QualifiedName n :
        st.relations().isEmpty() && st.target() != null ? List.of(st.target()) : st.relations()) {
      String index = locks.q(n);
      Optional<CatalogIndex> idx = locks.catalog().index(n);
      if (idx.isPresent()) {
        locks.lock(idx.get().table(), concurrently ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
      } else {
        locks.note(
            "index "
                + index
                + " unknown: its table (locked "
                + (concurrently ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE")
                + " too) cannot be named");
        if (st.has(Flag.IF_EXISTS)) {
          locks.note(index + LockModel.ASSUMED_TO_EXIST);
        }
      }
      // index_drop(): CONCURRENTLY still ends with ACCESS EXCLUSIVE on the index, once nobody uses
      // it.
      locks.lock(index, ACCESS_EXCLUSIVE);
    }
    if (concurrently) {
      locks.notTransactional();
      locks.note(
          "DROP INDEX CONCURRENTLY: SHARE UPDATE EXCLUSIVE on the table; waits out queries using the index;"
              + " not in a transaction block");
    } else {
      locks.note("DROP INDEX: ACCESS EXCLUSIVE on the table blocks reads and writes");
    }
  }

  static void alter(ParsedStatement st, StatementLocks locks) {
    if (st.target() == null) {
      return;
    }
    String index = locks.q(st.target());
    Optional<CatalogIndex> idx = locks.catalog().index(st.target());
    for (AlterAction a : st.actions()) {
      switch (a.kind()) {
        case RENAME_TABLE -> {
          locks.lock(index, SHARE_UPDATE_EXCLUSIVE);
          locks.note("renaming an index takes SHARE UPDATE EXCLUSIVE (PG 12+)");
        }
        case SET_OPTIONS, RESET_OPTIONS ->
            locks.lock(index, StorageParameters.lock(a, locks::note));
        case SET_STATISTICS -> locks.lock(index, SHARE_UPDATE_EXCLUSIVE);
        case SET_TABLESPACE -> {
          locks.lock(index, ACCESS_EXCLUSIVE);
          locks.note("SET TABLESPACE copies the index under ACCESS EXCLUSIVE");
        }
        case ATTACH_PARTITION -> {
          locks.lock(index, SHARE_UPDATE_EXCLUSIVE);
          if (a.name() != null) {
            locks.lock(locks.q(Catalog.parseName(a.name())), ACCESS_EXCLUSIVE);
          }
          locks.note("ALTER INDEX … ATTACH PARTITION: lock modes not taken from the docs; unsure");
        }
        default -> locks.lock(index, ACCESS_EXCLUSIVE);
      }
    }
    if (idx.isEmpty()) {
      locks.note("index " + index + " not in the replayed history");
    }
  }

  private static void reindex(ParsedStatement st, StatementLocks locks) {
    Catalog catalog = locks.catalog();
    String scope = st.detail(Reindex.class).map(Reindex::scope).orElse("index");
    boolean concurrently = st.has(Flag.CONCURRENTLY);
    LockMode tableMode = concurrently ? SHARE_UPDATE_EXCLUSIVE : SHARE;
    // CONCURRENTLY ends by dropping each old index (ReindexRelationConcurrently, phase 6) with
    // PERFORM_DELETION_CONCURRENT_LOCK, which takes ACCESS EXCLUSIVE on it once no query uses it
    // any more; traced on PostgreSQL 14-18 (pg_locks of the reindexing backend).
    LockMode indexMode = ACCESS_EXCLUSIVE;
    locks.scan();
    if (concurrently) {
      locks.notTransactional();
      locks.note(
          "REINDEX CONCURRENTLY (PG 12+): SHARE UPDATE EXCLUSIVE, builds a new index and swaps; not in a"
              + " transaction block; the old index is dropped under a brief ACCESS EXCLUSIVE at the end");
    }
    switch (scope) {
      case "index" -> {
        if (st.target() == null) {
          return;
        }
        String index = locks.q(st.target());
        Optional<CatalogIndex> idx = catalog.index(st.target());
        if (idx.isPresent()) {
          locks.lock(idx.get().table(), tableMode);
          if (partitioned(catalog, idx.get().table())) {
            locks.notTransactional();
            locks.note(
                "REINDEX of a partitioned index runs one transaction per partition: not in a transaction block");
          }
        } else {
          locks.note(
              "index " + index + " unknown: its table (locked " + tableMode + ") cannot be named");
        }
        locks.lock(index, indexMode);
        if (!concurrently) {
          locks.note(
              "REINDEX INDEX: SHARE on the table (writes blocked), ACCESS EXCLUSIVE on the index (reads using"
                  + " it blocked)");
        }
      }
      case "table" -> {
        if (st.target() == null) {
          return;
        }
        String table = locks.q(st.target());
        locks.unknownTable(table);
        locks.lock(table, tableMode);
        for (CatalogIndex i : catalog.indexesOn(table)) {
          locks.lock(i.qualifiedName(), indexMode);
        }
        if (partitioned(catalog, table)) {
          locks.notTransactional();
          locks.note(
              "REINDEX of a partitioned table runs one transaction per partition: not in a transaction block");
        }
        if (!concurrently) {
          locks.note(
              "REINDEX TABLE: SHARE on the table, ACCESS EXCLUSIVE on each index while it is rebuilt");
        }
      }
      default -> {
        // schema, database, system: one transaction per table.
        locks.notTransactional();
        locks.note(
            "REINDEX "
                + scope.toUpperCase(Locale.ROOT)
                + " processes each table in its own transaction:"
                + " not in a transaction block");
        if (scope.equals("schema") && st.target() != null) {
          // ReindexMultipleTables takes tables and materialized views; a partitioned table is
          // skipped
          // (its partitions are tables of their own)
          String prefix = st.target().name() + ".";
          for (String t : catalog.tableNames()) {
            if (t.startsWith(prefix) && !partitioned(catalog, t)) {
              locks.lock(t, tableMode);
            }
          }
          for (String m : catalog.materializedViewNames()) {
            if (m.startsWith(prefix)) {
              locks.lock(m, tableMode);
            }
          }
        }
      }
    }
  }
}
