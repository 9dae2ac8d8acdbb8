package dev.schemagate.analyzer.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.policy.PolicyEngine;
import dev.schemagate.analyzer.repo.SqlFileSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differences with squawk that were our bugs (docs/comparison-squawk.md), on the real
 * migrations of ../shared/corpus, each project checked as one history the way {@code schemagate
 * check <project folder>} does.
 */
class SquawkDifferencesCorpusTest {

  private static final Path CORPUS = Path.of("..", "..", "shared", "corpus");
  private static final PolicyEngine ENGINE = PolicyEngine.bundled();

  private static CheckResult auth;
  private static CheckResult storage;

  @BeforeAll
  static void checkProjects() throws IOException {
    assertTrue(
        Files.isDirectory(CORPUS), "corpus present at " + CORPUS.toAbsolutePath().normalize());
    auth = check(CORPUS.resolve("supabase-auth"));
    storage = check(CORPUS.resolve("supabase-storage"));
  }

  private static CheckResult check(Path... paths) throws IOException {
    return new CheckRunner(settings -> ENGINE)
        .check(SqlFileSet.of(List.of(paths)), CheckOptions.defaults());
  }

  private static FileResult file(CheckResult result, String name) {
    return result.files().stream()
        .filter(f -> f.path().endsWith(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result for " + name));
  }

  /** The lock/ rules reported on the statement starting at {@code line}. */
  private static Set<String> lockRulesAt(FileResult f, int line) {
    Set<String> rules = new TreeSet<>();
    f.findings().stream()
        .filter(x -> x.line() == line && x.rule().startsWith("lock/"))
        .forEach(x -> rules.add(x.rule()));
    return rules;
  }

  private static StatementFacts statementAt(FileResult f, int line) {
    return f.statements().stream()
        .filter(s -> s.statement().source().line() == line)
        .findFirst()
        .orElseThrow(() -> new AssertionError(f.path() + ": no statement at line " + line));
  }

  @Test
  void postgresMigrationsMarkerMakesTheFileNonTransactional() {
    // "-- postgres-migrations disable-transaction": the runner does not wrap this file.
    FileResult f = file(storage, "tenant/0028-object-bucket-name-sorting.sql");
    assertEquals(Set.of(), lockRulesAt(f, 3));
    long flagged =
        storage.findings().stream()
            .filter(x -> x.rule().equals("lock/concurrently-in-transaction"))
            .count();
    assertEquals(0, flagged, "every CONCURRENTLY file of supabase-storage carries the marker");
  }

  @Test
  void withoutTheMarkerConcurrentlyIsStillFlagged(@TempDir Path dir) throws IOException {
    String text =
        Files.readString(
            CORPUS.resolve(
                "supabase-storage/migrations/tenant/0028-object-bucket-name-sorting.sql"));
    assertTrue(text.startsWith("-- postgres-migrations disable-transaction\n"));
    Path copy = dir.resolve("0028-object-bucket-name-sorting.sql");
    // A second statement makes the file one transaction whatever the tool (a lone statement's mode
    // is unknown), so only the marker decides.
    Files.writeString(
        copy,
        text.replace("-- postgres-migrations disable-transaction\n", "-- (marker removed)\n")
            + "ANALYZE storage.objects;\n");
    FileResult f = check(copy).files().get(0);
    assertTrue(
        lockRulesAt(f, 3).contains("lock/concurrently-in-transaction"), f.findings().toString());
    Files.writeString(copy, text + "ANALYZE storage.objects;\n");
    FileResult marked = check(copy).files().get(0);
    assertFalse(
        lockRulesAt(marked, 3).contains("lock/concurrently-in-transaction"),
        marked.findings().toString());
  }

  @Test
  void schemagateDirectiveWinsOverTheForeignMarker(@TempDir Path dir) throws IOException {
    String text =
        Files.readString(
            CORPUS.resolve(
                "supabase-storage/migrations/tenant/0028-object-bucket-name-sorting.sql"));
    Path copy = dir.resolve("0028-object-bucket-name-sorting.sql");
    Files.writeString(copy, "-- schemagate:phase transactional=true\n" + text);
    FileResult f = check(copy).files().get(0);
    assertTrue(
        lockRulesAt(f, 4).contains("lock/concurrently-in-transaction"), f.findings().toString());
  }

  @Test
  void doBlockThatRenamesAColumnMakesIfNotExistsUncertain() {
    // The DO block renames identities.id to provider_id when provider_id is missing (it is), so
    // "add column if not exists id uuid default gen_random_uuid() primary key" adds a column with a
    // volatile default: a rewrite, plus the primary key's index build.
    FileResult f = file(auth, "20231117164230_add_id_pkey_identities.up.sql");
    StatementFacts add = statementAt(f, 12);
    assertTrue(add.rewrite(), add.notes().toString());
    assertTrue(
        add.notes().stream().anyMatch(n -> n.contains("an earlier DO block alters")),
        add.notes().toString());
    assertEquals(
        Set.of("lock/constraint-builds-index", "lock/missing-lock-timeout", "lock/table-rewrite"),
        lockRulesAt(f, 12));
  }

  @Test
  void doBlockRenameBeforeAddingAGeneratedColumn() {
    // 20210710035447's DO block renames users.confirmed_at to email_confirmed_at, so "ADD COLUMN
    // IF NOT EXISTS confirmed_at … GENERATED ALWAYS AS (…) STORED" really adds a stored generated
    // column: PostgreSQL computes it for every row (rewrite).
    FileResult f = file(auth, "20210722035447_adds_confirmed_at.up.sql");
    assertTrue(statementAt(f, 3).rewrite(), statementAt(f, 3).notes().toString());
    assertEquals(Set.of("lock/missing-lock-timeout", "lock/table-rewrite"), lockRulesAt(f, 3));
  }

  @Test
  void ifNotExistsOnAKnownColumnStaysANoOp() throws IOException {
    // harbor's artifact.icon exists since 0030 and no DO block alters artifact.
    CheckResult harbor = check(CORPUS.resolve("harbor"));
    FileResult f = file(harbor, "0040_2.1.0_schema.up.sql");
    StatementFacts add = statementAt(f, 143);
    assertEquals(List.of("IF NOT EXISTS and the column exists: no-op"), add.notes());
    assertFalse(add.rewrite());
  }

  @Test
  void addColumnReferencesIsAForeignKeyValidation() {
    FileResult f = file(auth, "20230818113222_add_flow_state_to_relay_state.up.sql");
    assertEquals(
        Set.of("lock/foreign-key-validation", "lock/missing-lock-timeout"), lockRulesAt(f, 1));
  }

  @Test
  void inlineUniqueIsReportedOnceAsAnIndexBuild() {
    FileResult f = file(auth, "20210710035447_alter_users.up.sql");
    assertEquals(
        Set.of("lock/constraint-builds-index", "lock/missing-lock-timeout"), lockRulesAt(f, 3));
  }

  @Test
  void inlineCheckOnANewColumnIsStillAScan() {
    FileResult f = file(auth, "20260121000000_add_token_endpoint_auth_method.up.sql");
    assertTrue(
        lockRulesAt(f, 5).contains("lock/scan-under-exclusive-lock"), lockRulesAt(f, 5).toString());
  }

  @Test
  void indexInATemplatedSchemaKeepsTheWholeSchemaName() {
    // "{{ index .Options "Namespace" }}" holds dots: the index is named in that schema, not in "{{
    // index ".
    FileResult f = file(auth, "00_init_auth_schema.up.sql");
    StatementFacts create = statementAt(f, 27);
    String schema = "{{ index .Options \"Namespace\" }}";
    assertEquals(
        List.of(schema + ".users", schema + ".users_instance_id_email_idx"),
        create.locks().stream().map(l -> l.relation()).toList());
  }
}
