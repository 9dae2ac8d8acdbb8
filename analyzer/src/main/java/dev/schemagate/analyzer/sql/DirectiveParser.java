package dev.schemagate.analyzer.sql;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses one {@code -- schemagate:<verb> [argument] [key="value" key2=value2 …]} comment. A comment
 * that starts with {@code schemagate:} but cannot be read becomes a directive with verb {@value
 * #MALFORMED} (options {@code raw} and {@code error}) so that a later stage reports it.
 */
public final class DirectiveParser {

  /** The verb given to a directive that could not be read. */
  public static final String MALFORMED = "malformed";

  private static final String PREFIX = "schemagate:";

  private DirectiveParser() {}

  /**
   * @param comment a line comment including its leading {@code --}
   * @return the directive, or null when the comment is not a schemagate directive
   */
  public static Directive parse(String comment, int line, int column) {
    String body = comment.startsWith("--") ? comment.substring(2).strip() : comment.strip();
    if (!body.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    String rest = body.substring(PREFIX.length());
    int p = 0;
    int n = rest.length();
    while (p < n && !Character.isWhitespace(rest.charAt(p))) {
      p++;
    }
    String verb = rest.substring(0, p).toLowerCase(Locale.ROOT);
    if (verb.isEmpty() || verb.indexOf('=') >= 0 || verb.indexOf('"') >= 0) {
      return malformed(body, "missing verb after schemagate:", line, column);
    }
    String argument = null;
    Map<String, String> options = new LinkedHashMap<>();
    while (true) {
      while (p < n && Character.isWhitespace(rest.charAt(p))) {
        p++;
      }
      if (p >= n) {
        break;
      }
      int wordStart = p;
      while (p < n && rest.charAt(p) != '=' && !Character.isWhitespace(rest.charAt(p))) {
        char c = rest.charAt(p);
        if (c == '"' || c == '\'') {
          return malformed(body, "unexpected quote at position " + (p + 1), line, column);
        }
        p++;
      }
      String word = rest.substring(wordStart, p);
      if (p < n && rest.charAt(p) == '=') {
        if (word.isEmpty()) {
          return malformed(body, "option without a name", line, column);
        }
        p++;
        String value;
        if (p < n && (rest.charAt(p) == '"' || rest.charAt(p) == '\'')) {
          char quote = rest.charAt(p++);
          StringBuilder sb = new StringBuilder();
          boolean closed = false;
          while (p < n) {
            char c = rest.charAt(p++);
            if (c == '\\' && p < n) {
              sb.append(rest.charAt(p++));
            } else if (c == quote) {
              closed = true;
              break;
            } else {
              sb.append(c);
            }
          }
          if (!closed) {
            return malformed(body, "unterminated quoted value of " + word, line, column);
          }
          if (p < n && !Character.isWhitespace(rest.charAt(p))) {
            return malformed(body, "text right after the quoted value of " + word, line, column);
          }
          value = sb.toString();
        } else {
          int valueStart = p;
          while (p < n && !Character.isWhitespace(rest.charAt(p))) {
            p++;
          }
          value = rest.substring(valueStart, p);
        }
        String key = word.toLowerCase(Locale.ROOT);
        if (options.containsKey(key)) {
          return malformed(body, "option " + key + " given twice", line, column);
        }
        options.put(key, value);
      } else if (argument == null && options.isEmpty()) {
        argument = word;
      } else {
        return malformed(
            body, "unexpected word '" + word + "' (options are key=\"value\")", line, column);
      }
    }
    return new Directive(verb, argument, options, line, column);
  }

  private static Directive malformed(String raw, String error, int line, int column) {
    return new Directive(MALFORMED, null, Map.of("raw", raw, "error", error), line, column);
  }
}
