package dev.schemagate.watcher.forge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side both forges share: JSON requests with the forge's auth header, waits on rate limits
 * ({@code Retry-After}, or a reset time when no request is left), a few retries on server errors
 * and broken connections, and the {@code Link: <…>; rel="next"} pagination both GitHub and GitLab
 * use. Nothing it throws quotes a header value.
 */
final class RestClient {

  /** Sleeps between attempts; tests may shorten waits by passing their own. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
  private static final int ATTEMPTS = 4;

  private final HttpClient http;
  private final String forge;
  private final Map<String, String> headers;
  private final Duration maxWait;
  private final Sleeper sleeper;
  private final String resetHeader;

  /**
   * @param forge the forge's name, for messages
   * @param headers sent with every request (the auth header among them)
   * @param maxWait the longest rate-limit wait accepted; a longer one fails the request
   * @param resetHeader the header holding the epoch second the rate limit resets at
   */
  RestClient(
      HttpClient http,
      String forge,
      Map<String, String> headers,
      Duration maxWait,
      Sleeper sleeper,
      String resetHeader) {
    this.http = http;
    this.forge = forge;
    this.headers = Map.copyOf(headers);
    this.maxWait = maxWait;
    this.sleeper = sleeper;
    this.resetHeader = resetHeader;
  }

  record Response(int status, String body, Optional<String> next) {}

  Response send(String method, URI uri, String jsonBody) throws ForgeException {
    ForgeException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
      headers.forEach(b::header);
      if (jsonBody != null) {
        b.header("Content-Type", "application/json");
      }
      b.method(
          method,
          jsonBody == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(jsonBody));
      HttpResponse<String> r;
      try {
        r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        last =
            new ForgeException(
                forge
                    + " "
                    + method
                    + " "
                    + uri.getPath()
                    + ": no response ("
                    + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + ")",
                0);
        pause(Duration.ofSeconds(attempt), last);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ForgeException(forge + " request interrupted", 0);
      }
      int status = r.statusCode();
      if (status >= 200 && status < 300) {
        return new Response(
            status, r.body(), r.headers().firstValue("Link").flatMap(RestClient::nextLink));
      }
      String what =
          forge + " " + method + " " + uri.getPath() + " → " + status + " " + message(r.body());
      if (status == 401) {
        throw new ForgeException(
            what + ": the token was refused (missing, expired or revoked)", status);
      }
      Optional<Duration> wait = rateLimitWait(r);
      if ((status == 403 || status == 429) && wait.isPresent()) {
        last = new ForgeException(what + ": rate limited", status);
        if (wait.get().compareTo(maxWait) > 0) {
          throw new ForgeException(
              what
                  + ": rate limited for "
                  + wait.get().toSeconds()
                  + " s more; retried at a later poll",
              status);
        }
        pause(wait.get(), last);
        continue;
      }
      if (status == 403) {
        throw new ForgeException(
            what
                + ": the token lacks a permission (commit statuses: write; pull requests or issues: write)",
            status);
      }
      if (status == 404) {
        throw new ForgeException(
            what + ": not found (wrong repository, or a token that cannot see it)", status);
      }
      if (status >= 500) {
        last = new ForgeException(what, status);
        pause(Duration.ofSeconds(attempt), last);
        continue;
      }
      throw new ForgeException(what, status);
    }
    throw last;
  }

  private void pause(Duration d, ForgeException cause) throws ForgeException {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cause;
    }
  }

  /**
   * How long the forge asks to wait, from {@code Retry-After} or an exhausted limit's reset time.
   */
  private Optional<Duration> rateLimitWait(HttpResponse<String> r) {
    Optional<String> retryAfter = r.headers().firstValue("Retry-After");
    if (retryAfter.isPresent()) {
      try {
        return Optional.of(
            Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.get().trim()))));
      } catch (NumberFormatException e) {
        return Optional.of(Duration.ofSeconds(60));
      }
    }
    boolean exhausted =
        r.headers()
            .firstValue("X-RateLimit-Remaining")
            .or(() -> r.headers().firstValue("RateLimit-Remaining"))
            .map(v -> v.trim().equals("0"))
            .orElse(false);
    Optional<String> reset = r.headers().firstValue(resetHeader);
    if (exhausted && reset.isPresent()) {
      try {
        long seconds = Long.parseLong(reset.get().trim()) - Instant.now().getEpochSecond();
        return Optional.of(Duration.ofSeconds(Math.max(1, seconds)));
      } catch (NumberFormatException e) {
        return Optional.of(Duration.ofSeconds(60));
      }
    }
    return Optional.empty();
  }

  static Optional<String> nextLink(String link) {
    Matcher m = NEXT.matcher(link);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The forge's error message from a JSON body, shortened; never the request's headers. */
  private static String message(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    Matcher m = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(body);
    String text = m.find() ? m.group(1) : body.strip();
    return "(" + (text.length() > 200 ? text.substring(0, 200) + "…" : text) + ")";
  }
}
