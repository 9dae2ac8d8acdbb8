package dev.schemagate.watcher.http;

import static dev.schemagate.watcher.http.Html.badge;
import static dev.schemagate.watcher.http.Html.esc;

import dev.schemagate.watcher.Watcher;
import dev.schemagate.watcher.state.RefVerdict;
import dev.schemagate.watcher.state.Verdict;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /}: the page a person on call opens. The repository and protected branch, the last fetch
 * and the forge's state (with their last errors), then each followed ref with its verdict and its
 * findings (rule linked to its page, file:line, message). Times are relative ("2 min ago", exact on
 * hover); the page reloads itself.
 */
final class IndexPage {

  private static final Pattern CHANGE = Pattern.compile("refs/(pull|merge-requests)/(\\d+)/head");

  private IndexPage() {}

  /** Seconds between reloads: the poll interval, within 5–60 s. */
  static int refreshSeconds(Watcher watcher) {
    long s = watcher.config().interval().toSeconds();
    return (int) Math.max(5, Math.min(60, s));
  }

  static String render(Watcher watcher, Instant now) {
    Watcher.Health h = watcher.health();
    int refresh = refreshSeconds(watcher);
    StringBuilder b =
        new StringBuilder(Html.head("schemagate watch: " + watcher.repositoryUrl(), refresh));
    b.append("<header><h1>schemagate watch</h1><p>Repository <code>")
        .append(esc(watcher.repositoryUrl()))
        .append("</code> · protected branch <code>")
        .append(
            esc(watcher.protectedBranch() == null ? "(not known yet)" : watcher.protectedBranch()))
        .append("</code> · polled every ")
        .append(watcher.config().interval().toSeconds())
        .append(" s</p></header>\n");

    b.append("<section class=\"status\">");
    fetchCard(b, h, now);
    forgeCard(b, h.forge(), now);
    b.append("</section>\n");

    if (watcher.refs().isEmpty()) {
      b.append("<p class=\"muted\">No followed ref yet")
          .append(h.lastFetchOk() == null ? ": no fetch has worked so far." : ".")
          .append("</p>\n");
    }
    for (RefVerdict r : watcher.refs().values()) {
      refSection(b, watcher, r, now);
    }
    b.append("<footer class=\"muted\">Shown ")
        .append(HumanTime.html(now, now))
        .append("; this page reloads every ")
        .append(refresh)
        .append(
            " s. Also: <a href=\"verdicts\">verdicts (JSON)</a> · <a href=\"healthz\">health</a> · ")
        .append("<a href=\"metrics\">metrics</a></footer>\n</body></html>\n");
    return b.toString();
  }

  private static void fetchCard(StringBuilder b, Watcher.Health h, Instant now) {
    boolean ok = h.lastFetchOk() != null && h.consecutiveFailures() == 0;
    b.append("<div class=\"card ")
        .append(ok ? "good" : "bad")
        .append("\" id=\"fetch\"><strong>Git fetch</strong> ")
        .append(
            badge(
                ok
                    ? "ok"
                    : h.lastFetchOk() == null && h.lastFetchError() == null
                        ? "pending"
                        : "failing"))
        .append("<br>last success ")
        .append(HumanTime.html(h.lastFetchOk(), now))
        .append(" · last poll ")
        .append(HumanTime.html(h.lastPoll(), now));
    if (h.lastFetchError() != null) {
      b.append("<br>")
          .append(h.consecutiveFailures())
          .append(" failure(s) in a row: <span class=\"error-text\">")
          .append(esc(h.lastFetchError()))
          .append("</span><br>showing the last good state");
    }
    b.append("</div>");
  }

