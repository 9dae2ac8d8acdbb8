package dev.schemagate.analyzer.parse;

import dev.schemagate.analyzer.statement.Volatility;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a DEFAULT expression is {@link Volatility#CONSTANT} (evaluated once, so
 * PostgreSQL 11+ adds the column without rewriting the table) or {@link Volatility#VOLATILE}.
 *
 * <p>Literals, casts, operators, {@code CURRENT_TIMESTAMP}-style keywords and calls of the
 * functions in {@link #NON_VOLATILE} are constant. Every other function call, including unknown and
 * user-defined ones, counts as volatile: a wrong "volatile" costs a warning, a wrong "constant"
 * hides a table rewrite. The allow-list holds built-ins whose {@code pg_proc.provolatile} is {@code
 * i} (immutable) or {@code s} (stable), plus type names that appear in call syntax after a cast
 * ({@code ::varchar(10)}).
 */
public final class ExpressionVolatility {

  /** Built-in functions known not to be volatile (immutable or stable in pg_proc). */
  public static final Set<String> NON_VOLATILE =
      Set.of(
          // date and time (stable: fixed for the transaction)
          "now",
          "current_timestamp",
          "current_date",
          "current_time",
          "localtime",
          "localtimestamp",
          "statement_timestamp",
          "transaction_timestamp",
          "timezone",
          "date_trunc",
          "date_part",
          "extract",
          "make_interval",
          "make_date",
          "make_time",
          "make_timestamp",
          "make_timestamptz",
          "to_timestamp",
          "to_date",
          "to_char",
          "to_number",
          "age",
          "justify_interval",
          "date_bin",
          // session information (stable)
          "current_user",
          "session_user",
          "current_role",
          "current_schema",
          "current_database",
          "current_catalog",
          "current_setting",
          "user",
          "pg_backend_pid",
          "inet_client_addr",
          // conditionals and comparison
          "coalesce",
          "nullif",
          "greatest",
          "least",
          // strings
          "lower",
          "upper",
          "trim",
          "btrim",
          "ltrim",
          "rtrim",
          "length",
          "char_length",
          "character_length",
          "octet_length",
          "substring",
          "substr",
          "replace",
          "concat",
          "concat_ws",
          "format",
          "md5",
          "sha256",
          "sha512",
          "encode",
          "decode",
          "convert_to",
          "convert_from",
          "overlay",
          "repeat",
          "lpad",
          "rpad",
          "split_part",
          "regexp_replace",
          "initcap",
          "left",
          "right",
          "reverse",
          "translate",
          "position",
          "strpos",
          "chr",
          "ascii",
          "quote_ident",
          "quote_literal",
          "string_to_array",
          "array_to_string",
          "digest",
          "hmac",
          // numbers
          "abs",
          "round",
          "floor",
          "ceil",
          "ceiling",
          "power",
          "sqrt",
          "mod",
          "trunc",
          "sign",
          "div",
          // arrays, json, ranges, rows
          "array",
          "array_fill",
          "array_append",
          "array_prepend",
          "array_cat",
          "cardinality",
          "row",
          "jsonb_build_object",
          "jsonb_build_array",
          "json_build_object",
          "json_build_array",
          "to_json",
          "to_jsonb",
          "jsonb_object",
          "json_object",
          "jsonb_set",
          "jsonb_strip_nulls",
          "array_to_json",
          "int4range",
          "int8range",
          "numrange",
          "tsrange",
          "tstzrange",
          "daterange",
          // constant uuids (uuid-ossp, immutable)
          "uuid_nil",
          "uuid_ns_dns",
          "uuid_ns_url",
          "uuid_ns_oid",
          "uuid_ns_x500",
          "uuid_generate_v3",
          "uuid_generate_v5",
          // casts written as calls and type names with modifiers after ::
          "cast",
          "int2",
          "int4",
          "int8",
          "float4",
          "float8",
          "numeric",
          "decimal",
          "text",
          "varchar",
          "char",
          "character",
          "varying",
          "bpchar",
          "bit",
          "varbit",
          "timestamp",
          "timestamptz",
          "time",
          "timetz",
          "interval",
          "date",
          "bool",
          "boolean",
          "uuid",
          "inet",
          "cidr",
          "jsonb",
          "json",
          "bytea",
          "regclass",
          "precision",
          "float",
          "zone");

  /** Words that are not column names in a CHECK expression. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "not",
          "null",
          "is",
          "true",
          "false",
          "in",
          "like",
          "ilike",
          "similar",
          "to",
          "between",
          "case",
          "when",
          "then",
          "else",
          "end",
          "any",
          "all",
          "some",
          "distinct",
          "from",
          "array",
          "cast",
          "as",
          "collate",
          "escape",
          "isnull",
          "notnull",
          "unknown",
          "value",
          "current_date",
          "current_timestamp",
          "current_time",
          "localtime",
          "localtimestamp",
          "current_user",
          "session_user",
          "current_role",
          "interval",
          "date",
          "timestamp",
          "time",
          "with",
          "without",
          "zone",
          "symmetric",
          "exists",
          "operator",
          "overlaps",
          "at",
          "local");

  private ExpressionVolatility() {}

  /** Classifies an expression given as SQL text; {@link Volatility#NONE} for null or blank. */
  public static Volatility classify(String expression) {
    if (expression == null || expression.isBlank()) {
      return Volatility.NONE;
    }
    Lexer.Result r = Lexer.tokenize(expression);
    if (r.error() != null) {
      return Volatility.VOLATILE;
    }
    return classify(r.tokens(), 0, r.tokens().size());
  }

  static Volatility classify(List<Token> tokens, int from, int to) {
    if (from >= to) {
      return Volatility.NONE;
    }
    for (int k = from; k < to; k++) {
      Token t = tokens.get(k);
      if (t.type() == Token.Type.WORD && k + 1 < to && tokens.get(k + 1).isPunct('(')) {
        boolean typeAfterCast = k > from && tokens.get(k - 1).isOp("::");
        if (!typeAfterCast && !NON_VOLATILE.contains(t.lower())) {
          return Volatility.VOLATILE;
        }
      } else if (t.type() == Token.Type.QUOTED && k + 1 < to && tokens.get(k + 1).isPunct('(')) {
        return Volatility.VOLATILE;
      } else if (t.isWord("select")) {
        return Volatility.VOLATILE; // a sub-query: not allowed in a default, never assume constant
      }
    }
    return Volatility.CONSTANT;
  }

  /** Best-effort list of the column names a CHECK expression mentions. */
  static List<String> columnsOf(List<Token> tokens, int from, int to) {
    Set<String> cols = new LinkedHashSet<>();
    for (int k = from; k < to; k++) {
      Token t = tokens.get(k);
      if (!t.isIdentifier() || t.type() == Token.Type.TEMPLATE) {
        continue;
      }
      boolean call = k + 1 < to && tokens.get(k + 1).isPunct('(');
      boolean afterCast = k > from && tokens.get(k - 1).isOp("::");
      boolean qualifier = k + 1 < to && tokens.get(k + 1).isPunct('.');
      boolean typedLiteral = k + 1 < to && tokens.get(k + 1).type() == Token.Type.STRING;
      if (call || afterCast || qualifier || typedLiteral) {
        continue;
      }
      if (t.type() == Token.Type.WORD && KEYWORDS.contains(t.lower())) {
        continue;
      }
      cols.add(t.identifier());
    }
    return new ArrayList<>(cols);
  }
}
