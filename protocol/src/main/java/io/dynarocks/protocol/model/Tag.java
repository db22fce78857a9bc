package io.dynarocks.protocol.model;

/** A resource tag. */
public record Tag(String key, String value) {}
