package dev.schemagate.analyzer.lock;

import static dev.schemagate.analyzer.facts.LockMode.ACCESS_EXCLUSIVE;
import static dev.schemagate.analyzer.facts.LockMode.ACCESS_SHARE;
import static dev.schemagate.analyzer.facts.LockMode.ROW_EXCLUSIVE;
import static dev.schemagate.analyzer.facts.LockMode.ROW_SHARE;
import static dev.schemagate.analyzer.facts.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.schemagate.analyzer.facts.LockMode.SHARE_UPDATE_EXCLUSIVE;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.catalog.CatalogColumn;
import dev.schemagate.analyzer.catalog.CatalogConstraint;
import dev.schemagate.analyzer.catalog.CatalogIndex;
import dev.schemagate.analyzer.catalog.CatalogTable;
import dev.schemagate.analyzer.catalog.RelationKind;
import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.family.Families;
import dev.schemagate.analyzer.family.StatementFamily;
import dev.schemagate.analyzer.family.index.IndexFamily;
import dev.schemagate.analyzer.parse.Lexer;
import dev.schemagate.analyzer.parse.Token;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ColumnDef;
import dev.schemagate.analyzer.statement.ColumnDef.Generated;
import dev.schemagate.analyzer.statement.ConstraintDef;
import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.analyzer.statement.Volatility;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lock model: what one statement does to a live PostgreSQL database of a given major version
 * (14 to 18), given the schema the earlier statements built. The source for every row is the
 * PostgreSQL documentation ("ALTER TABLE", "Explicit Locking", "CREATE INDEX", "REINDEX", …);
 * docs/lock-model.md is the table this class implements.
 *
 * <p>Relations never created in the replayed history are assumed to exist and hold rows (the
 * conservative answer). Locks that PostgreSQL takes implicitly on a table's own indexes and TOAST
 * table are not listed.
 */
public final class LockModel {

  /**
   * Starts the note of a fact that depends on the deploying session's TimeZone (timestamp ↔
   * timestamptz is metadata only under UTC, PG 12+). The model keeps the rewrite (the deploying
   * session is not known); the trace, which pins TimeZone to UTC, reports the difference as
   * session-dependent rather than as a disagreement.
   */
  public static final String SESSION_TIME_ZONE = "depends on the session TimeZone: ";

  /**
   * Part of the note on an object that {@code IF EXISTS} names and the replayed history does not
   * know (never created it, or a DO block may have): the model assumes it exists (objects made
   * outside the migrations), PostgreSQL may skip it.
   */
  public static final String ASSUMED_TO_EXIST =
      " not known from the replayed history: assumed to exist (IF EXISTS)";

  /**
   * Sub-commands that ALTER TABLE (without ONLY) applies to every partition/child too, locking each
   * with the statement's lock (find_all_inheritors in ATSimpleRecursion / ATPrepCmd).
   */
  private static final Set<ActionKind> RECURSING =
      Set.of(
          ActionKind.ADD_COLUMN,
          ActionKind.DROP_COLUMN,
          ActionKind.ALTER_COLUMN_TYPE,
          ActionKind.SET_DEFAULT,
          ActionKind.DROP_DEFAULT,
          ActionKind.SET_NOT_NULL,
          ActionKind.DROP_NOT_NULL,
          ActionKind.ADD_CONSTRAINT,
          ActionKind.VALIDATE_CONSTRAINT,
          ActionKind.DROP_CONSTRAINT,
          ActionKind.SET_STATISTICS,
          ActionKind.SET_STORAGE,
          ActionKind.SET_COMPRESSION,
          ActionKind.ENABLE_TRIGGER,
          ActionKind.DISABLE_TRIGGER,
          ActionKind.SET_EXPRESSION,
          ActionKind.DROP_EXPRESSION);

  /** COMMENT / SECURITY LABEL object types whose target is a relation. */
  private static final Set<String> RELATION_OBJECTS =
      Set.of(
          "table",
          "column",
          "index",
          "view",
          "materialized view",
          "sequence",
          "foreign table",
          "constraint",
          "trigger",
          "policy",
          "rule");

  public StatementFacts analyze(ParsedStatement st, Catalog catalog, LockContext ctx) {
    Analysis a = new Analysis(st, catalog, ctx);
    a.run();
    return a.facts.build(st, ctx.createdInPhase());
  }

  /** One statement's analysis. */
  private static final class Analysis {
    private final ParsedStatement st;
    private final Catalog catalog;
    private final LockContext ctx;
    private final int v;
    private final FactsBuilder facts = new FactsBuilder();

    Analysis(ParsedStatement st, Catalog catalog, LockContext ctx) {
      this.st = st;
      this.catalog = catalog;
      this.ctx = ctx;
      this.v = ctx.pgVersion();
    }

    String q(QualifiedName name) {
      return name.inSchema(ctx.defaultSchema()).toString();
    }

    boolean isNew(String relation) {
      return ctx.createdInPhase().contains(relation);
    }

    String text() {
      return st.source() == null ? "" : st.source().text();
    }

    boolean textMatches(String regex) {
      return java.util.regex.Pattern.compile(
              regex, java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL)
          .matcher(text())
          .find();
    }

    /**
     * Whether these words follow each other in the statement's tokens (never inside a comment or a
     * string).
     */
    boolean hasWords(String... words) {
      List<Token> tokens = Lexer.tokenize(text()).tokens();
      for (int i = 0; i + words.length <= tokens.size(); i++) {
        int k = 0;
        while (k < words.length && tokens.get(i + k).isWord(words[k])) {
          k++;
        }
        if (k == words.length) {
          return true;
        }
      }
      return false;
    }

    void unknownTable(String relation) {
      if (!isNew(relation) && catalog.kindOf(name(relation)) == RelationKind.UNKNOWN) {
        facts.note(relation + " is not in the replayed history: assumed to exist and hold rows");
      }
    }

