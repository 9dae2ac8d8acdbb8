package dev.schemagate.analyzer.check;

import dev.schemagate.analyzer.sql.Directive;
import dev.schemagate.analyzer.sql.SplitFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The options a phase file sets for itself with {@code -- schemagate:phase key=value} comments.
 *
 * @param transactional whether the runner wraps the file in one transaction (default true)
 * @param declared whether the file states {@code transactional=…} itself (a plain SQL file's
 *     transaction mode is otherwise unknown: it depends on the tool that runs it)
 * @param problems directives that could not be understood, as messages naming the line
 */
public record PhaseOptions(boolean transactional, boolean declared, List<String> problems) {

  /**
   * File-level comments with which other migration runners take a file out of the transaction they
   * otherwise wrap it in: postgres-migrations ({@code -- postgres-migrations disable-transaction},
   * used by supabase/storage), goose ({@code -- +goose NO TRANSACTION}), sqlx ({@code --
   * no-transaction}) and dbmate ({@code -- migrate:up transaction:false}).
   */
  private static final Pattern FOREIGN_NON_TRANSACTIONAL =
      Pattern.compile(
          "(?im)^[ \\t]*--[ \\t]*(postgres-migrations[ \\t]+disable-transaction|\\+goose[ \\t]+no[ \\t]+transaction"
              + "|no-transaction|migrate:up[ \\t]+transaction:false)[ \\t]*$");

  /**
   * The options of a plain SQL file (outside a schemagate repository): the schemagate directive
   * when there is one, else what the file's own migration runner reads from it (see {@link
   * #FOREIGN_NON_TRANSACTIONAL}), else undeclared.
   */
  public static PhaseOptions ofPlainFile(SplitFile file) {
    PhaseOptions own = of(file);
    if (own.declared() || !FOREIGN_NON_TRANSACTIONAL.matcher(header(file)).find()) {
      return own;
    }
    return new PhaseOptions(false, true, own.problems());
  }

  /** The text before the first statement: runners read these markers from the file's head. */
  private static String header(SplitFile file) {
    if (file.statements().isEmpty()) {
      return file.text();
    }
    return file.text()
        .substring(0, Math.min(file.text().length(), file.statements().get(0).startOffset()));
  }

  public static PhaseOptions of(SplitFile file) {
    boolean transactional = true;
    boolean declared = false;
    List<String> problems = new ArrayList<>();
    for (Directive d : file.fileDirectives()) {
      if (!d.verb().equals("phase")) {
        continue;
      }
      for (var option : d.options().entrySet()) {
        String value = option.getValue().toLowerCase(Locale.ROOT);
        if (option.getKey().equals("transactional")
            && (value.equals("true") || value.equals("false"))) {
          transactional = Boolean.parseBoolean(value);
          declared = true;
        } else {
          problems.add(
              file.path()
                  + ":"
                  + d.line()
                  + ": unknown phase option "
                  + option.getKey()
                  + "="
                  + option.getValue()
                  + " (known: transactional=true|false)");
        }
      }
    }
    return new PhaseOptions(transactional, declared, List.copyOf(problems));
  }
}
