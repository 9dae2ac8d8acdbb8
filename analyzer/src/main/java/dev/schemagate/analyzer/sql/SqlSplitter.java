package dev.schemagate.analyzer.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a file into statements the way psql does, so that what the analyzer sees is what a runner
 * would send to PostgreSQL.
 *
 * <p>Semicolons end a statement only outside string literals ({@code '…'} with {@code ''}, {@code
 * E'…'} with backslash escapes), quoted identifiers, dollar quotes ({@code $tag$…$tag$}), comments
 * ({@code --} and nested {@code /* … *&#47;}), parentheses (so {@code CREATE RULE … DO (a; b)}
 * stays whole) and SQL-standard function bodies ({@code BEGIN ATOMIC … END}, tracked with psql's
 * own heuristic: inside {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}, {@code BEGIN} and {@code
 * CASE} open a block that {@code END} closes). A line starting with a backslash where a statement
 * would start is a psql meta-command, its own statement up to the end of the line.
 *
 * <p>Each statement starts at its first character that is not whitespace or comment; its text ends
 * after its last such character (the semicolon and trailing comments are not part of it). Lines and
 * columns are 1-based and count UTF-16 characters; a leading byte order mark is not a column.
 * {@code startOffset} is inclusive and {@code endOffset} exclusive, both into the text. Text that
 * never terminates (a string, comment or dollar quote open at the end of the file) runs to the end
 * of the file and becomes the last statement; the parser reports it.
 *
 * <p>{@code -- schemagate:…} comments become {@link Directive}s (see {@link SplitFile} and {@link
 * SqlStatement#directives()} for where each one goes). Splitting never throws on any text.
 */
public final class SqlSplitter {

  private SqlSplitter() {}

  public static SplitFile split(String path, String text) {
    return new Scan(path, text).run();
  }

  private static final class Pending {
    final int start;
    final int line;
    final int column;
    final List<Directive> directives = new ArrayList<>();
    int end;
    int endLine;
    boolean meta;

    Pending(int start, int line, int column) {
      this.start = start;
      this.line = line;
      this.column = column;
    }
  }

  private static final class Scan {
    private final String path;
    private final String text;
    private final int n;
    private int pos;
    private int line = 1;
    private int lineStart;

    private final List<Pending> statements = new ArrayList<>();
    private final List<Directive> fileDirectives = new ArrayList<>();
    private final List<Directive> waiting = new ArrayList<>();

    /**
     * The statement whose terminating semicolon is on {@link #lastSemicolonLine}, for trailing
     * directives.
     */
    private Pending lastTerminated;

    private int lastSemicolonLine = -1;

    Scan(String path, String text) {
      this.path = path;
      this.text = text;
      this.n = text.length();
      if (n > 0 && text.charAt(0) == '\uFEFF') {
        pos = 1;
        lineStart = 1;
      }
    }

    SplitFile run() {
      while (true) {
        skipBetweenStatements();
        if (pos >= n) {
          break;
        }
        if (text.charAt(pos) == '\\') {
          readMetaCommand();
        } else {
          readStatement();
        }
      }
      fileDirectives.addAll(waiting);
      List<SqlStatement> out = new ArrayList<>(statements.size());
      for (Pending p : statements) {
        out.add(
            new SqlStatement(
                path,
                text.substring(p.start, p.end),
                p.line,
                p.column,
                p.endLine,
                p.start,
                p.end,
                p.directives,
                p.meta));
      }
      return new SplitFile(path, text, out, fileDirectives);
    }

    private int column() {
      return pos - lineStart + 1;
    }

    /** Moves to {@code target}, counting the line breaks passed over. */
    private void advanceTo(int target) {
      int t = Math.min(target, n);
      for (int i = pos; i < t; i++) {
        if (text.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      pos = t;
    }

    private int endOfLine(int from) {
      int e = text.indexOf('\n', from);
      return e < 0 ? n : e;
    }

    private void skipBetweenStatements() {
      while (pos < n) {
        char c = text.charAt(pos);
        if (c == '\n') {
          advanceTo(pos + 1);
        } else if (c == ' '
            || c == '\t'
            || c == '\r'
            || c == '\f'
            || c == '\u000B'
            || c == '\uFEFF') {
          pos++;
        } else if (c == ';') {
          pos++;
        } else if (c == '-' && pos + 1 < n && text.charAt(pos + 1) == '-') {
          int e = endOfLine(pos);
          Directive d = DirectiveParser.parse(stripCr(text.substring(pos, e)), line, column());
          if (d != null) {
            placeDirectiveBetweenStatements(d);
          }
          pos = e;
        } else if (c == '/' && pos + 1 < n && text.charAt(pos + 1) == '*') {
          int close = PgLexical.blockCommentEnd(text, pos);
          if (close < 0) {
            return; // unterminated: becomes the last statement so that the parser reports it
          }
          advanceTo(close);
        } else {
          return;
        }
      }
    }

    private void placeDirectiveBetweenStatements(Directive d) {
      if ("phase".equals(d.verb())) {
        fileDirectives.add(d);
      } else if (lastTerminated != null && d.line() == lastSemicolonLine) {
        lastTerminated.directives.add(d); // "stmt; -- schemagate:allow …" on the same line
      } else {
        waiting.add(d);
      }
    }

    private void readMetaCommand() {
      Pending p = new Pending(pos, line, column());
      p.meta = true;
      int e = endOfLine(pos);
      int end = e;
      while (end > pos && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      p.end = end;
      p.endLine = line;
      p.directives.addAll(waiting);
      waiting.clear();
      statements.add(p);
      lastTerminated = p;
      lastSemicolonLine = line;
      pos = e;
    }

    private void readStatement() {
      Pending p = new Pending(pos, line, column());
      p.directives.addAll(waiting);
      waiting.clear();
      statements.add(p);
      int lastEnd = pos;
      int lastLine = line;
      int parenDepth = 0;
      int beginDepth = 0;
      int words = 0;
      char[] firstWords = new char[4];
      while (pos < n) {
        char c = text.charAt(pos);
        if (c == '\n') {
          advanceTo(pos + 1);
          continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B') {
          pos++;
          continue;
        }
        if (c == '-' && pos + 1 < n && text.charAt(pos + 1) == '-') {
          int e = endOfLine(pos);
          if (line == p.line) {
            Directive d = DirectiveParser.parse(stripCr(text.substring(pos, e)), line, column());
            if (d != null) {
              p.directives.add(d);
            }
          }
          pos = e;
          continue;
        }
        if (c == '/' && pos + 1 < n && text.charAt(pos + 1) == '*') {
          int close = PgLexical.blockCommentEnd(text, pos);
          advanceTo(close < 0 ? n : close);
          if (close < 0) {
            lastEnd = n;
            lastLine = line;
          }
          continue;
        }
        if (c == ';') {
          if (parenDepth == 0 && beginDepth == 0) {
            p.end = lastEnd;
            p.endLine = lastLine;
            lastTerminated = p;
            lastSemicolonLine = line;
            pos++;
            return;
          }
          pos++;
        } else if (c == '\'') {
          advanceTo(PgLexical.quotedEnd(text, pos + 1, '\'', false));
        } else if (c == '"') {
          advanceTo(PgLexical.quotedEnd(text, pos + 1, '"', false));
        } else if (c == '$') {
          int tagEnd = PgLexical.dollarTagEnd(text, pos);
          if (tagEnd < 0) {
            pos++;
            while (pos < n && Character.isDigit(text.charAt(pos))) {
              pos++; // $1 parameter
            }
          } else {
            String tag = text.substring(pos, tagEnd);
            int close = text.indexOf(tag, tagEnd);
            advanceTo(close < 0 ? n : close + tag.length());
          }
        } else if (PgLexical.isIdentStart(c)) {
          int s = pos;
          while (pos < n && PgLexical.isIdentPart(text.charAt(pos))) {
            pos++;
          }
          if (pos - s == 1 && (c == 'e' || c == 'E') && pos < n && text.charAt(pos) == '\'') {
            advanceTo(PgLexical.quotedEnd(text, pos + 1, '\'', true));
          } else {
            // psql's heuristic for BEGIN ATOMIC … END bodies (psqlscan.l, PostgreSQL 14+)
            char f = Character.toLowerCase(c);
            if (words < 4 && isFunctionHeaderWord(s, pos)) {
              firstWords[words] = f;
            }
            words++;
            if (parenDepth == 0 && isCreateFunction(firstWords)) {
              if (wordIs(s, pos, "begin")) {
                beginDepth++;
              } else if (wordIs(s, pos, "case")) {
                if (beginDepth > 0) {
                  beginDepth++;
                }
              } else if (wordIs(s, pos, "end") && beginDepth > 0) {
                beginDepth--;
              }
            }
          }
        } else if (c >= '0' && c <= '9') {
          while (pos < n && (PgLexical.isIdentPart(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
          }
        } else {
          if (c == '(') {
            parenDepth++;
          } else if (c == ')' && parenDepth > 0) {
            parenDepth--;
          }
          pos++;
        }
        lastEnd = pos;
        lastLine = line;
      }
      p.end = lastEnd;
      p.endLine = lastLine;
      lastTerminated = null;
    }

    private boolean isFunctionHeaderWord(int s, int e) {
      return wordIs(s, e, "create")
          || wordIs(s, e, "function")
          || wordIs(s, e, "procedure")
          || wordIs(s, e, "or")
          || wordIs(s, e, "replace");
    }

    private static boolean isCreateFunction(char[] w) {
      return w[0] == 'c'
          && (w[1] == 'f'
              || w[1] == 'p'
              || (w[1] == 'o' && w[2] == 'r' && (w[3] == 'f' || w[3] == 'p')));
    }

    private boolean wordIs(int s, int e, String word) {
      return e - s == word.length() && text.regionMatches(true, s, word, 0, word.length());
    }

    private static String stripCr(String s) {
      return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
  }
}
