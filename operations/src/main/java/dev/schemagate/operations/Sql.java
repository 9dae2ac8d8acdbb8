package dev.schemagate.operations;

import dev.schemagate.analyzer.sql.Identifier;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Identifiers and literals as generated SQL writes them. */
public final class Sql {

  private Sql() {}

  /**
   * {@code name} as an identifier: bare when PostgreSQL reads it back unchanged, else
   * double-quoted.
   */
  public static String ident(String name) {
    return Identifier.quote(name);
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
