package dev.schemagate.watcher.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemagate.analyzer.report.MarkdownReporter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's REST API (v3): commit statuses ({@code POST /repos/{owner}/{repo}/statuses/{sha}}) and
 * issue comments on the pull request ({@code GET/POST /repos/{owner}/{repo}/issues/{n}/comments},
 * {@code PATCH /repos/{owner}/{repo}/issues/comments/{id}}). The token needs "Commit statuses:
 * write" and "Pull requests: write" (fine-grained) or the {@code repo} scope (classic).
 */
public final class GithubForge implements Forge {

  public static final String TOKEN_ENV = "GITHUB_TOKEN";
  public static final String DEFAULT_API = "https://api.github.com";
  public static final String CONTEXT = "schemagate";
  private static final Pattern PULL = Pattern.compile("refs/pull/(\\d+)/head");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI api;
  private final String owner;
  private final String repo;
  private final RestClient client;

  /**
   * @param api the API root ({@value #DEFAULT_API}, or {@code https://HOST/api/v3} for GitHub
   *     Enterprise Server)
   * @param ownerRepo {@code owner/repo}
   * @param maxRateLimitWait the longest wait for a rate limit within one poll
   */
  public GithubForge(URI api, String ownerRepo, String token, Duration maxRateLimitWait) {
    this(
        api,
        ownerRepo,
        token,
        maxRateLimitWait,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
        d -> Thread.sleep(d.toMillis()));
  }

  GithubForge(
      URI api,
      String ownerRepo,
      String token,
      Duration maxRateLimitWait,
      HttpClient http,
      RestClient.Sleeper sleeper) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("--forge github needs a token in " + TOKEN_ENV);
    }
    String[] parts = ownerRepo == null ? new String[0] : ownerRepo.split("/");
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new IllegalArgumentException(
          "--forge-repo must be owner/repo for GitHub, got: " + ownerRepo);
    }
    this.api = URI.create(api.toString().replaceAll("/+$", "") + "/");
    this.owner = parts[0];
    this.repo = parts[1].replaceAll("\\.git$", "");
    this.client =
        new RestClient(
            http,
            "GitHub",
            Map.of(
                "Accept", "application/vnd.github+json",
                "Authorization", "Bearer " + token,
                "X-GitHub-Api-Version", "2022-11-28",
                "User-Agent", "schemagate-watcher"),
            maxRateLimitWait,
            sleeper,
            "X-RateLimit-Reset");
  }

  /**
   * {@code owner/repo} from a GitHub clone URL ({@code https://github.com/o/r.git}, {@code
   * git@github.com:o/r.git}).
   */
  public static Optional<String> ownerRepoOf(String url) {
    Matcher m = Pattern.compile("github\\.com[:/]([^/]+)/([^/]+?)(?:\\.git)?/?$").matcher(url);
    return m.find() ? Optional.of(m.group(1) + "/" + m.group(2)) : Optional.empty();
  }

  @Override
  public String name() {
    return "github";
  }

  @Override
  public List<String> defaultRefPatterns() {
    return List.of("refs/pull/*/head");
  }

  @Override
  public OptionalLong changeNumber(String ref) {
    Matcher m = PULL.matcher(ref);
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  @Override
  public void setStatus(String commit, CommitState state, String description, String targetUrl)
      throws ForgeException {
    ObjectNode body = JSON.createObjectNode();
    body.put("state", state.name().toLowerCase(Locale.ROOT));
    if (targetUrl != null) {
      body.put("target_url", targetUrl);
    }
    body.put(
        "description",
        description.length() > 140 ? description.substring(0, 139) + "…" : description);
    body.put("context", CONTEXT);
    client.send("POST", path("statuses/" + commit), body.toString());
  }

  @Override
  public void upsertComment(long change, String body) throws ForgeException {
    Optional<JsonNode> existing = findComment(change);
    ObjectNode json = JSON.createObjectNode().put("body", body);
    if (existing.isEmpty()) {
      client.send("POST", path("issues/" + change + "/comments"), json.toString());
    } else if (!body.equals(existing.get().path("body").asText())) {
      client.send(
          "PATCH", path("issues/comments/" + existing.get().path("id").asLong()), json.toString());
    }
  }

  /** The first comment of the pull request that carries the report marker, reading every page. */
  private Optional<JsonNode> findComment(long change) throws ForgeException {
    URI next = path("issues/" + change + "/comments?per_page=100");
    for (int page = 0; next != null && page < 100; page++) {
      RestClient.Response r = client.send("GET", next, null);
      JsonNode comments = parse(r.body());
      for (JsonNode c : comments) {
        if (c.path("body").asText("").contains(MarkdownReporter.MARKER)) {
          return Optional.of(c);
        }
      }
      next = r.next().map(URI::create).orElse(null);
    }
    return Optional.empty();
  }

  private URI path(String rest) {
    return api.resolve("repos/" + enc(owner) + "/" + enc(repo) + "/" + rest);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static JsonNode parse(String body) throws ForgeException {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new ForgeException("unexpected response body (not JSON): " + e.getMessage(), 200);
    }
  }
}
