package dev.schemagate.watcher.testsupport;

import dev.schemagate.analyzer.report.DocLinks;
import dev.schemagate.watcher.Redactor;
import dev.schemagate.watcher.WatchConfig;
import dev.schemagate.watcher.WatchLog;
import dev.schemagate.watcher.Watcher;
import dev.schemagate.watcher.analysis.CommitChecker;
import dev.schemagate.watcher.analysis.PolicyFingerprint;
import dev.schemagate.watcher.forge.Forge;
import dev.schemagate.watcher.git.RemoteUrl;
import dev.schemagate.watcher.http.Metrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A watcher as the CLI builds one, with its log captured. */
public final class TestWatcher {

  public final Watcher watcher;
  public final Metrics metrics;
  public final StringWriter log;
  public final Redactor redactor;

  private TestWatcher(Watcher watcher, Metrics metrics, StringWriter log, Redactor redactor) {
    this.watcher = watcher;
    this.metrics = metrics;
    this.log = log;
    this.redactor = redactor;
  }

  public static TestWatcher create(Path state, String url, Forge forge) {
    return create(
        state,
        url,
        forge,
        PolicyFingerprint.bundled(),
        CommitChecker.DEFAULT_MAX_FILE_BYTES,
        List.of("refs/pull/*/head"));
  }

  public static TestWatcher create(
      Path state,
      String url,
      Forge forge,
      String policyHash,
      long maxFileBytes,
      List<String> patterns) {
    return create(state, url, forge, policyHash, maxFileBytes, patterns, "", null);
  }

  /**
   * With the schemagate root in a sub-folder ({@code path}) and a fixed protected branch (or null).
   */
  public static TestWatcher create(
      Path state,
      String url,
      Forge forge,
      String policyHash,
      long maxFileBytes,
      List<String> patterns,
      String path,
      String branch) {
    return create(
        state, url, forge, policyHash, maxFileBytes, patterns, path, branch, Clock.systemUTC());
  }

  /** With the bundled policies, GitHub's pull-request refs and a clock the test moves. */
  public static TestWatcher create(Path state, String url, Forge forge, Clock clock) {
    return create(
        state,
        url,
        forge,
        PolicyFingerprint.bundled(),
        CommitChecker.DEFAULT_MAX_FILE_BYTES,
        List.of("refs/pull/*/head"),
        "",
        null,
        clock);
  }

  public static TestWatcher create(
      Path state,
      String url,
      Forge forge,
      String policyHash,
      long maxFileBytes,
      List<String> patterns,
      String path,
      String branch,
      Clock clock) {
    RemoteUrl remote = RemoteUrl.parse(url, System::getenv);
    Redactor redactor = new Redactor(List.of()).with(remote.password());
    StringWriter out = new StringWriter();
    WatchLog log = new WatchLog(new PrintWriter(out), redactor);
    Metrics metrics = new Metrics();
    WatchConfig config =
        new WatchConfig(
            remote,
            Duration.ofSeconds(1),
            patterns,
            branch,
            path,
            state,
            maxFileBytes,
            Duration.ofSeconds(5),
            Duration.ofSeconds(8),
            "http://watch.example");
    CommitChecker checker =
        new CommitChecker(state.resolve("scratch"), path, maxFileBytes, DocLinks.defaults());
    return new TestWatcher(
        new Watcher(config, forge, log, metrics, checker, policyHash, clock),
        metrics,
        out,
        redactor);
  }
}
