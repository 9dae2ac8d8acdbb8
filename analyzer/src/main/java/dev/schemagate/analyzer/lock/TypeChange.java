package dev.schemagate.analyzer.lock;

import dev.schemagate.analyzer.statement.TypeName;
import java.util.List;
import java.util.Set;

/**
 * Whether {@code ALTER COLUMN … TYPE} must rewrite the table. PostgreSQL skips the rewrite when the
 * old type is binary-coercible to the new one (a {@code pg_cast} entry with method {@code b}) and
 * any length/precision coercion is one its support function proves to be a no-op (a wider {@code
 * varchar}, {@code numeric} with the same scale, {@code varbit}, datetime precision). See the
 * "ALTER TABLE" page, "Notes": "changing the type of an existing column will require the entire
 * table and its indexes to be rewritten … when the old type is binary coercible … no rewrite".
 */
final class TypeChange {

  enum Outcome {
    NO_REWRITE,
    REWRITE,
    /** timestamp ↔ timestamptz: no rewrite only when the session TimeZone is UTC (12+). */
    REWRITE_UNLESS_UTC
  }

  record Verdict(Outcome outcome, String reason) {}

  private static final Set<String> DATETIME =
      Set.of("timestamp", "timestamptz", "time", "timetz", "interval");

  private TypeChange() {}

  static Verdict classify(TypeName from, TypeName to, boolean using) {
    if (using) {
      return new Verdict(Outcome.REWRITE, "USING expression: every row is recomputed");
    }
    if (from.arrayDimensions() != to.arrayDimensions()) {
      return new Verdict(Outcome.REWRITE, "array dimensions change");
    }
    String f = from.storageName();
    String t = to.storageName();
    String arrays = from.arrayDimensions() > 0 ? " (array)" : "";
    List<Integer> fm = from.modifiers();
    List<Integer> tm = to.modifiers();
    if (f.equals(t) && fm.equals(tm)) {
      return new Verdict(Outcome.NO_REWRITE, "same type: no change to stored data");
    }
    if (f.equals(t)) {
      return switch (f) {
        case "varchar", "varbit" ->
            tm.isEmpty() || (!fm.isEmpty() && tm.get(0) >= fm.get(0))
                ? new Verdict(
                    Outcome.NO_REWRITE, f + " limit raised or removed: metadata only" + arrays)
                : new Verdict(
                    Outcome.REWRITE,
                    f + " limit lowered or added: every value is checked and rewritten");
        case "numeric" -> numeric(fm, tm);
        case "timestamp", "timestamptz", "time", "timetz", "interval" ->
            tm.isEmpty() || (!fm.isEmpty() && tm.get(0) >= fm.get(0))
                ? new Verdict(Outcome.NO_REWRITE, f + " precision raised or removed: metadata only")
                : new Verdict(
                    Outcome.REWRITE, f + " precision lowered: values are rounded, table rewritten");
        default -> new Verdict(Outcome.REWRITE, f + " type modifier changes: table rewritten");
      };
    }
    if (f.equals("varchar") && t.equals("text")) {
      return new Verdict(Outcome.NO_REWRITE, "varchar → text is binary-coercible: metadata only");
    }
    if (f.equals("text") && t.equals("varchar")) {
      return tm.isEmpty()
          ? new Verdict(
              Outcome.NO_REWRITE, "text → varchar without limit is binary-coercible: metadata only")
          : new Verdict(Outcome.REWRITE, "text → varchar(n) checks every value: table rewritten");
    }
    if (f.equals("cidr") && t.equals("inet")) {
      return new Verdict(Outcome.NO_REWRITE, "cidr → inet is binary-coercible: metadata only");
    }
    if (f.equals("xml") && (t.equals("text") || (t.equals("varchar") && tm.isEmpty()))) {
      // pg_cast has xml → text and xml → varchar as binary casts (the latter found by the
      // differential fuzzer)
      return new Verdict(Outcome.NO_REWRITE, "xml → " + t + " is binary-coercible: metadata only");
    }
    if (f.equals("bit") && t.equals("varbit")) {
      return tm.isEmpty() || (!fm.isEmpty() && tm.get(0) >= fm.get(0))
          ? new Verdict(
              Outcome.NO_REWRITE, "bit → varbit (not shorter) is binary-coercible: metadata only")
          : new Verdict(Outcome.REWRITE, "bit → shorter varbit: table rewritten");
    }
    if (f.equals("bpchar") && (t.equals("text") || t.equals("varchar"))) {
      return new Verdict(
          Outcome.REWRITE,
          "char(n) → " + t + " strips trailing blanks (rtrim cast): table rewritten");
    }
    if ((f.equals("timestamp") && t.equals("timestamptz"))
        || (f.equals("timestamptz") && t.equals("timestamp"))) {
      return new Verdict(
          Outcome.REWRITE_UNLESS_UTC,
          f
              + " → "
              + t
              + ": rewritten, except since PG 12 when the session TimeZone is UTC (then metadata only)");
    }
    if (DATETIME.contains(f) && DATETIME.contains(t)) {
      return new Verdict(Outcome.REWRITE, f + " → " + t + ": values converted, table rewritten");
    }
    return new Verdict(
        Outcome.REWRITE, f + " → " + t + " is not binary-coercible: table rewritten");
  }

  private static Verdict numeric(List<Integer> fm, List<Integer> tm) {
    if (tm.isEmpty()) {
      return new Verdict(Outcome.NO_REWRITE, "numeric limit removed: metadata only");
    }
    if (fm.isEmpty()) {
      return new Verdict(
          Outcome.REWRITE, "numeric → numeric(p,s) checks and rounds every value: table rewritten");
    }
    int fp = fm.get(0);
    int fs = fm.size() > 1 ? fm.get(1) : 0;
    int tp = tm.get(0);
    int ts = tm.size() > 1 ? tm.get(1) : 0;
    if (fs == ts && tp >= fp) {
      return new Verdict(
          Outcome.NO_REWRITE, "numeric precision raised with the same scale: metadata only");
    }
    return new Verdict(
        Outcome.REWRITE, "numeric scale changes or precision lowered: table rewritten");
  }
}
