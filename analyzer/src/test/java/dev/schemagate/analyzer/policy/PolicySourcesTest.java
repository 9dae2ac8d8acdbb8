package dev.schemagate.analyzer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code scripts/check-policy.sh} so the test command covers the Rego side too: opa fmt, opa
 * check, every {@code opa test} case, and that the committed policy.wasm and rules.json are exactly
 * what policy/ compiles to with the pinned opa.
 */
class PolicySourcesTest {

  @Test
  void regoTestsPassAndCommittedBundleMatchesTheSources() throws IOException, InterruptedException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Process p =
        new ProcessBuilder("bash", "scripts/check-policy.sh")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean done = p.waitFor(15, TimeUnit.MINUTES);
    String tail =
        out.lines()
            .filter(l -> !l.startsWith("data.") || l.contains("FAIL"))
            .reduce("", (a, b) -> a + b + "\n");
    System.out.println(
        out.lines()
            .filter(l -> l.startsWith("PASS") || l.startsWith("FAIL"))
            .reduce("", (a, b) -> b));
    assertEquals(true, done, "check-policy.sh did not finish");
    assertEquals(0, p.exitValue(), "scripts/check-policy.sh failed:\n" + tail);
  }
}
