package dev.schemagate.analyzer.family;

/**
 * The words between CREATE and the object word that change what the object is, for the family to
 * use: {@code UNIQUE} (an index) and {@code CONSTRAINT} (a constraint trigger).
 */
public record CreatePrefix(boolean unique, boolean constraint) {}
