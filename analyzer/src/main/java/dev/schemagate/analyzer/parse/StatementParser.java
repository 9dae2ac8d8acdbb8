package dev.schemagate.analyzer.parse;

import dev.schemagate.analyzer.sql.SplitFile;
import dev.schemagate.analyzer.sql.SqlStatement;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.StatementKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@link SqlStatement}s into {@link ParsedStatement}s.
 *
 * <ol>
 *   <li>DDL and utility statements go through a hand-written PostgreSQL recognizer (fast, and it
 *       knows what JSqlParser does not: multi-action ALTER TABLE, CREATE TRIGGER, DO, enums…);
 *   <li>DML and queries go through JSqlParser under a time bound, and when it fails, through a
 *       keyword-level reading that still knows the kind and the target;
 *   <li>only what neither understands is {@link StatementKind#UNPARSED}, with a reason.
 * </ol>
 *
 * <p>{@link #parse(SqlStatement)} never throws and never returns null. Instances are thread-safe.
 */
public final class StatementParser {

  public static final String RECOGNIZER = "recognizer";
  public static final String JSQLPARSER = "jsqlparser";
  public static final String NONE = "none";

  /** First words of statements the recognizer owns; a failure on them is reported as such. */
  private static final Set<String> DDL_WORDS =
      Set.of(
          "create",
          "alter",
          "drop",
          "truncate",
          "comment",
          "grant",
          "revoke",
          "security",
          "vacuum",
          "analyze",
          "analyse",
          "cluster",
          "lock",
          "set",
          "reset",
          "begin",
          "start",
          "commit",
          "end",
          "rollback",
          "abort",
          "savepoint",
          "release",
          "prepare",
          "do",
          "call",
          "reindex",
          "refresh");

  private final long timeoutMillis;
  private final boolean useJsqlParser;
  private final boolean simpleDmlFastPath;

  /** A parser with a 2-second bound per JSqlParser call. */
  public StatementParser() {
    this(Duration.ofSeconds(2));
  }

  public StatementParser(Duration jsqlparserTimeout) {
    this(jsqlparserTimeout, true);
  }

  /**
   * @param useJsqlParser false reads DML with the keyword-level reader only: the kind, target,
   *     WHERE flag and tables are still known, roughly 50 times faster, but with less exact table
   *     lists (JSqlParser costs a few milliseconds per statement)
   */
  public StatementParser(Duration jsqlparserTimeout, boolean useJsqlParser) {
    this(jsqlparserTimeout, useJsqlParser, true);
  }

  /**
   * @param simpleDmlFastPath false sends even single-table DML to JSqlParser (to compare the two
   *     readings)
   */
  StatementParser(Duration jsqlparserTimeout, boolean useJsqlParser, boolean simpleDmlFastPath) {
    this.timeoutMillis = Math.max(1, jsqlparserTimeout.toMillis());
    this.useJsqlParser = useJsqlParser;
    this.simpleDmlFastPath = simpleDmlFastPath;
  }

  public List<ParsedStatement> parse(SplitFile file) {
    List<ParsedStatement> out = new ArrayList<>(file.statements().size());
    for (SqlStatement s : file.statements()) {
      out.add(parse(s));
    }
    return out;
  }

  public ParsedStatement parse(SqlStatement s) {
    try {
      return parseOrFail(s);
    } catch (RuntimeException | StackOverflowError e) {
      return unparsed(s, "internal error while parsing: " + e);
    }
  }

  private ParsedStatement parseOrFail(SqlStatement s) {
    if (s.metaCommand()) {
      Draft d = new Draft(StatementKind.PSQL_META).attr("meta", s.text());
      return d.build(s, RECOGNIZER);
    }
    Lexer.Result lexed = Lexer.tokenize(s.text());
    if (lexed.error() != null) {
      return unparsed(s, lexed.error());
    }
    List<Token> tokens = lexed.tokens();
    if (tokens.isEmpty()) {
      return unparsed(s, "empty statement");
    }
    Token first = tokens.get(0);
    Cursor cursor = new Cursor(tokens, s.text(), 0, tokens.size());
    Draft d = DdlRecognizer.recognize(cursor);
    if (d != null) {
      return d.build(s, RECOGNIZER);
    }
    if (DmlParser.startsDml(first)) {
      // JSqlParser has no COPY statement
      boolean parameters = tokens.stream().anyMatch(t -> t.type() == Token.Type.PARAM);
      // A single-table INSERT … VALUES / UPDATE / DELETE names no other relation, so the keyword
      // reading is complete; JSqlParser (a few ms per statement, and a large class to load) is kept
      // for queries, joins, CTEs and subqueries, where its table list is more exact.
      boolean simple = simpleDmlFastPath && DmlParser.isSingleTable(tokens);
      Draft viaJsql =
          !useJsqlParser || simple || first.isWord("copy")
              ? null
              : DmlParser.withJsqlParser(s.text(), tokens, timeoutMillis);
      if (viaJsql != null) {
        return viaJsql.flagIf(parameters, Flag.PARAMETERIZED).build(s, JSQLPARSER);
      }
      Draft viaKeywords = DmlParser.withKeywords(new Cursor(tokens, s.text(), 0, tokens.size()));
      if (viaKeywords != null) {
        return viaKeywords.flagIf(parameters, Flag.PARAMETERIZED).build(s, RECOGNIZER);
      }
      return unparsed(s, "could not read " + first.text().toUpperCase() + " statement");
    }
    String word = first.type() == Token.Type.WORD ? first.lower() : first.text();
    if (DDL_WORDS.contains(word)) {
      int k = Math.min(tokens.size(), 3);
      return unparsed(s, "could not read " + cursor.text(0, k).toUpperCase() + " statement");
    }
    return unparsed(s, "unknown statement starting with " + first.text());
  }

  private static ParsedStatement unparsed(SqlStatement s, String reason) {
    return new ParsedStatement(
        s,
        StatementKind.UNPARSED,
        null,
        List.of(),
        List.of(),
        null,
        Set.of(),
        Map.of(),
        NONE,
        reason);
  }
}
