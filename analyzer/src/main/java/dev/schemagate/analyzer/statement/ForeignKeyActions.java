package dev.schemagate.analyzer.statement;

/**
 * What a FOREIGN KEY does beyond checking, as written: its referential actions, its MATCH type and
 * when it is checked. Kept so that a key dropped and added again (a generated type change of the
 * referenced key) behaves exactly as before.
 *
 * @param onDelete {@code ON DELETE} action in lower case ({@code cascade}, {@code set null}…), or
 *     null (no action)
 * @param onUpdate {@code ON UPDATE} action in lower case, or null (no action)
 * @param match {@code full}, {@code partial} or {@code simple}, or null (simple)
 * @param deferrable {@code DEFERRABLE} (or {@code INITIALLY DEFERRED}, which implies it)
 * @param initiallyDeferred {@code INITIALLY DEFERRED}
 */
public record ForeignKeyActions(
    String onDelete, String onUpdate, String match, boolean deferrable, boolean initiallyDeferred) {

  /** A key with PostgreSQL's defaults: MATCH SIMPLE, NO ACTION, NOT DEFERRABLE. */
  public static final ForeignKeyActions DEFAULT =
      new ForeignKeyActions(null, null, null, false, false);

  public ForeignKeyActions {
    deferrable = deferrable || initiallyDeferred;
  }

  public ForeignKeyActions withDeferral(boolean isDeferrable, boolean isInitiallyDeferred) {
    return new ForeignKeyActions(onDelete, onUpdate, match, isDeferrable, isInitiallyDeferred);
  }

  /**
   * The clauses after {@code REFERENCES t (c)}, each with a leading space; empty for the defaults.
   */
  public String sql() {
    StringBuilder sb = new StringBuilder();
    if (match != null && !match.equals("simple")) {
      sb.append(" MATCH ").append(match.toUpperCase(java.util.Locale.ROOT));
    }
    if (onDelete != null && !onDelete.equals("no action")) {
      sb.append(" ON DELETE ").append(onDelete.toUpperCase(java.util.Locale.ROOT));
    }
    if (onUpdate != null && !onUpdate.equals("no action")) {
      sb.append(" ON UPDATE ").append(onUpdate.toUpperCase(java.util.Locale.ROOT));
    }
    if (deferrable) {
      sb.append(" DEFERRABLE");
      if (initiallyDeferred) {
        sb.append(" INITIALLY DEFERRED");
      }
    }
    return sb.toString();
  }
}
