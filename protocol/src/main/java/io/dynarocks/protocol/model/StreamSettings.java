package io.dynarocks.protocol.model;

/**
 * A table's current stream: whether it is enabled, its view type and its label (the stream ARN is
 * the table ARN + {@code /stream/} + label). A disabled stream keeps its label until re-enabled.
 */
public record StreamSettings(boolean enabled, String viewType, String label) {}
