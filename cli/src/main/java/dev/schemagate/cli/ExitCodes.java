package dev.schemagate.cli;

/** Exit codes shared by every command (documented in docs/output.md). */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FINDINGS = 1;

  /**
   * plan, apply, rollback: the rollout stopped (a phase failed, a gate or a rule refused it,
   * another runner holds the database).
   */
  public static final int STOPPED = 1;

  public static final int USAGE = 2;

  private ExitCodes() {}
}