    void run() {
      if (v < 15 && hasWords("nulls", "not", "distinct")) {
        facts.versionError("NULLS NOT DISTINCT requires PostgreSQL 15");
      }
      Optional<StatementFamily> family = Families.owning(st.kind());
      if (family.isPresent()) {
        family.get().lockFacts(st, new StatementLocks(st, catalog, ctx, facts));
        return;
      }
      switch (st.kind()) {
        case CREATE_TABLE -> createTable();
        case CREATE_TABLE_AS -> createTableAs();
        case ALTER_TABLE -> alterTable();
        case DROP_TABLE -> dropTable();
        case TRUNCATE -> truncate();
        case CREATE_RULE, DROP_RULE, CREATE_POLICY, ALTER_POLICY, DROP_POLICY -> tableObject();
        case COMMENT, SECURITY_LABEL -> comment();
        case VACUUM -> vacuum();
        case ANALYZE -> {
          lockAll(st.relations(), SHARE_UPDATE_EXCLUSIVE);
          facts.note(
              "ANALYZE reads a sample of the table under SHARE UPDATE EXCLUSIVE; may run in a transaction block");
        }
        case CLUSTER -> cluster();
        case LOCK_TABLE -> lockTable();
        case INSERT, INSERT_SELECT, UPDATE, DELETE, MERGE, COPY -> dml();
        case SELECT -> {
          LockMode mode =
              textMatches("\\bFOR\\s+(NO\\s+KEY\\s+)?(UPDATE|SHARE|KEY\\s+SHARE)\\b")
                  ? ROW_SHARE
                  : ACCESS_SHARE;
          lockAll(st.relations(), mode);
          if (!st.relations().isEmpty() && !textMatches("\\b(WHERE|LIMIT)\\b")) {
            facts.scan = true;
            facts.note(
                "SELECT without WHERE reads every row (under ACCESS SHARE: harmless to others)");
          }
        }
        case DROP_SCHEMA -> dropSchema();
        case CREATE_OTHER, DROP_OTHER, ALTER_OTHER -> otherObject();
        case UNPARSED -> facts.note("statement not understood: no lock facts");
        default -> {
          // CREATE FUNCTION/TYPE/SCHEMA/EXTENSION, SET, transaction control…: no table lock.
        }
      }
    }

    void lockAll(List<QualifiedName> names, LockMode mode) {
      for (QualifiedName n : names) {
        facts.lock(q(n), mode);
      }
    }

    void lockTarget(LockMode mode) {
      if (st.target() != null) {
        facts.lock(q(st.target()), mode);
      }
    }

    // ------------------------------------------------------------ CREATE TABLE

    void createTable() {
      if (st.target() == null) {
        return;
      }
      String table = q(st.target());
      if (st.has(Flag.IF_NOT_EXISTS)
          && (catalog.kindOf(st.target()) != RelationKind.UNKNOWN || isNew(table))) {
        facts.note("IF NOT EXISTS and " + table + " exists: no-op");
        return;
      }
      facts.lock(table, ACCESS_EXCLUSIVE);
      facts.created(table);
      if (st.has(Flag.PARTITION_OF) && st.relations().size() > 1) {
        String parent = q(st.relations().get(1));
        // DefineRelation: partitions lock the parent ACCESS EXCLUSIVE (the partition descriptor
        // changes).
        facts.lock(parent, ACCESS_EXCLUSIVE);
        facts.note("CREATE TABLE … PARTITION OF takes ACCESS EXCLUSIVE on the parent " + parent);
        defaultPartitionOf(parent)
            .ifPresent(
                d -> {
                  facts.lock(d, ACCESS_EXCLUSIVE);
                  facts.scan = facts.scan || !isNew(d);
                  facts.note(
                      "the default partition "
                          + d
                          + " is locked and scanned for rows that belong to the new partition");
                });
      }
      for (AlterAction action : st.actions()) {
        if (action.kind() == ActionKind.ADD_COLUMN && action.columnDef() != null) {
          ColumnDef c = action.columnDef();
          if (c.generated() == Generated.VIRTUAL && v < 18) {
            facts.versionError(
                "virtual generated columns require PostgreSQL 18 (write STORED before 18)");
          }
          c.constraints().forEach(this::referencedTableLock);
        } else if (action.kind() == ActionKind.ADD_CONSTRAINT && action.constraint() != null) {
          ConstraintDef c = action.constraint();
          if (c.type() == ConstraintType.NOT_NULL && v < 18) {
            facts.versionError("table constraint NOT NULL col requires PostgreSQL 18");
          }
          referencedTableLock(c);
        }
      }
      if (st.has(Flag.UNLOGGED)) {
        facts.note("unlogged table: not crash-safe, not replicated");
      }
    }

    /**
     * CREATE TABLE … REFERENCES p adds triggers on p: SHARE ROW EXCLUSIVE (like CREATE TRIGGER).
     */
    void referencedTableLock(ConstraintDef c) {
      if (c.type() == ConstraintType.FOREIGN_KEY && c.referencedTable() != null) {
        facts.lock(q(c.referencedTable()), SHARE_ROW_EXCLUSIVE);
      }
    }

    Optional<String> defaultPartitionOf(String parent) {
      for (String name : catalog.tableNames()) {
        CatalogTable t = catalog.table(name).orElseThrow();
        if (parent.equals(t.partitionOf()) && t.defaultPartition()) {
          return Optional.of(name);
        }
      }
      return Optional.empty();
    }

    List<String> partitionsOf(String parent) {
      return catalog.partitionsOf(parent);
    }

    void createTableAs() {
      if (st.target() == null) {
        return;
      }
      String table = q(st.target());
      facts.lock(table, ACCESS_EXCLUSIVE);
      facts.created(table);
      for (QualifiedName r : st.relations().subList(1, st.relations().size())) {
        facts.lock(q(r), ACCESS_SHARE);
      }
      if (!st.has(Flag.WITH_NO_DATA) && st.relations().size() > 1) {
        facts.scan = true;
        facts.note(
            "the query reads its source tables under ACCESS SHARE (blocks nothing but ACCESS EXCLUSIVE)");
      }
    }

    // ------------------------------------------------------------ ALTER TABLE

    void alterTable() {
      if (st.target() == null) {
        return;
      }
      String table = q(st.target());
      RelationKind kind = catalog.kindOf(st.target());
      if (kind == RelationKind.INDEX) {
        IndexFamily.alterTableOnIndex(st, new StatementLocks(st, catalog, ctx, facts));
        return;
      }
      unknownTable(table);
      boolean tableIsNew = isNew(table);
      for (AlterAction a : st.actions()) {
        action(table, tableIsNew, a);
      }
      LockMode tableLock = facts.lockOn(table);
      boolean recurses = st.actions().stream().anyMatch(a -> RECURSING.contains(a.kind()));
      if (tableLock != null && recurses && !st.has(Flag.ONLY)) {
        for (String p : partitionsOf(table)) {
          if (facts.lockOn(p) == null) {
            facts.lock(p, tableLock);
          }
        }
      }
      if (st.actions().size() > 1) {
        facts.note(
            "several sub-commands: PostgreSQL takes the strongest lock of them ("
                + tableLock
                + ") for all");
      }
    }

