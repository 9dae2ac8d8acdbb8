package dev.schemagate.cli.runner;

import static dev.schemagate.cli.runner.RunnerCommandsTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.cli.runner.RunnerCommandsTest.Run;
import dev.schemagate.trace.PgBinaries;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * schemagate drift, status --repo and apply --accept-drift, in-process, on examples/shop applied to
 * PostgreSQL 17.
 */
class DriftCommandTest {

  static EmbeddedPostgres pg;
  static int databases;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws IOException {
    pg =
        EmbeddedPostgres.builder()
            .setPgBinaryResolver(new PgBinaries(17))
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .start();
  }

  @AfterAll
  static void stop() throws IOException {
    pg.close();
  }

  String database() throws Exception {
    String name = "drift_cli_" + (++databases);
    try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name + "?user=postgres";
  }

  /** examples/shop committed on main in a real Git repository. */
  Path shop() throws Exception {
    Path root = dir.resolve("shop");
    Path from = Path.of("../examples/shop");
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = root.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent dev = new PersonIdent("Dev", "dev@example.com");
      git.commit().setMessage("shop").setAuthor(dev).setCommitter(dev).call();
    }
    return root;
  }

  @Test
  void exitCodesOutputFormatsStatusAndTheMetric() throws Exception {
    Path shop = shop();
    String db = database();
    Run apply =
        cli(
            "apply",
            "--db",
            db,
            "--repo",
            shop.toString(),
            "--override-contract-gate",
            "test: no cluster");
    assertEquals(0, apply.code(), apply.toString());

    Run clean = cli("drift", "--db", db, "--repo", shop.toString());
    assertEquals(0, clean.code(), clean.toString());
    assertTrue(
        clean.out().contains("\ntrack orders: no drift\ntrack billing: no drift\n\nno drift\n")
            || clean
                .out()
                .contains("\ntrack orders: no drift\n\ntrack billing: no drift\n\nno drift\n"),
        clean.out());

    exec(
        db,
        "CREATE INDEX orders_currency_idx ON orders (currency)",
        "ALTER TABLE orders ALTER currency SET DEFAULT 'USD'");
    Path metrics = dir.resolve("drift.prom");
    Run drifted =
        cli("drift", "--db", db, "--repo", shop.toString(), "--metrics-file", metrics.toString());
    assertEquals(1, drifted.code(), drifted.toString());
    assertTrue(
        drifted
            .out()
            .contains(
                "track orders: 2 objects drifted (0 missing, 1 extra, 1 different)\n"
                    + "  drift/different  column public.orders.currency differs from what the applied phases create:"
                    + " default expected 'EUR'::text, found 'USD'::text\n"),
        drifted.out());
    assertTrue(
        drifted
            .out()
            .contains(
                "  drift/extra  index public.orders.orders_currency_idx is extra: the database has it"
                    + " (definition CREATE INDEX ON public.orders USING btree (currency), valid), no applied phase creates it\n"),
        drifted.out());
    assertTrue(
        drifted.out().endsWith("\n2 objects drifted (0 missing, 1 extra, 1 different)\n"),
        drifted.out());
    String prom = Files.readString(metrics);
    assertTrue(
        prom.contains("schemagate_drift_objects{track=\"orders\",kind=\"index\"} 1\n"), prom);
    assertTrue(
        prom.contains("schemagate_drift_objects{track=\"orders\",kind=\"column\"} 1\n"), prom);
    assertTrue(
        prom.contains("schemagate_drift_objects{track=\"billing\",kind=\"index\"} 0\n"), prom);

    Run json = cli("drift", "--db", db, "--repo", shop.toString(), "--format", "json");
    assertEquals(1, json.code(), json.toString());
    JsonNode tree = new ObjectMapper().readTree(json.out());
    assertEquals("[\"drift/different\",\"drift/extra\"]", rules(tree));

    Run billing = cli("drift", "--db", db, "--repo", shop.toString(), "--track", "billing");
    assertEquals(0, billing.code(), billing.toString());

    // As the chart's CronJob runs it: the repository as a Git URL, cloned, at the protected branch.
    Run cloned = cli("drift", "--db", db, "--repo", shop.toUri().toString(), "--ref", "main");
    assertEquals(1, cloned.code(), cloned.toString());
    assertTrue(
        cloned.out().endsWith("\n2 objects drifted (0 missing, 1 extra, 1 different)\n"),
        cloned.out());

    Run status = cli("status", "--db", db, "--repo", shop.toString());
    assertEquals(0, status.code(), status.toString());
    assertTrue(
        status
            .out()
            .contains(
                "  drift: 2 objects drifted (0 missing, 1 extra, 1 different); first: column"
                    + " public.orders.currency differs"),
        status.out());
    assertTrue(status.out().contains("  drift: no drift\n"), status.out());
  }

  @Test
  void usageAndConnectionErrorsExitTwoOnOneLine() throws Exception {
    Path shop = shop();
    Run refused =
        cli("drift", "--db", "postgresql://app@127.0.0.1:1/nowhere", "--repo", shop.toString());
    assertEquals(2, refused.code(), refused.toString());
    assertTrue(
        refused
            .err()
            .startsWith(
                "schemagate drift: cannot connect to postgresql://127.0.0.1:1/nowhere as app:"),
        refused.err());
    assertEquals(1, refused.err().lines().count(), refused.err());

    Run format = cli("drift", "--db", database(), "--repo", shop.toString(), "--format", "yaml");
    assertEquals(2, format.code(), format.toString());
    assertEquals(
        "schemagate drift: --format yaml: unknown; use one of text, json, sarif, github, markdown\n",
        format.err());

    Run track = cli("drift", "--db", database(), "--repo", shop.toString(), "--track", "payments");
    assertEquals(2, track.code(), track.toString());
    assertEquals(
        "schemagate drift: --track payments: no such track in "
            + shop
            + "; tracks: orders, billing\n",
        track.err());

    Run blank = cli("apply", "--db", database(), "--repo", shop.toString(), "--accept-drift", " ");
    assertEquals(2, blank.code(), blank.toString());
    assertEquals("schemagate apply: --accept-drift needs a reason\n", blank.err());
  }

  private static String rules(JsonNode tree) {
    java.util.TreeSet<String> rules = new java.util.TreeSet<>();
    tree.findValues("rule").forEach(n -> rules.add(n.asText()));
    return rules.stream().map(r -> "\"" + r + "\"").toList().toString().replace(" ", "");
  }

  private static void exec(String url, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
