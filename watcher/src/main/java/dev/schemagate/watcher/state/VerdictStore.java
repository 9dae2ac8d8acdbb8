package dev.schemagate.watcher.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The watcher's state on disk, under the state directory: {@code verdicts/<commit>-<policy hash
 * prefix>.json} (one per checked commit, never rewritten) and {@code refs.json} (the latest head
 * and verdict of every followed ref). Files are written to a temporary name and moved into place,
 * so a crash never leaves a half-written file.
 */
public final class VerdictStore {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

  private final Path verdicts;
  private final Path refsFile;

  public VerdictStore(Path stateDir) {
    this.verdicts = stateDir.resolve("verdicts");
    this.refsFile = stateDir.resolve("refs.json");
    try {
      Files.createDirectories(verdicts);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the state directory " + verdicts + ": " + e.getMessage(), e);
    }
  }

  public static ObjectMapper json() {
    return JSON;
  }

  /**
   * The stored verdict of {@code commit} under {@code policyHash}, if the commit was checked with
   * it.
   */
  public Optional<Verdict> find(String commit, String policyHash) {
    Path file = file(commit, policyHash);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), Verdict.class));
    } catch (IOException e) {
      // A damaged file is a cache miss: the commit is checked again and the file replaced.
      return Optional.empty();
    }
  }

  /** The newest stored verdict of {@code commit}, whatever the policy hash. */
  public Optional<Verdict> findAny(String commit) {
    if (!COMMIT.matcher(commit).matches()) {
      return Optional.empty();
    }
    try (var files = Files.list(verdicts)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(commit + "-"))
          .sorted((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()) * -1)
          .findFirst()
          .flatMap(
              f -> {
                try {
                  return Optional.of(JSON.readValue(f.toFile(), Verdict.class));
                } catch (IOException e) {
                  return Optional.empty();
                }
              });
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public void put(Verdict verdict) {
    write(file(verdict.commit(), verdict.policyHash()), verdict);
  }

  /** How many verdict files the store holds. */
  public long size() {
    try (var files = Files.list(verdicts)) {
      return files.filter(f -> f.toString().endsWith(".json")).count();
    } catch (IOException e) {
      return 0;
    }
  }

  /** The refs as last saved, by ref name; empty on the first start. */
  public Map<String, RefVerdict> loadRefs() {
    if (!Files.isRegularFile(refsFile)) {
      return new LinkedHashMap<>();
    }
    try {
      List<RefVerdict> list =
          JSON.readValue(refsFile.toFile(), new TypeReference<List<RefVerdict>>() {});
      Map<String, RefVerdict> map = new LinkedHashMap<>();
      list.forEach(r -> map.put(r.ref(), r));
      return map;
    } catch (IOException e) {
      throw new UncheckedIOException(
          refsFile + " cannot be read (" + e.getMessage() + "); delete it to start over", e);
    }
  }

  public void saveRefs(Map<String, RefVerdict> refs) {
    write(refsFile, new ArrayList<>(refs.values()));
  }

  private Path file(String commit, String policyHash) {
    if (!COMMIT.matcher(commit).matches()) {
      throw new IllegalArgumentException("not a commit id: " + commit);
    }
    return verdicts.resolve(
        commit + "-" + policyHash.substring(0, Math.min(16, policyHash.length())) + ".json");
  }

  private static void write(Path target, Object value) {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), value);
      try {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
