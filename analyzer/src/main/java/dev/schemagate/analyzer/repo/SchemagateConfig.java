package dev.schemagate.analyzer.repo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of a repository's {@code schemagate.yaml}. See {@code docs/migration-format.md}.
 *
 * @param protectedBranch the branch whose applied history must not be rewritten (default {@code
 *     main})
 * @param policy the top-level policy block, which every track inherits
 * @param tracks track name → configuration, in file order
 * @param rollout the {@code rollout:} section as written (a missing node when absent); the rollout
 *     runner reads it, the analyzer does not
 * @param rehearsal the {@code rehearsal:} budgets of {@code schemagate rehearse}, validated here
 */
public record SchemagateConfig(
    String protectedBranch,
    PolicySettings policy,
    Map<String, TrackConfig> tracks,
    com.fasterxml.jackson.databind.JsonNode rollout,
    RehearsalBudgets rehearsal) {

  /** The file name looked for at a repository root. */
  public static final String FILE_NAME = "schemagate.yaml";

  /** The PostgreSQL major versions the lock model knows. */
  public static final int MIN_PG_VERSION = 14;

  public static final int MAX_PG_VERSION = 18;

  public SchemagateConfig {
    tracks = Collections.unmodifiableMap(new LinkedHashMap<>(tracks));
    rollout =
        rollout == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : rollout;
    rehearsal = rehearsal == null ? RehearsalBudgets.DEFAULTS : rehearsal;
  }

  /** A configuration without a {@code rehearsal:} section. */
  public SchemagateConfig(
      String protectedBranch,
      PolicySettings policy,
      Map<String, TrackConfig> tracks,
      com.fasterxml.jackson.databind.JsonNode rollout) {
    this(protectedBranch, policy, tracks, rollout, null);
  }

  /** A configuration without a {@code rollout:} section. */
  public SchemagateConfig(
      String protectedBranch, PolicySettings policy, Map<String, TrackConfig> tracks) {
    this(protectedBranch, policy, tracks, null, null);
  }

  /** Reads and validates {@code <root>/schemagate.yaml}. */
  public static SchemagateConfig load(Path root) {
    return ConfigReader.read(root);
  }

  /**
   * Parses and validates YAML text.
   *
   * @param displayName the file name used in error messages
   * @param root the folder that relative paths ({@code folder}, {@code custom}) are resolved
   *     against
   */
  public static SchemagateConfig parse(String yaml, String displayName, Path root) {
    return ConfigReader.parse(yaml, displayName, root);
  }

  public List<String> trackNames() {
    return new ArrayList<>(tracks.keySet());
  }

  public TrackConfig track(String name) {
    TrackConfig track = tracks.get(name);
    if (track == null) {
      throw new IllegalArgumentException(
          "unknown track \"" + name + "\"; tracks: " + tracks.keySet());
    }
    return track;
  }
}
