package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schemagate new}: writes the next version of examples/shop, and refuses bad input in one
 * line, writing nothing.
 */
class NewCommandTest {

  @TempDir Path dir;

  private Path shop() throws IOException {
    Path from = Path.of("../examples/shop");
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path to = dir.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return dir;
  }

  @Test
  void renameColumnWritesTheNextVersionAndCheckPassesOnIt() throws Exception {
    Path repo = shop();
    CliRun r =
        CliRun.of(
            "new",
            "rename-column",
            "--repo",
            repo.toString(),
            "--track",
            "orders",
            "orders",
            "status",
            "state");
    assertEquals(0, r.exitCode(), r.err());
    Path v = repo.resolve("migrations/orders/0010_rename_orders_status_to_state");
    for (String f :
        new String[] {"expand.sql", "backfill.sql", "verify.sql", "contract.sql", "rollback.sql"}) {
      assertTrue(Files.isRegularFile(v.resolve(f)), f);
      assertTrue(
          r.out().contains("wrote migrations/orders/0010_rename_orders_status_to_state/" + f),
          r.out());
    }
    CliRun check = CliRun.of("check", "--repo", repo.toString());
    assertEquals(0, check.exitCode(), check.out() + check.err());
  }

  @Test
  void anUnknownColumnIsOneLineAndWritesNothing() throws Exception {
    Path repo = shop();
    CliRun r =
        CliRun.of(
            "new",
            "rename-column",
            "--repo",
            repo.toString(),
            "--track",
            "orders",
            "orders",
            "nope",
            "state");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(
        r.err().startsWith("schemagate: table public.orders has no column nope (it has "), r.err());
    assertFalse(Files.exists(repo.resolve("migrations/orders/0010_rename_orders_nope_to_state")));
  }

  @Test
  void aRepositoryWithSeveralTracksNeedsTrack() throws Exception {
    Path repo = shop();
    CliRun r = CliRun.of("new", "drop-column", "--repo", repo.toString(), "orders", "status");
    assertEquals(2, r.exitCode());
    assertEquals(
        "schemagate: the repository has tracks orders, billing; choose one with --track",
        r.err().strip());
  }

  @Test
  void aMalformedIntoIsOneLine() throws Exception {
    Path repo = shop();
    CliRun r =
        CliRun.of(
            "new",
            "split-column",
            "--repo",
            repo.toString(),
            "--track",
            "orders",
            "customers",
            "display_name",
            "--into",
            "first_name",
            "--down",
            "x");
    assertEquals(2, r.exitCode());
    assertEquals(
        "schemagate: --into first_name: expected NAME:TYPE=EXPR, e.g. first_name:text=split_part(full_name, ' ', 1)",
        r.err().strip());
  }
}
