package dev.schemagate.analyzer.report;

import java.util.List;
import java.util.Locale;

/** The output formats by name, as {@code --format} accepts them. */
public final class Reporters {

  public static final List<String> FORMATS = List.of("text", "json", "sarif", "github", "markdown");

  private Reporters() {}

  /**
   * @param colour for {@code text}: emit ANSI colours (callers pass true when stdout is a terminal)
   * @param toolVersion the schemagate version, for SARIF's {@code tool.driver.version}
   * @throws IllegalArgumentException naming the valid formats when {@code format} is none of them
   */
  public static Reporter forFormat(
      String format, boolean colour, String toolVersion, DocLinks links) {
    return switch (format == null ? "" : format.toLowerCase(Locale.ROOT)) {
      case "text" -> new TextReporter(colour);
      case "json" -> new JsonReporter();
      case "sarif" -> new SarifReporter(toolVersion, links);
      case "github" -> new GithubReporter();
      case "markdown" -> new MarkdownReporter(links);
      default ->
          throw new IllegalArgumentException(
              "unknown output format '"
                  + format
                  + "': expected one of "
                  + String.join(", ", FORMATS));
    };
  }
}
