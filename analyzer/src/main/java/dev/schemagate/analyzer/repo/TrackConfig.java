package dev.schemagate.analyzer.repo;

import java.nio.file.Path;

/**
 * One track of {@code schemagate.yaml}: a database (or schema) with its own numbered history.
 *
 * @param name the track's name, as used in {@code schemagate.dev/requires: orders@7}
 * @param folder the folder holding the track's versions, relative to the repository root
 * @param pgVersion the PostgreSQL major version the track runs on (14 to 18)
 * @param defaultSchema the schema unqualified names resolve to
 * @param policy the effective policy settings (top-level block with the track's block on top)
 */
public record TrackConfig(
    String name, Path folder, int pgVersion, String defaultSchema, PolicySettings policy) {}
