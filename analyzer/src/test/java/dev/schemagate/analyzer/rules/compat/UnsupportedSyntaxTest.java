package dev.schemagate.analyzer.rules.compat;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFires;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compat/unsupported-syntax on real SQL (docs/rules/compat/unsupported-syntax.md). */
class UnsupportedSyntaxTest {

  private static final String RULE = "compat/unsupported-syntax";
  private static final String NULLS_NOT_DISTINCT =
      "SET lock_timeout = '2s';\nALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE NULLS NOT DISTINCT (email);\n";

  @TempDir Path dir;

  private RuleRepo repo(int pg) {
    return RuleRepo.in(dir)
        .pg(pg)
        .file(
            "0001_init/expand.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n");
  }

  @Test
  void syntaxTheTracksVersionRejects() {
    CheckResult r = repo(14).file("0002_unique/expand.sql", NULLS_NOT_DISTINCT).check();
    assertFires(r, RULE, path("0002_unique/expand.sql"), 2);
  }

  @Test
  void theSameStatementOnAVersionThatHasItIsFine() {
    CheckResult r = repo(15).file("0002_unique/expand.sql", NULLS_NOT_DISTINCT).check();
    assertSilent(r, RULE);
  }

  @Test
  void theSafeRewriteForOlderVersions() {
    CheckResult r =
        repo(14)
            .file(
                "0002_unique/expand.sql",
                "-- schemagate:phase transactional=false\n"
                    + "CREATE UNIQUE INDEX CONCURRENTLY accounts_email_key ON accounts ((coalesce(email, '')));\n")
            .check();
    assertSilent(r, RULE);
  }
}
