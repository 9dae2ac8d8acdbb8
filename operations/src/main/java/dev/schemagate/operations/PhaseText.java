package dev.schemagate.operations;

import java.util.ArrayList;
import java.util.List;

/**
 * One generated file: the header that says what the phase does and what the application must do
 * around it, the phase directive, the session's {@code lock_timeout} where the runner does not set
 * it, then the statements, each ending with {@code ;} and separated by a blank line.
 */
public final class PhaseText {

  /**
   * The {@code lock_timeout} a generated phase sets when the track's policy says the runner does
   * not set one (lock/missing-lock-timeout): the runner's own default, so that the phase's SET,
   * which overrides the runner's session setting, never makes a queued statement wait longer than
   * the runner would. Every statement of a generated phase is brief or does not conflict with the
   * workload, and the runner retries one whose lock was not granted. Where the policy says the
   * runner sets it (policy.runner_sets_lock_timeout: true), no SET is written.
   */
  public static final String LOCK_TIMEOUT = "200ms";

  private final List<String> header = new ArrayList<>();
  private final List<String> statements = new ArrayList<>();
  private boolean transactional = true;
  private boolean setLockTimeout;

  public PhaseText header(String line) {
    header.add(line);
    return this;
  }

  /**
   * Each statement commits on its own (needed for CONCURRENTLY, and to release locks between
   * steps).
   */
  public PhaseText nonTransactional() {
    transactional = false;
    return this;
  }

  public PhaseText lockTimeout(boolean needed) {
    setLockTimeout = needed;
    return this;
  }

  /** A statement, without its trailing semicolon; may start with its own comment lines. */
  public PhaseText sql(String statement) {
    statements.add(statement.strip());
    return this;
  }

  public boolean isEmpty() {
    return statements.isEmpty();
  }

  public String text() {
    StringBuilder sb = new StringBuilder();
    if (!transactional) {
      sb.append("-- schemagate:phase transactional=false\n");
    }
    for (String h : header) {
      sb.append(h.isEmpty() ? "--" : "-- " + h).append('\n');
    }
    sb.append('\n');
    if (setLockTimeout) {
      sb.append("SET lock_timeout = '").append(LOCK_TIMEOUT).append("';\n\n");
    }
    for (int i = 0; i < statements.size(); i++) {
      if (i > 0) {
        sb.append('\n');
      }
      sb.append(statements.get(i)).append(";\n");
    }
    return sb.toString();
  }
}
