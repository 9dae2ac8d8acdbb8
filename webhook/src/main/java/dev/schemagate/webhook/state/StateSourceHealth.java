package dev.schemagate.webhook.state;

import java.time.Instant;

/**
 * How the last reads of a polled state source went: readiness and metrics show it. A failed read
 * keeps the previous windows in the cache, so the webhook keeps deciding from the last good state.
 *
 * @param lastSuccess when the state was last read in full; null before the first success
 * @param consecutiveFailures reads failed since then
 * @param lastError why the latest read failed; null after a success
 */
public record StateSourceHealth(
    String source, Instant lastSuccess, int consecutiveFailures, String lastError) {}
