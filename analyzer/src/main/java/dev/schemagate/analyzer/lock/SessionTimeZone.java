package dev.schemagate.analyzer.lock;

import dev.schemagate.analyzer.family.session.SettingChange;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.Locale;
import java.util.Set;

/**
 * The TimeZone of the session that runs a phase file, as far as the file itself sets it. It matters
 * for one decision: since PostgreSQL 12, {@code ALTER COLUMN … TYPE} between timestamp and
 * timestamptz rewrites nothing when the session's zone has a fixed zero offset ({@code
 * TimestampTimestampTzRequiresRewrite}: {@code pg_get_timezone_offset} gives a fixed offset of 0).
 * A file that starts with {@code SET timezone = 'UTC'} decides that for its later statements; the
 * deploying session's own setting stays unknown otherwise.
 *
 * <p>{@code SET LOCAL} lasts until the end of the transaction ({@code COMMIT}, {@code ROLLBACK});
 * {@code SET … TO DEFAULT}, {@code RESET timezone} and {@code RESET ALL} go back to the unknown
 * server default.
 */
final class SessionTimeZone {
  /** Zone names with a fixed zero offset (tzdata's aliases of UTC), lower case. */
  private static final Set<String> ZERO_OFFSET =
      Set.of(
          "utc",
          "etc/utc",
          "uct",
          "etc/uct",
          "gmt",
          "etc/gmt",
          "gmt0",
          "etc/gmt0",
          "gmt+0",
          "gmt-0",
          "etc/gmt+0",
          "etc/gmt-0",
          "greenwich",
          "etc/greenwich",
          "universal",
          "etc/universal",
          "zulu",
          "etc/zulu",
          "0",
          "+0",
          "-0",
          "0.0",
          "interval '0'",
          "interval '00:00'",
          "interval '+00:00'");

  private Boolean session; // null: unknown
  private Boolean local; // SET LOCAL, until the transaction ends; null: none

  /** Whether the zone in force now is known to have a fixed zero offset. */
  boolean utc() {
    Boolean now = local != null ? local : session;
    return now != null && now;
  }

  /**
   * Follows a statement of the file (call after analysing it: a SET affects the statements after
   * it).
   */
  void after(ParsedStatement st) {
    if (st.kind() == StatementKind.TRANSACTION_CONTROL && st.has(Flag.END)) {
      local = null;
      return;
    }
    SettingChange change = st.detail(SettingChange.class).orElse(null);
    String setting = change == null ? null : change.setting();
    boolean all = st.kind() == StatementKind.RESET && "all".equalsIgnoreCase(setting);
    if (!all && (setting == null || !setting.toLowerCase(Locale.ROOT).equals("timezone"))) {
      return;
    }
    Boolean zero = null;
    if (st.kind() == StatementKind.SET) {
      String value = change.value();
      String v =
          value == null ? "" : value.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      zero = v.equals("default") || v.equals("local") ? null : ZERO_OFFSET.contains(v);
    }
    if (st.kind() == StatementKind.SET && st.has(Flag.LOCAL)) {
      local = zero;
    } else {
      session = zero;
      local = null;
    }
  }
}
