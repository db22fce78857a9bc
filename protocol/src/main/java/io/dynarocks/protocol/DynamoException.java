package io.dynarocks.protocol;

/**
 * An error DynamoDB reports to its caller: an error type name (the part after {@code #} in
 * {@code __type}), a message and an HTTP status. Only the server maps it to the wire.
 */
public class DynamoException extends RuntimeException {

    private final String type;
    private final int status;
    private final java.util.Map<String, AttributeValue> item;

    public DynamoException(String type, String message, int status) {
        this(type, message, status, null);
    }

    private DynamoException(String type, String message, int status, java.util.Map<String, AttributeValue> item) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
        this.item = item;
    }

    /** The item DynamoDB returns with a failed condition when ReturnValuesOnConditionCheckFailure=ALL_OLD. */
    public java.util.Map<String, AttributeValue> item() {
        return item;
    }

    /** The error name, e.g. {@code ValidationException}. */
    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    public static DynamoException validation(String message) {
        return new DynamoException("ValidationException", message, 400);
    }

    /** DynamoDB's wording for a request-level constraint violation on one member. */
    public static DynamoException constraint(String message) {
        return validation("1 validation error detected: " + message);
    }

    public static DynamoException serialization(String message) {
        return new DynamoException("SerializationException", message, 400);
    }

    public static DynamoException unknownOperation() {
        return new DynamoException("UnknownOperationException", null, 400);
    }

    public static DynamoException resourceNotFound(String message) {
        return new DynamoException("ResourceNotFoundException", message, 400);
    }

    public static DynamoException tableNotFound() {
        return resourceNotFound("Requested resource not found");
    }

    public static DynamoException resourceInUse(String message) {
        return new DynamoException("ResourceInUseException", message, 400);
    }

    public static DynamoException conditionalCheckFailed() {
        return conditionalCheckFailed(null);
    }

    /** A failed condition carrying the existing item (null or empty for none). */
    public static DynamoException conditionalCheckFailed(java.util.Map<String, AttributeValue> item) {
        return new DynamoException("ConditionalCheckFailedException", "The conditional request failed", 400,
                item == null || item.isEmpty() ? null : item);
    }

    public static DynamoException internal(String message) {
        return new DynamoException("InternalServerError", message, 500);
    }
}
