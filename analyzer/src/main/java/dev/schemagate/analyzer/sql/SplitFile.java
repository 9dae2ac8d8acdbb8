package dev.schemagate.analyzer.sql;

import java.util.List;

/**
 * A file split into statements by {@link SqlSplitter}.
 *
 * @param statements the statements in file order (psql meta-commands included, flagged)
 * @param fileDirectives directives that apply to the whole file: every {@code phase} directive
 *     written outside a statement, plus any other directive that no statement follows (left at the
 *     end of the file), so that later stages can report it instead of losing it
 */
public record SplitFile(
    String path, String text, List<SqlStatement> statements, List<Directive> fileDirectives) {

  public SplitFile {
    statements = List.copyOf(statements);
    fileDirectives = List.copyOf(fileDirectives);
  }
}
