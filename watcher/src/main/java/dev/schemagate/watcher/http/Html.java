package dev.schemagate.watcher.http;

/**
 * The shared parts of the watcher's HTML pages: escaping, the head with its style, the verdict
 * badge.
 */
final class Html {

  private Html() {}

  static String esc(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;")
            .replace("'", "&#39;");
  }

  /** The document up to and including {@code <body>}; {@code refreshSeconds} 0 for none. */
  static String head(String title, int refreshSeconds) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + (refreshSeconds > 0
            ? "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds + "\">"
            : "")
        + "<title>"
        + esc(title)
        + "</title><style>"
        + STYLE
        + "</style></head><body>\n";
  }

  static String badge(String state) {
    return "<span class=\"badge " + esc(state) + "\">" + esc(state) + "</span>";
  }

  private static final String STYLE =
      String.join(
          "",
          "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;max-width:1100px;padding:1.2em;",
          "color:#1f2328;background:#fff;line-height:1.4}",
          "h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.1em;margin:.2em 0}code{font-size:.95em}",
          "a{color:#0969da}.muted{color:#59636e}",
          ".status{display:flex;gap:.8em;flex-wrap:wrap;margin:.8em 0}",
          ".card{border:1px solid #d1d9e0;border-radius:6px;padding:.6em .9em;flex:1;min-width:15em}",
          ".card.bad{border-color:#cf222e;background:#fff5f5}.card.good{border-color:#1a7f37}",
          ".ref{border:1px solid #d1d9e0;border-left-width:6px;border-radius:6px;padding:.6em .9em;margin:.8em 0}",
          ".ref.success{border-left-color:#1a7f37}.ref.failure,.ref.error{border-left-color:#cf222e}",
          ".ref.pending{border-left-color:#9a6700}",
          ".badge{display:inline-block;border-radius:1em;padding:0 .6em;font-size:.85em;font-weight:600;color:#fff;",
          "background:#59636e;vertical-align:middle}",
          ".badge.success,.badge.ok{background:#1a7f37}.badge.failure,.badge.error,.badge.failing{background:#cf222e}",
          ".badge.pending,.badge.unknown{background:#9a6700}.badge.warning{background:#9a6700}.badge.info{background:#0969da}",
          "table{border-collapse:collapse;width:100%;margin:.4em 0}td,th{border-top:1px solid #d1d9e0;padding:.25em .5em;",
          "text-align:left;vertical-align:top}th{font-size:.85em;color:#59636e}",
          "pre{background:#f6f8fa;padding:.8em;overflow:auto;font-size:.85em}footer{margin-top:1.5em;font-size:.85em}");
}
