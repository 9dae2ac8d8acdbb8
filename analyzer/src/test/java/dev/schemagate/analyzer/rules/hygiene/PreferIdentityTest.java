package dev.schemagate.analyzer.rules.hygiene;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFiresAt;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hygiene/prefer-identity on real SQL (docs/rules/hygiene/prefer-identity.md). */
class PreferIdentityTest {

  private static final String RULE = "hygiene/prefer-identity";

  @TempDir Path dir;

  @Test
  void serialColumns() {
    CheckResult r =
        RuleRepo.withTables(dir)
            .file("0002_create/expand.sql", "CREATE TABLE invoices (id bigserial PRIMARY KEY);\n")
            .file(
                "0003_legacy_id/expand.sql",
                "SET lock_timeout = '2s';\nALTER TABLE customers ADD COLUMN legacy_id serial;\n")
            .check();
    assertFiresAt(
        r, RULE, path("0002_create/expand.sql") + ":1", path("0003_legacy_id/expand.sql") + ":2");
  }

  @Test
  void identityIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                "0001_create/expand.sql",
                "CREATE TABLE invoices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\n")
            .check();
    assertSilent(r, RULE);
  }
}
