package dev.schemagate.operations;

/**
 * The files of a version folder that an operation may write, in the order a reader should read
 * them.
 */
public enum VersionFile {
  EXPAND("expand.sql"),
  BACKFILL("backfill.sql"),
  VERIFY("verify.sql"),
  CONTRACT("contract.sql"),
  ROLLBACK("rollback.sql");

  private final String fileName;

  VersionFile(String fileName) {
    this.fileName = fileName;
  }

  public String fileName() {
    return fileName;
  }
}
