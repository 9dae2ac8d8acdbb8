package dev.schemagate.cli.watch;

import dev.schemagate.analyzer.report.DocLinks;
import dev.schemagate.watcher.Redactor;
import dev.schemagate.watcher.WatchConfig;
import dev.schemagate.watcher.WatchLog;
import dev.schemagate.watcher.Watcher;
import dev.schemagate.watcher.analysis.CommitChecker;
import dev.schemagate.watcher.analysis.PolicyFingerprint;
import dev.schemagate.watcher.forge.Forge;
import dev.schemagate.watcher.forge.GithubForge;
import dev.schemagate.watcher.forge.GitlabForge;
import dev.schemagate.watcher.git.RemoteUrl;
import dev.schemagate.watcher.http.Metrics;
import dev.schemagate.watcher.http.StatusServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schemagate watch}: the long-running Git watcher (see docs/watcher.md). */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Watch a Git repository: check each new head of the protected branch and of open pull requests against its"
          + " merge base, report the verdict to the forge (commit status + one sticky comment) and serve"
          + " /healthz, /metrics, /verdicts and / on HTTP.",
      "Tokens come from the environment: GITHUB_TOKEN, GITLAB_TOKEN; Git credentials from --git-password-file"
          + " or SCHEMAGATE_GIT_USERNAME / SCHEMAGATE_GIT_PASSWORD (a password in the --repo URL works but is"
          + " visible in ps). They are never logged."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped (or --once: the fetch worked)",
      "2:usage or input error (or --once: the fetch failed)"
    })
