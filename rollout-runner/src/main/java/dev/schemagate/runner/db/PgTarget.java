package dev.schemagate.runner.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The database a command's {@code --db} names, read as psql reads its argument: a {@code
 * jdbc:postgresql://} URL, a libpq URI ({@code
 * postgresql://[user@][host][:port][/dbname][?param=value&…]}), a libpq keyword/value string
 * ({@code host=… port=… dbname=… user=…}), or nothing, when {@code PGHOST}, {@code PGPORT}, {@code
 * PGDATABASE}, {@code PGUSER} and {@code PGSSLMODE} say it (they also fill what a libpq URI or
 * keyword string leaves out, as in libpq). One parser for every command that connects ({@code
 * plan}, {@code apply}, {@code status}, {@code rollback}, {@code can-deploy}). A password is never
 * taken from it: PGPASSWORD or a password file.
 *
 * @param jdbcUrl what the driver is given
 * @param user from the target, else PGUSER, else the operating-system user (libpq's default)
 * @param shown {@code postgresql://host:port/dbname}, for messages: never a password
 */
public record PgTarget(String jdbcUrl, String user, String shown) {

  /** libpq parameters a URI or keyword string may carry, and their pgjdbc names. */
  private static final Map<String, String> PARAMETERS =
      Map.of(
          "sslmode", "sslmode",
          "sslrootcert", "sslrootcert",
          "sslcert", "sslcert",
          "sslkey", "sslkey",
          "connect_timeout", "connectTimeout",
          "target_session_attrs", "targetServerType",
          "options", "options");

  private static final String FORMS =
      "expected jdbc:postgresql://HOST[:PORT]/DB, postgresql://[USER@]HOST[:PORT]/DB"
          + " or \"host=HOST port=PORT dbname=DB\" (or set PGHOST/PGDATABASE)";

  /**
   * @param db the {@code --db} value, or null when the option was not given
   * @param env the process environment (its {@code PG*} variables)
   * @throws IllegalArgumentException one line naming what is wrong with {@code db}
   */
  public static PgTarget parse(String db, Map<String, String> env) {
    String given = db == null ? "" : db.strip();
    if (given.isEmpty()) {
      if (blank(env.get("PGHOST")) && blank(env.get("PGDATABASE"))) {
        throw new IllegalArgumentException(
            "no database given: pass --db (" + FORMS.substring("expected ".length()) + ")");
      }
      return fromParts(new LinkedHashMap<>(), env);
    }
    if (given.startsWith("jdbc:postgresql:")) {
      return fromJdbc(given, env);
    }
    if (given.startsWith("postgresql://") || given.startsWith("postgres://")) {
      return fromUri(given, env);
    }
    if (given.contains("=")) {
      return fromKeywords(given, env);
    }
    throw new IllegalArgumentException("--db " + given + ": " + FORMS);
  }

  private static PgTarget fromJdbc(String url, Map<String, String> env) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.matches(".*[?&]password=.*")) {
      throw noPassword();
    }
    String rest = url.substring("jdbc:postgresql:".length());
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    String inUrl = null;
    for (String kv : query.split("&")) {
      if (kv.startsWith("user=")) {
        inUrl = decode(kv.substring(5));
      }
    }
    String user = first(inUrl, env.get("PGUSER"), System.getProperty("user.name"));
    String where = rest.startsWith("//") ? rest.substring(2) : "localhost:5432/" + rest;
    return new PgTarget(url, user, "postgresql://" + where);
  }

  private static PgTarget fromUri(String uri, Map<String, String> env) {
    String rest = uri.substring(uri.indexOf("://") + 3);
    Map<String, String> parts = new LinkedHashMap<>();
    int q = rest.indexOf('?');
    if (q >= 0) {
      for (String kv : rest.substring(q + 1).split("&")) {
        if (kv.isEmpty()) {
          continue;
        }
        int eq = kv.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("--db: URI parameter \"" + kv + "\" has no value");
        }
        parts.put(decode(kv.substring(0, eq)), decode(kv.substring(eq + 1)));
      }
      rest = rest.substring(0, q);
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    if (slash >= 0 && slash + 1 < rest.length()) {
      parts.put("dbname", decode(rest.substring(slash + 1)));
    }
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      if (userInfo.contains(":")) {
        throw noPassword();
      }
      if (!userInfo.isEmpty()) {
        parts.put("user", decode(userInfo));
      }
      authority = authority.substring(at + 1);
    }
    String host = authority;
    if (authority.startsWith("[")) { // [::1]:5432
      int close = authority.indexOf(']');
      host = authority.substring(0, close + 1);
      if (authority.length() > close + 2 && authority.charAt(close + 1) == ':') {
        parts.put("port", authority.substring(close + 2));
      }
    } else {
      int colon = authority.lastIndexOf(':');
      if (colon >= 0) {
        host = authority.substring(0, colon);
        parts.put("port", authority.substring(colon + 1));
      }
    }
    if (!host.isEmpty()) {
      parts.put("host", decode(host));
    }
    return fromParts(parts, env);
  }

  private static PgTarget fromKeywords(String conninfo, Map<String, String> env) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (String token : conninfo.trim().split("\\s+")) {
      int eq = token.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "--db: \"" + token + "\" is not keyword=value; " + FORMS);
      }
      String value = token.substring(eq + 1);
      if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
        value = value.substring(1, value.length() - 1);
      }
      parts.put(token.substring(0, eq), value);
    }
    return fromParts(parts, env);
  }

  /**
   * host, port, dbname, user and libpq parameters, completed from the environment as libpq does.
   */
  private static PgTarget fromParts(Map<String, String> parts, Map<String, String> env) {
    if (parts.containsKey("password")) {
      throw noPassword();
    }
    String host = first(parts.get("host"), env.get("PGHOST"), "localhost");
    if (host.startsWith("/")) {
      throw new IllegalArgumentException(
          "--db host "
              + host
              + ": a Unix socket directory; the runner connects over TCP,"
              + " give a host name (e.g. localhost)");
    }
    String port = first(parts.get("port"), env.get("PGPORT"), "5432");
    if (!port.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException("--db port \"" + port + "\": expected a number");
    }
    String user = first(parts.get("user"), env.get("PGUSER"), System.getProperty("user.name"));
    String dbname = first(parts.get("dbname"), env.get("PGDATABASE"), user);
    StringBuilder query = new StringBuilder();
    String sslmode = first(parts.get("sslmode"), env.get("PGSSLMODE"), null);
    if (sslmode != null) {
      query.append("&sslmode=").append(encode(sslmode));
    }
    for (Map.Entry<String, String> e : parts.entrySet()) {
      String key = e.getKey();
      if (List.of("host", "port", "dbname", "user", "sslmode").contains(key)) {
        continue;
      }
      String jdbcName = PARAMETERS.get(key);
      if (jdbcName == null) {
        throw new IllegalArgumentException(
            "--db parameter \""
                + key
                + "\" is not supported; supported: host, port, dbname,"
                + " user, "
                + String.join(", ", PARAMETERS.keySet().stream().sorted().toList()));
      }
      String value =
          key.equals("target_session_attrs") ? targetServerType(e.getValue()) : e.getValue();
      query.append('&').append(jdbcName).append('=').append(encode(value));
    }
    String hostPort =
        (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    String path = hostPort + "/" + encode(dbname);
    String jdbc =
        "jdbc:postgresql://" + path + (query.length() == 0 ? "" : "?" + query.substring(1));
    return new PgTarget(jdbc, user, "postgresql://" + hostPort + "/" + dbname);
  }

  private static String targetServerType(String attrs) {
    return switch (attrs) {
      case "any" -> "any";
      case "read-write", "primary" -> "primary";
      case "read-only", "standby" -> "secondary";
      case "prefer-standby" -> "preferSecondary";
      default ->
          throw new IllegalArgumentException(
              "--db target_session_attrs \""
                  + attrs
                  + "\": expected any, read-write,"
                  + " primary, read-only, standby or prefer-standby");
    };
  }

  private static IllegalArgumentException noPassword() {
    // Never echo the value back: it may be in shell history or a process list already.
    return new IllegalArgumentException(
        "--db must not carry a password (it would show in process lists and logs);"
            + " give it in PGPASSWORD or --password-file");
  }

  private static String first(String a, String b, String fallback) {
    if (!blank(a)) {
      return a;
    }
    return blank(b) ? fallback : b;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
