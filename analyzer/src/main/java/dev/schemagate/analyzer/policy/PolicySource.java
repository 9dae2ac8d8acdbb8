package dev.schemagate.analyzer.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Where a policy's Wasm comes from: the policy bundled with the analyzer, a prebuilt {@code
 * policy.wasm}, an {@code opa build -t wasm} bundle ({@code .tar.gz}), or a folder of {@code .rego}
 * files compiled at load time with the opa CLI.
 */
public sealed interface PolicySource {
  /** The default entry point of every schemagate policy. */
  String ENTRYPOINT = "schemagate/findings";

  /**
   * The entry point that evaluates many files at once ({@code {"files": [...]}} in, an array of
   * finding sets out); used instead of {@link #ENTRYPOINT} when a module has it.
   */
  String BATCH_ENTRYPOINT = "schemagate/batch_findings";

  /** The name used in messages. */
  String name();

  /** The entry point to evaluate. */
  String entrypoint();

  /** Produces the Wasm module and its base data document (JSON, or null). */
  Compiled compile();

  record Compiled(byte[] wasm, String data) {}

  /** The policy compiled from policy/ and bundled with the analyzer. */
  static PolicySource bundled() {
    return new Bundled();
  }

  /**
   * A user policy at {@code path}: a folder of Rego, a {@code .wasm} module or a {@code .tar.gz}
   * bundle; {@code entrypoint} null means {@value #ENTRYPOINT}.
   */
  static PolicySource user(Path path, String entrypoint) {
    String ep = entrypoint == null || entrypoint.isBlank() ? ENTRYPOINT : entrypoint;
    if (!Files.exists(path)) {
      throw new PolicyException("policy " + path + ": no such file or folder");
    }
    String file = path.getFileName().toString();
    if (Files.isDirectory(path)) {
      return new RegoFolder(path, ep, null);
    } else if (file.endsWith(".wasm")) {
      return new WasmFile(path, ep);
    } else if (file.endsWith(".tar.gz") || file.endsWith(".tgz")) {
      return new BundleArchive(path, ep);
    }
    throw new PolicyException(
        "policy "
            + path
            + ": expected a folder of .rego files, a .wasm file or an "
            + "opa build bundle (.tar.gz)");
  }

  record Bundled() implements PolicySource {
    static final String RESOURCE = "/dev/schemagate/analyzer/policy/policy.wasm";

    @Override
    public String name() {
      return "bundled";
    }

    @Override
    public String entrypoint() {
      return ENTRYPOINT;
    }

