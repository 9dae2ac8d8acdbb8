package dev.schemagate.analyzer.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationRepositoryTest {

  @TempDir Path dir;
  TempFiles files;

  @BeforeEach
  void config() {
    files = new TempFiles(dir);
    files.write(
        "schemagate.yaml",
        "tracks:\n  orders:\n    pg_version: 17\n  users:\n    folder: db/users\n    pg_version: 15\n");
    files.mkdir("migrations/orders");
    files.mkdir("db/users");
  }

  private RepositoryException fails() {
    return assertThrows(RepositoryException.class, () -> MigrationRepository.load(dir));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void loadsVersionsPhasesAndRollback() throws Exception {
    files.write("migrations/orders/0001_create/expand.sql", "CREATE TABLE orders (id bigint);\n");
    files.write("migrations/orders/0001_create/rollback.sql", "DROP TABLE orders;\n");
    files.write(
        "migrations/orders/0002_split_name/expand.sql", "ALTER TABLE orders ADD COLUMN a text;\n");
    files.write(
        "migrations/orders/0002_split_name/backfill.sql",
        "UPDATE orders SET a = 'x' WHERE a IS NULL;\n");
    files.write(
        "migrations/orders/0002_split_name/contract.sql", "ALTER TABLE orders DROP COLUMN b;\n");
    files.write("migrations/orders/0002_split_name/README.md", "why\n");
    files.write("migrations/orders/README.md", "track notes\n");
    files.write("migrations/orders/.gitkeep", "");
    files.write("migrations/orders/0002_split_name/.expand.sql.swp", "junk");
    files.write("db/users/0010_only_contract/contract.sql", "DROP TABLE legacy;\n");

    MigrationRepository repo = MigrationRepository.load(dir);
    assertEquals(dir.toAbsolutePath().normalize(), repo.root());
    assertEquals(List.of("orders", "users"), List.copyOf(repo.tracks().keySet()));

    Track orders = repo.track("orders");
    assertEquals(2, orders.versions().size());
    assertEquals(2, orders.maxVersion());
    MigrationVersion v1 = orders.version(1).orElseThrow();
    assertEquals("create", v1.name());
    assertEquals("orders@1", v1.label());
    assertEquals(List.of(PhaseKind.EXPAND), List.copyOf(v1.phases().keySet()));
    assertEquals("DROP TABLE orders;\n", v1.rollback().orElseThrow().text());
    assertEquals(
        "migrations/orders/0001_create/rollback.sql", v1.rollback().orElseThrow().displayPath());

    MigrationVersion v2 = orders.version(2).orElseThrow();
    assertEquals(
        List.of(PhaseKind.EXPAND, PhaseKind.BACKFILL, PhaseKind.CONTRACT),
        v2.phaseFiles().stream().map(PhaseFile::phase).toList());
    assertTrue(v2.rollback().isEmpty());
    PhaseFile backfill = v2.phase(PhaseKind.BACKFILL).orElseThrow();
    assertEquals("orders", backfill.track());
    assertEquals(2, backfill.version());
    assertEquals("split_name", backfill.versionName());
    assertEquals("migrations/orders/0002_split_name/backfill.sql", backfill.repoPath());
    assertEquals(
        dir.resolve("migrations/orders/0002_split_name/backfill.sql").toAbsolutePath(),
        backfill.path());
    assertEquals("UPDATE orders SET a = 'x' WHERE a IS NULL;\n", backfill.text());
    assertEquals(
        sha256("UPDATE orders SET a = 'x' WHERE a IS NULL;\n".getBytes(StandardCharsets.UTF_8)),
        backfill.checksum());
    assertEquals("orders@2 backfill", backfill.label());

    Track users = repo.track("users");
    assertEquals(10, users.maxVersion());
    assertEquals(
        List.of(PhaseKind.CONTRACT),
        List.copyOf(users.version(10).orElseThrow().phases().keySet()));
    assertEquals(
        Optional.of(backfill),
        repo.phaseFile(Path.of("migrations/orders/0002_split_name/backfill.sql")));
    assertEquals(
        Optional.empty(), repo.phaseFile(Path.of("migrations/orders/0001_create/rollback.sql")));
    assertEquals(5, repo.phaseFiles().size());
  }

  @Test
  void emptyTrackHasNoVersions() {
    MigrationRepository repo = MigrationRepository.load(dir);
    assertEquals(0, repo.track("orders").maxVersion());
    assertTrue(repo.track("orders").applyOrder().isEmpty());
  }

  @Test
  void versionsAreOrderedNumericallyNotByName() {
    files.write("migrations/orders/10000_late/expand.sql", "SELECT 1;");
    files.write("migrations/orders/0009_nine/expand.sql", "SELECT 1;");
    files.write("migrations/orders/0010_ten/expand.sql", "SELECT 1;");
    assertEquals(
        List.of(9, 10, 10000),
        MigrationRepository.load(dir).track("orders").versions().stream()
            .map(MigrationVersion::number)
            .toList());
  }

  @Test
  void checksumIsOfTheBytesWhileTheTextDropsTheByteOrderMark() throws Exception {
    byte[] bytes = "\uFEFFSELECT 1;\n".getBytes(StandardCharsets.UTF_8);
    files.write("migrations/orders/0001_bom/expand.sql", bytes);
    PhaseFile f = MigrationRepository.load(dir).track("orders").applyOrder().get(0);
    assertEquals("SELECT 1;\n", f.text());
    assertEquals(sha256(bytes), f.checksum());
  }

  @Test
  void invalidUtf8() {
    files.write(
        "migrations/orders/0001_latin1/expand.sql", new byte[] {'S', 'E', 'L', (byte) 0xE9, ';'});
    assertEquals(
        "migrations/orders/0001_latin1/expand.sql: is not valid UTF-8", fails().getMessage());
  }

  @Test
  void badVersionFolderNames() {
    files.write("migrations/orders/003_short/expand.sql", "SELECT 1;");
    RepositoryException e = fails();
    assertEquals("migrations/orders/003_short", e.file());
    assertTrue(e.problem().startsWith("a version folder is named NNNN_name"), e.getMessage());

    files.delete("migrations/orders/003_short/expand.sql");
    files.delete("migrations/orders/003_short");
    files.write("migrations/orders/0003-dash/expand.sql", "SELECT 1;");
    assertEquals("migrations/orders/0003-dash", fails().file());

    files.delete("migrations/orders/0003-dash/expand.sql");
    files.delete("migrations/orders/0003-dash");
    files.write("migrations/orders/0004_/expand.sql", "SELECT 1;");
    assertEquals("migrations/orders/0004_", fails().file());
  }

  @Test
  void versionZeroIsRejected() {
    files.write("migrations/orders/0000_init/expand.sql", "SELECT 1;");
    assertEquals("migrations/orders/0000_init: version numbers start at 1", fails().getMessage());
  }

  @Test
  void duplicateVersionNumbers() {
    files.write("migrations/orders/0003_add_a/expand.sql", "SELECT 1;");
    files.write("migrations/orders/00003_add_b/expand.sql", "SELECT 1;");
    RepositoryException e = fails();
    assertTrue(e.problem().startsWith("version 3 is also used by "), e.getMessage());
    assertTrue(
        e.getMessage().contains("0003_add_a") && e.getMessage().contains("00003_add_b"),
        e.getMessage());
  }

  @Test
  void unknownFilesInAVersionFolderAreAllNamed() {
    files.write("migrations/orders/0001_create/expand.sql", "SELECT 1;");
    files.write("migrations/orders/0001_create/Expand.SQL", "SELECT 1;");
    files.write("migrations/orders/0001_create/notes.txt", "x");
    files.mkdir("migrations/orders/0001_create/extra");
    assertEquals(
        "migrations/orders/0001_create: unknown files Expand.SQL, extra/, notes.txt (a version folder holds"
            + " expand.sql, backfill.sql, contract.sql, rollback.sql, verify.sql and README.md)",
        fails().getMessage());
  }

  @Test
  void emptyVersionFolder() {
    files.mkdir("migrations/orders/0001_create");
    assertEquals(
        "migrations/orders/0001_create: empty version folder; add expand.sql, backfill.sql or contract.sql",
        fails().getMessage());
    files.write("migrations/orders/0001_create/.gitkeep", "");
    assertEquals(
        "migrations/orders/0001_create", fails().file(), "hidden files do not make a version");
  }

  @Test
  void versionWithoutPhaseFile() {
    files.write("migrations/orders/0001_create/README.md", "todo");
    assertEquals(
        "migrations/orders/0001_create: no phase file; add expand.sql, backfill.sql or contract.sql",
        fails().getMessage());
  }

  @Test
  void rollbackNeedsAnExpand() {
    files.write("migrations/orders/0001_create/contract.sql", "SELECT 1;");
    files.write("migrations/orders/0001_create/rollback.sql", "SELECT 1;");
    assertEquals(
        "migrations/orders/0001_create/rollback.sql: rollback.sql undoes expand.sql, but this version has no expand.sql",
        fails().getMessage());
  }

  @Test
  void verifyNeedsAContract() {
    files.write("migrations/orders/0001_create/expand.sql", "SELECT 1;");
    files.write("migrations/orders/0001_create/verify.sql", "SELECT 1 WHERE false;");
    assertEquals(
        "migrations/orders/0001_create/verify.sql: verify.sql runs right before contract.sql, but this version"
            + " has no contract.sql",
        fails().getMessage());
  }

  @Test
  void verifyHoldsOnlyQueries() {
    files.write("migrations/orders/0001_create/contract.sql", "SELECT 1;");
    files.write(
        "migrations/orders/0001_create/verify.sql",
        "-- rows left\nSELECT 1 WHERE false;\n\nDELETE FROM orders;\n");
    assertEquals(
        "migrations/orders/0001_create/verify.sql:4: verify.sql holds only queries that must return no row"
            + " (SELECT, WITH, VALUES, TABLE), not DELETE",
        fails().getMessage());
  }

  @Test
  void verifyIsReadWithItsVersion() {
    files.write("migrations/orders/0001_create/contract.sql", "SELECT 1;");
    files.write(
        "migrations/orders/0001_create/verify.sql",
        "/* none left */ WITH x AS (SELECT 1) SELECT * FROM x WHERE false;\n(SELECT 1 WHERE false);\n");
    MigrationVersion v = MigrationRepository.load(dir).track("orders").version(1).orElseThrow();
    assertEquals(
        "migrations/orders/0001_create/verify.sql", v.verify().orElseThrow().displayPath());
    assertEquals(2, VerifyQueries.check(v.verify().orElseThrow()).size());
  }

  @Test
  void strayFileInATrackFolder() {
    files.write("migrations/orders/0001_create.sql", "SELECT 1;");
    RepositoryException e = fails();
    assertEquals("migrations/orders/0001_create.sql", e.file());
    assertTrue(
        e.problem().startsWith("unexpected file in the folder of track \"orders\""),
        e.getMessage());
  }

  @Test
  void notADirectory() {
    RepositoryException e =
        assertThrows(
            RepositoryException.class,
            () -> MigrationRepository.load(dir.resolve("schemagate.yaml")));
    assertTrue(e.getMessage().endsWith("schemagate.yaml: is not a directory"), e.getMessage());
  }

  @Test
  void configErrorsSurfaceThroughLoad() {
    files.write("schemagate.yaml", "tracks:\n  orders:\n    pg_version: 13\n");
    assertEquals(
        "schemagate.yaml: track \"orders\": pg_version 13 is not supported (14–18)",
        fails().getMessage());
  }

  @Test
  void messagesHaveNoLineBreaks() {
    files.write("migrations/orders/0001_a\nb/expand.sql", "SELECT 1;");
    assertFalse(fails().getMessage().contains("\n"));
  }
}
