package dev.schemagate.runner.db;

import dev.schemagate.analyzer.statement.QualifiedName;

/** Text for {@code to_regclass} from the analyzer's folded names (which no longer carry quotes). */
public final class PgNames {

  private PgNames() {}

  public static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  public static String regclass(QualifiedName name) {
    return name.schema() == null
        ? quote(name.name())
        : quote(name.schema()) + "." + quote(name.name());
  }

  /** A facts relation name, {@code schema.table} (folded), as regclass text. */
  public static String regclass(String relation) {
    int dot = relation.indexOf('.');
    return dot < 0
        ? quote(relation)
        : quote(relation.substring(0, dot)) + "." + quote(relation.substring(dot + 1));
  }
}
