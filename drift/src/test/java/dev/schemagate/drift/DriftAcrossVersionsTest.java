package dev.schemagate.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.analyzer.repo.MigrationRepository;
import dev.schemagate.trace.PgServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The catalog reader on the oldest and the newest supported major (PostgreSQL 18 also lists NOT
 * NULL constraints in pg_constraint): no drift right after apply, then one missing, one extra and
 * one different object, exactly. DriftCheckTest covers every kind on 17.
 */
class DriftAcrossVersionsTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "PostgreSQL {0}")
  @ValueSource(ints = {14, 18})
  void theSameDriftOnEveryMajor(int major) throws Exception {
    try (PgServer server = PgServer.start(major)) {
      DriftRepo repo = DriftRepo.create(dir.resolve("repo"));
      MigrationRepository repository = MigrationRepository.load(repo.root);
      DriftCheck check = new DriftCheck(Optional.of(server));
      TargetDb target = TargetDb.create(server).apply(repo, "app@1");
      assertEquals(List.of(), check.run(target.db, repository).drifts());

      target.exec(
          "DROP VIEW big_orders",
          "CREATE INDEX orders_amount_idx ON orders (amount)",
          "ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive");

      Set<String> found =
          check.run(target.db, repository).drifts().stream()
              .map(d -> d.kind().rule() + " " + d.object().key())
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(
          new TreeSet<>(
              Set.of(
                  "drift/missing view public.big_orders",
                  "drift/extra index public.orders.orders_amount_idx",
                  "drift/different constraint public.orders.orders_amount_positive")),
          found);
    }
  }
}
