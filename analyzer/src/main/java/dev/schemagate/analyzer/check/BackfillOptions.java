package dev.schemagate.analyzer.check;

import dev.schemagate.analyzer.repo.Durations;
import dev.schemagate.analyzer.sql.Directive;
import dev.schemagate.analyzer.sql.SplitFile;
import dev.schemagate.analyzer.sql.SqlStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The batch statement of a backfill phase, as declared by {@code -- schemagate:backfill table=…
 * key=…} directly above it (docs/migration-format.md, "Backfill phases"). The rollout runner runs
 * the statement once per key range, binding {@code $1} and {@code $2} to the first and last key of
 * the batch (both inclusive); {@code schemagate check} reports a directive it cannot read.
 *
 * @param schema the table's schema, or null when the directive names the table alone
 * @param table the table whose key ranges the batches walk
 * @param key the key columns, in index order (one column, or several for a composite key)
 * @param batch the first batch's size in rows; later batches are sized by {@code target}
 * @param maxBatch the largest batch the throttle may grow to
 * @param target the batch duration the throttle aims for
 * @param lockTimeout {@code lock_timeout} of each batch; a batch that waits longer is retried
 *     smaller
 * @param maxLag replication replay lag above which batches wait
 * @param pause the least pause between two batches
 * @param workers connections running consecutive batches at once (committing in key order); when
 *     {@code adaptive}, the most the backfill grows to
 * @param adaptive whether batch duration and worker count follow the observed load: they grow up to
 *     {@code target} and {@code workers} while nothing waits on the backfill's locks and the server
 *     answers as fast as before the backfill, and shrink when not (docs/runner-backfill.md)
 * @param untilStart whether the walk stops at the table's last key when the backfill started
 *     ({@code until=start}); rows inserted later are left to the sync trigger or the application
 * @param statement the statement the directive is attached to
 */
