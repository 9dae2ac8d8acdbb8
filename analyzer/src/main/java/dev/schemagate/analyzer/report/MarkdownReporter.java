package dev.schemagate.analyzer.report;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.RuleInfo;
import dev.schemagate.analyzer.facts.StatementFacts;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A pull-request comment body: a marker a bot finds its own comment by, a verdict, a summary table,
 * one table of findings per file with the hints, and the statements' facts folded away. Capped
 * below GitHub's 65,536-character comment limit, with an explicit note when cut.
 */
public final class MarkdownReporter implements Reporter {

  public static final String MARKER = "<!-- schemagate-report -->";
  public static final int DEFAULT_LIMIT = 65_000;

  private final DocLinks links;
  private final int limit;

  public MarkdownReporter(DocLinks links) {
    this(links, DEFAULT_LIMIT);
  }

  /**
   * @param limit the maximum length of the body in characters (tests use small ones)
   */
  public MarkdownReporter(DocLinks links, int limit) {
    this.links = links;
    this.limit = limit;
  }

  @Override
  public void write(CheckResult result, List<RuleInfo> rules, Writer out) throws IOException {
    out.write(render(result, rules));
    out.flush();
  }

  String render(CheckResult result, List<RuleInfo> rules) {
    Summary s = Summary.of(result);
    Body body = new Body(limit);
    body.header(MARKER + "\n");
    body.header("## " + verdict(s) + "\n\n");
    body.header("| errors | warnings | info | waived | files | statements | PostgreSQL |\n");
    body.header("|---:|---:|---:|---:|---:|---:|---:|\n");
    body.header(
        "| "
            + s.errors()
            + " | "
            + s.warnings()
            + " | "
            + s.info()
            + " | "
            + s.waived()
            + " | "
            + s.files()
            + " | "
            + s.statements()
            + " | "
            + result.pgVersion()
            + " |\n");
    int shown = 0;
    boolean partly = false;
    for (FileResult file : result.files()) {
      String findings = findingsSection(file, rules);
      String facts = factsSection(file);
      if (body.fits(findings + facts)) {
        body.append(findings + facts);
        shown++;
        continue;
      }
      // Too long: keep what fits of this file's findings (they matter more than the facts), then
      // stop.
      for (String line : findings.split("(?<=\n)")) {
        if (!body.fits(line)) {
          break;
        }
        body.append(line);
        partly = true;
      }
      break;
    }
    if (shown < result.files().size()) {
      body.text
          .append("\n> **Truncated:** this report is longer than a pull-request comment allows; ")
          .append(shown)
          .append(" of ")
          .append(result.files().size())
          .append(" files are shown in full")
          .append(partly ? " and the next one in part" : "")
          .append(". Run `schemagate check` for the full report.\n");
    }
    return body.text.toString();
  }

  private static String verdict(Summary s) {
    if (s.failed()) {
      return "❌ schemagate: "
          + Summary.plural(s.errors(), "error")
          + (s.errors() == 1 ? " blocks" : " block")
          + " this change";
    }
    if (s.warnings() > 0) {
      return "⚠️ schemagate: nothing blocks this change, "
          + Summary.plural(s.warnings(), "warning")
          + " to review";
    }
    return "✅ schemagate: nothing blocks this change";
  }

  private String findingsSection(FileResult file, List<RuleInfo> rules) {
    StringBuilder sb =
        new StringBuilder("\n### `").append(file.path().replace("`", "'")).append("`");
    if (file.track() != null) {
      sb.append(" — track ").append(cell(file.track()));
      if (file.version() != null) {
        sb.append(", version ").append(file.version());
      }
      if (file.phase() != null) {
        sb.append(", ").append(file.phase().id());
      }
    }
    sb.append("\n\n");
    List<Finding> findings = ReportSupport.sorted(file);
    if (findings.isEmpty()) {
      sb.append("No findings.\n");
    } else {
      sb.append("| line | severity | rule | message |\n|---:|---|---|---|\n");
      for (Finding f : findings) {
        String severity =
            f.waived()
                ? "~~" + f.severity().id() + "~~ waived: " + cell(f.waivedReason())
                : f.severity().id();
        sb.append("| ")
            .append(f.line())
            .append(" | ")
            .append(severity)
            .append(" | [`")
            .append(f.rule())
            .append("`](")
            .append(links.ruleUrl(f.rule(), rules))
            .append(")")
            .append(" | ")
            .append(cell(f.message()))
            .append(" |\n");
      }
      List<Finding> hinted =
          findings.stream().filter(f -> f.hint() != null && !f.hint().isBlank()).toList();
      if (!hinted.isEmpty()) {
        sb.append("\n**Hints**\n\n");
        for (Finding f : hinted) {
          sb.append("- line ")
              .append(f.line())
              .append(", `")
              .append(f.rule())
              .append("`: ")
              .append(inline(f.hint()));
          if (f.fix() != null && f.fix().refused()) {
            sb.append(" *(no `schemagate check --fix`: ")
                .append(inline(f.fix().description()))
                .append(")*");
          } else if (f.fix() != null) {
            sb.append(" *(`schemagate check --fix`: ")
                .append(inline(f.fix().description()))
                .append(")*");
          }
          sb.append("\n");
        }
      }
    }
    return sb.toString();
  }

  private static String factsSection(FileResult file) {
    StringBuilder sb = new StringBuilder();
    if (!file.statements().isEmpty()) {
      sb.append("\n<details><summary>Statement facts (")
          .append(Summary.plural(file.statements().size(), "statement"))
          .append(
              ")</summary>\n\n| line | kind | locks | rewrite | scan | transactional |\n|---:|---|---|---|---|---|\n");
      for (StatementFacts st : file.statements()) {
        String locks =
            st.locks().isEmpty()
                ? "—"
                : st.locks().stream()
                    .map(
                        l ->
                            "`"
                                + l.relation()
                                + "` "
                                + l.mode().pgName()
                                + (st.newRelations().contains(l.relation()) ? " (new)" : ""))
                    .collect(Collectors.joining(", "));
        sb.append("| ")
            .append(st.statement().source().line())
            .append(" | `")
            .append(st.statement().kindId())
            .append("` | ")
            .append(cell(locks))
            .append(" | ")
            .append(yesNo(st.rewrite()))
            .append(" | ")
            .append(yesNo(st.scan()))
            .append(" | ")
            .append(yesNo(st.transactional()))
            .append(" |\n");
      }
      sb.append("\n</details>\n");
    }
    return sb.toString();
  }

  private static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }

  /** Text safe in a list item: one line, no stray HTML. */
  static String inline(String s) {
    return s.replace("\r", "").replace("\n", " ").replace("<", "&lt;");
  }

  /** Text safe inside a table cell: no line breaks, pipes escaped, no stray HTML. */
  static String cell(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("\r", "")
        .replace("\n", "<br>")
        .replace("|", "\\|")
        .replace("<br>", "\u0000")
        .replace("<", "&lt;")
        .replace("\u0000", "<br>");
  }

  /** The body under construction, with room kept for the truncation note. */
  private static final class Body {
    private static final int RESERVE = 300;
    private final int limit;
    private final StringBuilder text = new StringBuilder();

    Body(int limit) {
      this.limit = limit;
    }

    void header(String s) {
      text.append(s);
    }

    boolean fits(String s) {
      return text.length() + s.length() <= limit - RESERVE;
    }

    void append(String s) {
      text.append(s);
    }
  }
}
