package dev.schemagate.webhook.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed serving certificate for 127.0.0.1/localhost as the files of a {@code
 * kubernetes.io/tls} Secret ({@code tls.crt}, {@code tls.key}, PEM), made with the JDK's keytool
 * and nothing else.
 */
public record PemCertificate(X509Certificate certificate, byte[] crtPem, byte[] keyPem) {

  private static final String PASSWORD = "pem-only";

  public static PemCertificate create(Path workDir, String commonName)
      throws IOException, InterruptedException {
    Path p12 = Files.createTempFile(workDir, "cert-", ".p12");
    Files.delete(p12);
    keytool(
        "-genkeypair",
        "-alias",
        "tls",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=" + commonName,
        "-validity",
        "2",
        "-ext",
        "san=ip:127.0.0.1,dns:localhost",
        "-ext",
        "eku=serverAuth",
        "-keystore",
        p12.toString());
    try (InputStream in = Files.newInputStream(p12)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD.toCharArray());
      X509Certificate cert = (X509Certificate) ks.getCertificate("tls");
      PrivateKey key = (PrivateKey) ks.getKey("tls", PASSWORD.toCharArray());
      return new PemCertificate(
          cert, pem("CERTIFICATE", cert.getEncoded()), pem("PRIVATE KEY", key.getEncoded()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot read the keytool keystore: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(p12);
    }
  }

  /**
   * A TLS context for clients that trusts {@code cert} (self-signed: it is its own CA) and nothing
   * else.
   */
  public static SSLContext trusting(X509Certificate cert)
      throws java.security.GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("webhook", cert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  private static byte[] pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
        .getBytes(StandardCharsets.US_ASCII);
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