    void action(String table, boolean tableIsNew, AlterAction a) {
      switch (a.kind()) {
        case ADD_COLUMN -> addColumn(table, tableIsNew, a);
        case ALTER_COLUMN_TYPE -> alterColumnType(table, a);
        case SET_NOT_NULL -> setNotNull(table, a);
        case ADD_CONSTRAINT -> addConstraint(table, a.constraint(), a.raw());
        case VALIDATE_CONSTRAINT -> validateConstraint(table, a);
        case DROP_CONSTRAINT -> dropConstraint(table, a);
        case SET_DEFAULT, DROP_DEFAULT -> {
          facts.lock(table, ACCESS_EXCLUSIVE);
          facts.note("SET/DROP DEFAULT changes the catalog only: existing rows keep their values");
        }
        case DROP_COLUMN -> {
          facts.lock(table, ACCESS_EXCLUSIVE);
          facts.note(
              "DROP COLUMN marks the column dropped: no rewrite; space is reclaimed by later updates");
          dropColumnForeignKeys(table, a.column());
        }
        case DROP_NOT_NULL,
            RENAME_COLUMN,
            RENAME_TABLE,
            RENAME_CONSTRAINT,
            SET_SCHEMA,
            ALTER_CONSTRAINT,
            ADD_IDENTITY,
            SET_IDENTITY,
            DROP_IDENTITY,
            DROP_EXPRESSION,
            SET_STORAGE,
            SET_COMPRESSION,
            ENABLE_RULE,
            DISABLE_RULE,
            ENABLE_ROW_LEVEL_SECURITY,
            DISABLE_ROW_LEVEL_SECURITY,
            FORCE_ROW_LEVEL_SECURITY,
            NO_FORCE_ROW_LEVEL_SECURITY,
            SET_WITHOUT_OIDS,
            OF_TYPE,
            NOT_OF,
            OWNER_TO,
            REPLICA_IDENTITY,
            OTHER -> {
          facts.lock(table, ACCESS_EXCLUSIVE);
          if (a.kind() == ActionKind.ADD_IDENTITY) {
            facts.note(
                "ADD GENERATED AS IDENTITY on an existing column attaches a sequence: no rewrite");
          } else if (a.kind() == ActionKind.DROP_EXPRESSION) {
            facts.note("DROP EXPRESSION keeps the stored values: no rewrite");
          } else if (a.kind() == ActionKind.ALTER_CONSTRAINT
              && v < 18
              && a.raw() != null
              && a.raw().toUpperCase(Locale.ROOT).matches("(?s).*\\b(NOT\\s+)?ENFORCED\\b.*")) {
            facts.versionError("ALTER CONSTRAINT … [NOT] ENFORCED requires PostgreSQL 18");
          } else if (a.kind() == ActionKind.OTHER) {
            facts.note("sub-command not modelled: assumed ACCESS EXCLUSIVE");
          }
        }
        case SET_STATISTICS, CLUSTER_ON, SET_WITHOUT_CLUSTER ->
            facts.lock(table, SHARE_UPDATE_EXCLUSIVE);
        case SET_OPTIONS, RESET_OPTIONS -> facts.lock(table, optionsLock(a));
        case SET_LOGGED, SET_UNLOGGED -> {
          facts.lock(table, ACCESS_EXCLUSIVE);
          facts.rewrite = true;
          facts.note(
              a.kind() == ActionKind.SET_LOGGED
                  ? "SET LOGGED rewrites the table (every row is written to the WAL)"
                  : "SET UNLOGGED rewrites the table into new unlogged storage");
        }
        case SET_TABLESPACE -> {
          facts.lock(table, ACCESS_EXCLUSIVE);
          facts.rewrite = true;
          facts.note("SET TABLESPACE copies every data file under ACCESS EXCLUSIVE");
        }
        case SET_ACCESS_METHOD -> {
          facts.lock(table, ACCESS_EXCLUSIVE);
          String method = a.newName() == null ? null : a.newName().toLowerCase(Locale.ROOT);
          if (method != null
              && catalog.accessMethod(st.target()).map(method::equals).orElse(false)) {
            // the same method: PostgreSQL keeps the table's file (traced on 15-18), the lock stays
            facts.note("SET ACCESS METHOD " + method + ": the table already uses it, no rewrite");
          } else {
            facts.rewrite = true;
          }
          if (v < 15) {
            facts.versionError("ALTER TABLE … SET ACCESS METHOD requires PostgreSQL 15");
          }
        }
        case ATTACH_PARTITION -> attachPartition(table, a);
        case DETACH_PARTITION -> detachPartition(table, a);
        case ENABLE_TRIGGER, DISABLE_TRIGGER -> facts.lock(table, SHARE_ROW_EXCLUSIVE);
        case INHERIT, NO_INHERIT -> {
          facts.lock(table, ACCESS_EXCLUSIVE);
          if (a.name() != null || a.newName() != null) {
            facts.lock(
                q(Catalog.parseName(a.name() != null ? a.name() : a.newName())),
                SHARE_UPDATE_EXCLUSIVE);
          }
        }
        case SET_EXPRESSION -> setExpression(table, a);
        case ADD_ENUM_VALUE, RENAME_ENUM_VALUE -> {
          // not ALTER TABLE sub-commands
        }
      }
    }

    LockMode optionsLock(AlterAction a) {
      return StorageParameters.lock(a, facts::note);
    }