  private static void forgeCard(StringBuilder b, Watcher.ForgeStatus f, Instant now) {
    boolean bad = f.state().equals(Watcher.ForgeStatus.FAILING);
    b.append("<div class=\"card ")
        .append(bad ? "bad" : f.state().equals(Watcher.ForgeStatus.OK) ? "good" : "")
        .append("\" id=\"forge\"><strong>Forge</strong> ");
    if (f.state().equals(Watcher.ForgeStatus.NONE)) {
      b.append(badge("none"))
          .append("<br>verdicts are not reported anywhere (<code>--forge none</code>)</div>");
      return;
    }
    b.append(esc(f.forge()))
        .append(" ")
        .append(badge(f.state()))
        .append("<br>last report ")
        .append(HumanTime.html(f.lastOk(), now));
    if (bad) {
      b.append(" · next try ")
          .append(HumanTime.html(f.retryAt(), now))
          .append("<br>")
          .append(f.consecutiveFailures())
          .append(" failure(s) in a row: <span class=\"error-text\">")
          .append(esc(f.lastError()))
          .append("</span>");
    } else if (f.lastError() != null) {
      b.append("<br><span class=\"muted\">last failure ")
          .append(HumanTime.html(f.lastErrorAt(), now))
          .append(": ")
          .append(esc(f.lastError()))
          .append("</span>");
    }
    b.append("</div>");
  }

  private static void refSection(StringBuilder b, Watcher watcher, RefVerdict r, Instant now) {
    Optional<Verdict> v =
        Watcher.PENDING.equals(r.state()) ? Optional.empty() : watcher.verdict(r.commit());
    b.append("<article class=\"ref ")
        .append(esc(r.state()))
        .append("\" id=\"")
        .append(esc(r.ref()))
        .append("\"><h2>")
        .append(badge(r.state()))
        .append(" <code>")
        .append(esc(r.ref()))
        .append("</code>")
        .append(esc(changeName(r.ref())))
        .append("</h2>\n<p>commit <a href=\"commits/")
        .append(esc(r.commit()))
        .append("\"><code>")
        .append(esc(r.commit().substring(0, 12)))
        .append("</code></a> · seen ")
        .append(HumanTime.html(HumanTime.parse(r.seenAt()), now));
    v.ifPresent(
        x -> {
          b.append(" · checked ").append(HumanTime.html(HumanTime.parse(x.analyzedAt()), now));
          if (x.base() != null) {
            b.append(" against <code>").append(esc(x.base())).append("</code>");
          }
        });
    if (!Watcher.PENDING.equals(r.state())) {
      b.append(" · forge: ")
          .append(
              watcher.health().forge().state().equals(Watcher.ForgeStatus.NONE)
                  ? "not reported (no forge)"
                  : r.published() ? "reported" : "not reported yet");
    }
    b.append("</p>\n<p>").append(esc(r.description())).append("</p>\n");
    v.ifPresent(x -> findings(b, x, r.commit()));
    b.append("</article>\n");
  }

  static void findings(StringBuilder b, Verdict v, String commit) {
    if (v.findings().isEmpty()) {
      if (v.errors() + v.warnings() + v.info() > 0) {
        b.append(
                "<p class=\"muted\">The findings of this verdict were not recorded one by one (checked by an earlier"
                    + " version): see <a href=\"commits/")
            .append(esc(commit))
            .append("\">the report</a>.</p>\n");
      }
      return;
    }
    b.append(
        "<table class=\"findings\"><tr><th>severity</th><th>rule</th><th>where</th><th>finding</th></tr>\n");
    for (Verdict.ReportedFinding f : v.findings()) {
      b.append("<tr><td>")
          .append(badge(f.severity()))
          .append("</td><td><a href=\"")
          .append(esc(f.ruleUrl()))
          .append("\">")
          .append(esc(f.rule()))
          .append("</a></td><td><code>")
          .append(esc(f.path()))
          .append(f.line() > 0 ? ":" + f.line() : "")
          .append("</code></td><td>")
          .append(esc(f.message()));
      if (f.hint() != null && !f.hint().isBlank()) {
        b.append("<br><span class=\"muted\">").append(esc(f.hint())).append("</span>");
      }
      b.append("</td></tr>\n");
    }
    long total = v.findingsByRule().values().stream().mapToLong(Integer::longValue).sum();
    b.append("</table>\n");
    if (total > v.findings().size()) {
      b.append("<p class=\"muted\">")
          .append(total - v.findings().size())
          .append(" more in the report.</p>\n");
    }
  }

  static String changeName(String ref) {
    Matcher m = CHANGE.matcher(ref);
    if (!m.matches()) {
      return "";
    }
    return m.group(1).equals("pull")
        ? " (pull request #" + m.group(2) + ")"
        : " (merge request !" + m.group(2) + ")";
  }
}
