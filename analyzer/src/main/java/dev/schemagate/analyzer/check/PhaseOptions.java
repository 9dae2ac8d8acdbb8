package dev.schemagate.analyzer.check;

import dev.schemagate.analyzer.sql.Directive;
import dev.schemagate.analyzer.sql.SplitFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options a phase file sets for itself with {@code -- schemagate:phase key=value} comments.
 *
 * @param transactional whether the runner wraps the file in one transaction (default true)
 * @param declared whether the file states {@code transactional=…} itself (a plain SQL file's
 *     transaction mode is otherwise unknown: it depends on the tool that runs it)
 * @param problems directives that could not be understood, as messages naming the line
 */
public record PhaseOptions(boolean transactional, boolean declared, List<String> problems) {

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
        if (option.getKey().equals("transactional") && (value.equals("true") || value.equals("false"))) {
          transactional = Boolean.parseBoolean(value);
          declared = true;
        } else {
          problems.add(file.path() + ":" + d.line() + ": unknown phase option " + option.getKey() + "=" + option.getValue()
              + " (known: transactional=true|false)");
        }
      }
    }
    return new PhaseOptions(transactional, declared, List.copyOf(problems));
  }
}