    void addColumn(String table, boolean tableIsNew, AlterAction a) {
      facts.lock(table, ACCESS_EXCLUSIVE);
      ColumnDef c = a.columnDef();
      if (c == null) {
        return;
      }
      if (a.ifNotExists()
          && catalog.alteredByCode(table)
          && catalog.table(table).flatMap(t -> t.column(c.name())).isPresent()) {
        facts.note(
            "IF NOT EXISTS: "
                + c.name()
                + " existed, but an earlier DO block alters "
                + table
                + " (not analysed): assumed the column is added");
      } else if (a.ifNotExists()
          && catalog.table(table).flatMap(t -> t.column(c.name())).isPresent()) {
        facts.note("IF NOT EXISTS and the column exists: no-op");
        return;
      }
      boolean serial = c.type() != null && c.type().isSerial();
      Generated g = c.generated() == null ? Generated.NONE : c.generated();
      if (serial) {
        facts.rewrite = true;
        facts.note(
            "serial column: its nextval() default is volatile, every existing row gets a value (rewrite)");
        facts.created(sequenceName(table, c.name()));
      } else if (g == Generated.IDENTITY_ALWAYS || g == Generated.IDENTITY_BY_DEFAULT) {
        facts.rewrite = true;
        facts.note("identity column: every existing row gets a sequence value (rewrite)");
      } else if (g == Generated.STORED) {
        facts.rewrite = true;
        facts.note("stored generated column: computed and written for every row (rewrite)");
      } else if (g == Generated.VIRTUAL) {
        if (v < 18) {
          facts.versionError(
              "virtual generated columns require PostgreSQL 18 (write STORED before 18)");
        } else {
          facts.note("virtual generated column (PG 18): computed on read, no rewrite");
        }
      } else if (c.defaultVolatility() == Volatility.VOLATILE) {
        facts.rewrite = true;
        facts.note("volatile default: evaluated for every existing row (rewrite)");
      } else if (c.defaultVolatility() == Volatility.CONSTANT) {
        facts.note("non-volatile default: stored in the catalog, no rewrite (PG 11+)");
      }
      if (c.notNull()
          && c.defaultVolatility() == Volatility.NONE
          && g == Generated.NONE
          && !serial
          && !tableIsNew) {
        facts.note("ADD COLUMN … NOT NULL without a default fails if the table has rows");
      }
      if (c.notNull() && !facts.rewrite && c.defaultVolatility() == Volatility.CONSTANT) {
        facts.note("NOT NULL with a non-null constant default: no scan needed");
      }
      for (ConstraintDef k : c.constraints()) {
        if (k.type() == ConstraintType.FOREIGN_KEY && c.defaultExpression() == null) {
          // transformAlterTableStmt: a new column without a default is all NULL, so the new foreign
          // key is marked valid without the validation query (traced on PG 14-18: no scan).
          referencedTableLock(k);
          facts.note(
              "inline REFERENCES on a new column without a default: every row is NULL, no validation scan");
          continue;
        }
        inlineConstraint(table, k);
      }
    }

    String sequenceName(String table, String column) {
      int dot = table.lastIndexOf('.');
      return table.substring(0, dot + 1)
          + dev.schemagate.analyzer.catalog.PgNames.makeObjectName(
              table.substring(dot + 1), column, "seq");
    }

    void inlineConstraint(String table, ConstraintDef k) {
      switch (k.type()) {
        case CHECK -> {
          facts.scan = true;
          facts.note("inline CHECK on the new column is checked against every row (scan)");
        }
        case UNIQUE, PRIMARY_KEY, EXCLUDE -> {
          facts.scan = true;
          facts.note(
              "inline "
                  + k.type().name().replace('_', ' ')
                  + " builds an index under ACCESS EXCLUSIVE (scan)");
        }
        case FOREIGN_KEY -> {
          referencedTableLock(k);
          facts.scan = true;
          facts.note("inline REFERENCES is validated against every row (scan)");
        }
        case NOT_NULL -> {}
      }
    }

    void alterColumnType(String table, AlterAction a) {
      facts.lock(table, ACCESS_EXCLUSIVE);
      Optional<CatalogColumn> col = catalog.table(table).flatMap(t -> t.column(a.column()));
      boolean using = a.expression() != null && !a.expression().isBlank();
      if (col.isEmpty() || a.type() == null) {
        facts.rewrite = true;
        facts.note("old type of " + a.column() + " unknown: assumed rewrite");
        return;
      }
      TypeChange.Verdict verdict = TypeChange.classify(col.get().type(), a.type(), using);
      facts.note(verdict.reason());
      // REFERENCES t without a column list references t's primary key (found by the differential
      // fuzzer)
      List<String> primaryKey =
          catalog
              .table(table)
              .flatMap(
                  t ->
                      t.constraints().stream()
                          .filter(k -> k.type() == ConstraintType.PRIMARY_KEY)
                          .findFirst()
                          .map(CatalogConstraint::columns))
              .orElse(List.of());
      java.util.function.Predicate<CatalogConstraint> referencesColumn =
          k ->
              (k.referencedColumns().isEmpty() ? primaryKey : k.referencedColumns())
                  .contains(a.column());
      boolean inForeignKey =
          catalog
                  .table(table)
                  .map(
                      t ->
                          t.constraints().stream()
                              .anyMatch(
                                  k ->
                                      k.type() == ConstraintType.FOREIGN_KEY
                                          && k.columns().contains(a.column())))
                  .orElse(false)
              || catalog.foreignKeysReferencing(table).stream()
                  .anyMatch(e -> referencesColumn.test(e.getValue()));
      if (inForeignKey) {
        facts.note(
            "a FOREIGN KEY uses "
                + a.column()
                + ": PostgreSQL re-checks it unless the old and new types compare"
                + " the same way (not modelled)");
        // ATPostAlterTypeCleanup drops and re-creates the constraint; dropping it removes its
        // triggers
        // on the other table under ACCESS EXCLUSIVE (traced on PG 14-18).
        catalog
            .table(table)
            .ifPresent(
                t ->
                    t.constraints().stream()
                        .filter(
                            k ->
                                k.type() == ConstraintType.FOREIGN_KEY
                                    && k.columns().contains(a.column())
                                    && k.referencedTable() != null)
                        .forEach(k -> facts.lock(k.referencedTable(), ACCESS_EXCLUSIVE)));
        catalog.foreignKeysReferencing(table).stream()
            .filter(e -> referencesColumn.test(e.getValue()))
            .forEach(e -> facts.lock(e.getKey(), ACCESS_EXCLUSIVE));
        facts.note(
            "the FOREIGN KEY is dropped and re-created: ACCESS EXCLUSIVE on the other table too");
      }
      if (verdict.outcome() == TypeChange.Outcome.REWRITE_UNLESS_UTC && ctx.sessionTimeZoneUtc()) {
        verdict =
            new TypeChange.Verdict(
                TypeChange.Outcome.NO_REWRITE,
                "the file set the session TimeZone to UTC earlier: metadata only (PG 12+)");
        facts.note(verdict.reason());
      } else if (verdict.outcome() == TypeChange.Outcome.REWRITE_UNLESS_UTC) {
        facts.note(SESSION_TIME_ZONE + "no rewrite when it is UTC; rewrite assumed");
      }
      if (verdict.outcome() != TypeChange.Outcome.NO_REWRITE) {
        facts.rewrite = true;
        boolean indexed =
            catalog.indexesOn(table).stream().anyMatch(i -> i.columns().contains(a.column()));
        if (indexed) {
          facts.note("indexes on " + a.column() + " are rebuilt");
        }
      } else {
        boolean checked =
            catalog
                .table(table)
                .map(
                    t ->
                        t.constraints().stream()
                            .anyMatch(
                                k ->
                                    k.type() == ConstraintType.CHECK
                                        && k.validated()
                                        && k.columns().contains(a.column())))
                .orElse(false);
        if (checked) {
          facts.scan = true;
          facts.note(
              "validated CHECK constraints on "
                  + a.column()
                  + " are re-added and re-checked by a scan"
                  + " (ATPostAlterTypeCleanup); verify with pg_locks");
        }
      }
    }

