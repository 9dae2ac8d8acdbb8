package dev.schemagate.analyzer.facts;

/**
 * PostgreSQL's table-level lock modes, weakest first, with the names {@code pg_locks.mode} uses.
 * Conflicts follow the table in the PostgreSQL documentation, "Explicit Locking".
 */
public enum LockMode {
  ACCESS_SHARE("AccessShareLock"),
  ROW_SHARE("RowShareLock"),
  ROW_EXCLUSIVE("RowExclusiveLock"),
  SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
  SHARE("ShareLock"),
  SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
  EXCLUSIVE("ExclusiveLock"),
  ACCESS_EXCLUSIVE("AccessExclusiveLock");

  private final String pgName;

  LockMode(String pgName) {
    this.pgName = pgName;
  }

  /** The name as {@code pg_locks.mode} spells it. */
  public String pgName() {
    return pgName;
  }

  public static LockMode fromPgName(String name) {
    for (LockMode m : values()) {
      if (m.pgName.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("not a table lock mode: " + name);
  }

  /** True when a plain SELECT (ACCESS SHARE) has to wait for this lock. */
  public boolean blocksReads() {
    return this == ACCESS_EXCLUSIVE;
  }

  /** True when INSERT/UPDATE/DELETE (ROW EXCLUSIVE) has to wait for this lock. */
  public boolean blocksWrites() {
    return ordinal() >= SHARE.ordinal();
  }

  public boolean conflictsWith(LockMode other) {
    return CONFLICTS[ordinal()][other.ordinal()];
  }

  private static final boolean[][] CONFLICTS = new boolean[8][8];

  static {
    // Rows: requested mode; columns: held mode (symmetric). From the PostgreSQL docs, table 13.2.
    int[][] pairs = {
      {0, 7}, {1, 6}, {1, 7}, {2, 4}, {2, 5}, {2, 6}, {2, 7}, {3, 3}, {3, 4}, {3, 5}, {3, 6},
      {3, 7}, {4, 5}, {4, 6}, {4, 7}, {5, 5}, {5, 6}, {5, 7}, {6, 6}, {6, 7}, {7, 7}
    };
    for (int[] p : pairs) {
      CONFLICTS[p[0]][p[1]] = true;
      CONFLICTS[p[1]][p[0]] = true;
    }
  }
}
