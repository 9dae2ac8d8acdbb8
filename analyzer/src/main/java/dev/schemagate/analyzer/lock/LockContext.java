package dev.schemagate.analyzer.lock;

import java.util.Set;

/**
 * What the lock model needs besides the statement and the catalog.
 *
 * @param pgVersion the PostgreSQL major version, 14 to 18
 * @param defaultSchema the schema unqualified names resolve to ({@code public} unless configured)
 * @param createdInPhase relations (schema-qualified) created by earlier statements of the same
 *     phase file
 * @param sessionTimeZoneUtc whether an earlier statement of the same file set the session's
 *     TimeZone to a zone with a fixed zero offset ({@code SET timezone = 'UTC'}, {@code SET TIME
 *     ZONE 'UTC'}), which decides whether timestamp ↔ timestamptz rewrites ({@link
 *     SessionTimeZone})
 */
public record LockContext(
    int pgVersion, String defaultSchema, Set<String> createdInPhase, boolean sessionTimeZoneUtc) {

  public static final int MIN_VERSION = 14;
  public static final int MAX_VERSION = 18;

  public LockContext {
    if (pgVersion < MIN_VERSION || pgVersion > MAX_VERSION) {
      throw new IllegalArgumentException(
          "unsupported PostgreSQL major version "
              + pgVersion
              + ": the lock model covers "
              + MIN_VERSION
              + " to "
              + MAX_VERSION);
    }
    if (defaultSchema == null || defaultSchema.isEmpty()) {
      throw new IllegalArgumentException("defaultSchema is required");
    }
    createdInPhase = Set.copyOf(createdInPhase);
  }

  /** A context whose session TimeZone is not known (nothing in the file set it). */
  public LockContext(int pgVersion, String defaultSchema, Set<String> createdInPhase) {
    this(pgVersion, defaultSchema, createdInPhase, false);
  }

  public static LockContext of(int pgVersion) {
    return new LockContext(pgVersion, "public", Set.of());
  }
}
