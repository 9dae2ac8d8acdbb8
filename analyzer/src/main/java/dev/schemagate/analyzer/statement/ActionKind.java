package dev.schemagate.analyzer.statement;

import java.util.Locale;

/**
 * The sub-commands of {@code ALTER TABLE} (and the few of {@code ALTER INDEX}/{@code ALTER TYPE}
 * that matter for locking). {@link #id()} is the public vocabulary: a single-action ALTER TABLE has
 * the statement kind {@code alter_table.<id>} (docs/output.md).
 */
public enum ActionKind {
  ADD_COLUMN,
  DROP_COLUMN,
  ALTER_COLUMN_TYPE,
  SET_DEFAULT,
  DROP_DEFAULT,
  SET_NOT_NULL,
  DROP_NOT_NULL,
  ADD_CONSTRAINT,
  VALIDATE_CONSTRAINT,
  DROP_CONSTRAINT,
  ALTER_CONSTRAINT,
  RENAME_COLUMN,
  RENAME_TABLE,
  RENAME_CONSTRAINT,
  SET_SCHEMA,
  SET_LOGGED,
  SET_UNLOGGED,
  SET_TABLESPACE,
  SET_ACCESS_METHOD,
  ATTACH_PARTITION,
  DETACH_PARTITION,
  ADD_IDENTITY,
  SET_IDENTITY,
  DROP_IDENTITY,
  SET_EXPRESSION,
  DROP_EXPRESSION,
  SET_STATISTICS,
  SET_STORAGE,
  SET_COMPRESSION,
  SET_OPTIONS,
  RESET_OPTIONS,
  ENABLE_TRIGGER,
  DISABLE_TRIGGER,
  ENABLE_RULE,
  DISABLE_RULE,
  ENABLE_ROW_LEVEL_SECURITY,
  DISABLE_ROW_LEVEL_SECURITY,
  FORCE_ROW_LEVEL_SECURITY,
  NO_FORCE_ROW_LEVEL_SECURITY,
  CLUSTER_ON,
  SET_WITHOUT_CLUSTER,
  SET_WITHOUT_OIDS,
  INHERIT,
  NO_INHERIT,
  OF_TYPE,
  NOT_OF,
  OWNER_TO,
  REPLICA_IDENTITY,
  /** ALTER TYPE … ADD VALUE. */
  ADD_ENUM_VALUE,
  /** ALTER TYPE … RENAME VALUE. */
  RENAME_ENUM_VALUE,
  /**
   * Anything else this analyzer recognises as a sub-command but does not model; {@link
   * AlterAction#raw()} holds it.
   */
  OTHER;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
