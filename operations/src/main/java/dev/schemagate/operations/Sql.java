package dev.schemagate.operations;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Identifiers and literals as generated SQL writes them. */
public final class Sql {

  /**
   * Reserved key words of PostgreSQL (Appendix C, "reserved" in the PostgreSQL column) that need
   * quotes as names.
   */
  private static final Set<String> RESERVED =
      Set.of(
          "all",
          "analyse",
          "analyze",
          "and",
          "any",
          "array",
          "as",
          "asc",
          "asymmetric",
          "both",
          "case",
          "cast",
          "check",
          "collate",
          "column",
          "constraint",
          "create",
          "current_catalog",
          "current_date",
          "current_role",
          "current_time",
          "current_timestamp",
          "current_user",
          "default",
          "deferrable",
          "desc",
          "distinct",
          "do",
          "else",
          "end",
          "except",
          "false",
          "fetch",
          "for",
          "foreign",
          "from",
          "grant",
          "group",
          "having",
          "in",
          "initially",
          "intersect",
          "into",
          "lateral",
          "leading",
          "limit",
          "localtime",
          "localtimestamp",
          "not",
          "null",
          "offset",
          "on",
          "only",
          "or",
          "order",
          "placing",
          "primary",
          "references",
          "returning",
          "select",
          "session_user",
          "some",
          "symmetric",
          "system_user",
          "table",
          "then",
          "to",
          "trailing",
          "true",
          "union",
          "unique",
          "user",
          "using",
          "variadic",
          "when",
          "where",
          "window",
          "with");

  private Sql() {}

  /**
   * {@code name} as an identifier: bare when PostgreSQL reads it back unchanged, else
   * double-quoted.
   */
  public static String ident(String name) {
    if (name.matches("[a-z_][a-z0-9_$]*") && !RESERVED.contains(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A comma-separated identifier list. */
  public static String idents(List<String> names) {
    return names.stream().map(Sql::ident).collect(Collectors.joining(", "));
  }

  /** A string literal. */
  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /**
   * A name made from parts, cut to PostgreSQL's 63 bytes (ASCII names; longer ones get a short hash
   * suffix).
   */
  public static String name(String... parts) {
    String joined = String.join("_", parts).toLowerCase(Locale.ROOT);
    if (joined.length() <= 63) {
      return joined;
    }
    String hash = Integer.toHexString(joined.hashCode() & 0xfffffff);
    return joined.substring(0, 62 - hash.length()) + "_" + hash;
  }
}
