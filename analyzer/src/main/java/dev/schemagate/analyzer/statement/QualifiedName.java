package dev.schemagate.analyzer.statement;

import java.util.Locale;

/**
 * A possibly schema-qualified object name, already folded the way PostgreSQL folds it: unquoted
 * identifiers in lower case, quoted ones exactly as written (without the quotes).
 *
 * @param schema the schema, or null when the statement did not name one
 */
public record QualifiedName(String schema, String name) {

  public QualifiedName {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("name is required");
    }
  }

  public static QualifiedName of(String name) {
    return new QualifiedName(null, name);
  }

  /** Resolves an unqualified name against the default schema ({@code public} unless configured). */
  public QualifiedName inSchema(String defaultSchema) {
    return schema == null ? new QualifiedName(defaultSchema, name) : this;
  }

  /**
   * Folds one identifier as PostgreSQL does: {@code "Foo"} stays {@code Foo}, {@code Foo} becomes
   * {@code foo}.
   */
  public static String fold(String identifier) {
    if (identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")) {
      return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
    }
    return identifier.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return schema == null ? name : schema + "." + name;
  }
}
