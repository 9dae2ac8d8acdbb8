package dev.schemagate.analyzer.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Fix;
import dev.schemagate.analyzer.check.Severity;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.parse.StatementParser;
import dev.schemagate.analyzer.repo.PolicySettings;
import dev.schemagate.analyzer.sql.Identifier;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.sql.SqlStatement;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ConstraintDef;
import dev.schemagate.analyzer.statement.ConstraintDef.ConstraintType;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import dev.schemagate.analyzer.testsupport.SqlFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each fix, applied to a real file on disk, compared byte for byte with the expected file. */
class FixesTest {

  @TempDir Path root;

  /** One statement of a file, the finding about it, and the file after {@code check --fix}. */
  private String fix(
      String text,
      String statement,
      String rule,
      StatementKind kind,
      String target,
      List<AlterAction> actions,
      Set<Flag> flags,
      Map<String, String> attributes)
      throws IOException {
    Fix fix = fixFor(text, statement, rule, kind, target, actions, flags, attributes);
    if (fix == null) {
      return null;
    }
    return applied(text, fix);
  }

  /** The schema earlier files built, replayed into the catalog the fixes see (empty by default). */
  private String schema = "";

  private Fix fixFor(
      String text,
      String statement,
      String rule,
      StatementKind kind,
      String target,
      List<AlterAction> actions,
      Set<Flag> flags,
      Map<String, String> attributes) {
    SqlStatement s = new SqlFixture("m/expand.sql", text).locate(statement);
    ParsedStatement p = SqlFixture.parsed(s, kind, target, actions, null, flags, attributes);
    StatementFacts facts = SqlFixture.facts(p, null, null, false, false, true);
    FileResult file = new FileResult("m/expand.sql", "t", 1, null, text, List.of(facts), List.of());
    Finding finding =
        new Finding(
            rule, Severity.ERROR, "m/expand.sql", s.line(), s.column(), "m", "h", 0, null, null);
    Catalog catalog = new Catalog();
    new StatementParser().parse(SqlSplitter.split("schema.sql", schema)).forEach(catalog::apply);
    return Fixes.forFinding(
        finding,
        file,
        new FixContext(17, catalog, false, FileText.transactional(file), PolicySettings.DEFAULTS));
  }

