package dev.schemagate.analyzer.parse;

/**
 * One lexical token of a statement. Offsets index the statement's text.
 *
 * @param lower for {@link Type#WORD}: the word in lower case (how PostgreSQL folds it); else the
 *     text
 * @param value the identifier or literal content: a quoted identifier without quotes, a string
 *     literal's content, a dollar-quoted body; else the text
 */
public record Token(Type type, String text, String lower, String value, int start, int end) {

  public enum Type {
    /** An unquoted identifier or keyword. */
    WORD,
    /** {@code "Quoted"} identifier. */
    QUOTED,
    /** {@code '…'}, {@code E'…'} literal. */
    STRING,
    /** {@code $tag$…$tag$} literal. */
    DOLLAR,
    NUMBER,
    /** {@code $1}. */
    PARAM,
    /** An operator such as {@code ::}, {@code =}, {@code ||}. */
    OP,
    /** One of {@code ( ) [ ] , ; .}. */
    PUNCT,
    /**
     * A template placeholder such as Go's {@code {{ index .Options "Namespace" }}}: an identifier
     * as far as SQL goes.
     */
    TEMPLATE
  }

  public boolean isWord(String w) {
    return type == Type.WORD && lower.equals(w);
  }

  public boolean isPunct(char c) {
    return type == Type.PUNCT && text.length() == 1 && text.charAt(0) == c;
  }

  public boolean isOp(String op) {
    return type == Type.OP && text.equals(op);
  }

  /**
   * True for anything usable as an identifier: a word, a quoted identifier or a template
   * placeholder.
   */
  public boolean isIdentifier() {
    return type == Type.WORD || type == Type.QUOTED || type == Type.TEMPLATE;
  }

  /** The identifier as PostgreSQL folds it. */
  public String identifier() {
    return switch (type) {
      case WORD -> lower;
      case QUOTED, TEMPLATE -> value;
      default -> text;
    };
  }
}
