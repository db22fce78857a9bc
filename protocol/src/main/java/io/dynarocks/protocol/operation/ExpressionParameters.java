package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.AttributeValue;
import java.util.Map;

/** A request's ExpressionAttributeNames and ExpressionAttributeValues (either may be null). */
public record ExpressionParameters(Map<String, String> names, Map<String, AttributeValue> values) {}
