package dev.schemagate.analyzer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User policies compiled by the real opa CLI (SCHEMAGATE_OPA, else scripts/install-opa.sh). */
class UserPolicyTest {
  private static OpaCli opa;

  @TempDir Path dir;

  static final String CUSTOM_RULE =
      """
      package schemagate.custom.orders_owner

      import data.schemagate.lib

      rule := {"id": "custom/orders-needs-owner", "severity": "warning"}

      findings contains lib.finding(rule, s, msg, "Ask the orders team first.") if {
      	some s in input.statements
      	s.target == "public.orders"
      	lib.on_existing(s)
      	msg := sprintf("%s changes public.orders, which the orders team owns", [lib.sql_words(s)])
      }
      """;

  /** The opa CLI the tests compile with (found or installed once per test JVM). */
  static synchronized OpaCli opa() throws Exception {
    if (opa == null) {
      findOpa();
    }
    return opa;
  }

  @BeforeAll
  static void findOpa() throws Exception {
    String env = System.getenv(OpaCli.ENV);
    if (env != null && !env.isBlank()) {
      opa = OpaCli.locate(Map.of(OpaCli.ENV, env));
      return;
    }
    Process p =
        new ProcessBuilder("bash", "../scripts/install-opa.sh")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), "scripts/install-opa.sh failed; set " + OpaCli.ENV);
    opa = new OpaCli(Path.of(path));
  }

  private Path regoFolder(String rego) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("policies"));
    Files.writeString(folder.resolve("orders_owner.rego"), rego);
    Files.writeString(
        folder.resolve("orders_owner_test.rego"), "package broken_on_purpose\nthis is not rego\n");
    return folder;
  }

  private static PolicySource folder(Path path) {
    return ((PolicySource.RegoFolder) PolicySource.user(path, null)).withOpa(opa);
  }

  @Test
  void regoFolderAddsItsFindingsToTheBundledOnes() throws IOException {
    PolicyEngine engine = PolicyEngine.builder().add(folder(regoFolder(CUSTOM_RULE))).build();
    JsonNode in = PolicyEngineTest.input("expand-unsafe.json");
    List<RawFinding> custom =
        engine.evaluate(in).stream().filter(f -> f.rule().startsWith("custom/")).toList();
    assertEquals(List.of(0, 1, 2), custom.stream().map(RawFinding::statementIndex).toList());
    RawFinding first = custom.get(0);
    assertEquals(
        "ALTER TABLE … ADD COLUMN changes public.orders, which the orders team owns",
        first.message());
    assertEquals("Ask the orders team first.", first.hint());
    assertTrue(first.policy().endsWith("policies"), first.policy());
    assertEquals(
        8, engine.evaluate(in).size() - custom.size(), "the bundled findings are still there");
  }

  @Test
  void prebuiltBundleAndWasmLoad() throws Exception {
    Path base = Files.createDirectories(dir.resolve("base"));
    Files.writeString(
        base.resolve("custom.rego"),
        CUSTOM_RULE
            .replace("import data.schemagate.lib\n", "")
            .replace(
                "lib.finding(rule, s, msg, \"Ask the orders team first.\")",
                "{\"rule\": rule.id, \"severity\": rule.severity, \"statement\": s.index, \"message\": msg, \"hint\": \"\"}")
            .replace("\tlib.on_existing(s)\n", "")
            .replace("[lib.sql_words(s)]", "[s.kind]"));
    Path bundle =
        opa.buildWasm(
            List.of(base), "schemagate/custom/orders_owner/findings", dir.resolve("custom.tar.gz"));
    PolicyEngine fromBundle =
        PolicyEngine.builder()
            .bundled(false)
            .add(PolicySource.user(bundle, "schemagate/custom/orders_owner/findings"))
            .build();
    JsonNode in = PolicyEngineTest.input("expand-unsafe.json");
    List<RawFinding> findings = fromBundle.evaluate(in);
    assertEquals(3, findings.size());
    assertEquals(
        "alter_table.add_column changes public.orders, which the orders team owns",
        findings.get(0).message());

    Path wasm = wasmOf(bundle);
    PolicyEngine fromWasm =
        PolicyEngine.builder()
            .bundled(false)
            .add(PolicySource.user(wasm, "schemagate/custom/orders_owner/findings"))
            .build();
    assertEquals(
        findings.stream().map(RawFinding::message).toList(),
        fromWasm.evaluate(in).stream().map(RawFinding::message).toList());
  }

  @Test
  void aUserBundleHoldingTheBuiltInRulesDoesNotDoubleThem() throws IOException {
    Path bundle =
        opa.buildWasm(
            List.of(Path.of("../policy")), PolicySource.ENTRYPOINT, dir.resolve("all.tar.gz"));
    PolicyEngine engine = PolicyEngine.builder().add(PolicySource.user(bundle, null)).build();
    JsonNode in = PolicyEngineTest.input("expand-unsafe.json");
    assertEquals(PolicyEngine.bundled().evaluate(in), engine.evaluate(in));
  }

  @Test
  void wrongEntrypointNamesTheOnesThereAre() throws IOException {
    Path base = Files.createDirectories(dir.resolve("ep"));
    Files.writeString(base.resolve("p.rego"), "package team\n\nfindings contains 1 if false\n");
    Path bundle = opa.buildWasm(List.of(base), "team/findings", dir.resolve("ep.tar.gz"));
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () ->
                PolicyEngine.builder().bundled(false).add(PolicySource.user(bundle, null)).build());
    assertEquals(
        "policy "
            + bundle
            + ": has no entry point schemagate/findings (it has [team/findings]); "
            + "build it with `opa build -t wasm -e schemagate/findings` or configure its entry point",
        e.getMessage());
  }

  @Test
  void invalidFindingsAreRejectedWithTheField() throws IOException {
    String bad = CUSTOM_RULE.replace("\"severity\": \"warning\"", "\"severity\": \"fatal\"");
    PolicyEngine engine = PolicyEngine.builder().add(folder(regoFolder(bad))).build();
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () -> engine.evaluate(PolicyEngineTest.input("expand-unsafe.json")));
    assertTrue(
        e.getMessage()
            .endsWith(
                "finding custom/orders-needs-owner has severity \"fatal\"; expected error, warning or info"),
        e.getMessage());
  }

  @Test
  void regoErrorsComeFromOpaWithTheFile() throws IOException {
    Path folder =
        regoFolder(
            "package schemagate.custom.x\n\nfindings contains f if {\n\tf := undefined_function(1)\n}\n");
    PolicyException e =
        assertThrows(
            PolicyException.class, () -> PolicyEngine.builder().add(folder(folder)).build());
    assertTrue(
        e.getMessage().startsWith("policy " + folder + ": opa build failed"), e.getMessage());
    assertTrue(e.getMessage().contains("orders_owner.rego:4"), e.getMessage());
    assertTrue(e.getMessage().contains("undefined function undefined_function"), e.getMessage());
  }

  @Test
  void missingOpaIsExplained() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty-bin"));
    PolicyException e =
        assertThrows(PolicyException.class, () -> OpaCli.locate(Map.of("PATH", empty.toString())));
    assertTrue(
        e.getMessage().startsWith("compiling Rego policies needs the opa CLI, which was not found"),
        e.getMessage());
    PolicyException env =
        assertThrows(
            PolicyException.class,
            () -> OpaCli.locate(Map.of(OpaCli.ENV, empty.resolve("opa").toString())));
    assertEquals(
        OpaCli.ENV + "=" + empty.resolve("opa") + " is not an executable opa binary",
        env.getMessage());
  }

  @Test
  void missingAndBrokenPoliciesAreExplained() throws IOException {
    Path missing = dir.resolve("nope.wasm");
    assertEquals(
        "policy " + missing + ": no such file or folder",
        assertThrows(PolicyException.class, () -> PolicySource.user(missing, null)).getMessage());

    Path garbage = Files.writeString(dir.resolve("broken.tar.gz"), "not gzip at all");
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () ->
                PolicyEngine.builder()
                    .bundled(false)
                    .add(PolicySource.user(garbage, null))
                    .build());
    assertTrue(
        e.getMessage().startsWith("policy " + garbage + ": not a readable opa bundle (.tar.gz)"),
        e.getMessage());

    Path brokenWasm = Files.writeString(dir.resolve("broken.wasm"), "\0asm garbage");
    e =
        assertThrows(
            PolicyException.class,
            () ->
                PolicyEngine.builder()
                    .bundled(false)
                    .add(PolicySource.user(brokenWasm, null))
                    .build());
    assertTrue(
        e.getMessage().startsWith("policy " + brokenWasm + ": not a loadable OPA Wasm module"),
        e.getMessage());

    Path text = Files.writeString(dir.resolve("policy.txt"), "x");
    assertTrue(
        assertThrows(PolicyException.class, () -> PolicySource.user(text, null))
            .getMessage()
            .endsWith(
                "expected a folder of .rego files, a .wasm file or an opa build bundle (.tar.gz)"));
  }

  /** policy.wasm out of an opa bundle, extracted by the system's tar. */
  private Path wasmOf(Path bundle) throws Exception {
    Path out = Files.createDirectories(dir.resolve("extracted"));
    Process p =
        new ProcessBuilder("tar", "-xzf", bundle.toString(), "-C", out.toString(), "/policy.wasm")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertEquals(0, p.waitFor());
    return out.resolve("policy.wasm");
  }
}
