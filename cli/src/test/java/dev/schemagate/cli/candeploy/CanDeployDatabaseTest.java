package dev.schemagate.cli.candeploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.contract.history.HistorySchemaScripts;
import dev.schemagate.trace.PgBinaries;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * can-deploy against a real PostgreSQL 17 whose {@code schemagate.track_state} was created by the
 * runner's own DDL, on the example shop's real manifests.
 */
class CanDeployDatabaseTest {

  static final Path SHOP = Path.of("../examples/shop/k8s");
  static final String READER_PASSWORD = "s3cret-Never-Printed";

  static Path dataDir;
  static EmbeddedPostgres pg;
  static String db;
  static String emptyDb;

  @TempDir Path tmp;

  @BeforeAll
  static void startPostgres() throws Exception {
    dataDir = Files.createTempDirectory("can-deploy-pg17-");
    pg =
        EmbeddedPostgres.builder()
            .setPgBinaryResolver(new PgBinaries(17))
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(true)
            .setServerConfig("fsync", "off")
            .start();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE orders");
      s.execute("CREATE DATABASE fresh");
      s.execute("CREATE ROLE reader LOGIN PASSWORD '" + READER_PASSWORD + "'");
    }
    try (Connection c = pg.getDatabase("postgres", "orders").getConnection();
        Statement s = c.createStatement()) {
      for (String script : HistorySchemaScripts.all()) {
        s.execute(script);
      }
      s.execute("GRANT USAGE ON SCHEMA schemagate TO reader");
      s.execute("GRANT SELECT ON schemagate.track_state TO reader");
    }
    // The superuser keeps trust; every other role must give its password over TCP.
    Files.writeString(
        dataDir.resolve("pg_hba.conf"),
        String.join(
            "\n",
            "local all all trust",
            "host all postgres 127.0.0.1/32 trust",
            "host all postgres ::1/128 trust",
            "host all all 127.0.0.1/32 scram-sha-256",
            "host all all ::1/128 scram-sha-256",
            ""));
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("SELECT pg_reload_conf()");
    }
    db = "jdbc:postgresql://localhost:" + pg.getPort() + "/orders";
    emptyDb = "postgresql://postgres@localhost:" + pg.getPort() + "/fresh";
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  @BeforeEach
  void window() throws Exception {
    setState(
        "DELETE FROM schemagate.track_state",
        "INSERT INTO schemagate.track_state (track, contracted, expanded, last_version, last_phase)"
            + " VALUES ('orders', 5, 8, 8, 'backfill'), ('billing', 0, 3, 3, 'expand')");
  }

  static void setState(String... sql) throws Exception {
    try (Connection c = pg.getDatabase("postgres", "orders").getConnection();
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  static final Map<String, String> SUPERUSER = Map.of("PGUSER", "postgres");

  @Test
  void theShopMayDeployWhileEveryRequirementIsLive() {
    CanDeployRun r = CanDeployRun.of(SUPERUSER, "", "-f", SHOP.toString(), "--db", db);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(
        r.out()
            .contains(
                "allowed Deployment shop/orders-api ("
                    + SHOP.resolve("orders-api.yaml")
                    + ":2) [live]: "
                    + "orders@8 is live (window 5..8)"),
        r.toString());
    assertTrue(
        r.out()
            .contains(
                "allowed Deployment shop/billing-worker ("
                    + SHOP.resolve("billing-worker.yaml")
                    + ":2) [live]: "
                    + "orders@6 is live (window 5..8); billing@3 is live (window 1..3)"),
        r.toString());
    assertTrue(
        r.out()
            .contains(
                "3 workloads: 3 allowed, 0 denied; state from schemagate.track_state in postgresql://localhost:"
                    + pg.getPort()
                    + "/orders as postgres"),
        r.toString());
  }

  @Test
  void contractingOrders6DeniesTheStorefrontWithTheWebhooksMessage() throws Exception {
    setState("UPDATE schemagate.track_state SET contracted = 6 WHERE track = 'orders'");
    CanDeployRun r = CanDeployRun.of(SUPERUSER, "", "-f", SHOP.toString(), "--db", db);
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(
        r.out()
            .contains(
                "denied  Deployment shop/storefront ("
                    + SHOP.resolve("storefront.yaml")
                    + ":4) [below-window]: "
                    + "orders@5 is no longer supported: orders@6's contract removed what it needs (live window 6..8)"),
        r.toString());
    assertTrue(r.out().contains("3 workloads: 2 allowed, 1 denied"), r.toString());
  }

  @Test
  void aVersionAboveTheWindowSaysWhatToApply() throws Exception {
    setState(
        "UPDATE schemagate.track_state SET contracted = 4, expanded = 7 WHERE track = 'orders'");
    CanDeployRun r =
        CanDeployRun.of(
            SUPERUSER, "", "-f", SHOP.resolve("orders-api.yaml").toString(), "--db", db);
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(
        r.out()
            .contains(
                "[above-window]: orders@8 is not live: live window is 4..7; apply orders@8 first"),
        r.toString());
  }

  @Test
  void aTrackWithoutStateIsDeniedQuotingIt() throws Exception {
    setState("DELETE FROM schemagate.track_state WHERE track = 'billing'");
    CanDeployRun r =
        CanDeployRun.of(
            SUPERUSER, "", "-f", SHOP.resolve("billing-worker.yaml").toString(), "--db", db);
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(
        r.out().contains("[unknown-track]: billing@3: unknown track \"billing\""), r.toString());
  }

  @Test
  void everyWorkloadKindFromStdinInOneMultiDocumentStreamWithAList() {
    String yaml = Files8.EVERY_KIND;
    CanDeployRun r = CanDeployRun.of(SUPERUSER, yaml, "-f", "-", "--db", db);
    assertEquals(1, r.exitCode(), r.toString());
    for (String kind :
        List.of(
            "Deployment",
            "StatefulSet",
            "DaemonSet",
            "ReplicaSet",
            "Job",
            "CronJob",
            "Pod",
            "Rollout")) {
      assertTrue(
          r.out().contains("allowed " + kind + " shop/" + kind.toLowerCase() + " (<stdin>:"),
          kind + "\n" + r);
    }
    assertTrue(r.out().contains("denied  Deployment shop/in-a-list (<stdin>:"), r.toString());
    assertTrue(
        r.out()
            .contains(
                "[malformed]: invalid schemagate.dev/requires \"orders@seven\": version must be a positive integer"),
        r.toString());
    assertTrue(
        r.out().contains("allowed Deployment shop/no-annotation (<stdin>:")
            && r.out().contains("[no-annotation]"),
        r.toString());
    assertTrue(
        r.out().contains("11 workloads: 10 allowed, 1 denied (not checked: ConfigMap, Service)"),
        r.toString());
  }

  @Test
  void malformedYamlIsOneLineNamingFileAndLine() throws Exception {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(
        bad, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n   namespace: y\n");
    CanDeployRun r = CanDeployRun.of(SUPERUSER, "", "-f", bad.toString(), "--db", db);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().startsWith("schemagate: " + bad + ":5: not valid YAML: "), r.toString());
    assertEquals(1, r.err().lines().count(), r.toString());
    assertEquals("", r.out());
  }

  @Test
  void aDocumentThatIsNotAnObjectOrHasNoKindIsBadInput() throws Exception {
    Path notObject = tmp.resolve("list.yaml");
    Files.writeString(
        notObject, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- just\n- a list\n");
    CanDeployRun r = CanDeployRun.of(SUPERUSER, "", "-f", notObject.toString(), "--db", db);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(
        r.err().startsWith("schemagate: " + notObject + ":5: expected a Kubernetes object"),
        r.toString());

    Path duplicate = tmp.resolve("dup.yaml");
    Files.writeString(duplicate, "apiVersion: apps/v1\nkind: Deployment\nkind: StatefulSet\n");
    r = CanDeployRun.of(SUPERUSER, "", "-f", duplicate.toString(), "--db", db);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(
        r.err().contains(duplicate + ":3: not valid YAML: Duplicate field 'kind'"), r.toString());

    r = CanDeployRun.of(SUPERUSER, "", "-f", tmp.resolve("missing.yaml").toString(), "--db", db);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("missing.yaml: no such file or folder"), r.toString());
  }

  @Test
  void aDocumentAboveTheApiServersLimitIsRefusedBeforeParsing() throws Exception {
    Path big = tmp.resolve("big.yaml");
    Files.writeString(
        big,
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: big\n  annotations:\n"
            + "    note: \""
            + "x".repeat(16 * 1024 * 1024)
            + "\"\n");
    long t0 = System.nanoTime();
    CanDeployRun r = CanDeployRun.of(SUPERUSER, "", "-f", big.toString(), "--db", db);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(
        "schemagate: "
            + big
            + ":1: a document above 3 MiB (by line 6), more than the API server accepts for one"
            + " object; kubectl could not apply it either\n",
        r.err());
    assertTrue(
        ms < 5_000, "refused in " + ms + " ms, before parsing (173 s when the parser found it)");

    // The limit is per document: many small objects in one large stream are read.
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 2500; i++) {
      many.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c")
          .append(i)
          .append("}\ndata: {v: \"")
          .append("y".repeat(1500))
          .append("\"}\n");
    }
    Path stream = tmp.resolve("many.yaml");
    Files.writeString(stream, many + "---\n" + Files.readString(SHOP.resolve("orders-api.yaml")));
    assertTrue(Files.size(stream) > 3 * 1024 * 1024);
    r = CanDeployRun.of(SUPERUSER, "", "-f", stream.toString(), "--db", db);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(
        r.out().contains("1 workload: 1 allowed, 0 denied (not checked: ConfigMap)"), r.toString());
  }

  @Test
  void aBinaryOrNonUtf8FileIsOneLineNamingTheByte() throws Exception {
    Path binary = tmp.resolve("app.tar.yaml");
    Files.write(binary, new byte[] {'a', 'p', 'i', 0, 1, 2});
    CanDeployRun r = CanDeployRun.of(SUPERUSER, "", "-f", binary.toString(), "--db", db);
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(
        "schemagate: "
            + binary
            + ": a binary file (a NUL byte at offset 3), not a manifest; give YAML or JSON\n",
        r.err());

    Path latin1 = tmp.resolve("latin1.yaml");
    Files.write(
        latin1,
        "kind: ConfigMap # caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    r = CanDeployRun.of(SUPERUSER, "", "-f", latin1.toString(), "--db", db);
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(
        "schemagate: "
            + latin1
            + ": not UTF-8 text (byte 0xe9 at offset 21), not a manifest; give YAML or JSON"
            + " in UTF-8\n",
        r.err());
  }

  @Test
  void noWorkloadAtAllIsAWarning() throws Exception {
    Path empty = tmp.resolve("empty.yaml");
    Files.writeString(empty, "");
    CanDeployRun r = CanDeployRun.of(SUPERUSER, "", "-f", empty.toString(), "--db", db);
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(
        "schemagate: warning: no Kubernetes object in "
            + empty
            + ": nothing was checked; give the manifests of"
            + " the Deployments, StatefulSets, Jobs, … to deploy\n",
        r.err());
    assertTrue(r.out().startsWith("0 workloads: 0 allowed, 0 denied; "), r.toString());

    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
    r = CanDeployRun.of(SUPERUSER, "", "-f", config.toString(), "--db", db);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(
        r.err()
            .startsWith("schemagate: warning: no workload in " + config + ": nothing was checked"),
        r.toString());
  }

  @Test
  void aPasswordFromTheFileOrTheEnvironmentIsUsedAndNeverPrinted() throws Exception {
    Path file = tmp.resolve("password");
    Files.writeString(file, READER_PASSWORD + "\n");
    String orders = SHOP.resolve("orders-api.yaml").toString();
    CanDeployRun r =
        CanDeployRun.of(
            Map.of("PGUSER", "reader"),
            "",
            "-f",
            orders,
            "--db",
            db,
            "--password-file",
            file.toString());
    assertEquals(0, r.exitCode(), r.toString());

    r =
        CanDeployRun.of(
            Map.of("PGUSER", "reader", "PGPASSWORD", READER_PASSWORD),
            "",
            "-f",
            orders,
            "--db",
            db);
    assertEquals(0, r.exitCode(), r.toString());

    String wrong = "wrong-Pass-Word-42";
    r =
        CanDeployRun.of(
            Map.of("PGUSER", "reader", "PGPASSWORD", wrong), "", "-f", orders, "--db", db);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(
        r.err().contains("password authentication failed for user \"reader\""), r.toString());
    assertFalse(r.err().contains(wrong) || r.out().contains(wrong), r.toString());

    String withPassword =
        "postgresql://reader:" + READER_PASSWORD + "@localhost:" + pg.getPort() + "/orders";
    r = CanDeployRun.of(Map.of(), "", "-f", orders, "--db", withPassword);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--db must not carry a password"), r.toString());
    assertFalse(r.err().contains(READER_PASSWORD), r.toString());
  }

  @Test
  void aDatabaseWithoutTheHistorySchemaIsNamed() {
    CanDeployRun r = CanDeployRun.of(Map.of(), "", "-f", SHOP.toString(), "--db", emptyDb);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(
        r.err()
            .contains(
                "has no schemagate.track_state table: the rollout runner has not run against this database"),
        r.toString());
  }

  @Test
  void exactlyOneStateSourceIsRequired() {
    CanDeployRun r = CanDeployRun.of(Map.of(), "", "-f", SHOP.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--db") && r.err().contains("--kubeconfig"), r.toString());
  }
}
