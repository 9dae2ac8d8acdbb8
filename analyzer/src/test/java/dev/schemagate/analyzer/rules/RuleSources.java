package dev.schemagate.analyzer.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The built-in rules as the repository's sources list them, for tests that must not hard-code the
 * rule count or ids (issue 13 §5: scripts/new-rule.sh adds a rule without touching any test): one
 * {@code policy/rules/<category>/<name>.rego} per rule, one row per rule in docs/rules/README.md.
 */
public final class RuleSources {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private RuleSources() {}

  /**
   * {@code policy/rules/lock/table_rewrite.rego} → {@code lock/table-rewrite}, test files left out.
   */
  public static Set<String> idsFromRego() {
    Path rules = REPO.resolve("policy/rules");
    try (Stream<Path> files = Files.walk(rules)) {
      Set<String> ids = new TreeSet<>();
      files
          .filter(f -> f.toString().endsWith(".rego") && !f.toString().endsWith("_test.rego"))
          .forEach(
              f -> {
                String category = rules.relativize(f).getName(0).toString();
                String file = f.getFileName().toString();
                ids.add(
                    category
                        + "/"
                        + file.substring(0, file.length() - ".rego".length()).replace('_', '-'));
              });
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + rules, e);
    }
  }

  /** The ids of the rows of the rule table in docs/rules/README.md. */
  public static Set<String> idsFromReadme() {
    Path readme = REPO.resolve("docs/rules/README.md");
    try {
      Set<String> ids = new TreeSet<>();
      for (String line : Files.readAllLines(readme)) {
        if (line.startsWith("| [") && line.indexOf(']') > 3) {
          ids.add(line.substring(3, line.indexOf(']')));
        }
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + readme, e);
    }
  }
}
