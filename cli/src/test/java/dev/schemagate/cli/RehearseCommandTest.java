package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to rehearse and stats: exit 2 and one line that says what to write (nothing is
 * started).
 */
class RehearseCommandTest {

  @TempDir Path dir;

  private static void usage(String expected, String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
    assertEquals("schemagate: " + expected + "\n", run.err());
  }

  @Test
  void rowsScaleAndFilesAreCheckedBeforeAnythingStarts() {
    usage(
        "--rows orders: write TABLE=N, e.g. --rows orders=1000000",
        "rehearse",
        "--repo",
        "../examples/shop",
        "--rows",
        "orders");
    usage(
        "--scale 2.0: must be above 0 and at most 1 (e.g. 0.01 inserts 1 % of the rows)",
        "rehearse", "--repo", "../examples/shop", "--scale", "2");
    usage(
        "--queries " + dir.resolve("none.sql") + ": no such file",
        "rehearse",
        "--repo",
        "../examples/shop",
        "--queries",
        dir.resolve("none.sql").toString());
    usage(
        "--top-queries -1: must be 0 or more",
        "stats",
        "--db",
        "jdbc:postgresql://localhost:1/none",
        "--top-queries",
        "-1");
  }

  @Test
  void checkRejectsABadRehearsalBudget() throws Exception {
    Files.createDirectories(dir.resolve("migrations/app"));
    Files.writeString(
        dir.resolve("schemagate.yaml"),
        "tracks:\n  app:\n    pg_version: 17\nrehearsal:\n  plan_regression: fatal\n");
    usage(
        "schemagate.yaml: rehearsal.plan_regression: \"fatal\" is not one of error, warning",
        "check",
        "--repo",
        dir.toString());
  }
}
