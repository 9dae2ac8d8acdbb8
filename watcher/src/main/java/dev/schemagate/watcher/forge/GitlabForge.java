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
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab's REST API (v4): commit statuses ({@code POST /projects/:id/statuses/:sha}) and merge
 * request notes ({@code GET/POST /projects/:id/merge_requests/:iid/notes}, {@code PUT
 * /projects/:id/merge_requests/:iid/notes/:note_id}). The token ({@code GITLAB_TOKEN}) needs the
 * {@code api} scope.
 */
public final class GitlabForge implements Forge {

  public static final String TOKEN_ENV = "GITLAB_TOKEN";
  public static final String DEFAULT_API = "https://gitlab.com/api/v4";
  private static final Pattern MR = Pattern.compile("refs/merge-requests/(\\d+)/head");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI api;
  private final String project;
  private final RestClient client;

  public GitlabForge(URI api, String project, String token, Duration maxRateLimitWait) {
    this(
        api,
        project,
        token,
        maxRateLimitWait,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
        d -> Thread.sleep(d.toMillis()));
  }

  GitlabForge(
      URI api,
      String project,
      String token,
      Duration maxRateLimitWait,
      HttpClient http,
      RestClient.Sleeper sleeper) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("--forge gitlab needs a token in " + TOKEN_ENV);
    }
    if (project == null || project.isBlank()) {
      throw new IllegalArgumentException(
          "--forge-repo must be the project's path (group/project) or numeric id for GitLab");
    }
    this.api = URI.create(api.toString().replaceAll("/+$", "") + "/");
    this.project = project.replaceAll("\\.git$", "");
    this.client =
        new RestClient(
            http,
            "GitLab",
            Map.of("PRIVATE-TOKEN", token, "User-Agent", "schemagate-watcher"),
            maxRateLimitWait,
            sleeper,
            "RateLimit-Reset");
  }

  @Override
  public String name() {
    return "gitlab";
  }

  @Override
  public List<String> defaultRefPatterns() {
    return List.of("refs/merge-requests/*/head");
  }

  @Override
  public OptionalLong changeNumber(String ref) {
    Matcher m = MR.matcher(ref);
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  @Override
  public void setStatus(String commit, CommitState state, String description, String targetUrl)
      throws ForgeException {
    ObjectNode body = JSON.createObjectNode();
    body.put(
        "state",
        switch (state) {
          case SUCCESS -> "success";
          case FAILURE, ERROR -> "failed";
        });
    body.put("name", GithubForge.CONTEXT);
    body.put("description", description);
    if (targetUrl != null) {
      body.put("target_url", targetUrl);
    }
    client.send("POST", path("statuses/" + commit), body.toString());
  }

  @Override
  public void upsertComment(long change, String body) throws ForgeException {
    Optional<JsonNode> existing = findNote(change);
    ObjectNode json = JSON.createObjectNode().put("body", body);
    if (existing.isEmpty()) {
      client.send("POST", path("merge_requests/" + change + "/notes"), json.toString());
    } else if (!body.equals(existing.get().path("body").asText())) {
      client.send(
          "PUT",
          path("merge_requests/" + change + "/notes/" + existing.get().path("id").asLong()),
          json.toString());
    }
  }

  private Optional<JsonNode> findNote(long change) throws ForgeException {
    URI next = path("merge_requests/" + change + "/notes?per_page=100");
    for (int page = 0; next != null && page < 100; page++) {
      RestClient.Response r = client.send("GET", next, null);
      for (JsonNode n : GithubForge.parse(r.body())) {
        if (!n.path("system").asBoolean(false)
            && n.path("body").asText("").contains(MarkdownReporter.MARKER)) {
          return Optional.of(n);
        }
      }
      next = r.next().map(URI::create).orElse(null);
    }
    return Optional.empty();
  }

  private URI path(String rest) {
    // A project path is one URL-encoded segment: group%2Fproject.
    return api.resolve(
        "projects/" + URLEncoder.encode(project, StandardCharsets.UTF_8) + "/" + rest);
  }
}
