package dev.schemagate.webhook.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway CA and a serving certificate for 127.0.0.1 signed by it, made with the JDK's keytool:
 * the API server verifies the webhook against the CA, as it would in a cluster.
 */
final class TestCertificates {

  static final String PASSWORD = "e2e-only";

  /** The chart's webhook Service that ChartMatrixTest routes the API server through. */
  static final String ROUTED_SERVICE_DNS = "sgroute-webhook.schemagate-route.svc";

  final Path caPem;
  final Path serverKeyStore;

  private TestCertificates(Path caPem, Path serverKeyStore) {
    this.caPem = caPem;
    this.serverKeyStore = serverKeyStore;
  }

  static TestCertificates create(Path dir) throws IOException, InterruptedException {
    Path ca = dir.resolve("ca.p12");
    Path server = dir.resolve("webhook.p12");
    Path caPem = dir.resolve("ca.pem");
    Path csr = dir.resolve("webhook.csr");
    Path signed = dir.resolve("webhook.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=schemagate e2e CA",
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        ca.toString());
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-file",
        caPem.toString());
    keytool(
        "-genkeypair",
        "-alias",
        "webhook",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        server.toString());
    keytool(
        "-certreq", "-alias", "webhook", "-keystore", server.toString(), "-file", csr.toString());
    keytool(
        "-gencert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-infile",
        csr.toString(),
        "-outfile",
        signed.toString(),
        "-validity",
        "2",
        "-ext",
        "san=ip:127.0.0.1,dns:localhost,dns:" + ROUTED_SERVICE_DNS,
        "-ext",
        "ku:c=digitalSignature,keyEncipherment",
        "-ext",
        "eku=serverAuth");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-keystore",
        server.toString(),
        "-file",
        caPem.toString());
    keytool(
        "-importcert",
        "-alias",
        "webhook",
        "-keystore",
        server.toString(),
        "-file",
        signed.toString());
    return new TestCertificates(caPem, server);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
    }
  }
}
