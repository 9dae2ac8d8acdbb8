package dev.schemagate.watcher;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.schemagate.watcher.forge.GithubForge;
import dev.schemagate.watcher.http.StatusServer;
import dev.schemagate.watcher.testsupport.Chromium;
import dev.schemagate.watcher.testsupport.GitFixture;
import dev.schemagate.watcher.testsupport.TestWatcher;
import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher's pages in a real headless browser (Debian's chromium): what a person on call sees at
 * {@code /} and behind a status's "Details" link, and a screenshot of {@code /}
 * (target/watcher-page.png; the one in docs/ was taken by this test).
 */
class WatcherPageBrowserTest {

  static final String REPO = "/repos/octo-org/hello-world";
  static final Pattern SUB_SECOND_TIME = Pattern.compile("\\d{2}:\\d{2}:\\d{2}\\.\\d");

  @TempDir Path dir;

  @Test
  void thePageShowsRepositoryStatusAndEachRefsFindingsAndTheCommitPageIsHtml() throws Exception {
    Chromium chromium = Chromium.find(Files.createDirectories(dir.resolve("browser")));
    WireMockServer github =
        new WireMockServer(options().dynamicPort().usingFilesUnderClasspath("github"));
    github.start();
    try (GitFixture git = GitFixture.create(dir)) {
      github.stubFor(
          post(urlPathMatching(REPO + "/statuses/[0-9a-f]{40}"))
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Content-Type", "application/json")
                      .withBodyFile("status-created.json")));
      github.stubFor(
          get(urlPathMatching(REPO + "/issues/[0-9]+/comments"))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBodyFile("comments-others.json")));
      github.stubFor(
          post(urlPathMatching(REPO + "/issues/[0-9]+/comments"))
              .willReturn(
                  aResponse()
                      .withStatus(201)
                      .withHeader("Content-Type", "application/json")
                      .withBodyFile("comment-created.json")));
      git.branch("feature", "main");
      git.checkout("feature");
      git.write("migrations/app/0002_index_email/expand.sql", GitFixture.UNSAFE_INDEX);
      RevCommit unsafe = git.commit("app@2: index");
      git.push("feature", "refs/pull/7/head");
      git.branch("safe", "main");
      git.checkout("safe");
      git.write("migrations/app/0002_index_email/expand.sql", GitFixture.SAFE_INDEX);
      RevCommit safe = git.commit("app@2: index, concurrently");
      git.push("safe", "refs/pull/8/head");

      GithubForge forge =
          new GithubForge(
              URI.create(github.baseUrl()),
              "octo-org/hello-world",
              "ghp_page",
              Duration.ofSeconds(5));
      TestWatcher t = TestWatcher.create(dir.resolve("state"), git.url(), forge);
      assertEquals(3, t.watcher.poll().published().size());
      try (StatusServer http =
          new StatusServer(
              new InetSocketAddress("127.0.0.1", 0), t.watcher, t.metrics, t.redactor)) {
        http.start();
        String base = "http://127.0.0.1:" + http.port() + "/";

        String page = chromium.dumpDom(base);
        assertTrue(
            page.contains("<meta http-equiv=\"refresh\" content=\"5\">"),
            "reloads itself: " + page);
        assertTrue(
            page.contains(
                "Repository <code>" + git.url() + "</code> · protected branch <code>main</code>"),
            page);
        assertTrue(
            Pattern.compile(
                    "<div class=\"card good\" id=\"fetch\"><strong>Git fetch</strong> <span class=\"badge ok\">ok</span>"
                        + "<br>last success <time datetime=\"[0-9T:-]+Z\" title=\"[^\"]+ UTC\">(just now|\\d+ s ago)</time>")
                .matcher(page)
                .find(),
            page);
        assertTrue(
            page.contains("<strong>Forge</strong> github <span class=\"badge ok\">ok</span>"),
            page);
        String pr7 = section(page, "refs/pull/7/head");
        assertTrue(
            pr7.contains(
                "<span class=\"badge failure\">failure</span> <code>refs/pull/7/head</code> (pull request #7)"),
            pr7);
        assertTrue(
            pr7.contains(
                "<a href=\"commits/"
                    + unsafe.name()
                    + "\"><code>"
                    + unsafe.name().substring(0, 12)
                    + "</code></a>"),
            pr7);
        assertTrue(
            pr7.contains(
                "<a href=\"https://github.com/schemagate/schemagate/blob/main/docs/rules/lock/create-index-blocking.md\">"
                    + "lock/create-index-blocking</a></td><td><code>migrations/app/0002_index_email/expand.sql:1</code>"),
            pr7);
        assertTrue(pr7.contains(" · forge: reported"), pr7);
        String pr8 = section(page, "refs/pull/8/head");
        assertTrue(pr8.contains("<span class=\"badge success\">success</span>"), pr8);
        assertFalse(pr8.contains("create-index-blocking"), pr8);
        assertFalse(
            Pattern.compile("\\bnull\\b").matcher(page).find(), "the word null is shown: " + page);
        assertFalse(
            SUB_SECOND_TIME.matcher(page.replaceAll("datetime=\"[^\"]*\"", "")).find(),
            "a sub-second timestamp is shown");

        HttpResponse<String> details =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(base + "commits/" + unsafe.name())).build(),
                    HttpResponse.BodyHandlers.ofString());
        assertEquals(
            "text/html; charset=utf-8", details.headers().firstValue("Content-Type").orElse(""));
        String commit = chromium.dumpDom(base + "commits/" + unsafe.name());
        assertTrue(
            commit.contains(
                "<h1><span class=\"badge failure\">failure</span> commit <code>"
                    + unsafe.name()
                    + "</code></h1>"),
            commit);
        assertTrue(
            commit.contains(
                "head of <code>refs/pull/7/head</code> · compared with <code>main</code>"),
            commit);
        assertTrue(
            commit.contains(
                "lock/create-index-blocking</a></td><td><code>migrations/app/0002_index_email/expand.sql:1</code>"),
            commit);
        assertTrue(
            commit.contains(
                "<summary>The pull-request comment (<a href=\""
                    + unsafe.name()
                    + ".md\">markdown</a>)</summary>"),
            commit);
        HttpResponse<String> md =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(base + "commits/" + unsafe.name() + ".md"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertTrue(md.body().startsWith("<!-- schemagate-report -->"), md.body());
        assertEquals(
            "text/markdown; charset=utf-8", md.headers().firstValue("Content-Type").orElse(""));

        Path png = Path.of("target", "watcher-page.png");
        Files.deleteIfExists(png);
        chromium.screenshot(base, png, 1200, 1300);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(1300, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
          for (int x = 0; x < image.getWidth(); x += 2) {
            colours.add(image.getRGB(x, y) & 0xffffff);
          }
        }
        assertTrue(colours.contains(0xcf222e), "the failure badge's red is on the screenshot");
        assertTrue(colours.contains(0x1a7f37), "the success badge's green is on the screenshot");
        assertTrue(
            colours.size() > 50, "rendered text, not a blank page: " + colours.size() + " colours");
        assertTrue(safe.name().length() == 40);
      }
      t.watcher.close();
    } finally {
      github.stop();
    }
  }

  /** The {@code <article>} of one ref. */
  private static String section(String page, String ref) {
    int start = page.indexOf("id=\"" + ref + "\"");
    assertTrue(start >= 0, ref + " is not on the page: " + page);
    return page.substring(start, page.indexOf("</article>", start));
  }
}
