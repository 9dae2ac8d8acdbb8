package dev.schemagate.analyzer.sql;

import java.util.List;

/**
 * One statement as written in a file: its text (without the terminating semicolon) and where it
 * starts and ends. Lines and columns are 1-based; offsets index the file's text.
 *
 * @param directives the {@code -- schemagate:…} comments that apply to this statement (those on the
 *     lines directly above it, or at the end of its first line)
 * @param metaCommand true for a psql meta-command line such as {@code \connect}; it is not SQL
 */
public record SqlStatement(
    String path,
    String text,
    int line,
    int column,
    int endLine,
    int startOffset,
    int endOffset,
    List<Directive> directives,
    boolean metaCommand) {

  public SqlStatement {
    directives = List.copyOf(directives);
  }
}
