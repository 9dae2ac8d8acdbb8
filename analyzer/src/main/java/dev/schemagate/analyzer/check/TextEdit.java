package dev.schemagate.analyzer.check;

/**
 * Replace {@code [startOffset, endOffset)} of a file's text by {@code replacement}. An edit on a
 * path that does not exist yet, with both offsets 0, creates that file.
 */
public record TextEdit(String path, int startOffset, int endOffset, String replacement) {}
