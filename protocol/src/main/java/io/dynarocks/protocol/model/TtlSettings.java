package io.dynarocks.protocol.model;

/** A table's Time to Live setting: the Number attribute holding epoch seconds, and whether it is on. */
public record TtlSettings(String attributeName, boolean enabled) {}
