package dev.schemagate.analyzer.testsupport;

import dev.schemagate.analyzer.facts.LockMode;
import dev.schemagate.analyzer.facts.RelationLock;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.sql.SqlStatement;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.IndexDef;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds statements of a real file text by hand, the way the splitter and parser would: the
 * location (line, column, offsets without the semicolon) is found in the text, so tests cannot
 * drift from the file they describe.
 */
public final class SqlFixture {

  private final String path;
  private final String text;
  private int searchFrom;

  public SqlFixture(String path, String text) {
    this.path = path;
    this.text = text;
  }

  /** The next occurrence of {@code statement} (written without its semicolon) in the text. */
  public SqlStatement locate(String statement) {
    int start = text.indexOf(statement, searchFrom);
    if (start < 0) {
      throw new IllegalArgumentException("not in " + path + ": " + statement);
    }
    int end = start + statement.length();
    searchFrom = end;
    return new SqlStatement(
        path, statement, lineAt(start), columnAt(start), lineAt(end), start, end, List.of(), false);
  }

  public int lineAt(int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private int columnAt(int offset) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return offset - lineStart + 1;
  }

  public static ParsedStatement parsed(
      SqlStatement source,
      StatementKind kind,
      String target,
      List<AlterAction> actions,
      IndexDef index,
      Set<Flag> flags,
      Map<String, String> attributes) {
    QualifiedName t = target == null ? null : name(target);
    List<QualifiedName> relations = new ArrayList<>();
    if (t != null) {
      relations.add(t);
    }
    return new ParsedStatement(
        source, kind, t, relations, actions, index, flags, attributes, "recognizer", null);
  }

  public static QualifiedName name(String dotted) {
    int dot = dotted.indexOf('.');
    return dot < 0
        ? QualifiedName.of(dotted)
        : new QualifiedName(dotted.substring(0, dot), dotted.substring(dot + 1));
  }

  public static StatementFacts facts(
      ParsedStatement p,
      LockMode mode,
      String relation,
      boolean rewrite,
      boolean scan,
      boolean transactional) {
    List<RelationLock> locks = mode == null ? List.of() : List.of(new RelationLock(relation, mode));
    return new StatementFacts(p, locks, rewrite, scan, transactional, List.of(), null, List.of());
  }
}
