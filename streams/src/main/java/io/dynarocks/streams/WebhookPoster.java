package io.dynarocks.streams;

import io.dynarocks.protocol.json.JsonWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** POSTs each batch of one stream as Lambda's DynamoDB event; anything but a 2xx answer fails the batch. */
final class WebhookPoster implements StreamHandler {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final URI url;
    private final String region;
    private final String streamArn;

    WebhookPoster(HttpClient client, URI url, String region, String streamArn) {
        this.client = client;
        this.url = url;
        this.region = region;
        this.streamArn = streamArn;
    }

    /** The event Lambda hands a function behind a DynamoDB event-source mapping of a stream in {@code region}. */
    static byte[] event(List<StreamRecord> batch, String region, String streamArn) {
        return JsonWriter.object(g -> {
            g.writeArrayFieldStart("Records");
            for (StreamRecord r : batch) {
                StreamRecordJson.write(g, r, region, streamArn);
            }
            g.writeEndArray();
        });
    }

    @Override
    public void handle(List<StreamRecord> batch) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(event(batch, region, streamArn))).build();
        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 != 2) {
            throw new IOException("stream webhook " + url + " answered " + status);
        }
    }
}
