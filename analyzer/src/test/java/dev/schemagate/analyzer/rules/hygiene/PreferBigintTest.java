package dev.schemagate.analyzer.rules.hygiene;

import static dev.schemagate.analyzer.rules.RuleFindings.assertFiresAt;
import static dev.schemagate.analyzer.rules.RuleFindings.assertSilent;
import static dev.schemagate.analyzer.rules.RuleRepo.path;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.rules.RuleRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hygiene/prefer-bigint on real SQL (docs/rules/hygiene/prefer-bigint.md). */
class PreferBigintTest {

  private static final String RULE = "hygiene/prefer-bigint";
  private static final String FILE = "0001_create/expand.sql";

  @TempDir Path dir;

  @Test
  void integerKeys() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                FILE,
                """
        CREATE TABLE orders (id serial PRIMARY KEY);
        CREATE TABLE tags (id integer PRIMARY KEY, name text);
        CREATE TABLE colours (id smallint GENERATED ALWAYS AS IDENTITY, name text);
        CREATE TABLE sizes (id int, name text, PRIMARY KEY (id));
        """)
            .check();
    assertFiresAt(
        r, RULE, path(FILE) + ":1", path(FILE) + ":2", path(FILE) + ":3", path(FILE) + ":4");
  }

  @Test
  void bigintIdentityIsTheSafeRewrite() {
    CheckResult r =
        RuleRepo.in(dir)
            .file(
                FILE,
                """
        CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, quantity integer NOT NULL);
        """)
            .check();
    assertSilent(r, RULE);
  }
}
