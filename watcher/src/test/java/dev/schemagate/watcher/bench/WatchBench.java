package dev.schemagate.watcher.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.schemagate.analyzer.report.DocLinks;
import dev.schemagate.watcher.Redactor;
import dev.schemagate.watcher.WatchConfig;
import dev.schemagate.watcher.WatchLog;
import dev.schemagate.watcher.Watcher;
import dev.schemagate.watcher.analysis.CommitChecker;
import dev.schemagate.watcher.analysis.PolicyFingerprint;
import dev.schemagate.watcher.forge.Forge;
import dev.schemagate.watcher.forge.GithubForge;
import dev.schemagate.watcher.git.RemoteUrl;
import dev.schemagate.watcher.http.Metrics;
import dev.schemagate.watcher.testsupport.BulkHistory;
import dev.schemagate.watcher.testsupport.GitDaemonServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Two measurements of the watcher (run by bench/watch.sh; prints figures, asserts nothing):
 *
 * <ol>
 *   <li>push → posted verdict: a new pull-request head is pushed to a repository served by JGit's
 *       git daemon; the watcher polls it every {@code --interval}; the time until the GitHub API
 *       (WireMock) receives the commit status for that commit;
 *   <li>the cost of one steady-state poll (nothing new) on a repository of 10,000 commits and 500
 *       migration files: wall time, CPU time of the process, bytes allocated by the polling thread.
 * </ol>
 */
public final class WatchBench {

