package dev.schemagate.analyzer.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code opa} command line, used only to compile a user's Rego folder at run time (the bundled
 * policy is precompiled). Found through {@code SCHEMAGATE_OPA}, else on {@code PATH}.
 */
public final class OpaCli {
  /** The environment variable naming the opa binary. */
  public static final String ENV = "SCHEMAGATE_OPA";

  private static final long TIMEOUT_SECONDS = 120;

  private final Path binary;

  public OpaCli(Path binary) {
    this.binary = binary;
  }

  public Path binary() {
    return binary;
  }

  /** Locates opa from the process environment. */
  public static OpaCli locate() {
    return locate(System.getenv());
  }

  /** Locates opa: {@code SCHEMAGATE_OPA} if set, else the first {@code opa} on {@code PATH}. */
  public static OpaCli locate(Map<String, String> env) {
    String explicit = env.get(ENV);
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit);
      if (!Files.isExecutable(p)) {
        throw new PolicyException(ENV + "=" + explicit + " is not an executable opa binary");
      }
      return new OpaCli(p);
    }
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, "opa");
      if (Files.isExecutable(p)) {
        return new OpaCli(p);
      }
    }
    throw new PolicyException(
        "compiling Rego policies needs the opa CLI, which was not found: "
            + "put opa on PATH or set "
            + ENV
            + " to its path (scripts/install-opa.sh installs the pinned version), "
            + "or give a prebuilt Wasm policy instead");
  }

  /**
   * Runs {@code opa build -t wasm -e entrypoint} over the given folders (test files excluded) and
   * returns the bundle it wrote.
   */
  public Path buildWasm(List<Path> sources, String entrypoint, Path outputBundle) {
    List<String> cmd =
        new ArrayList<>(List.of(binary.toString(), "build", "-t", "wasm", "-e", entrypoint));
    if (entrypoint.equals(PolicySource.ENTRYPOINT)) {
      cmd.addAll(List.of("-e", PolicySource.BATCH_ENTRYPOINT)); // many files in one evaluation
    }
    cmd.addAll(List.of("--ignore", "*_test.rego", "-o", outputBundle.toString()));
    sources.forEach(s -> cmd.add(s.toString()));
    Process process;
    try {
      process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new PolicyException("cannot run " + binary + ": " + e.getMessage(), e);
    }
    try (InputStream out = process.getInputStream()) {
      String output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new PolicyException("opa build did not finish within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new PolicyException(
            "opa build failed for " + sources.get(sources.size() - 1) + ":\n" + output);
      }
    } catch (IOException e) {
      throw new PolicyException("cannot read the output of opa build: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new PolicyException("interrupted while opa build was running", e);
    }
    return outputBundle;
  }
}