    void setNotNull(String table, AlterAction a) {
      facts.lock(table, ACCESS_EXCLUSIVE);
      String column = a.column();
      QualifiedName t = name(table);
      Optional<CatalogColumn> col = catalog.column(t, column);
      if (col.isPresent() && col.get().notNull()) {
        facts.note(column + " is already NOT NULL: no scan");
        return;
      }
      if (catalog.hasValidNotNullCheck(t, column)) {
        facts.note(
            "a valid CHECK (" + column + " IS NOT NULL) proves the column: no scan (PG 12+)");
        return;
      }
      if (v >= 18 && catalog.hasValidNotNullConstraint(t, column)) {
        facts.note("a validated NOT NULL constraint covers the column: no scan");
        return;
      }
      if (isNew(table)) {
        facts.note("table created in this phase: the scan is of an empty table");
      }
      facts.scan = true;
      facts.note(
          "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE (no valid CHECK ("
              + column
              + " IS NOT NULL) proves it)");
    }

    QualifiedName name(String qualified) {
      int dot = qualified.lastIndexOf('.');
      return new QualifiedName(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    void addConstraint(String table, ConstraintDef c, String raw) {
      if (c == null) {
        facts.lock(table, ACCESS_EXCLUSIVE);
        return;
      }
      if (raw != null && raw.toUpperCase(Locale.ROOT).matches("(?s).*\\bNOT\\s+ENFORCED\\b.*")) {
        // PostgreSQL 18: a NOT ENFORCED CHECK or FOREIGN KEY is never checked, so nothing is
        // scanned.
        if (v < 18) {
          facts.versionError("NOT ENFORCED constraints require PostgreSQL 18");
        }
        addConstraint(
            table,
            new ConstraintDef(
                c.name(),
                c.type(),
                c.columns(),
                c.expression(),
                c.referencedTable(),
                c.referencedColumns(),
                true,
                c.usingIndex(),
                c.onDelete(),
                c.deferrable()),
            null);
        facts.note("NOT ENFORCED (PG 18): existing rows are not checked");
        return;
      }
      switch (c.type()) {
        case CHECK -> {
          facts.lock(table, ACCESS_EXCLUSIVE);
          if (c.notValid()) {
            facts.note(
                "CHECK … NOT VALID: no scan; existing rows are checked by a later VALIDATE CONSTRAINT");
          } else {
            facts.scan = true;
            facts.note(
                "ADD CHECK scans every row under ACCESS EXCLUSIVE (use NOT VALID, then VALIDATE)");
          }
        }
        case NOT_NULL -> {
          facts.lock(table, ACCESS_EXCLUSIVE);
          if (v < 18) {
            facts.versionError(
                "ADD CONSTRAINT … NOT NULL col"
                    + (c.notValid() ? " NOT VALID" : "")
                    + " requires PostgreSQL 18");
          }
          if (c.notValid()) {
            facts.note(
                "NOT NULL … NOT VALID (PG 18): no scan; VALIDATE CONSTRAINT checks the rows later");
          } else {
            facts.scan = true;
            facts.note("NOT NULL constraint scans every row under ACCESS EXCLUSIVE");
          }
        }
        case FOREIGN_KEY -> {
          if (catalog.table(table).map(CatalogTable::partitioned).orElse(false)) {
            facts.lock(table, ACCESS_EXCLUSIVE);
            facts.note(
                "FOREIGN KEY on a partitioned table: ACCESS EXCLUSIVE has been observed in pg_locks (not in the"
                    + " docs, which state SHARE ROW EXCLUSIVE); unsure");
          }
          facts.lock(table, SHARE_ROW_EXCLUSIVE);
          if (c.referencedTable() != null) {
            facts.lock(q(c.referencedTable()), SHARE_ROW_EXCLUSIVE);
          }
          if (c.notValid()) {
            facts.note(
                "FOREIGN KEY … NOT VALID: no scan; SHARE ROW EXCLUSIVE on both tables (blocks writes briefly)");
          } else {
            facts.scan = true;
            facts.note(
                "FOREIGN KEY is validated by a scan while both tables are held in SHARE ROW EXCLUSIVE (writes blocked)");
          }
        }
        case UNIQUE, PRIMARY_KEY, EXCLUDE -> {
          facts.lock(table, ACCESS_EXCLUSIVE);
          if (c.usingIndex() != null) {
            // ATExecAddIndexConstraint opens the index with ACCESS SHARE and, when the constraint
            // is
            // named differently, renames the index (SHARE UPDATE EXCLUSIVE on it; traced on PG
            // 14-18).
            boolean renamed = c.name() != null && !c.name().equals(c.usingIndex());
            facts.lock(
                schemaOf(table) + "." + c.usingIndex(),
                renamed ? SHARE_UPDATE_EXCLUSIVE : ACCESS_SHARE);
            facts.note(
                "USING INDEX: the existing index becomes the constraint, no build"
                    + (renamed ? "; the index is renamed to " + c.name() : ""));
            if (c.type() == ConstraintType.PRIMARY_KEY) {
              QualifiedName t = name(table);
              List<String> cols =
                  c.columns().isEmpty()
                      ? catalog
                          .index(name(schemaOf(table) + "." + c.usingIndex()))
                          .map(CatalogIndex::columns)
                          .orElse(List.of())
                      : c.columns();
              if (cols.isEmpty()) {
                facts.note(
                    "columns of index "
                        + c.usingIndex()
                        + " unknown: PRIMARY KEY may need a NOT NULL scan");
              }
              for (String col : cols) {
                if (catalog.column(t, col).map(x -> !x.notNull()).orElse(true)
                    && !catalog.hasValidNotNullCheck(t, col)) {
                  facts.scan = true;
                  facts.note(
                      "PRIMARY KEY USING INDEX sets NOT NULL on "
                          + col
                          + ": scan unless already NOT NULL");
                }
              }
            }
          } else {
            facts.scan = true;
            facts.note(
                "ADD "
                    + c.type().name().replace('_', ' ')
                    + " builds its index under ACCESS EXCLUSIVE (build it CONCURRENTLY first, then USING INDEX)");
          }
        }
      }
    }

    String schemaOf(String qualified) {
      return qualified.substring(0, qualified.lastIndexOf('.'));
    }

    void validateConstraint(String table, AlterAction a) {
      facts.lock(table, SHARE_UPDATE_EXCLUSIVE);
      Optional<CatalogConstraint> c = catalog.table(table).flatMap(t -> t.constraint(a.name()));
      if (c.isEmpty()) {
        facts.scan = true;
        facts.note(
            "constraint "
                + a.name()
                + " unknown: assumed a CHECK validated by a scan (an FK would also take"
                + " ROW SHARE on the referenced table)");
        return;
      }
      if (c.get().validated()) {
        facts.note("constraint " + a.name() + " is already valid: no scan");
        return;
      }
      facts.scan = true;
      if (c.get().type() == ConstraintType.FOREIGN_KEY && c.get().referencedTable() != null) {
        facts.lock(c.get().referencedTable(), ROW_SHARE);
        facts.note(
            "VALIDATE of a FOREIGN KEY: ROW SHARE on the referenced table "
                + c.get().referencedTable());
      }
      if (c.get().type() == ConstraintType.NOT_NULL && v < 18) {
        facts.versionError("NOT NULL constraints to validate exist only from PostgreSQL 18");
      }
      facts.note(
          "VALIDATE CONSTRAINT scans under SHARE UPDATE EXCLUSIVE: reads and writes continue");
    }

    void dropConstraint(String table, AlterAction a) {
      facts.lock(table, ACCESS_EXCLUSIVE);
      Optional<CatalogConstraint> c = catalog.table(table).flatMap(t -> t.constraint(a.name()));
      if (c.isEmpty()) {
        facts.note(
            "constraint "
                + a.name()
                + " unknown: if it is a FOREIGN KEY the referenced table is locked"
                + " ACCESS EXCLUSIVE too");
        return;
      }
      if (c.get().type() == ConstraintType.FOREIGN_KEY && c.get().referencedTable() != null) {
        facts.lock(c.get().referencedTable(), ACCESS_EXCLUSIVE);
        facts.note(
            "dropping a FOREIGN KEY removes its triggers on "
                + c.get().referencedTable()
                + ": ACCESS EXCLUSIVE there too");
      }
      if (c.get().index() != null) {
        facts.lock(schemaOf(table) + "." + c.get().index(), ACCESS_EXCLUSIVE);
      }
    }

    void dropColumnForeignKeys(String table, String column) {
      catalog
          .table(table)
          .ifPresent(
              t -> {
                for (CatalogConstraint c : t.constraints()) {
                  if (c.type() == ConstraintType.FOREIGN_KEY
                      && c.columns().contains(column)
                      && c.referencedTable() != null) {
                    facts.lock(c.referencedTable(), ACCESS_EXCLUSIVE);
                    facts.note(
                        "the column's FOREIGN KEY "
                            + c.name()
                            + " is dropped: ACCESS EXCLUSIVE on "
                            + c.referencedTable());
                  }
                }
              });
    }

    void attachPartition(String parent, AlterAction a) {
      facts.lock(parent, SHARE_UPDATE_EXCLUSIVE);
      if (a.name() == null) {
        return;
      }
      String part = q(Catalog.parseName(a.name()));
      facts.lock(part, ACCESS_EXCLUSIVE);
      facts.scan = true;
      facts.note(
          "ATTACH PARTITION: SHARE UPDATE EXCLUSIVE on the parent, ACCESS EXCLUSIVE on "
              + part
              + ", which is scanned unless a valid CHECK constraint implies the partition bound (not evaluated here)");
      defaultPartitionOf(parent)
          .ifPresent(
              d -> {
                facts.lock(d, ACCESS_EXCLUSIVE);
                facts.note(
                    "the default partition " + d + " is locked ACCESS EXCLUSIVE and scanned");
              });
    }

    void detachPartition(String parent, AlterAction a) {
      boolean finalize = a.raw() != null && a.raw().toUpperCase(Locale.ROOT).contains("FINALIZE");
      facts.lock(parent, a.concurrently() || finalize ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
      if (a.name() != null) {
        // Even CONCURRENTLY ends with ACCESS EXCLUSIVE on the partition, in its second transaction.
        facts.lock(q(Catalog.parseName(a.name())), ACCESS_EXCLUSIVE);
      }
      if (a.concurrently()) {
        facts.transactional = false;
        facts.note(
            "DETACH PARTITION CONCURRENTLY (PG 14+): SHARE UPDATE EXCLUSIVE on the parent; two transactions,"
                + " the second takes ACCESS EXCLUSIVE on the partition; not in a transaction block; refused when the"
                + " parent has a default partition");
      } else if (finalize) {
        facts.note("DETACH PARTITION … FINALIZE completes an interrupted CONCURRENTLY detach");
      } else {
        defaultPartitionOf(parent).ifPresent(d -> facts.lock(d, ACCESS_EXCLUSIVE));
        facts.note("DETACH PARTITION without CONCURRENTLY: ACCESS EXCLUSIVE on the parent");
      }
    }

    void setExpression(String table, AlterAction a) {
      facts.lock(table, ACCESS_EXCLUSIVE);
      if (v < 17) {
        facts.versionError("ALTER COLUMN … SET EXPRESSION requires PostgreSQL 17");
      }
      Optional<CatalogColumn> col = catalog.table(table).flatMap(t -> t.column(a.column()));
      if (col.isPresent() && col.get().generated() == Generated.VIRTUAL) {
        facts.note("SET EXPRESSION on a virtual generated column: no rewrite");
        return;
      }
      facts.rewrite = true;
      facts.note(
          col.isPresent()
              ? "SET EXPRESSION on a stored generated column recomputes every row (rewrite)"
              : "column unknown: assumed a stored generated column, rewrite");
    }

    // ------------------------------------------------------------ DROP / TRUNCATE

    void dropTable() {
      List<String> dropped = new ArrayList<>();
      for (QualifiedName n : st.relations()) {
        dropped.add(q(n));
      }
      for (String t : dropped) {
        facts.lock(t, ACCESS_EXCLUSIVE);
        catalog
            .table(t)
            .ifPresent(
                tab -> {
                  for (CatalogConstraint c : tab.constraints()) {
                    if (c.type() == ConstraintType.FOREIGN_KEY
                        && c.referencedTable() != null
                        && !dropped.contains(c.referencedTable())) {
                      facts.lock(c.referencedTable(), ACCESS_EXCLUSIVE);
                      facts.note(
                          "dropping "
                              + t
                              + " removes its FOREIGN KEY triggers on "
                              + c.referencedTable()
                              + ": ACCESS EXCLUSIVE there too");
                    }
                  }
                });
        for (Map.Entry<String, CatalogConstraint> fk : catalog.foreignKeysReferencing(t)) {
          if (dropped.contains(fk.getKey())) {
            continue;
          }
          if (st.has(Flag.CASCADE)) {
            facts.lock(fk.getKey(), ACCESS_EXCLUSIVE);
            facts.note(
                "CASCADE drops "
                    + fk.getKey()
                    + "."
                    + fk.getValue().name()
                    + ": ACCESS EXCLUSIVE on "
                    + fk.getKey());
          } else {
            facts.note(
                fk.getKey()
                    + " references "
                    + t
                    + " ("
                    + fk.getValue().name()
                    + "): DROP fails without CASCADE");
          }
        }
        for (String p : partitionsOf(t)) {
          facts.lock(p, ACCESS_EXCLUSIVE);
        }
        catalog
            .table(t)
            .map(CatalogTable::partitionOf)
            .filter(p -> !dropped.contains(p))
            .ifPresent(
                parent -> {
                  facts.lock(parent, ACCESS_EXCLUSIVE);
                  facts.note("dropping a partition takes ACCESS EXCLUSIVE on its parent " + parent);
                });
      }
    }

    void truncate() {
      List<String> names = new ArrayList<>();
      for (QualifiedName n : st.relations()) {
        names.add(q(n));
      }
      // CASCADE also truncates the tables referencing those added by CASCADE, recursively.
      for (int i = 0; i < names.size(); i++) {
        String t = names.get(i);
        for (Map.Entry<String, CatalogConstraint> fk : catalog.foreignKeysReferencing(t)) {
          if (names.contains(fk.getKey())) {
            continue;
          }
          if (st.has(Flag.CASCADE)) {
            names.add(fk.getKey());
          } else {
            facts.note(fk.getKey() + " references " + t + ": TRUNCATE fails without CASCADE");
          }
        }
      }
      for (String t : names) {
        facts.lock(t, ACCESS_EXCLUSIVE);
        if (!st.has(Flag.ONLY)) {
          for (String p : partitionsOf(t)) {
            facts.lock(p, ACCESS_EXCLUSIVE);
          }
        }
      }
      facts.note("TRUNCATE swaps in empty storage: no scan, but ACCESS EXCLUSIVE blocks reads");
    }

    void dropSchema() {
      if (!st.has(Flag.CASCADE)) {
        return;
      }
      List<String> schemas = new ArrayList<>();
      st.relations().forEach(r -> schemas.add(r.name()));
      if (schemas.isEmpty() && st.target() != null) {
        schemas.add(st.target().name());
      }
      for (String s : schemas) {
        for (String t : catalog.tableNames()) {
          if (t.startsWith(s + ".")) {
            facts.lock(t, ACCESS_EXCLUSIVE);
          }
        }
      }
    }

    // ------------------------------------------------------------ indexes

    // ------------------------------------------------------------ views, sequences, types

    /** CREATE/ALTER/DROP RULE and POLICY: ACCESS EXCLUSIVE on their table. */
    void tableObject() {
      List<QualifiedName> names =
          st.relations().isEmpty() && st.target() != null ? List.of(st.target()) : st.relations();
      lockAll(names, ACCESS_EXCLUSIVE);
    }

    /**
     * COMMENT ON / SECURITY LABEL ON a relation, a column or a table's
     * constraint/trigger/policy/rule: SUE on the table.
     */
    void comment() {
      String type = st.attribute("object_type");
      if (type == null || RELATION_OBJECTS.contains(type.toLowerCase(Locale.ROOT))) {
        lockTarget(SHARE_UPDATE_EXCLUSIVE);
      }
    }

    // ------------------------------------------------------------ maintenance and data

    void vacuum() {
      boolean full = st.has(Flag.FULL);
      lockAll(st.relations(), full ? ACCESS_EXCLUSIVE : SHARE_UPDATE_EXCLUSIVE);
      facts.transactional = false;
      if (full) {
        facts.rewrite = true;
        facts.note("VACUUM FULL rewrites the table under ACCESS EXCLUSIVE");
      } else {
        facts.note(
            "VACUUM: SHARE UPDATE EXCLUSIVE, reads and writes continue; not in a transaction block");
      }
      if (st.relations().isEmpty()) {
        facts.note("no table named: every table of the database, each in its own transaction");
      }
    }

    void cluster() {
      if (st.target() == null && st.relations().isEmpty()) {
        facts.transactional = false;
        facts.note(
            "CLUSTER without a table re-clusters every clustered table: not in a transaction block");
        return;
      }
      lockAll(st.relations().isEmpty() ? List.of(st.target()) : st.relations(), ACCESS_EXCLUSIVE);
      facts.rewrite = true;
      facts.note("CLUSTER rewrites the table in index order under ACCESS EXCLUSIVE");
    }

    void lockTable() {
      String written = st.attribute("lock_mode");
      LockMode mode = ACCESS_EXCLUSIVE;
      if (written != null && !written.isBlank()) {
        String w =
            written
                .trim()
                .toUpperCase(Locale.ROOT)
                .replaceAll("[\\s_]+", " ")
                .replaceAll(" ?LOCK$", "")
                .replaceAll("\\bIN\\b|\\bMODE\\b", "")
                .trim();
        mode = parseMode(w);
      }
      lockAll(
          st.relations().isEmpty() && st.target() != null ? List.of(st.target()) : st.relations(),
          mode);
      facts.note(
          "LOCK TABLE holds "
              + mode.pgName()
              + " until the transaction ends; only valid in a transaction block");
    }

    LockMode parseMode(String w) {
      String compact = w.replace(" ", "");
      for (LockMode m : LockMode.values()) {
        if (m.name().replace("_", "").equals(compact)
            || m.pgName().toUpperCase(Locale.ROOT).equals(compact + "LOCK")
            || m.pgName().equalsIgnoreCase(compact)) {
          return m;
        }
      }
      facts.note("lock mode '" + w + "' not recognised: assumed ACCESS EXCLUSIVE");
      return ACCESS_EXCLUSIVE;
    }

    void dml() {
      if (st.kind() == StatementKind.MERGE && v < 15) {
        facts.versionError("MERGE requires PostgreSQL 15");
      }
      List<QualifiedName> rels =
          st.relations().isEmpty() && st.target() != null ? List.of(st.target()) : st.relations();
      if (rels.isEmpty()) {
        return;
      }
      LockMode targetMode = ROW_EXCLUSIVE;
      if (st.kind() == StatementKind.COPY && textMatches("^\\s*COPY\\s.*\\bTO\\b")) {
        targetMode = ACCESS_SHARE;
      }
      String target = q(st.target() != null ? st.target() : rels.get(0));
      facts.lock(target, targetMode);
      for (QualifiedName r : rels) {
        String rel = q(r);
        if (!rel.equals(target)) {
          facts.lock(rel, ACCESS_SHARE);
        }
      }
      if ((st.kind() == StatementKind.UPDATE || st.kind() == StatementKind.DELETE)
          && !st.has(Flag.HAS_WHERE)) {
        facts.scan = true;
        facts.note(
            st.kind().id().toUpperCase(Locale.ROOT)
                + " without WHERE touches every row in one transaction");
      }
      if (st.kind() == StatementKind.INSERT_SELECT) {
        // without a WHERE the query reads every row of its sources; with one it is the planner's
        // choice
        facts.scan = rels.size() > 1 && !st.has(Flag.HAS_WHERE);
      }
      if (st.kind() == StatementKind.MERGE) {
        facts.scan = true;
        facts.note("MERGE joins the target with its whole source");
      }
      foreignKeyChecks(target);
    }

    /**
     * The foreign-key triggers of DML: an INSERT checks each new row's parent (SELECT … FOR KEY
     * SHARE: ROW SHARE on the referenced table), a DELETE looks up the children of each deleted row
     * (ROW SHARE on each referencing table, scanned when no index leads with the key columns).
     */
    void foreignKeyChecks(String target) {
      if (st.kind() == StatementKind.INSERT || st.kind() == StatementKind.INSERT_SELECT) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile(
                    "^\\s*INSERT\\s+INTO\\s+[^\\s(]+\\s*\\(([^)]*)\\)",
                    java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(text());
        // With a column list, a key whose columns are not listed stays NULL (or its default): only
        // listed key columns are checked. Defaults on key columns are not considered.
        List<String> listed =
            m.find()
                ? java.util.Arrays.stream(m.group(1).split(","))
                    .map(x -> x.trim().replace("\"", "").toLowerCase(Locale.ROOT))
                    .toList()
                : null;
        catalog
            .table(target)
            .ifPresent(
                t ->
                    t.constraints().stream()
                        .filter(
                            k ->
                                k.type() == ConstraintType.FOREIGN_KEY
                                    && k.referencedTable() != null
                                    && !k.referencedTable().equals(target)
                                    && (listed == null
                                        || k.columns().stream()
                                            .anyMatch(
                                                col ->
                                                    listed.contains(col.toLowerCase(Locale.ROOT)))))
                        .forEach(
                            k -> {
                              facts.lock(k.referencedTable(), ROW_SHARE);
                              facts.note(
                                  "the FOREIGN KEY "
                                      + k.name()
                                      + " checks each new row: ROW SHARE on "
                                      + k.referencedTable());
                            }));
      }
      if (st.kind() == StatementKind.UPDATE) {
        // Setting a key column checks the new value's parent (traced: kratos' backfills of nid).
        catalog
            .table(target)
            .ifPresent(
                t ->
                    t.constraints().stream()
                        .filter(
                            k ->
                                k.type() == ConstraintType.FOREIGN_KEY
                                    && k.referencedTable() != null
                                    && !k.referencedTable().equals(target)
                                    && k.columns().stream()
                                        .anyMatch(
                                            col ->
                                                textMatches(
                                                    "\\bSET\\b.*[\\s,(\"]"
                                                        + java.util.regex.Pattern.quote(col)
                                                        + "\"?\\s*=")))
                        .forEach(
                            k -> {
                              facts.lock(k.referencedTable(), ROW_SHARE);
                              facts.note(
                                  "the UPDATE sets a column of FOREIGN KEY "
                                      + k.name()
                                      + ": ROW SHARE on "
                                      + k.referencedTable());
                            }));
      }
      if (st.kind() == StatementKind.DELETE) {
        for (var e : catalog.foreignKeysReferencing(target)) {
          if (e.getKey().equals(target)) {
            continue;
          }
          facts.lock(e.getKey(), ROW_SHARE);
          if (!catalog.hasIndexWithLeadingColumns(name(e.getKey()), e.getValue().columns())) {
            facts.scan = true;
            facts.note(
                "no index on "
                    + e.getKey()
                    + " ("
                    + String.join(", ", e.getValue().columns())
                    + "): each deleted row's FOREIGN KEY check scans it");
          } else {
            facts.note("each deleted row's FOREIGN KEY check reads " + e.getKey() + " (ROW SHARE)");
          }
        }
      }
    }

    void otherObject() {
      String type =
          Optional.ofNullable(st.attribute("object_type")).orElse("").toLowerCase(Locale.ROOT);
      if (type.equals("database")
          || type.equals("tablespace")
          || type.equals("system")
          || (st.kind() == StatementKind.CREATE_OTHER
              && type.equals("subscription")
              && !textMatches("create_slot\\s*=\\s*false"))) {
        facts.transactional = false;
        facts.note(st.kind().id() + " " + type + " cannot run in a transaction block");
      }
    }
  }
}
