package dev.schemagate.operations;

import dev.schemagate.analyzer.catalog.Catalog;
import dev.schemagate.analyzer.parse.StatementParser;
import dev.schemagate.analyzer.repo.PhaseFile;
import dev.schemagate.analyzer.repo.Track;
import dev.schemagate.analyzer.sql.SqlSplitter;
import dev.schemagate.analyzer.statement.ParsedStatement;

/**
 * The catalog a track's whole history leaves: every phase file replayed in the default apply order,
 * as {@code check} does.
 */
public final class TrackCatalog {

  private TrackCatalog() {}

  public static Catalog replay(Track track) {
    Catalog catalog = new Catalog(track.config().defaultSchema());
    StatementParser parser = new StatementParser();
    for (PhaseFile file : track.applyOrder()) {
      for (ParsedStatement st : parser.parse(SqlSplitter.split(file.repoPath(), file.text()))) {
        catalog.apply(st);
      }
    }
    return catalog;
  }
}
