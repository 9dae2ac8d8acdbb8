package dev.schemagate.watcher.analysis;

import dev.schemagate.analyzer.policy.PolicyEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of the bundled policies (the compiled Wasm module and the rule catalogue): a
 * stored verdict is reused only while it is unchanged. Custom policies live in the checked
 * repository, so the commit id already covers them.
 */
public final class PolicyFingerprint {

  private static final String[] RESOURCES = {"policy.wasm", "rules.json"};

  private PolicyFingerprint() {}

  /** SHA-256 (hex) of the bundled policy resources, in a fixed order. */
  public static String bundled() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String name : RESOURCES) {
        try (InputStream in = PolicyEngine.class.getResourceAsStream(name)) {
          if (in == null) {
            throw new IllegalStateException(
                "the bundled policy resource " + name + " is missing from the classpath");
          }
          digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          digest.update(in.readAllBytes());
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled policy: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
