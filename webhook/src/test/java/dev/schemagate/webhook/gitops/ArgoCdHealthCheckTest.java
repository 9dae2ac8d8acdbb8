package dev.schemagate.webhook.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs scripts/argocd-health (go test): the Argo CD health check for SchemaState
 * (examples/gitops/schemastate-health.lua) executed by gopher-lua v1.1.2, the engine Argo CD
 * embeds, on SchemaState objects in each state, and the argocd-cm snippet holding the same script.
 * Go comes with the machine (scripts/install-kube.sh needs it too); gopher-lua from the Go module
 * proxy.
 */
class ArgoCdHealthCheckTest {

  @Test
  void theLuaHealthCheckPassesItsCasesInGopherLua() throws Exception {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("scripts/argocd-health"))) {
      dir = dir.getParent();
    }
    assertTrue(
        dir != null, "scripts/argocd-health not found above " + Path.of("").toAbsolutePath());
    ProcessBuilder pb =
        new ProcessBuilder("go", "test", "-count=1", "-v", "./...")
            .directory(dir.resolve("scripts/argocd-health").toFile())
            .redirectErrorStream(true);
    Process p;
    try {
      p = pb.start();
    } catch (java.io.IOException e) {
      throw new AssertionError(
          "go is not on PATH: install Go (the Argo CD health check runs in gopher-lua through go test)",
          e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "go test did not finish within 300 s:\n" + out);
    assertEquals(0, p.exitValue(), out);
    // the cases ran (a package with no tests would also exit 0)
    assertTrue(
        out.contains("--- PASS: TestEachStateOfASchemaState/rolled_back_below_the_window"), out);
    assertTrue(out.contains("--- PASS: TestTheConfigMapSnippetHoldsTheScript"), out);
  }
}
