package dev.schemagate.analyzer.family;

import dev.schemagate.analyzer.parse.Cursor;
import dev.schemagate.analyzer.parse.Draft;

/**
 * Reads one statement shape of a family from the tokens; null when the tokens are not that shape.
 */
@FunctionalInterface
public interface Recognizer {
  Draft recognize(Cursor c);
}
