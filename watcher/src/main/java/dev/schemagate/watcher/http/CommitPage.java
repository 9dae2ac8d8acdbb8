package dev.schemagate.watcher.http;

import static dev.schemagate.watcher.http.Html.badge;
import static dev.schemagate.watcher.http.Html.esc;

import dev.schemagate.watcher.Watcher;
import dev.schemagate.watcher.state.RefVerdict;
import dev.schemagate.watcher.state.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * {@code /commits/<sha>}: one commit's verdict as an HTML page (the forge's "Details" link): state,
 * what it was compared with, the findings, and the pull-request comment's text. The comment's
 * markdown itself is at {@code /commits/<sha>.md}.
 */
final class CommitPage {

  private CommitPage() {}

  static String render(Watcher watcher, Verdict v, Instant now) {
    StringBuilder b =
        new StringBuilder(
            Html.head("schemagate: " + v.state() + " for " + v.commit().substring(0, 12), 0));
    b.append("<p><a href=\"../\">← all refs of ")
        .append(esc(watcher.repositoryUrl()))
        .append("</a></p>\n");
    b.append("<article class=\"ref ")
        .append(esc(v.state()))
        .append("\"><h1>")
        .append(badge(v.state()))
        .append(" commit <code>")
        .append(esc(v.commit()))
        .append("</code></h1>\n<p>")
        .append(esc(v.description()))
        .append("</p>\n");
    b.append("<p>");
    List<String> refs =
        watcher.refs().values().stream()
            .filter(r -> r.commit().equals(v.commit()))
            .map(RefVerdict::ref)
            .toList();
    b.append(
        refs.isEmpty()
            ? "head of no followed ref now"
            : "head of <code>" + esc(String.join(", ", refs)) + "</code>");
    b.append(" · compared with ")
        .append(
            v.base() == null
                ? "nothing (every file checked)"
                : "<code>" + esc(v.base()) + "</code>");
    if (v.mergeBase() != null) {
      b.append(" (merge base <code>")
          .append(esc(v.mergeBase().substring(0, Math.min(12, v.mergeBase().length()))))
          .append("</code>)");
    }
    b.append(" · checked ")
        .append(HumanTime.html(HumanTime.parse(v.analyzedAt()), now))
        .append(" in ")
        .append(v.analysisMillis())
        .append(" ms · ")
        .append(v.errors())
        .append(" error(s), ")
        .append(v.warnings())
        .append(" warning(s), ")
        .append(v.info())
        .append(" info in ")
        .append(v.files())
        .append(" file(s)</p>\n");
    IndexPage.findings(b, v, v.commit());
    b.append("</article>\n<details><summary>The pull-request comment (<a href=\"")
        .append(esc(v.commit()))
        .append(".md\">markdown</a>)</summary><pre>")
        .append(esc(v.report()))
        .append("</pre></details>\n");
    b.append("</body></html>\n");
    return b.toString();
  }
}
