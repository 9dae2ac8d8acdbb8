package dev.schemagate.analyzer.parse;

import dev.schemagate.analyzer.statement.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * A position in a token list, bounded by {@code end}, with the look-ahead helpers the recognizer
 * needs.
 */
public final class Cursor {

  /** Past the end: a PUNCT with empty text, so no isPunct/isOp/isWord test matches it. */
  private static final Token EOF = new Token(Token.Type.PUNCT, "", "", "", -1, -1);

  public final List<Token> tokens;
  public final String text;
  public final int end;
  public int i;

  public Cursor(List<Token> tokens, String text, int from, int end) {
    this.tokens = tokens;
    this.text = text;
    this.i = from;
    this.end = end;
  }

  /** A cursor over {@code [from, to)} of the same tokens. */
  public Cursor sub(int from, int to) {
    return new Cursor(tokens, text, from, to);
  }

  public boolean atEnd() {
    return i >= end;
  }

  public Token peek() {
    return i < end ? tokens.get(i) : EOF;
  }

  public Token peek(int k) {
    int j = i + k;
    return j < end ? tokens.get(j) : EOF;
  }

  public Token next() {
    return i < end ? tokens.get(i++) : EOF;
  }

  public boolean is(String word) {
    return peek().isWord(word);
  }

  /** True when the next tokens are exactly these words. */
  public boolean is(String... words) {
    for (int k = 0; k < words.length; k++) {
      if (!peek(k).isWord(words[k])) {
        return false;
      }
    }
    return true;
  }

  public boolean isAt(int k, String word) {
    return peek(k).isWord(word);
  }

  public boolean accept(String word) {
    if (is(word)) {
      i++;
      return true;
    }
    return false;
  }

  /** Consumes the words only when all of them follow. */
  public boolean accept(String... words) {
    if (is(words)) {
      i += words.length;
      return true;
    }
    return false;
  }

  public boolean isPunct(char c) {
    return peek().isPunct(c);
  }

  public boolean acceptPunct(char c) {
    if (isPunct(c)) {
      i++;
      return true;
    }
    return false;
  }

  /** Skips a balanced parenthesised or bracketed group when one starts here. */
  public boolean skipGroup() {
    if (!isPunct('(') && !isPunct('[')) {
      return false;
    }
    int depth = 0;
    while (i < end) {
      Token t = tokens.get(i++);
      if (t.type() == Token.Type.PUNCT) {
        char c = t.text().charAt(0);
        if (c == '(' || c == '[') {
          depth++;
        } else if ((c == ')' || c == ']') && --depth == 0) {
          return true;
        }
      }
    }
    return true;
  }

  /** The index of the token closing the group that opens at {@code i} (or {@link #end}). */
  public int groupEnd() {
    int save = i;
    skipGroup();
    int close = i - 1;
    i = save;
    return close;
  }

  /** Splits {@code [from, to)} at commas that are not nested in parentheses or brackets. */
  public List<int[]> splitTopLevel(int from, int to) {
    List<int[]> parts = new ArrayList<>();
    int depth = 0;
    int start = from;
    for (int k = from; k < to; k++) {
      Token t = tokens.get(k);
      if (t.type() != Token.Type.PUNCT) {
        continue;
      }
      char c = t.text().charAt(0);
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(new int[] {start, k});
        start = k + 1;
      }
    }
    if (start < to || !parts.isEmpty()) {
      parts.add(new int[] {start, to});
    }
    return parts;
  }

  /** The source text of tokens {@code [from, to)}, as written. */
  public String text(int from, int to) {
    if (from >= to || from >= tokens.size()) {
      return "";
    }
    return text.substring(
        tokens.get(from).start(), tokens.get(Math.min(to, tokens.size()) - 1).end());
  }

  /** The source text from the current token to the end. */
  public String rest() {
    return text(i, end);
  }

  /** One identifier, folded; null (and nothing consumed) when none is next. */
  public String identifier() {
    Token t = peek();
    if (t.isIdentifier()) {
      i++;
      return t.identifier();
    }
    return null;
  }

  /** A possibly qualified name ({@code a}, {@code s.a}, {@code db.s.a}); null when none is next. */
  public QualifiedName qualifiedName() {
    List<String> parts = namePath();
    if (parts == null) {
      return null;
    }
    int k = parts.size();
    return k == 1
        ? QualifiedName.of(parts.get(0))
        : new QualifiedName(parts.get(k - 2), parts.get(k - 1));
  }

  /** The dotted parts of a name; null when no identifier is next. */
  public List<String> namePath() {
    Token t = peek();
    if (!t.isIdentifier()) {
      return null;
    }
    List<String> parts = new ArrayList<>(3);
    parts.add(t.identifier());
    i++;
    while (isPunct('.') && peek(1).isIdentifier()) {
      i++;
      parts.add(next().identifier());
    }
    return parts;
  }

  /** Finds the next word {@code w} at nesting depth 0 from the current position; -1 when absent. */
  public int findTopLevelWord(String w) {
    int depth = 0;
    for (int k = i; k < end; k++) {
      Token t = tokens.get(k);
      if (t.type() == Token.Type.PUNCT) {
        char c = t.text().charAt(0);
        if (c == '(' || c == '[') {
          depth++;
        } else if (c == ')' || c == ']') {
          depth--;
        }
      } else if (depth == 0 && t.isWord(w)) {
        return k;
      }
    }
    return -1;
  }
}
