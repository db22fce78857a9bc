package io.dynarocks.protocol;

/**
 * An error DynamoDB reports to its caller: an error type name (the part after {@code #} in
 * {@code __type}), a message and an HTTP status. Only the server maps it to the wire.
 */
public class DynamoException extends RuntimeException {

    private final String type;
    private final int status;
    private final java.util.Map<String, AttributeValue> item;
    private final io.dynarocks.protocol.json.JsonWriter.Body details;

    public DynamoException(String type, String message, int status) {
        this(type, message, status, null, null);
    }

    /** An error whose body carries further members ({@code details}), e.g. ThrottlingReasons. */
    public DynamoException(String type, String message, int status, io.dynarocks.protocol.json.JsonWriter.Body details) {
        this(type, message, status, null, details);
    }

    private DynamoException(String type, String message, int status, java.util.Map<String, AttributeValue> item,
            io.dynarocks.protocol.json.JsonWriter.Body details) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
        this.item = item;
        this.details = details;
    }

    /** Further members of the error body (e.g. CancellationReasons), or null. */
    public io.dynarocks.protocol.json.JsonWriter.Body details() {
        return details;
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
                item == null || item.isEmpty() ? null : item, null);
    }

    /** DynamoDB's message when a PartiQL INSERT finds its item already there. */
    public static final String DUPLICATE_ITEM = "Duplicate primary key exists in table";

    /** A PartiQL INSERT of an item that exists. */
    public static DynamoException duplicateItem() {
        return new DynamoException("DuplicateItemException", DUPLICATE_ITEM, 400);
    }

    /** A cancelled transaction; DynamoDB lists every reason's code, in request order, in the message. */
    public static DynamoException transactionCanceled(java.util.List<CancellationReason> reasons) {
        String codes = reasons.stream().map(CancellationReason::code)
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        return new DynamoException("TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes, 400, null,
                g -> CancellationReason.write(g, reasons));
    }

    /** A single-item write against an item that a running transaction is changing. */
    public static DynamoException transactionConflict() {
        return new DynamoException("TransactionConflictException", "Transaction is ongoing for the item", 400);
    }

    public static DynamoException transactionInProgress() {
        return new DynamoException("TransactionInProgressException",
                "The transaction with the given request token is already in progress.", 400);
    }

    public static DynamoException idempotentParameterMismatch() {
        return new DynamoException("IdempotentParameterMismatchException",
                "The request uses the same client token as a previous, but non-identical request.", 400);
    }

    /**
     * DynamoDB's 503: the server is too busy to take the request now; the AWS SDKs retry it with back-off.
     */
    public static DynamoException serviceUnavailable() {
        return new DynamoException("ServiceUnavailable",
                "DynamoDB is currently unavailable. (This should be a temporary state.)", 503);
    }

    public static DynamoException internal(String message) {
        return new DynamoException("InternalServerError", message, 500);
    }
}
