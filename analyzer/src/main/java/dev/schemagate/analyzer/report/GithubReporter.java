package dev.schemagate.analyzer.report;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.RuleInfo;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * GitHub Actions workflow commands ({@code ::error file=…,line=…::message}): each finding becomes
 * an annotation on the pull request's diff. Waived findings become notices.
 */
public final class GithubReporter implements Reporter {

  @Override
  public void write(CheckResult result, List<RuleInfo> rules, Writer out) throws IOException {
    for (FileResult file : result.files()) {
      for (Finding f : ReportSupport.sorted(file)) {
        out.write(command(f, file));
        out.write("\n");
      }
    }
    out.write("schemagate: " + Summary.of(result).line() + "\n");
    out.flush();
  }

  static String command(Finding f, FileResult file) {
    String level =
        f.waived()
            ? "notice"
            : switch (f.severity()) {
              case ERROR -> "error";
              case WARNING -> "warning";
              case INFO -> "notice";
            };
    String title = f.waived() ? f.rule() + " (waived)" : f.rule();
    StringBuilder message = new StringBuilder(f.message());
    if (f.hint() != null && !f.hint().isBlank()) {
      message.append("\nhint: ").append(f.hint());
    }
    if (f.waived()) {
      message.append("\nwaived: ").append(f.waivedReason());
    }
    return "::"
        + level
        + " file="
        + escapeProperty(f.path())
        + ",line="
        + f.line()
        + ",col="
        + f.column()
        + ",endLine="
        + ReportSupport.endLine(f, file)
        + ",title="
        + escapeProperty(title)
        + "::"
        + escapeData(message.toString());
  }

  /** The escaping of the Actions toolkit's {@code escapeData}: %, CR, LF. */
  static String escapeData(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** The escaping of the Actions toolkit's {@code escapeProperty}: also {@code :} and {@code ,}. */
  static String escapeProperty(String s) {
    return escapeData(s).replace(":", "%3A").replace(",", "%2C");
  }
}