  public static void main(String[] args) throws Exception {
    int commits = intArg(args, "--commits", 10_000);
    int files = intArg(args, "--files", 500);
    int pushes = intArg(args, "--pushes", 10);
    int polls = intArg(args, "--polls", 20);
    long intervalMs = intArg(args, "--interval-ms", 200);
    Path dir = Files.createTempDirectory("schemagate-watch-bench");
    WireMockServer github = new WireMockServer(options().dynamicPort());
    github.start();
    github.stubFor(
        post(urlPathMatching("/repos/o/r/statuses/.*"))
            .willReturn(aResponse().withStatus(201).withBody("{}")));
    github.stubFor(
        get(urlPathMatching("/repos/o/r/issues/.*/comments"))
            .willReturn(aResponse().withBody("[]")));
    github.stubFor(
        post(urlPathMatching("/repos/o/r/issues/.*/comments"))
            .willReturn(aResponse().withStatus(201).withBody("{\"id\":1}")));
    Map<String, Long> statusArrivals = new ConcurrentHashMap<>();
    github.addMockServiceRequestListener(
        (request, response) -> {
          String url = request.getUrl();
          if (request.getMethod().getName().equals("POST") && url.contains("/statuses/")) {
            statusArrivals.putIfAbsent(url.substring(url.lastIndexOf('/') + 1), System.nanoTime());
          }
        });
    Path remoteDir = dir.resolve("remote.git");
    try (Git remote =
            Git.init()
                .setBare(true)
                .setDirectory(remoteDir.toFile())
                .setInitialBranch("main")
                .call();
        GitDaemonServer daemon = new GitDaemonServer(dir)) {
      long g0 = System.nanoTime();
      ObjectId main =
          BulkHistory.write(remote.getRepository(), "refs/heads/main", commits, files, null);
      System.out.printf(
          Locale.ROOT,
          "generated %d commits, %d migration files in %.1f s%n",
          commits,
          files,
          secs(g0));

      Forge forge =
          new GithubForge(
              URI.create(github.baseUrl()), "o/r", "bench-token", Duration.ofSeconds(5));
      StringWriter log = new StringWriter();
      Metrics metrics = new Metrics();
      Path state = dir.resolve("state");
      WatchConfig config =
          new WatchConfig(
              RemoteUrl.parse(daemon.url("remote.git"), k -> null),
              Duration.ofMillis(intervalMs),
              List.of("refs/pull/*/head"),
              null,
              "",
              state,
              CommitChecker.DEFAULT_MAX_FILE_BYTES,
              Duration.ofSeconds(60),
              Duration.ofSeconds(5),
              null);
      CommitChecker checker =
          new CommitChecker(
              state.resolve("scratch"),
              "",
              CommitChecker.DEFAULT_MAX_FILE_BYTES,
              DocLinks.defaults());
      try (Watcher watcher =
          new Watcher(
              config,
              forge,
              new WatchLog(new PrintWriter(log), Redactor.none()),
              metrics,
              checker,
              PolicyFingerprint.bundled())) {
        Cost first = measure(watcher::poll);
        System.out.printf(
            Locale.ROOT,
            "first poll (initial fetch of %d commits + check of the main head): %s%n",
            commits,
            first);

        // One new pull-request head on top of the long history: the check replays all files.
        ObjectId pr =
            BulkHistory.write(
                remote.getRepository(), "refs/pull/1/head", 1, 1, main, files, " pr1");
        Cost withPr = measure(watcher::poll);
        System.out.printf(
            Locale.ROOT,
            "poll with one new pull-request head (its check replays %d files): %s%n",
            files + 1,
            withPr);
        System.out.println(
            "  its verdict: " + watcher.refs().get("refs/pull/1/head").description());

        System.out.println("  its stages (ms): " + checker.lastTimings());
        List<Cost> checks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          checks.add(
              measure(
                  () -> {
                    try {
                      return checker.check(watcher.repository(), pr, main, "main", "bench");
                    } catch (dev.schemagate.watcher.analysis.CheckUnavailableException e) {
                      throw new IllegalStateException(e.getMessage(), e);
                    }
                  }));
        }
        System.out.printf(
            Locale.ROOT,
            "warm check of that head, 5 runs: wall median %.0f ms, process CPU median %.0f ms,"
                + " allocated median %.1f MB; stages of the last (ms): %s%n",
            median(checks, c -> c.wallMs),
            median(checks, c -> c.cpuMs),
            median(checks, c -> c.allocatedBytes / 1e6),
            checker.lastTimings());

        List<Cost> steady = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          watcher.poll(); // warm-up
        }
        for (int i = 0; i < polls; i++) {
          steady.add(measure(watcher::poll));
        }
        System.out.printf(
            Locale.ROOT,
            "steady-state poll (nothing new), %d polls: wall median %.1f ms (min %.1f, max %.1f);"
                + " process CPU median %.1f ms; allocated by the polling thread median %.2f MB%n",
            polls,
            median(steady, c -> c.wallMs),
            min(steady, c -> c.wallMs),
            max(steady, c -> c.wallMs),
            median(steady, c -> c.cpuMs),
            median(steady, c -> c.allocatedBytes / 1e6));

        // push → status, with the watcher running its own loop.
        Thread loop = new Thread(watcher::run, "watch-loop");
        loop.setDaemon(true);
        loop.start();
        List<Double> latencies = new ArrayList<>();
        List<Double> served = new ArrayList<>();
        ObjectId parent = main; // the clone has main, not the pull-request refs
        try (Git work =
            Git.cloneRepository()
                .setURI(remoteDir.toUri().toString())
                .setDirectory(dir.resolve("work").toFile())
                .setBranch("main")
                .setNoCheckout(false)
                .call()) {
          for (int i = 0; i < pushes; i++) {
            // Pushes spread evenly over the poll cycle: the i-th lands i/pushes of an interval
            // later in it.
            Thread.sleep(intervalMs * 2 + i * intervalMs / pushes);
            ObjectId head =
                BulkHistory.write(
                    work.getRepository(),
                    "refs/heads/pr" + i,
                    1,
                    1,
                    parent,
                    files + i,
                    " push" + i);
            long pushedAt;
            work.push()
                .setRemote("origin")
                .setRefSpecs(
                    new org.eclipse.jgit.transport.RefSpec(
                        "+refs/heads/pr" + i + ":refs/pull/" + (i + 2) + "/head"))
                .call();
            pushedAt = System.nanoTime();
            long deadline = pushedAt + Duration.ofSeconds(60).toNanos();
            String ref = "refs/pull/" + (i + 2) + "/head";
            Long servedAt = null;
            while (!statusArrivals.containsKey(head.name()) && System.nanoTime() < deadline) {
              var entry = watcher.refs().get(ref);
              if (servedAt == null
                  && entry != null
                  && entry.commit().equals(head.name())
                  && !entry.state().equals(Watcher.PENDING)) {
                servedAt = System.nanoTime();
              }
              Thread.sleep(2);
            }
            if (servedAt == null && statusArrivals.containsKey(head.name())) {
              servedAt =
                  statusArrivals.get(
                      head.name()); // served before that, between two samples: an upper bound
            }
            served.add(servedAt == null ? Double.NaN : (servedAt - pushedAt) / 1e6);
            Long arrived = statusArrivals.get(head.name());
            latencies.add(arrived == null ? Double.NaN : (arrived - pushedAt) / 1e6);
            parent = head;
          }
        }
        loop.interrupt();
        loop.join(10_000);
        Collections.sort(latencies);
        Collections.sort(served);
        System.out.printf(
            Locale.ROOT,
            "push -> verdict served in /verdicts (interval %d ms, %d pushes): median %.0f ms, min %.0f ms,"
                + " max %.0f ms (sampled every 2 ms; when the status came first, its arrival, an upper bound)%n",
            intervalMs,
            pushes,
            served.get(served.size() / 2),
            served.get(0),
            served.get(served.size() - 1));
        System.out.printf(
            Locale.ROOT,
            "push -> status POST (interval %d ms, %d pushes): median %.0f ms, min %.0f ms, max %.0f ms%n",
            intervalMs,
            pushes,
            latencies.get(latencies.size() / 2),
            latencies.get(0),
            latencies.get(latencies.size() - 1));
        System.out.printf(
            Locale.ROOT,
            "commits analyzed: %d; fetch failures: %d%n",
            metrics.commitsAnalyzed(),
            metrics.fetchFailures());
      }
    } finally {
      github.stop();
    }
  }

  record Cost(double wallMs, double cpuMs, long allocatedBytes) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "wall %.1f ms, process CPU %.1f ms, allocated by the polling thread %.2f MB",
          wallMs,
          cpuMs,
          allocatedBytes / 1e6);
    }
  }

  static Cost measure(Supplier<?> work) {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long cpu0 = os.getProcessCpuTime();
    long alloc0 = threads.getThreadAllocatedBytes(tid);
    long t0 = System.nanoTime();
    work.get();
    long wall = System.nanoTime() - t0;
    return new Cost(
        wall / 1e6,
        (os.getProcessCpuTime() - cpu0) / 1e6,
        threads.getThreadAllocatedBytes(tid) - alloc0);
  }

  static double median(List<Cost> costs, java.util.function.ToDoubleFunction<Cost> f) {
    double[] v = costs.stream().mapToDouble(f).sorted().toArray();
    return v[v.length / 2];
  }

  static double min(List<Cost> costs, java.util.function.ToDoubleFunction<Cost> f) {
    return costs.stream().mapToDouble(f).min().orElse(Double.NaN);
  }

  static double max(List<Cost> costs, java.util.function.ToDoubleFunction<Cost> f) {
    return costs.stream().mapToDouble(f).max().orElse(Double.NaN);
  }

  static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  static int intArg(String[] args, String name, int dflt) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return dflt;
  }
}
