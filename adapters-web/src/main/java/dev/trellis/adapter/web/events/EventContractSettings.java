package dev.trellis.adapter.web.events;

import java.net.URI;
import java.util.Objects;

/**
 * What the served event contract says about this deployment.
 *
 * @param publicUrl   the application's public URL: schemas are served, and named in {@code ce_dataschema}, below it
 * @param topicPrefix the relay's topic prefix ({@code trellis}: topics {@code trellis.item}, …)
 * @param partitions  the partitions the relay gives the topics it creates
 * @param version     the version the AsyncAPI document gives the event API
 */
public record EventContractSettings(URI publicUrl, String topicPrefix, int partitions, String version) {

    public EventContractSettings {
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(version, "version");
    }
}
