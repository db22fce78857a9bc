package io.dynarocks.security;

import io.dynarocks.protocol.DynamoException;

/**
 * The errors DynamoDB answers when authentication or authorization fails, with its wording (recorded
 * from DynamoDB itself) and its status: 400 for all of them, as DynamoDB does. The server names them in
 * the {@code com.amazon.coral.service#} namespace, as DynamoDB does.
 */
public final class AccessErrors {

    private AccessErrors() {}

    public static DynamoException missingToken() {
        return new DynamoException("MissingAuthenticationTokenException", "Request is missing Authentication Token",
                400);
    }

    /** An access key no account has. */
    public static DynamoException unknownKey() {
        return new DynamoException("UnrecognizedClientException",
                "The security token included in the request is invalid.", 400);
    }

    /** A session token that does not belong to the key; DynamoDB's message has no final period here. */
    public static DynamoException invalidSessionToken() {
        return new DynamoException("UnrecognizedClientException",
                "The security token included in the request is invalid", 400);
    }

    public static DynamoException incomplete(String message) {
        return new DynamoException("IncompleteSignatureException", message, 400);
    }

    public static DynamoException invalidSignature(String message) {
        return new DynamoException("InvalidSignatureException", message, 400);
    }

    public static DynamoException accessDenied(String message) {
        return new DynamoException("AccessDeniedException", message, 400);
    }
}
