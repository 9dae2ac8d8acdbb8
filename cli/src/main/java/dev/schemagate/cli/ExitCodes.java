package dev.schemagate.cli;

/** Exit codes shared by every command (documented in docs/output.md). */
final class ExitCodes {
  static final int OK = 0;
  static final int FINDINGS = 1;
  static final int USAGE = 2;

  private ExitCodes() {}
}
