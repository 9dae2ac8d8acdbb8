package dev.schemagate.analyzer.parse;

import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * DML and queries: JSqlParser first (it knows the full grammar of expressions and joins), under a
 * time bound; when it fails or times out, a keyword-level reading of the tokens that still knows
 * the statement kind, its target and (best effort) the tables it reads.
 */
final class DmlParser {

  /** Daemon threads: a parse that ignores its timeout must not keep the JVM alive. */
  private static final ExecutorService EXECUTOR =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "schemagate-jsqlparser");
            t.setDaemon(true);
            return t;
          });

  private DmlParser() {}

  static boolean startsDml(Token t) {
    if (t.isPunct('(')) {
      return true;
    }
    if (t.type() != Token.Type.WORD) {
      return false;
    }
    return switch (t.lower()) {
      case "insert", "update", "delete", "merge", "copy", "select", "with", "values", "table" ->
          true;
      default -> false;
    };
  }

  /** Words that bring further relations, a query or a second action into a DML statement. */
  private static final Set<String> NOT_SINGLE_TABLE =
      Set.of(
          "select",
          "with",
          "from",
          "join",
          "using",
          "table",
          "into",
          "update",
          "delete",
          "insert",
          "merge",
          "conflict",
          "lateral",
          "exists",
          "values",
          "copy");

  /**
   * Whether the statement is an {@code INSERT INTO t [(cols)] VALUES …}, {@code UPDATE t SET …
   * [WHERE …]} or {@code DELETE FROM t [WHERE …]} that touches no relation but its target: no
   * query, join, CTE, FROM/USING list, ON CONFLICT or template. Such a statement's keyword reading
   * is complete.
   */
  static boolean isSingleTable(List<Token> tokens) {
    if (tokens.isEmpty() || tokens.get(0).type() != Token.Type.WORD) {
      return false;
    }
    String first = tokens.get(0).lower();
    int start;
    switch (first) {
      case "insert" -> {
        if (tokens.size() < 2 || !tokens.get(1).isWord("into")) {
          return false;
        }
        start = 2;
      }
      case "delete" -> {
        if (tokens.size() < 2 || !tokens.get(1).isWord("from")) {
          return false;
        }
        start = 2;
      }
      case "update" -> start = 1;
      default -> {
        return false;
      }
    }
    boolean valuesSeen = false;
    for (int i = start; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.type() == Token.Type.TEMPLATE) {
        return false;
      }
      if (t.type() != Token.Type.WORD) {
        continue;
      }
      String w = t.lower();
      if (w.equals("values") && first.equals("insert") && !valuesSeen) {
        valuesSeen = true; // the one VALUES list of INSERT … VALUES
        continue;
      }
      if (NOT_SINGLE_TABLE.contains(w)) {
        return false;
      }
    }
    return !first.equals("insert") || valuesSeen;
  }

  /**
   * JSqlParser; null when it cannot parse the text within the time bound or returns something else.
   */
  static Draft withJsqlParser(String text, List<Token> tokens, long timeoutMillis) {
    Map<String, String> templates = new HashMap<>();
    String sql = text;
    for (Token t : tokens) {
      if (t.type() == Token.Type.TEMPLATE) {
        String placeholder = "sg_template_" + templates.size();
        templates.put(placeholder, t.value());
        sql = sql.replace(t.text(), placeholder);
      }
    }
    Statement st;
    try {
      st = CCJSqlParserUtil.parse(sql, EXECUTOR, p -> p.withTimeOut(timeoutMillis));
    } catch (JSQLParserException | RuntimeException | StackOverflowError e) {
      return null;
    }
    Draft d;
    List<WithItem<?>> with;
    if (st instanceof Insert ins) {
      boolean values = ins.getSelect() == null || ins.getSelect() instanceof Values;
      d = new Draft(values ? StatementKind.INSERT : StatementKind.INSERT_SELECT);
      d.target(name(ins.getTable().getFullyQualifiedName(), templates));
      // a filtered INSERT … SELECT need not read every source row (the planner may use an index)
      d.flagIf(
          !values && new Cursor(tokens, text, 0, tokens.size()).findTopLevelWord("where") >= 0,
          Flag.HAS_WHERE);
      with = ins.getWithItemsList();
    } else if (st instanceof Update up) {
      d = new Draft(StatementKind.UPDATE).flagIf(up.getWhere() != null, Flag.HAS_WHERE);
      d.target(name(up.getTable().getFullyQualifiedName(), templates));
      with = up.getWithItemsList();
    } else if (st instanceof Delete del) {
      d = new Draft(StatementKind.DELETE).flagIf(del.getWhere() != null, Flag.HAS_WHERE);
      if (del.getTable() != null) {
        d.target(name(del.getTable().getFullyQualifiedName(), templates));
      }
      with = del.getWithItemsList();
    } else if (st instanceof Merge merge) {
      d = new Draft(StatementKind.MERGE);
      d.target(name(merge.getTable().getFullyQualifiedName(), templates));
      with = merge.getWithItemsList();
    } else if (st instanceof Select sel) {
      d = new Draft(StatementKind.SELECT);
      with = sel.getWithItemsList();
    } else {
      return null;
    }
    if (tokens.get(0).isWord("with")) {
      // TablesNamesFinder does not look into data-modifying CTEs (WITH x AS (DELETE FROM a …) …)
      Draft keywords = withKeywords(new Cursor(tokens, text, 0, tokens.size()));
      if (keywords != null) {
        keywords.relations.forEach(d::relation);
      }
    }
    Set<String> cteNames = new HashSet<>();
    if (with != null) {
      for (WithItem<?> w : with) {
        if (w.getAliasName() != null) {
          cteNames.add(QualifiedName.fold(w.getAliasName()));
        }
      }
    }
    Set<String> tables;
    try {
      tables = new TablesNamesFinder<Void>().getTables(st);
    } catch (RuntimeException e) {
      tables = Set.of();
    }
    for (String t : tables) {
      QualifiedName n = name(t, templates);
      if (n != null && !(n.schema() == null && cteNames.contains(n.name()))) {
        d.relation(n);
      }
    }
    return d;
  }

  /** A dotted name from JSqlParser, split outside quotes and folded. */
  private static QualifiedName name(String written, Map<String, String> templates) {
    if (written == null || written.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>(3);
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < written.length(); i++) {
      char ch = written.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
        cur.append(ch);
      } else if (ch == '.' && !quoted) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    parts.add(cur.toString());
    List<String> folded = new ArrayList<>(parts.size());
    for (String p : parts) {
      String f = QualifiedName.fold(p.strip());
      folded.add(templates.getOrDefault(f, f));
    }
    int k = folded.size();
    if (folded.get(k - 1).isEmpty()) {
      return null;
    }
    return k == 1
        ? QualifiedName.of(folded.get(0))
        : new QualifiedName(folded.get(k - 2), folded.get(k - 1));
  }

  // ---------------------------------------------------------------- keyword-level fallback

  /** Recognises the statement from its keywords; null when it does not start like DML. */
  static Draft withKeywords(Cursor c) {
    Set<String> ctes = new HashSet<>();
    int statementStart = c.i;
    if (c.is("with")) {
      c.next();
      c.accept("recursive");
      while (!c.atEnd()) {
        String name = c.identifier();
        if (name == null) {
          return null;
        }
        ctes.add(name);
        c.skipGroup(); // column list
        if (!c.accept("as")) {
          return null;
        }
        if (!c.accept("materialized")) {
          c.accept("not", "materialized");
        }
        c.skipGroup();
        if (!c.acceptPunct(',')) {
          break;
        }
      }
    }
    Token t = c.next();
    Draft d;
    String w = t.type() == Token.Type.WORD ? t.lower() : t.text();
    switch (w) {
      case "insert" -> {
        c.accept("into");
        QualifiedName target = c.qualifiedName();
        if (c.is("as")) {
          c.i += 2;
        }
        c.skipGroup();
        if (c.accept("overriding")) { // OVERRIDING { SYSTEM | USER } VALUE
          c.next();
          c.accept("value");
        }
        boolean fromQuery = c.is("select") || c.is("with") || c.isPunct('(') || c.is("table");
        d =
            new Draft(fromQuery ? StatementKind.INSERT_SELECT : StatementKind.INSERT)
                .target(target);
        d.flagIf(fromQuery && c.findTopLevelWord("where") >= 0, Flag.HAS_WHERE);
      }
      case "update" -> {
        c.accept("only");
        d = new Draft(StatementKind.UPDATE).target(c.qualifiedName());
        d.flagIf(c.findTopLevelWord("where") >= 0, Flag.HAS_WHERE);
      }
      case "delete" -> {
        c.accept("from");
        c.accept("only");
        d = new Draft(StatementKind.DELETE).target(c.qualifiedName());
        d.flagIf(c.findTopLevelWord("where") >= 0, Flag.HAS_WHERE);
      }
      case "merge" -> {
        c.accept("into");
        d = new Draft(StatementKind.MERGE).target(c.qualifiedName());
      }
      case "copy" -> {
        d = new Draft(StatementKind.COPY);
        if (!c.isPunct('(')) {
          d.target(c.qualifiedName());
        }
        d.attr("direction", c.findTopLevelWord("from") >= 0 ? "from" : "to");
        if (d.target != null) {
          return d; // FROM/TO name a file or STDIN, not tables
        }
      }
      case "select", "values", "table", "(" -> d = new Draft(StatementKind.SELECT);
      default -> {
        return null;
      }
    }
    readTables(c.sub(statementStart, c.end), d, ctes); // data-modifying CTEs name tables too
    return d;
  }

  /**
   * The relations read by the query after the top-level AS of CREATE VIEW, CREATE MATERIALIZED VIEW
   * and CREATE TABLE AS (PostgreSQL locks them ACCESS SHARE while it analyses, and runs, the
   * query).
   */
  static void queryRelations(Cursor c, Draft d) {
    int as = c.findTopLevelWord("as");
    if (as < 0) {
      return;
    }
    Draft query = withKeywords(c.sub(as + 1, c.end));
    if (query != null) {
      query.relations.forEach(d::relation);
    }
  }

  /**
   * Best effort: the names after FROM, JOIN, USING, INTO and UPDATE at any depth, except inside
   * function calls ({@code extract(epoch FROM col)}, {@code substring(s FROM 2)}).
   */
  private static void readTables(Cursor c, Draft d, Set<String> ctes) {
    ArrayDeque<Boolean> calls = new ArrayDeque<>();
    Token previous = null;
    while (!c.atEnd()) {
      Token t = c.next();
      if (t.isPunct('(')) {
        calls.push(
            previous != null
                && previous.type() == Token.Type.WORD
                && !isClauseWord(previous.lower())
                && !NOT_FUNCTIONS.contains(previous.lower()));
      } else if (t.isPunct(')')) {
        calls.poll();
      } else if (!calls.contains(Boolean.TRUE)
          && (t.isWord("from")
              || t.isWord("join")
              || t.isWord("using")
              || t.isWord("into")
              || t.isWord("update"))) {
        c.accept("only");
        c.accept("lateral");
        while (true) {
          if (c.peek(1).isPunct('(') || c.is("rows", "from")) {
            break; // a function in FROM
          }
          QualifiedName n = c.qualifiedName();
          if (n == null) {
            break;
          }
          if (!(n.schema() == null && ctes.contains(n.name()))) {
            d.relation(n);
          }
          if (c.accept("as")) {
            c.identifier();
          } else if (c.peek().type() == Token.Type.WORD && !isClauseWord(c.peek().lower())) {
            c.next();
          }
          if (!c.acceptPunct(',')) {
            break;
          }
        }
        previous = null;
        continue;
      }
      previous = t;
    }
  }

  /** Words that a parenthesis may follow without being a function call. */
  private static final Set<String> NOT_FUNCTIONS =
      Set.of(
          "in",
          "exists",
          "any",
          "all",
          "some",
          "from",
          "join",
          "and",
          "or",
          "not",
          "by",
          "then",
          "else",
          "case",
          "when",
          "is",
          "between",
          "like",
          "ilike",
          "array",
          "row",
          "into",
          "table",
          "materialized");

  private static boolean isClauseWord(String w) {
    return switch (w) {
      case "where",
          "join",
          "inner",
          "left",
          "right",
          "full",
          "cross",
          "natural",
          "on",
          "using",
          "group",
          "order",
          "limit",
          "offset",
          "having",
          "window",
          "union",
          "intersect",
          "except",
          "set",
          "returning",
          "values",
          "select",
          "for",
          "fetch",
          "when",
          "do",
          "default",
          "overriding",
          "with",
          "as",
          "lateral" ->
          true;
      default -> false;
    };
  }
}
