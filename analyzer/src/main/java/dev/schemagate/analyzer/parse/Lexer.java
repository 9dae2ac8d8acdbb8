package dev.schemagate.analyzer.parse;

import dev.schemagate.analyzer.sql.PgLexical;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tokenizes one statement's text (comments dropped). Hand-written and allocation-light because it
 * runs on every statement of every file; it follows the PostgreSQL lexical rules (scan.l) closely
 * enough to find words, literals and punctuation, not to validate them.
 */
public final class Lexer {

  /** The tokens and, when the text ended inside a literal or comment, what was left open. */
  public record Result(List<Token> tokens, String error) {}

  private final String s;
  private final int n;
  private int pos;

  private Lexer(String s) {
    this.s = s;
    this.n = s.length();
  }

  public static Result tokenize(String text) {
    return new Lexer(text).run();
  }

  private Result run() {
    List<Token> out = new ArrayList<>(Math.max(8, n / 5));
    while (pos < n) {
      char c = s.charAt(pos);
      if (Character.isWhitespace(c) || c == '\uFEFF') {
        pos++;
        continue;
      }
      int start = pos;
      if (c == '-' && peek(1) == '-') {
        int e = s.indexOf('\n', pos);
        pos = e < 0 ? n : e;
        continue;
      }
      if (c == '/' && peek(1) == '*') {
        if (!skipBlockComment()) {
          return new Result(out, "unterminated /* comment");
        }
        continue;
      }
      if (c == '\'') {
        String v = string(pos + 1, false);
        if (v == null) {
          return new Result(out, "unterminated string literal");
        }
        out.add(new Token(Token.Type.STRING, s.substring(start, pos), null, v, start, pos));
        continue;
      }
      if (c == '"' && peek(1) == '{' && peek(2) == '{') {
        // "{{ index .Options "Namespace" }}": a quoted template placeholder, the same name as the
        // unquoted one
        int close = s.indexOf("}}\"", pos + 3);
        if (close >= 0) {
          pos = close + 3;
          out.add(
              new Token(
                  Token.Type.TEMPLATE,
                  s.substring(start, pos),
                  null,
                  s.substring(start + 1, pos - 1),
                  start,
                  pos));
          continue;
        }
      }
      if (c == '"') {
        StringBuilder sb = new StringBuilder();
        int i = pos + 1;
        boolean closed = false;
        while (i < n) {
          char d = s.charAt(i);
          if (d == '"') {
            if (i + 1 < n && s.charAt(i + 1) == '"') {
              sb.append('"');
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          sb.append(d);
          i++;
        }
        if (!closed) {
          return new Result(out, "unterminated quoted identifier");
        }
        pos = i;
        out.add(
            new Token(Token.Type.QUOTED, s.substring(start, pos), null, sb.toString(), start, pos));
        continue;
      }
      if (c == '$') {
        int tagEnd = PgLexical.dollarTagEnd(s, pos);
        if (tagEnd > 0) {
          String tag = s.substring(pos, tagEnd);
          int close = s.indexOf(tag, tagEnd);
          if (close < 0) {
            return new Result(out, "unterminated dollar quote " + tag);
          }
          pos = close + tag.length();
          out.add(
              new Token(
                  Token.Type.DOLLAR,
                  s.substring(start, pos),
                  null,
                  s.substring(tagEnd, close),
                  start,
                  pos));
          continue;
        }
        pos++;
        while (pos < n && Character.isDigit(s.charAt(pos))) {
          pos++;
        }
        out.add(
            new Token(
                Token.Type.PARAM,
                s.substring(start, pos),
                null,
                s.substring(start, pos),
                start,
                pos));
        continue;
      }
      if (c == '{' && peek(1) == '{') {
        int close = s.indexOf("}}", pos + 2);
        if (close >= 0) {
          pos = close + 2;
          String t = s.substring(start, pos);
          out.add(new Token(Token.Type.TEMPLATE, t, t, t, start, pos));
          continue;
        }
      }
      if (isIdentStart(c)) {
        while (pos < n && isIdentPart(s.charAt(pos))) {
          pos++;
        }
        if (pos - start == 1 && (c == 'e' || c == 'E') && pos < n && s.charAt(pos) == '\'') {
          String v = string(pos + 1, true);
          if (v == null) {
            return new Result(out, "unterminated string literal");
          }
          out.add(new Token(Token.Type.STRING, s.substring(start, pos), null, v, start, pos));
          continue;
        }
        String w = s.substring(start, pos);
        out.add(new Token(Token.Type.WORD, w, w.toLowerCase(Locale.ROOT), w, start, pos));
        continue;
      }
      if (c >= '0' && c <= '9' || (c == '.' && peek(1) >= '0' && peek(1) <= '9')) {
        while (pos < n) {
          char d = s.charAt(pos);
          if ((d >= '0' && d <= '9') || d == '.' || d == '_' || Character.isLetter(d)) {
            if (d == '.' && peek(1) == '.') {
              break;
            }
            pos++;
          } else if ((d == '+' || d == '-')
              && (s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E')) {
            pos++;
          } else {
            break;
          }
        }
        String t = s.substring(start, pos);
        out.add(new Token(Token.Type.NUMBER, t, t, t, start, pos));
        continue;
      }
      if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || c == ';' || c == '.') {
        pos++;
        String t = String.valueOf(c);
        out.add(new Token(Token.Type.PUNCT, t, t, t, start, pos));
        continue;
      }
      if (isOpChar(c)) {
        pos++;
        while (pos < n
            && isOpChar(s.charAt(pos))
            && !(s.charAt(pos) == '-' && peek(1) == '-')
            && !(s.charAt(pos) == '/' && peek(1) == '*')) {
          pos++;
        }
        String t = s.substring(start, pos);
        out.add(new Token(Token.Type.OP, t, t, t, start, pos));
        continue;
      }
      pos++;
      String t = String.valueOf(c);
      out.add(new Token(Token.Type.OP, t, t, t, start, pos));
    }
    return new Result(out, null);
  }

  private char peek(int k) {
    int i = pos + k;
    return i < n ? s.charAt(i) : '\0';
  }

  /**
   * Reads a literal body from {@code from}; leaves pos after the closing quote; null when
   * unterminated.
   */
  private String string(int from, boolean escapes) {
    StringBuilder sb = new StringBuilder();
    int i = from;
    while (i < n) {
      char c = s.charAt(i);
      if (escapes && c == '\\' && i + 1 < n) {
        char d = s.charAt(i + 1);
        sb.append(
            switch (d) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case 'b' -> '\b';
              case 'f' -> '\f';
              default -> d;
            });
        i += 2;
      } else if (c == '\'') {
        if (i + 1 < n && s.charAt(i + 1) == '\'') {
          sb.append('\'');
          i += 2;
        } else {
          pos = i + 1;
          return sb.toString();
        }
      } else {
        sb.append(c);
        i++;
      }
    }
    return null;
  }

  private boolean skipBlockComment() {
    int end = PgLexical.blockCommentEnd(s, pos);
    if (end < 0) {
      return false;
    }
    pos = end;
    return true;
  }

  private static boolean isOpChar(char c) {
    return "+-*/<>=~!@#%^&|`?:".indexOf(c) >= 0;
  }

  static boolean isIdentStart(char c) {
    return PgLexical.isIdentStart(c);
  }

  static boolean isIdentPart(char c) {
    return PgLexical.isIdentPart(c);
  }
}
