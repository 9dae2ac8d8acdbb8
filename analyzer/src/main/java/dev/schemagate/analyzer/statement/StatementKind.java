package dev.schemagate.analyzer.statement;

import java.util.Locale;

/**
 * What a statement is. {@link #id()} is the public vocabulary used in reports and policy input
 * (docs/output.md lists it). {@link #UNPARSED} is reserved for text that truly cannot be
 * understood.
 */
public enum StatementKind {
  // tables and columns
  CREATE_TABLE,
  CREATE_TABLE_AS,
  ALTER_TABLE,
  DROP_TABLE,
  TRUNCATE,
  // indexes
  CREATE_INDEX,
  DROP_INDEX,
  ALTER_INDEX,
  REINDEX,
  // views
  CREATE_VIEW,
  DROP_VIEW,
  ALTER_VIEW,
  CREATE_MATERIALIZED_VIEW,
  DROP_MATERIALIZED_VIEW,
  ALTER_MATERIALIZED_VIEW,
  REFRESH_MATERIALIZED_VIEW,
  // extended statistics (CREATE STATISTICS … ON … FROM table)
  CREATE_STATISTICS,
  ALTER_STATISTICS,
  DROP_STATISTICS,
  // sequences
  CREATE_SEQUENCE,
  ALTER_SEQUENCE,
  DROP_SEQUENCE,
  // types and domains
  CREATE_TYPE,
  CREATE_ENUM,
  ALTER_TYPE,
  DROP_TYPE,
  CREATE_DOMAIN,
  ALTER_DOMAIN,
  DROP_DOMAIN,
  // code
  CREATE_FUNCTION,
  DROP_FUNCTION,
  ALTER_FUNCTION,
  CREATE_PROCEDURE,
  DROP_PROCEDURE,
  CREATE_TRIGGER,
  DROP_TRIGGER,
  ALTER_TRIGGER,
  CREATE_RULE,
  DROP_RULE,
  DO_BLOCK,
  CALL,
  // schema-level objects
  CREATE_SCHEMA,
  ALTER_SCHEMA,
  DROP_SCHEMA,
  CREATE_EXTENSION,
  ALTER_EXTENSION,
  DROP_EXTENSION,
  CREATE_POLICY,
  ALTER_POLICY,
  DROP_POLICY,
  CREATE_PUBLICATION,
  ALTER_PUBLICATION,
  DROP_PUBLICATION,
  CREATE_ROLE,
  ALTER_ROLE,
  DROP_ROLE,
  CREATE_OTHER,
  ALTER_OTHER,
  DROP_OTHER,
  COMMENT,
  GRANT,
  REVOKE,
  ALTER_DEFAULT_PRIVILEGES,
  SECURITY_LABEL,
  // maintenance
  VACUUM,
  ANALYZE,
  CLUSTER,
  LOCK_TABLE,
  // data
  INSERT,
  INSERT_SELECT,
  UPDATE,
  DELETE,
  MERGE,
  COPY,
  SELECT,
  // session and transaction
  SET,
  RESET,
  TRANSACTION_CONTROL,
  PSQL_META,
  /** Only for what no part of the analyzer could understand; carries a reason. */
  UNPARSED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isDml() {
    return this == INSERT
        || this == INSERT_SELECT
        || this == UPDATE
        || this == DELETE
        || this == MERGE
        || this == COPY;
  }
}
