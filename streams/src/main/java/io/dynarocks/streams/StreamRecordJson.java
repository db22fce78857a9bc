package io.dynarocks.streams;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.json.AttributeValueJson;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.JsonWriter;
import java.io.IOException;
import java.util.Map;

/** A stream record's stored form, and its wire form in GetRecords and in Lambda's DynamoDB event. */
public final class StreamRecordJson {

    private StreamRecordJson() {}

    /**
     * Writes the record object of a stream in {@code region}; {@code eventSourceArn} is the stream ARN in the
     * Lambda event shape and null in GetRecords, which has no such member.
     */
    public static void write(JsonGenerator g, StreamRecord r, String region, String eventSourceArn)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("eventID", r.eventId());
        g.writeStringField("eventName", r.eventName());
        g.writeStringField("eventVersion", "1.1");
        g.writeStringField("eventSource", "aws:dynamodb");
        g.writeStringField("awsRegion", region);
        g.writeObjectFieldStart("dynamodb");
        // Rounded down to the second, as DynamoDB Streams reports it.
        g.writeNumberField("ApproximateCreationDateTime", r.createdMillis() / 1000);
        writeItem(g, "Keys", r.keys());
        writeItem(g, "NewImage", r.newImage());
        writeItem(g, "OldImage", r.oldImage());
        g.writeStringField("SequenceNumber", r.sequenceNumberText());
        g.writeNumberField("SizeBytes", r.sizeBytes());
        g.writeStringField("StreamViewType", r.viewType());
        g.writeEndObject();
        if (r.serviceDelete()) {
            // The Streams API's Identity shape capitalizes its members; Lambda's event does not.
            boolean lambda = eventSourceArn != null;
            g.writeObjectFieldStart("userIdentity");
            g.writeStringField(lambda ? "principalId" : "PrincipalId", "dynamodb.amazonaws.com");
            g.writeStringField(lambda ? "type" : "Type", "Service");
            g.writeEndObject();
        }
        if (eventSourceArn != null) {
            g.writeStringField("eventSourceARN", eventSourceArn);
        }
        g.writeEndObject();
    }

    static byte[] toBytes(StreamRecord r) {
        return JsonWriter.object(g -> {
            g.writeStringField("Id", r.eventId());
            g.writeStringField("Name", r.eventName());
            g.writeNumberField("Created", r.createdMillis());
            writeItem(g, "Keys", r.keys());
            writeItem(g, "New", r.newImage());
            writeItem(g, "Old", r.oldImage());
            g.writeNumberField("Size", r.sizeBytes());
            g.writeStringField("View", r.viewType());
            g.writeBooleanField("Service", r.serviceDelete());
        });
    }

    static StreamRecord fromBytes(byte[] bytes, long seq) {
        var f = new Object() {
            String id;
            String name;
            String view;
            long created;
            long size;
            boolean service;
            Map<String, AttributeValue> keys;
            Map<String, AttributeValue> newImage;
            Map<String, AttributeValue> oldImage;
        };
        JsonReader.readBody(bytes, (n, r) -> {
            switch (n) {
                case "Id" -> f.id = r.readString();
                case "Name" -> f.name = r.readString();
                case "Created" -> f.created = r.readLong();
                case "Keys" -> f.keys = AttributeValueJson.readItem(r);
                case "New" -> f.newImage = AttributeValueJson.readItem(r);
                case "Old" -> f.oldImage = AttributeValueJson.readItem(r);
                case "Size" -> f.size = r.readLong();
                case "View" -> f.view = r.readString();
                case "Service" -> f.service = r.readBoolean();
                default -> r.skip();
            }
        });
        return new StreamRecord(f.id, f.name, f.created, f.keys, f.newImage, f.oldImage, seq, f.size, f.view,
                f.service);
    }

    private static void writeItem(JsonGenerator g, String member, Map<String, AttributeValue> item)
            throws IOException {
        if (item != null) {
            g.writeFieldName(member);
            AttributeValueJson.writeItem(g, item);
        }
    }
}