    @Override
    public Compiled compile() {
      try (InputStream in = PolicySource.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new PolicyException(
              "the bundled policy "
                  + RESOURCE
                  + " is missing from the classpath "
                  + "(run scripts/build-policy.sh)");
        }
        return new Compiled(in.readAllBytes(), null);
      } catch (IOException e) {
        throw new PolicyException("cannot read the bundled policy: " + e.getMessage(), e);
      }
    }
  }

  record WasmFile(Path path, String entrypoint) implements PolicySource {
    @Override
    public String name() {
      return path.toString();
    }

    @Override
    public Compiled compile() {
      try {
        return new Compiled(Files.readAllBytes(path), null);
      } catch (IOException e) {
        throw new PolicyException("policy " + path + ": cannot read: " + e.getMessage(), e);
      }
    }
  }

  record BundleArchive(Path path, String entrypoint) implements PolicySource {
    @Override
    public String name() {
      return path.toString();
    }

    @Override
    public Compiled compile() {
      byte[] wasm = null;
      String data = null;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
        byte[] header = new byte[512];
        while (readFully(in, header)) {
          if (isZeroBlock(header)) {
            break;
          }
          String entry = tarName(header);
          String sizeField = field(header, 124, 12).trim();
          long size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
          byte[] content = readEntry(in, size);
          String normal = entry.startsWith("/") ? entry.substring(1) : entry;
          if (normal.startsWith("./")) {
            normal = normal.substring(2);
          }
          if (normal.equals("policy.wasm")) {
            wasm = content;
          } else if (normal.equals("data.json")) {
            data = new String(content, StandardCharsets.UTF_8).strip();
          }
        }
      } catch (IOException | NumberFormatException e) {
        throw new PolicyException(
            "policy " + path + ": not a readable opa bundle (.tar.gz): " + PolicyModule.describe(e),
            e);
      }
      if (wasm == null) {
        throw new PolicyException(
            "policy "
                + path
                + ": the bundle holds no policy.wasm; build it with "
                + "`opa build -t wasm -e "
                + entrypoint
                + " <folder>`");
      }
      return new Compiled(wasm, data == null || data.equals("{}") ? null : data);
    }

    private static boolean readFully(InputStream in, byte[] buf) throws IOException {
      int n = in.readNBytes(buf, 0, buf.length);
      if (n == 0) {
        return false;
      }
      if (n < buf.length) {
        throw new IOException("truncated tar header");
      }
      return true;
    }

    private static byte[] readEntry(InputStream in, long size) throws IOException {
      if (size > Integer.MAX_VALUE) {
        throw new IOException("tar entry too large");
      }
      byte[] content = in.readNBytes((int) size);
      if (content.length < size) {
        throw new IOException("truncated tar entry");
      }
      in.readNBytes((int) ((512 - size % 512) % 512));
      return content;
    }

    private static boolean isZeroBlock(byte[] block) {
      for (byte b : block) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }

    private static String tarName(byte[] header) {
      String name = field(header, 0, 100);
      String prefix = field(header, 345, 155);
      boolean ustar = field(header, 257, 6).startsWith("ustar");
      return ustar && !prefix.isEmpty() ? prefix + "/" + name : name;
    }

    private static String field(byte[] header, int offset, int length) {
      int end = offset;
      while (end < offset + length && header[end] != 0) {
        end++;
      }
      return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }
  }

  /**
   * A folder of Rego compiled with the opa CLI together with the analyzer's own {@code schemagate}
   * entry point and {@code schemagate.lib} helpers, so a user writes only packages under {@code
   * schemagate.custom} that produce {@code findings}.
   */
  record RegoFolder(Path path, String entrypoint, OpaCli opa) implements PolicySource {
    static final String REGO = "/dev/schemagate/analyzer/policy/rego/";

    @Override
    public String name() {
      return path.toString();
    }

    /** The same folder compiled with a given opa binary instead of the one found on PATH. */
    public RegoFolder withOpa(OpaCli cli) {
      return new RegoFolder(path, entrypoint, cli);
    }

    @Override
    public Compiled compile() {
      OpaCli cli = opa != null ? opa : OpaCli.locate();
      Path work = null;
      try {
        work = Files.createTempDirectory("schemagate-policy");
        Path base = work.resolve("schemagate");
        writeBaseModules(base);
        Path bundle = cli.buildWasm(List.of(base, path), entrypoint, work.resolve("bundle.tar.gz"));
        return new BundleArchive(bundle, entrypoint).compile();
      } catch (IOException e) {
        throw new PolicyException(
            "policy " + path + ": cannot prepare the build: " + e.getMessage(), e);
      } catch (PolicyException e) {
        throw new PolicyException("policy " + path + ": " + e.getMessage(), e);
      } finally {
        deleteQuietly(work);
      }
    }

    private static void writeBaseModules(Path base) throws IOException {
      String index = resource(REGO + "files.txt");
      for (String file : index.split("\n")) {
        if (file.isBlank()) {
          continue;
        }
        Path target = base.resolve(file.strip());
        Files.createDirectories(target.getParent());
        Files.writeString(target, resource(REGO + file.strip()));
      }
    }

    private static String resource(String name) throws IOException {
      try (InputStream in = PolicySource.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IOException("resource " + name + " is missing (run scripts/build-policy.sh)");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }

    private static void deleteQuietly(Path dir) {
      if (dir == null) {
        return;
      }
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // A leftover temp folder is not worth failing the check for.
      }
    }
  }
}