public final class WatchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "URL|PATH",
      description = "The Git repository to watch")
  String repo;

  @Option(
      names = "--interval",
      defaultValue = "30s",
      paramLabel = "DURATION",
      description = "Time between polls (default: ${DEFAULT-VALUE})")
  String interval;

  @Option(
      names = "--ref-pattern",
      paramLabel = "GLOB",
      description =
          "Pull-request refs to follow, repeatable (default: refs/pull/*/head for GitHub,"
              + " refs/merge-requests/*/head for GitLab, none otherwise)")
  List<String> refPatterns = new ArrayList<>();

  @Option(
      names = "--branch",
      paramLabel = "NAME",
      description =
          "The protected branch (default: protected_branch of schemagate.yaml on the remote's HEAD, or main)")
  String branch;

  @Option(
      names = "--path",
      defaultValue = "",
      paramLabel = "DIR",
      description = "The folder of schemagate.yaml inside the repository (default: the top)")
  String path;

  @Option(
      names = "--listen",
      defaultValue = ":8080",
      paramLabel = "[HOST]:PORT",
      description = "Where to serve HTTP (default: ${DEFAULT-VALUE}); 'none' serves nothing")
  String listen;

  @Option(
      names = "--forge",
      defaultValue = "none",
      paramLabel = "NAME",
      description = "github, gitlab or none (default: ${DEFAULT-VALUE})")
  String forge;

  @Option(
      names = "--forge-repo",
      paramLabel = "OWNER/REPO",
      description = "The repository on the forge (default: from a github.com / gitlab.com URL)")
  String forgeRepo;

  @Option(
      names = "--forge-api",
      paramLabel = "URL",
      description =
          "The forge's API root (default: https://api.github.com, https://gitlab.com/api/v4;"
              + " or GITHUB_API_URL / CI_API_V4_URL)")
  String forgeApi;

  @Option(
      names = "--state-dir",
      defaultValue = ".schemagate-watch",
      paramLabel = "DIR",
      description = "Mirror, verdicts and scratch space (default: ${DEFAULT-VALUE})")
  Path stateDir;

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description = "Where this watcher is reachable; statuses then link to URL/commits/<sha>")
  String publicUrl;

  @Option(
      names = "--max-file-size",
      defaultValue = "8MiB",
      paramLabel = "SIZE",
      description = "Largest migration file analyzed (default: ${DEFAULT-VALUE})")
  String maxFileSize;

  @Option(
      names = "--fetch-timeout",
      defaultValue = "60s",
      paramLabel = "DURATION",
      description = "Network timeout of one fetch (default: ${DEFAULT-VALUE})")
  String fetchTimeout;

  @Option(
      names = "--max-backoff",
      defaultValue = "10m",
      paramLabel = "DURATION",
      description =
          "Longest wait between polls after repeated fetch failures (default: ${DEFAULT-VALUE})")
  String maxBackoff;

  @Option(
      names = "--git-password-file",
      paramLabel = "FILE",
      description =
          "File whose first line is the Git password or token (user: the URL's, SCHEMAGATE_GIT_USERNAME"
              + " or x-access-token)")
  Path gitPasswordFile;

  @Option(
      names = "--once",
      description = "Poll once, print the verdicts of the followed refs, and exit")
  boolean once;

  /** The environment; tests replace it. */
  Function<String, String> env = System::getenv;

  @Override
  public Integer call() throws Exception {
    RemoteUrl remote = RemoteUrl.parse(repo, env, gitPasswordFile);
    Redactor redactor =
        new Redactor(List.of())
            .with(
                remote.password(),
                env.apply(GithubForge.TOKEN_ENV),
                env.apply(GitlabForge.TOKEN_ENV),
                env.apply(RemoteUrl.PASSWORD_ENV));
    WatchLog log = new WatchLog(spec.commandLine().getErr(), redactor);
    if (remote.passwordInUrl()) {
      log.warn(
          "the password in --repo is visible to anyone who can list this host's processes (ps): put it in a file"
              + " and pass --git-password-file FILE, or set "
              + RemoteUrl.PASSWORD_ENV);
    }
    long maxBytes = DurationText.bytes(maxFileSize, "--max-file-size");
    WatchConfig config =
        new WatchConfig(
            remote,
            DurationText.parse(interval, "--interval"),
            refPatterns,
            branch,
            path,
            stateDir.toAbsolutePath().normalize(),
            maxBytes,
            DurationText.parse(fetchTimeout, "--fetch-timeout"),
            DurationText.parse(maxBackoff, "--max-backoff"),
            publicUrl);
    Forge target = forge(remote);
    Metrics metrics = new Metrics();
    CommitChecker checker =
        new CommitChecker(
            config.stateDir().resolve("scratch"), path, maxBytes, DocLinks.defaults());
    try (Watcher watcher =
        new Watcher(config, target, log, metrics, checker, PolicyFingerprint.bundled())) {
      if (once) {
        Watcher.PollReport report = watcher.poll();
        watcher
            .refs()
            .values()
            .forEach(
                r ->
                    spec.commandLine()
                        .getOut()
                        .println(
                            r.ref()
                                + " "
                                + r.commit()
                                + " "
                                + r.state()
                                + " "
                                + redactor.redact(r.description())));
        spec.commandLine().getOut().flush();
        return report.fetched() ? 0 : 2;
      }
      StatusServer http = null;
      if (!listen.equalsIgnoreCase("none")) {
        http = serve(address(listen), watcher, metrics, redactor);
        http.start();
        log.info("serving /healthz, /metrics, /verdicts and / on port " + http.port());
      }
      Thread loop = Thread.currentThread();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(loop::interrupt, "schemagate-watch-shutdown"));
      try {
        watcher.run();
      } finally {
        if (http != null) {
          http.close();
        }
      }
      return 0;
    }
  }

  private Forge forge(RemoteUrl remote) {
    Duration maxWait = Duration.ofSeconds(60);
    return switch (forge.toLowerCase(Locale.ROOT)) {
      case "none" -> Forge.none();
      case "github" -> {
        String api =
            forgeApi != null
                ? forgeApi
                : env.apply("GITHUB_API_URL") != null
                    ? env.apply("GITHUB_API_URL")
                    : GithubForge.DEFAULT_API;
        String ownerRepo =
            forgeRepo != null
                ? forgeRepo
                : GithubForge.ownerRepoOf(remote.url())
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "--forge github: give --forge-repo OWNER/REPO (the URL is not on github.com)"));
        yield new GithubForge(
            URI.create(api), ownerRepo, env.apply(GithubForge.TOKEN_ENV), maxWait);
      }
      case "gitlab" -> {
        String api =
            forgeApi != null
                ? forgeApi
                : env.apply("CI_API_V4_URL") != null
                    ? env.apply("CI_API_V4_URL")
                    : GitlabForge.DEFAULT_API;
        String project = forgeRepo != null ? forgeRepo : gitlabProject(remote.url());
        yield new GitlabForge(URI.create(api), project, env.apply(GitlabForge.TOKEN_ENV), maxWait);
      }
      default ->
          throw new IllegalArgumentException(
              "--forge " + forge + ": expected github, gitlab or none");
    };
  }

  private static String gitlabProject(String url) {
    Matcher m = Pattern.compile("^[a-z+]+://[^/]+/(.+?)(?:\\.git)?/?$").matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("--forge gitlab: give --forge-repo GROUP/PROJECT");
    }
    return m.group(1);
  }

  private StatusServer serve(
      InetSocketAddress address, Watcher watcher, Metrics metrics, Redactor redactor)
      throws java.io.IOException {
    try {
      return new StatusServer(address, watcher, metrics, redactor);
    } catch (java.net.BindException e) {
      String where =
          (address.getAddress() == null
                  ? address.getHostString()
                  : address.getAddress().getHostAddress())
              + ":"
              + address.getPort();
      throw new IllegalArgumentException(
          "--listen "
              + listen
              + ": "
              + where
              + " is already in use ("
              + e.getMessage()
              + "); stop what listens there, or choose another port with --listen HOST:PORT (or --listen none)");
    }
  }

  static InetSocketAddress address(String listen) {
    int colon = listen.lastIndexOf(':');
    String host = colon <= 0 ? "0.0.0.0" : listen.substring(0, colon);
    String port = colon < 0 ? listen : listen.substring(colon + 1);
    try {
      return new InetSocketAddress(host, Integer.parseInt(port));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--listen " + listen + ": expected [HOST]:PORT, e.g. :8080 or 127.0.0.1:8080");
    }
  }
}
