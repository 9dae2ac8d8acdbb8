package dev.schemagate.analyzer.sql;

/**
 * PostgreSQL's lexical rules for the parts of SQL text that hide semicolons and keywords: quoted
 * strings and identifiers, nested block comments, dollar quotes. One implementation shared by the
 * splitter, the tokenizer and the fixes, so the three never disagree about where text is quoted.
 */
public final class PgLexical {

  private PgLexical() {}

  /**
   * The offset just after the quote that closes a quoted string or identifier, or the text's length
   * when it is unterminated.
   *
   * @param from the offset just after the opening quote
   * @param quote {@code '} or {@code "}; a doubled quote stands for itself
   * @param backslashEscapes true for {@code E'…'} strings, where a backslash escapes the next
   *     character
   */
  public static int quotedEnd(CharSequence text, int from, char quote, boolean backslashEscapes) {
    int n = text.length();
    int i = from;
    while (i < n) {
      char c = text.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < n && text.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  /**
   * The offset after the block comment that opens at {@code at} (comments nest), or -1 when
   * unterminated.
   */
  public static int blockCommentEnd(CharSequence text, int at) {
    int n = text.length();
    int depth = 0;
    int i = at;
    while (i < n - 1) {
      char c = text.charAt(i);
      char d = text.charAt(i + 1);
      if (c == '/' && d == '*') {
        depth++;
        i += 2;
      } else if (c == '*' && d == '/') {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return -1;
  }

  /**
   * The end of a dollar-quote opening tag ({@code $$} or {@code $tag$}) at {@code at}, or -1 when
   * {@code $} opens none.
   */
  public static int dollarTagEnd(CharSequence text, int at) {
    int n = text.length();
    if (at > 0 && isIdentPart(text.charAt(at - 1))) {
      return -1; // part of an identifier such as a$b
    }
    int i = at + 1;
    if (i < n && text.charAt(i) == '$') {
      return i + 1;
    }
    if (i >= n || !isIdentStart(text.charAt(i))) {
      return -1;
    }
    while (i < n && isIdentPart(text.charAt(i)) && text.charAt(i) != '$') {
      i++;
    }
    return i < n && text.charAt(i) == '$' ? i + 1 : -1;
  }

  public static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  }

  public static boolean isIdentPart(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
  }
}