  private String applied(String text, Fix fix) throws IOException {
    Path file = root.resolve("m/expand.sql");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    new FixApplier(root).apply(fix.edits(), Map.of("m/expand.sql", text));
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private String simple(
      String text,
      String statement,
      String rule,
      StatementKind kind,
      Set<Flag> flags,
      Map<String, String> attributes)
      throws IOException {
    return fix(text, statement, rule, kind, "orders", List.of(), flags, attributes);
  }

  @Test
  void createIndexGetsConcurrentlyAndATransactionalFileIsMarked() throws IOException {
    String text =
        "-- index for the status filter\nCREATE INDEX orders_status_idx ON orders (status);\n";
    assertEquals(
        "-- schemagate:phase transactional=false\n-- index for the status filter\n"
            + "CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);\n",
        simple(
            text,
            "CREATE INDEX orders_status_idx ON orders (status)",
            "lock/create-index-blocking",
            StatementKind.CREATE_INDEX,
            Set.of(),
            Map.of()));
    Fix fix =
        fixFor(
            text,
            "CREATE INDEX orders_status_idx ON orders (status)",
            "lock/create-index-blocking",
            StatementKind.CREATE_INDEX,
            "orders",
            List.of(),
            Set.of(),
            Map.of());
    assertTrue(fix.description().contains("runs its statements one by one"), fix.description());
  }

  @Test
  void nonTransactionalFileOnlyGetsConcurrently() throws IOException {
    String text =
        "-- schemagate:phase transactional=false\n\ncreate unique index if not exists orders_ref on orders (ref);\n";
    assertEquals(
        "-- schemagate:phase transactional=false\n\ncreate unique index CONCURRENTLY if not exists orders_ref on orders (ref);\n",
        simple(
            text,
            "create unique index if not exists orders_ref on orders (ref)",
            "lock/create-index-blocking",
            StatementKind.CREATE_INDEX,
            Set.of(Flag.IF_NOT_EXISTS),
            Map.of()));
  }

  @Test
  void dropIndexReindexRefreshAndDetach() throws IOException {
    schema =
        "CREATE TABLE orders (id int);\nCREATE MATERIALIZED VIEW order_totals AS SELECT id FROM orders;\n"
            + "CREATE UNIQUE INDEX order_totals_id ON order_totals (id);\n";
    String phase = "-- schemagate:phase transactional=false\n";
    assertEquals(
        phase + "DROP INDEX CONCURRENTLY IF EXISTS orders_old_idx;\n",
        simple(
            phase + "DROP INDEX IF EXISTS orders_old_idx;\n",
            "DROP INDEX IF EXISTS orders_old_idx",
            "lock/drop-index-blocking",
            StatementKind.DROP_INDEX,
            Set.of(Flag.IF_EXISTS),
            Map.of()));
    assertEquals(
        phase + "REINDEX (VERBOSE) TABLE CONCURRENTLY orders;\n",
        simple(
            phase + "REINDEX (VERBOSE) TABLE orders;\n",
            "REINDEX (VERBOSE) TABLE orders",
            "lock/reindex-blocking",
            StatementKind.REINDEX,
            Set.of(),
            Map.of("reindex_scope", "table")));
    assertEquals(
        phase + "REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;\n",
        fix(
            phase + "REFRESH MATERIALIZED VIEW order_totals;\n",
            "REFRESH MATERIALIZED VIEW order_totals",
            "lock/refresh-matview-blocking",
            StatementKind.REFRESH_MATERIALIZED_VIEW,
            "order_totals",
            List.of(),
            Set.of(),
            Map.of()));
    AlterAction detach =
        AlterAction.of(ActionKind.DETACH_PARTITION, "DETACH PARTITION orders_2023")
            .name("orders_2023")
            .build();
    assertEquals(
        phase + "ALTER TABLE orders DETACH PARTITION orders_2023 CONCURRENTLY;\n",
        fix(
            phase + "ALTER TABLE orders DETACH PARTITION orders_2023;\n",
            "ALTER TABLE orders DETACH PARTITION orders_2023",
            "lock/detach-partition-blocking",
            StatementKind.ALTER_TABLE,
            "orders",
            List.of(detach),
            Set.of(),
            Map.of()));
  }

  @Test
  void concurrentStatementInATransactionalFileOnlyMarksTheFile() throws IOException {
    String text = "CREATE INDEX CONCURRENTLY orders_ref ON orders (ref);\n";
    assertEquals(
        "-- schemagate:phase transactional=false\n" + text,
        simple(
            text,
            "CREATE INDEX CONCURRENTLY orders_ref ON orders (ref)",
            "lock/concurrently-in-transaction",
            StatementKind.CREATE_INDEX,
            Set.of(Flag.CONCURRENTLY),
            Map.of()));
    String marked = "-- schemagate:phase transactional=false\n" + text;
    assertNull(
        fixFor(
            marked,
            "CREATE INDEX CONCURRENTLY orders_ref ON orders (ref)",
            "lock/concurrently-in-transaction",
            StatementKind.CREATE_INDEX,
            "orders",
            List.of(),
            Set.of(Flag.CONCURRENTLY),
            Map.of()));
  }

  @Test
  void noFixWherePostgresqlForbidsConcurrently() {
    assertNull(
        fixFor(
            "DROP INDEX a_idx CASCADE;",
            "DROP INDEX a_idx CASCADE",
            "lock/drop-index-blocking",
            StatementKind.DROP_INDEX,
            "a_idx",
            List.of(),
            Set.of(Flag.CASCADE),
            Map.of()));
    assertNull(
        fixFor(
            "REINDEX SYSTEM app;",
            "REINDEX SYSTEM app",
            "lock/reindex-blocking",
            StatementKind.REINDEX,
            null,
            List.of(),
            Set.of(),
            Map.of("reindex_scope", "system")));
    assertNull(
        fixFor(
            "REFRESH MATERIALIZED VIEW v WITH NO DATA;",
            "REFRESH MATERIALIZED VIEW v WITH NO DATA",
            "lock/refresh-matview-blocking",
            StatementKind.REFRESH_MATERIALIZED_VIEW,
            "v",
            List.of(),
            Set.of(Flag.WITH_NO_DATA),
            Map.of()));
    assertNull(
        fixFor(
            "CREATE INDEX i ON ONLY parent (a);",
            "CREATE INDEX i ON ONLY parent (a)",
            "lock/create-index-blocking",
            StatementKind.CREATE_INDEX,
            "parent",
            List.of(),
            Set.of(Flag.ONLY),
            Map.of()));
    assertNull(
        fixFor(
            "CREATE INDEX CONCURRENTLY i ON t (a);",
            "CREATE INDEX CONCURRENTLY i ON t (a)",
            "lock/create-index-blocking",
            StatementKind.CREATE_INDEX,
            "t",
            List.of(),
            Set.of(),
            Map.of()),
        "already concurrent");
    assertNull(
        fixFor(
            "CREATE INDEX i ON t (a);",
            "CREATE INDEX i ON t (a)",
            "lock/table-rewrite",
            StatementKind.CREATE_INDEX,
            "t",
            List.of(),
            Set.of(),
            Map.of()),
        "rule without a fix");
  }

  private static AlterAction addConstraint(String raw, ConstraintDef c) {
    return AlterAction.of(ActionKind.ADD_CONSTRAINT, raw).constraint(c).build();
  }

  @Test
  void unnamedForeignKeyInACrlfFileWithCommentsBetweenStatements() throws IOException {
    String text =
        "-- customers first\r\nCREATE TABLE customers (id int PRIMARY KEY);\r\n/* then the key */\r\n"
            + "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);\r\n-- done\r\n";
    schema = "CREATE TABLE orders (id int, customer_id int);";
    ConstraintDef fk =
        new ConstraintDef(
            null,
            ConstraintType.FOREIGN_KEY,
            List.of("customer_id"),
            null,
            QualifiedName.of("customers"),
            List.of("id"),
            false,
            null,
            null,
            false);
    String fixed =
        fix(
            text,
            "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id)",
            "lock/foreign-key-validation",
            StatementKind.ALTER_TABLE,
            "orders",
            List.of(addConstraint("ADD FOREIGN KEY (customer_id) REFERENCES customers (id)", fk)),
            Set.of(),
            Map.of());
    assertEquals(
        "-- schemagate:phase transactional=false\r\n"
            + "-- customers first\r\nCREATE TABLE customers (id int PRIMARY KEY);\r\n/* then the key */\r\n"
            + "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\r\n"
            + "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;\r\n-- done\r\n",
        fixed);
  }

  @Test
  void namedCheckKeepsTheTableAsWritten() throws IOException {
    String text =
        "ALTER TABLE IF EXISTS \"Sales\".orders ADD CONSTRAINT total_positive CHECK (total >= 0);\n";
    ConstraintDef check =
        new ConstraintDef(
            "total_positive",
            ConstraintType.CHECK,
            List.of("total"),
            "total >= 0",
            null,
            List.of(),
            false,
            null,
            null,
            false);
    assertEquals(
        "-- schemagate:phase transactional=false\n"
            + "ALTER TABLE IF EXISTS \"Sales\".orders ADD CONSTRAINT total_positive CHECK (total >= 0) NOT VALID;\n"
            + "ALTER TABLE IF EXISTS \"Sales\".orders VALIDATE CONSTRAINT total_positive;\n",
        fix(
            text,
            "ALTER TABLE IF EXISTS \"Sales\".orders ADD CONSTRAINT total_positive CHECK (total >= 0)",
            "lock/scan-under-exclusive-lock",
            StatementKind.ALTER_TABLE,
            "Sales.orders",
            List.of(addConstraint("ADD CONSTRAINT total_positive CHECK (total >= 0)", check)),
            Set.of(),
            Map.of()));
  }

  @Test
  void unnamedCheckWithATrailingCommentBeforeTheSemicolon() throws IOException {
    String text = "ALTER TABLE orders ADD CHECK (total >= 0) -- no negative totals\n;\n";
    schema = "CREATE TABLE orders (id int, total numeric);";
    ConstraintDef check =
        new ConstraintDef(
            null,
            ConstraintType.CHECK,
            List.of("total"),
            "total >= 0",
            null,
            List.of(),
            false,
            null,
            null,
            false);
    assertEquals(
        "-- schemagate:phase transactional=false\n"
            + "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\n"
            + "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check -- no negative totals\n;\n",
        fix(
            text,
            "ALTER TABLE orders ADD CHECK (total >= 0) -- no negative totals\n",
            "lock/scan-under-exclusive-lock",
            StatementKind.ALTER_TABLE,
            "orders",
            List.of(addConstraint("ADD CHECK (total >= 0)", check)),
            Set.of(),
            Map.of()));
  }

  @Test
  void aCommentInsideTheStatementIsNotRepeated() throws IOException {
    String text =
        "/* why */ ALTER TABLE orders /* the key */ ADD FOREIGN KEY (c) REFERENCES customers;\n";
    schema = "CREATE TABLE orders (id int, c int);";
    ConstraintDef fk =
        new ConstraintDef(
            null,
            ConstraintType.FOREIGN_KEY,
            List.of("c"),
            null,
            QualifiedName.of("customers"),
            List.of(),
            false,
            null,
            null,
            false);
    assertEquals(
        "-- schemagate:phase transactional=false\n"
            + "/* why */ ALTER TABLE orders /* the key */ ADD CONSTRAINT orders_c_fkey FOREIGN KEY (c) REFERENCES customers NOT VALID;\n"
            + "ALTER TABLE orders /* the key */ VALIDATE CONSTRAINT orders_c_fkey;\n",
        fix(
            text,
            "/* why */ ALTER TABLE orders /* the key */ ADD FOREIGN KEY (c) REFERENCES customers",
            "lock/foreign-key-validation",
            StatementKind.ALTER_TABLE,
            "orders",
            List.of(addConstraint("ADD FOREIGN KEY (c) REFERENCES customers", fk)),
            Set.of(),
            Map.of()));
  }

  @Test
  void setNotNullBecomesCheckValidateSetDrop() throws IOException {
    String text =
        "ALTER TABLE users ADD COLUMN email text;\n\n-- every user has an email by now (backfilled in 0004)\n"
            + "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n";
    AlterAction set =
        AlterAction.of(ActionKind.SET_NOT_NULL, "ALTER COLUMN email SET NOT NULL")
            .column("email")
            .build();
    assertEquals(
        "-- schemagate:phase transactional=false\n"
            + "ALTER TABLE users ADD COLUMN email text;\n\n-- every user has an email by now (backfilled in 0004)\n"
            + "ALTER TABLE users ADD CONSTRAINT users_email_not_null_check CHECK (email IS NOT NULL) NOT VALID;\n"
            + "ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null_check;\n"
            + "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
            + "ALTER TABLE users DROP CONSTRAINT users_email_not_null_check;\n",
        fix(
            text,
            "ALTER TABLE users ALTER COLUMN email SET NOT NULL",
            "lock/scan-under-exclusive-lock",
            StatementKind.ALTER_TABLE,
            "users",
            List.of(set),
            Set.of(),
            Map.of()));
  }

  @Test
  void setNotNullAmongOtherActionsNeedsAHuman() {
    AlterAction set =
        AlterAction.of(ActionKind.SET_NOT_NULL, "ALTER COLUMN email SET NOT NULL")
            .column("email")
            .build();
    AlterAction type =
        AlterAction.of(ActionKind.ALTER_COLUMN_TYPE, "ALTER COLUMN email TYPE text")
            .column("email")
            .build();
    String text =
        "ALTER TABLE users ALTER COLUMN email SET NOT NULL, ALTER COLUMN email TYPE text;";
    assertNull(
        fixFor(
            text,
            text.substring(0, text.length() - 1),
            "lock/scan-under-exclusive-lock",
            StatementKind.ALTER_TABLE,
            "users",
            List.of(set, type),
            Set.of(),
            Map.of()));
  }

  @Test
  void lockTimeoutGoesFirstKeepingAByteOrderMark() throws IOException {
    String text = "\uFEFFALTER TABLE orders ADD COLUMN note text;\r\n";
    assertEquals(
        "\uFEFFSET lock_timeout = '2s';\r\nALTER TABLE orders ADD COLUMN note text;\r\n",
        applied(text, plainLockTimeoutFix(text, PolicySettings.DEFAULTS)));
    String already = "SET lock_timeout TO '2s';\nALTER TABLE orders ADD COLUMN note text;\n";
    assertNull(plainLockTimeoutFix(already, PolicySettings.DEFAULTS));
  }

  @Test
  void lockTimeoutTakesTheConfiguredThresholdWhenShorter() {
    String text = "ALTER TABLE orders ADD COLUMN note text;\n";
    PolicySettings strict =
        new PolicySettings(
            Map.of(), Set.of(), Map.of("max_lock_timeout", "500ms"), false, List.of());
    assertEquals(
        "set lock_timeout at the top of the file (SET lock_timeout = '500ms';)",
        plainLockTimeoutFix(text, strict).description());
    PolicySettings lax =
        new PolicySettings(Map.of(), Set.of(), Map.of("max_lock_timeout", "10s"), false, List.of());
    assertEquals(
        "set lock_timeout at the top of the file (SET lock_timeout = '2s';)",
        plainLockTimeoutFix(text, lax).description());
    // Read as the policy reads it (policy/lib/statements.rego duration_ms), so the fix never writes
    // a value the rule then finds too long.
    for (Map.Entry<Object, String> e :
        Map.<Object, String>of(
                "500 ms", "500ms", "'1.5s'", "1500ms", 800, "800ms", "1min", "2s", "soon", "2s")
            .entrySet()) {
      PolicySettings p =
          new PolicySettings(
              Map.of(), Set.of(), Map.of("max_lock_timeout", e.getKey()), false, List.of());
      assertEquals(
          "set lock_timeout at the top of the file (SET lock_timeout = '" + e.getValue() + "';)",
          plainLockTimeoutFix(text, p).description(),
          String.valueOf(e.getKey()));
    }
  }

  @Test
  void lockTimeoutIsNotWrittenIntoAPhaseFileWhoseRunnerSetsIt() {
    Fix fix =
        fixFor(
            "ALTER TABLE orders ADD COLUMN note text;\n",
            "ALTER TABLE orders ADD COLUMN note text",
            "lock/missing-lock-timeout",
            StatementKind.ALTER_TABLE,
            "orders",
            List.of(),
            Set.of(),
            Map.of());
    assertTrue(fix.refused(), fix.description());
    assertTrue(fix.description().contains("runner_sets_lock_timeout: true"), fix.description());
  }

  /**
   * The lock_timeout fix of a one-statement plain SQL file (no track): what a golang-migrate file
   * gets.
   */
  private Fix plainLockTimeoutFix(String text, PolicySettings policy) {
    SqlStatement s =
        new SqlFixture("m/expand.sql", text).locate("ALTER TABLE orders ADD COLUMN note text");
    ParsedStatement p =
        SqlFixture.parsed(
            s, StatementKind.ALTER_TABLE, "orders", List.of(), null, Set.of(), Map.of());
    FileResult file =
        new FileResult(
            "m/expand.sql",
            null,
            null,
            null,
            text,
            List.of(SqlFixture.facts(p, null, null, false, false, true)),
            List.of());
    Finding finding =
        new Finding(
            "lock/missing-lock-timeout",
            Severity.WARNING,
            "m/expand.sql",
            s.line(),
            s.column(),
            "m",
            "h",
            0,
            null,
            null);
    return Fixes.forFinding(finding, file, new FixContext(17, new Catalog(), true, null, policy));
  }

  @Test
  void rulesWithAFix() {
    assertEquals(
        Set.of(
            "lock/create-index-blocking",
            "lock/drop-index-blocking",
            "lock/reindex-blocking",
            "lock/refresh-matview-blocking",
            "lock/detach-partition-blocking",
            "lock/foreign-key-validation",
            "lock/scan-under-exclusive-lock",
            "lock/missing-lock-timeout",
            "lock/concurrently-in-transaction"),
        Fixes.rules());
  }

  @Test
  void identifiersAreQuotedOnlyWhenPostgresqlWouldFoldThem() {
    assertEquals("orders", Identifier.quote("orders"));
    assertEquals("\"Orders\"", Identifier.quote("Orders"));
    assertEquals("\"user\"", Identifier.quote("user"));
  }

  @Test
  void offsetsOutsideTheFileAreAClearError() {
    String text = "CREATE INDEX i ON t (a);";
    SqlStatement s =
        new SqlStatement("x.sql", "CREATE INDEX i ON t (a)", 1, 1, 1, 0, 400, List.of(), false);
    ParsedStatement p =
        SqlFixture.parsed(s, StatementKind.CREATE_INDEX, "t", List.of(), null, Set.of(), Map.of());
    FileResult file =
        new FileResult(
            "x.sql",
            null,
            null,
            null,
            text,
            List.of(SqlFixture.facts(p, null, null, false, false, true)),
            List.of());
    Finding f =
        new Finding(
            "lock/create-index-blocking", Severity.ERROR, "x.sql", 1, 1, "m", null, 0, null, null);
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> Fixes.forFinding(f, file));
    assertTrue(
        e.getMessage().startsWith("x.sql: statement at line 1 has offsets [0, 400)"),
        e.getMessage());
  }

  @Test
  void waivedFindingsAreNotFixed() throws IOException {
    String text = "CREATE INDEX i ON t (a);\n";
    FileResult analysed = MiniCheck.analyse("w.sql", text);
    List<Finding> waived = new ArrayList<>();
    for (Finding f : analysed.findings()) {
      waived.add(f.withWaiver("t is empty"));
    }
    Files.writeString(root.resolve("w.sql"), text);
    FileResult file =
        new FileResult("w.sql", null, null, null, text, analysed.statements(), waived);
    assertEquals(List.of(), new FixApplier(root).apply(new CheckResult(17, List.of(file))));
    assertEquals(text, Files.readString(root.resolve("w.sql")));
  }
}
