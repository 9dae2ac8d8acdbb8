package dev.schemagate.analyzer.family.session;

import dev.schemagate.analyzer.statement.StatementDetail;

/**
 * What a SET or RESET changes.
 *
 * @param setting the parameter as PostgreSQL names it, lower case: {@code lock_timeout}, {@code
 *     timezone} (SET TIME ZONE), {@code search_path} (SET SCHEMA), {@code role}, {@code
 *     session_authorization}, {@code transaction} (SET TRANSACTION), {@code all} (RESET ALL), a
 *     custom {@code myapp.tenant}
 * @param value for SET: the value as written (a single string literal unquoted, a single word lower
 *     case, else the text), empty when none; for RESET: null
 */
public record SettingChange(String setting, String value) implements StatementDetail {}
