package dev.schemagate.drift;

/** How the live object differs from the replayed one; each is a rule id of the report. */
public enum DriftKind {
  /** Git's applied phases create it; the database does not have it. */
  MISSING("drift/missing"),
  /** The database has it; no applied phase creates it. */
  EXTRA("drift/extra"),
  /** Both have it, with different attributes. */
  DIFFERENT("drift/different");

  private final String rule;

  DriftKind(String rule) {
    this.rule = rule;
  }

  public String rule() {
    return rule;
  }
}