public record BackfillOptions(
    String schema,
    String table,
    List<String> key,
    int batch,
    int maxBatch,
    Duration target,
    Duration lockTimeout,
    Duration maxLag,
    Duration pause,
    int workers,
    boolean adaptive,
    boolean untilStart,
    SqlStatement statement) {

  /** The directive's verb. */
  public static final String VERB = "backfill";

  public static final int DEFAULT_BATCH = 1000;
  public static final int DEFAULT_MAX_BATCH = 100_000;

  /** With {@code adaptive=on}: the longest batch the backfill grows to while the load allows. */
  public static final Duration DEFAULT_TARGET = Duration.ofMillis(400);

  /** With {@code adaptive=on}: the most connections the backfill grows to while the load allows. */
  public static final int DEFAULT_WORKERS = 1;

  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMillis(100);
  public static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(1);

  /** The most connections a backfill may run batches on at once. */
  public static final int MAX_WORKERS = 8;

  static final Set<String> OPTIONS =
      Set.of(
          "table",
          "key",
          "batch",
          "max_batch",
          "target",
          "lock_timeout",
          "max_lag",
          "pause",
          "workers",
          "adaptive",
          "until");

  private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  /** The key range, written once: {@code <key> BETWEEN $1 AND $2}. */
  static final Pattern RANGE = Pattern.compile("(?is)\\bBETWEEN\\s+\\$1\\s+AND\\s+\\$2(?![0-9])");

  private static final Pattern PARAMETER = Pattern.compile("\\$([0-9]+)");

  public BackfillOptions {
    key = List.copyOf(key);
  }

  /** {@code schema.table} or {@code table}, as written (folded to lower case). */
  public String qualifiedTable() {
    return schema == null ? table : schema + "." + table;
  }

  /**
   * A directive read, or the problems that stop it from being read (messages name the file and
   * line).
   */
  public record Parsed(Optional<BackfillOptions> options, List<String> problems) {}

  /** The backfill directives of a file; problems name the file and the directive's line. */
  public static List<Parsed> of(SplitFile file) {
    List<Parsed> out = new ArrayList<>();
    for (SqlStatement s : file.statements()) {
      for (Directive d : s.directives()) {
        if (d.verb().equals(VERB)) {
          out.add(parse(file.path(), d, s));
        }
      }
    }
    for (Directive d : file.fileDirectives()) {
      if (d.verb().equals(VERB)) {
        out.add(
            new Parsed(
                Optional.empty(),
                List.of(
                    file.path()
                        + ":"
                        + d.line()
                        + ": -- schemagate:backfill must stand directly above its batch statement")));
      }
    }
    return out;
  }

  /** Reads one directive attached to {@code statement}. */
  public static Parsed parse(String path, Directive d, SqlStatement statement) {
    String where = path + ":" + d.line() + ": -- schemagate:backfill: ";
    List<String> problems = new ArrayList<>();
    Map<String, String> o = d.options();
    if (d.argument() != null) {
      problems.add(where + "unexpected word '" + d.argument() + "' (options are key=value)");
    }
    for (String k : o.keySet()) {
      if (!OPTIONS.contains(k)) {
        problems.add(
            where
                + "unknown option "
                + k
                + " (known: "
                + String.join(", ", OPTIONS.stream().sorted().toList())
                + ")");
      }
    }
    String schema = null;
    String table = null;
    String t = o.get("table");
    if (t == null || t.isBlank()) {
      problems.add(where + "table=… is required (the table whose key ranges the batches walk)");
    } else {
      String[] parts = t.split("\\.", -1);
      if (parts.length > 2 || !allIdentifiers(parts)) {
        problems.add(
            where + "table=" + t + " is not a table name ([schema.]name, plain identifiers)");
      } else {
        table = parts[parts.length - 1].toLowerCase(Locale.ROOT);
        schema = parts.length == 2 ? parts[0].toLowerCase(Locale.ROOT) : null;
      }
    }
    List<String> key = new ArrayList<>();
    String k = o.get("key");
    if (k == null || k.isBlank()) {
      problems.add(
          where + "key=… is required (the indexed column(s) batches are ranges of, e.g. key=id)");
    } else {
      String[] cols = k.split(",", -1);
      for (int i = 0; i < cols.length; i++) {
        cols[i] = cols[i].strip();
      }
      if (!allIdentifiers(cols)) {
        problems.add(
            where + "key=" + k + " is not a column list (plain identifiers separated by commas)");
      } else {
        for (String c : cols) {
          key.add(c.toLowerCase(Locale.ROOT));
        }
      }
    }
    int batch = positive(o, "batch", DEFAULT_BATCH, where, problems);
    int maxBatch = positive(o, "max_batch", Math.max(DEFAULT_MAX_BATCH, batch), where, problems);
    if (maxBatch < batch) {
      problems.add(where + "max_batch=" + maxBatch + " is below batch=" + batch);
    }
    Duration target = duration(o, "target", DEFAULT_TARGET, where, problems);
    Duration lockTimeout = duration(o, "lock_timeout", DEFAULT_LOCK_TIMEOUT, where, problems);
    Duration maxLag = duration(o, "max_lag", DEFAULT_MAX_LAG, where, problems);
    Duration pause = duration(o, "pause", Duration.ZERO, where, problems);
    int workers = positive(o, "workers", DEFAULT_WORKERS, where, problems);
    boolean adaptive = true;
    String a = o.get("adaptive");
    if (a != null) {
      switch (a.toLowerCase(Locale.ROOT)) {
        case "on", "true" -> adaptive = true;
        case "off", "false" -> adaptive = false;
        default -> problems.add(where + "adaptive=" + a + " is not on or off");
      }
    }
    boolean untilStart = true;
    String u = o.get("until");
    if (u != null) {
      switch (u.toLowerCase(Locale.ROOT)) {
        case "start" -> untilStart = true;
        case "end" -> untilStart = false;
        default ->
            problems.add(
                where
                    + "until="
                    + u
                    + " is not start (the table's last key when the backfill started)"
                    + " or end (follow the table's end while it grows)");
      }
    }
    if (workers > MAX_WORKERS) {
      problems.add(where + "workers=" + workers + " is above " + MAX_WORKERS);
    }
    if (target.isZero()) {
      problems.add(where + "target must be above 0ms");
    }
    if (lockTimeout.isZero()) {
      problems.add(where + "lock_timeout must be above 0ms (0 would wait for locks forever)");
    }
    String code = codeOnly(statement.text());
    if (!RANGE.matcher(code).find()) {
      problems.add(
          path
              + ":"
              + statement.line()
              + ": the batch statement must select its key range with "
              + "`<key> BETWEEN $1 AND $2` ($1, $2: first and last key of the batch, both inclusive)");
    }
    Matcher m = PARAMETER.matcher(code);
    while (m.find()) {
      if (!m.group(1).equals("1") && !m.group(1).equals("2")) {
        problems.add(
            path
                + ":"
                + statement.line()
                + ": the batch statement may only use $1 and $2, not $"
                + m.group(1));
        break;
      }
    }
    if (!problems.isEmpty()) {
      return new Parsed(Optional.empty(), List.copyOf(problems));
    }
    return new Parsed(
        Optional.of(
            new BackfillOptions(
                schema,
                table,
                key,
                batch,
                maxBatch,
                target,
                lockTimeout,
                maxLag,
                pause,
                workers,
                adaptive,
                untilStart,
                statement)),
        List.of());
  }

  /**
   * The batch statement with each {@code $1} and {@code $2} outside comments and literals replaced
   * by {@code replacement.apply(1)} or {@code replacement.apply(2)} (a {@code $10} is left alone).
   * The runner binds them as JDBC parameters, the trace as the table's key range.
   */
  public static String replaceRange(
      String statement, java.util.function.IntFunction<String> replacement) {
    String code = codeOnly(statement);
    StringBuilder out = new StringBuilder();
    int last = 0;
    for (int i = 0; i + 1 < code.length(); i++) {
      char n = code.charAt(i + 1);
      if (code.charAt(i) == '$'
          && (n == '1' || n == '2')
          && (i + 2 >= code.length() || !Character.isDigit(code.charAt(i + 2)))) {
        out.append(statement, last, i).append(replacement.apply(n - '0'));
        last = i + 2;
      }
    }
    return out.append(statement.substring(last)).toString();
  }

  /** The statement's text with string literals, quoted identifiers and comments blanked out. */
  public static String codeOnly(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < n) {
          if (sql.charAt(j) == c) {
            if (j + 1 < n && sql.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        int end = Math.min(n, j + 1);
        out.append(c);
        out.append(" ".repeat(Math.max(0, end - i - 2)));
        if (end - i >= 2) {
          out.append(c);
        }
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int j = sql.indexOf('\n', i);
        int end = j < 0 ? n : j;
        out.append(" ".repeat(end - i));
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int j = sql.indexOf("*/", i + 2);
        int end = j < 0 ? n : j + 2;
        out.append(" ".repeat(end - i));
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static boolean allIdentifiers(String[] parts) {
    for (String p : parts) {
      if (!IDENT.matcher(p).matches()) {
        return false;
      }
    }
    return parts.length > 0;
  }

  private static int positive(
      Map<String, String> o, String name, int dflt, String where, List<String> problems) {
    String v = o.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.replace("_", ""));
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(where + name + "=" + v + " is not a positive number of rows");
    return dflt;
  }

  private static Duration duration(
      Map<String, String> o, String name, Duration dflt, String where, List<String> problems) {
    String v = o.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Durations.parse(v);
    } catch (IllegalArgumentException e) {
      problems.add(where + name + "=" + v + " is not a duration (e.g. 200ms, 2s)");
      return dflt;
    }
  }
}
