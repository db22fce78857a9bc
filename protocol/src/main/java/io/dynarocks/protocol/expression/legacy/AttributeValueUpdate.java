package io.dynarocks.protocol.expression.legacy;

import io.dynarocks.protocol.AttributeValue;

/** One entry of the legacy {@code AttributeUpdates} parameter; {@code action} null means PUT. */
public record AttributeValueUpdate(AttributeValue value, String action) {}
