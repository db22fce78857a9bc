package io.dynarocks.streams;

import java.util.List;

/** Receives batches of stream records, like a Lambda function behind a DynamoDB event-source mapping. */
@FunctionalInterface
public interface StreamHandler {

    /** Processes one batch; throwing fails the batch, which is then retried per the subscription's policy. */
    void handle(List<StreamRecord> batch) throws Exception;
}
