package dev.schemagate.analyzer.fix;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Writing identifiers back as SQL, and naming constraints the way PostgreSQL does. */
final class Identifiers {

  /** PostgreSQL's NAMEDATALEN - 1: longer names are truncated. */
  static final int MAX_NAME_BYTES = 63;

  // Reserved words that cannot be column or constraint names unquoted (PostgreSQL appendix C).
  private static final Set<String> RESERVED = Set.of(
      "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
      "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
      "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
      "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
      "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
      "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
      "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
      "unique", "user", "using", "variadic", "when", "where", "window", "with");

  private Identifiers() {}

  /** The identifier as SQL: bare when PostgreSQL would fold it to itself, else double-quoted. */
  static String quote(String name) {
    if (name.matches("[a-z_][a-z0-9_$]*") && !RESERVED.contains(name)) {
      return name;
    }
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * PostgreSQL's {@code makeObjectName}: {@code name1_name2_label}, shortening the longer of the
   * two names first until the whole fits in 63 bytes.
   */
  static String objectName(String name1, String name2, String label) {
    int overhead = label.length() + 1 + (name2 == null ? 0 : 1);
    int avail = MAX_NAME_BYTES - overhead;
    String a = name1;
    String b = name2 == null ? "" : name2;
    while (bytes(a) + bytes(b) > avail) {
      if (bytes(a) > bytes(b)) {
        a = a.substring(0, a.length() - 1);
      } else {
        b = b.substring(0, b.length() - 1);
      }
    }
    return name2 == null ? a + "_" + label : a + "_" + b + "_" + label;
  }

  /** The name PostgreSQL gives a foreign key without one: {@code <table>_<col>[_<col>…]_fkey}. */
  static String foreignKeyName(String table, List<String> columns) {
    return objectName(table, columns.isEmpty() ? null : String.join("_", columns), "fkey");
  }

  /** The name PostgreSQL gives a CHECK without one: {@code <table>_<first column>_check}. */
  static String checkName(String table, List<String> columns) {
    return objectName(table, columns.isEmpty() ? null : columns.get(0), "check");
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
