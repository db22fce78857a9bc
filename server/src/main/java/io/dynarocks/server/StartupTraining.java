package io.dynarocks.server;

import io.dynarocks.engine.OperationRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The training run of the class-data-sharing archive (AppCDS) built with the jar: the classes a JVM
 * loads while it runs these requests against a started server are listed ({@code -XX:DumpLoadedClassList})
 * and archived in {@code dynarocks.jsa} ({@code -Xshare:dump}, see server/pom.xml), and a server started with
 * {@code -XX:SharedArchiveFile} maps them
 * instead of loading and verifying them again, which halves the time to the first answer. Runs a
 * table's life cycle over a plain socket, so that no client library's classes end up in the archive.
 */
final class StartupTraining {

    private static final String TABLE = "dynarocks-startup-training";
    /** One training request and the HTTP status it must get. */
    private record Request(String action, String body, int status) {}

    private static final List<Request> REQUESTS = List.of(
            request("ListTables", "{}"),
            request("CreateTable", "{\"TableName\":\"" + TABLE + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                    + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                    + "{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],\"KeySchema\":[{\"AttributeName\":\"pk\","
                    + "\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}"),
            request("PutItem", "{\"TableName\":\"" + TABLE + "\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},"
                    + "\"v\":{\"S\":\"x\"}},\"ConditionExpression\":\"attribute_not_exists(pk)\"}"),
            request("UpdateItem", "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}},"
                    + "\"UpdateExpression\":\"ADD n :one\",\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}"),
            request("GetItem", "{\"TableName\":\"" + TABLE + "\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}}"),
            request("Query", "{\"TableName\":\"" + TABLE + "\",\"KeyConditionExpression\":\"pk = :pk\","
                    + "\"ExpressionAttributeValues\":{\":pk\":{\"S\":\"a\"}}}"),
            new Request("GetItem", "{\"TableName\":\"no-such-table\",\"Key\":{\"pk\":{\"S\":\"a\"}}}", 400),
            request("DeleteTable", "{\"TableName\":\"" + TABLE + "\"}"));

    private StartupTraining() {}

    private static Request request(String action, String body) {
        return new Request(action, body, 200);
    }

    /**
     * Sends the training requests to {@code endpoint}, one connection each.
     *
     * @throws IllegalStateException when a request gets another status than expected (the build fails)
     */
    static void run(URI endpoint) {
        for (Request r : REQUESTS) {
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            String head = "POST / HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                    + "\r\nX-Amz-Target: " + OperationRegistry.DYNAMODB + "." + r.action()
                    + "\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!answer.startsWith("HTTP/1.1 " + r.status() + " ")) {
                    throw new IllegalStateException(r.action() + " answered " + answer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
