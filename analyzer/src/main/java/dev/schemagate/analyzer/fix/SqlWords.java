package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.sql.PgLexical;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of a statement's text outside comments, strings and quoted identifiers, with their
 * parenthesis depth: enough to find where a keyword sits so an edit can go right after it.
 */
final class SqlWords {

  /** A bare word (keyword or unquoted identifier) at {@code [start, end)} of the text. */
  record Word(String upper, int start, int end, int depth) {}

  private final List<Word> words = new ArrayList<>();

  /** End of the last token that is not whitespace or a comment. */
  private int lastTokenEnd;

  SqlWords(String text) {
    int depth = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int nl = text.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        i = skipBlockComment(text, i);
      } else if (c == '\'' || c == '"') {
        i = skipQuoted(text, i, c);
        lastTokenEnd = i;
      } else if (c == '$' && dollarTag(text, i) != null) {
        String tag = dollarTag(text, i);
        int close = text.indexOf(tag, i + tag.length());
        i = close < 0 ? n : close + tag.length();
        lastTokenEnd = i;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n
            && (Character.isLetterOrDigit(text.charAt(i))
                || text.charAt(i) == '_'
                || text.charAt(i) == '$')) {
          i++;
        }
        words.add(new Word(text.substring(start, i).toUpperCase(Locale.ROOT), start, i, depth));
        lastTokenEnd = i;
      } else {
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth = Math.max(0, depth - 1);
        }
        i++;
        lastTokenEnd = i;
      }
    }
  }

  List<Word> words() {
    return words;
  }

  int lastTokenEnd() {
    return lastTokenEnd;
  }

  /**
   * The first word at parenthesis depth 0 equal to one of {@code keywords}, at or after {@code
   * from}; or null.
   */
  Word first(int from, String... keywords) {
    for (Word w : words) {
      if (w.start() >= from && w.depth() == 0) {
        for (String k : keywords) {
          if (w.upper().equals(k)) {
            return w;
          }
        }
      }
    }
    return null;
  }

  boolean contains(String keyword) {
    return words.stream().anyMatch(w -> w.depth() == 0 && w.upper().equals(keyword));
  }

  private static int skipBlockComment(String text, int i) {
    int end = PgLexical.blockCommentEnd(text, i);
    return end < 0 ? text.length() : end;
  }

  private static int skipQuoted(String text, int i, char quote) {
    // Only E'…' strings treat a backslash as an escape.
    boolean escapes =
        quote == '\''
            && i > 0
            && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e')
            && (i == 1 || !Character.isLetterOrDigit(text.charAt(i - 2)));
    return PgLexical.quotedEnd(text, i + 1, quote, escapes);
  }

  private static String dollarTag(String text, int i) {
    int end = PgLexical.dollarTagEnd(text, i);
    return end < 0 ? null : text.substring(i, end);
  }
}
