package dev.schemagate.watcher.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium, headless, as a test drives it: the DOM a page renders to, and a screenshot. It
 * is installed by {@code scripts/install-chromium.sh} (CI's {@code .ci/run} calls it); a missing
 * browser fails the test, it is never skipped.
 */
public final class Chromium {

  private final Path binary;
  private final Path work;

  private Chromium(Path binary, Path work) {
    this.binary = binary;
    this.work = work;
  }

  /**
   * Finds the browser ({@code SCHEMAGATE_CHROMIUM}, else {@code chromium} on the PATH) or fails the
   * test.
   */
  public static Chromium find(Path work) {
    String configured = System.getenv("SCHEMAGATE_CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return new Chromium(Path.of(configured), work);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "chromium");
      if (Files.isExecutable(candidate)) {
        return new Chromium(candidate, work);
      }
    }
    return fail(
        "chromium is not on the PATH (nor in SCHEMAGATE_CHROMIUM): run scripts/install-chromium.sh, as .ci/run does");
  }

  /** The DOM of {@code url} after it loaded, serialized. */
  public String dumpDom(String url) throws Exception {
    return run("--dump-dom", url);
  }

  /** Writes a PNG of {@code url} at the given window size. */
  public void screenshot(String url, Path png, int width, int height) throws Exception {
    run("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, url);
    if (!Files.isRegularFile(png)) {
      fail("chromium wrote no screenshot to " + png);
    }
  }

  private String run(String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--no-first-run",
                "--user-data-dir=" + work.resolve("profile")));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(work, "chromium", ".out");
    Path err = Files.createTempFile(work, "chromium", ".err");
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        fail("chromium did not finish within 180 s: " + String.join(" ", cmd));
      }
      if (p.exitValue() != 0) {
        fail("chromium exited with " + p.exitValue() + ": " + tail(err));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static String tail(Path file) throws IOException {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
  }
}
