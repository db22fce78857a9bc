package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.model.Tag;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** TagResource, UntagResource and ListTagsOfResource requests: a resource ARN with tags, tag keys or a page token. */
public record TagsRequest(String resourceArn, List<Tag> tags, List<String> tagKeys, String nextToken) {

    private static final int MAX_TAGS = 50;
    private static final int MAX_KEY_LENGTH = 128;
    private static final int MAX_VALUE_LENGTH = 256;
    /** The characters AWS allows in tags: letters and digits of any script, spaces and + - = . _ : / @. */
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    public static TagsRequest decodeTagResource(byte[] body) {
        TagsRequest r = read(body);
        new Constraints().notNull(r.resourceArn, "resourceArn").notNull(r.tags, "tags").check();
        if (r.tags.isEmpty()) {
            throw DynamoException.validation("Atleast one Tag needs to be provided as Input.");
        }
        checkTags(r.tags);
        return r;
    }

    public static TagsRequest decodeUntagResource(byte[] body) {
        TagsRequest r = read(body);
        new Constraints().notNull(r.resourceArn, "resourceArn").notNull(r.tagKeys, "tagKeys").check();
        if (r.tagKeys.isEmpty()) {
            throw DynamoException.validation("Atleast one Tag Key needs to be provided as Input.");
        }
        for (String key : r.tagKeys) {
            checkKey(key);
        }
        if (r.tagKeys.size() > MAX_TAGS) {
            throw DynamoException.validation("Number of Tags exceed the current limit for the provided ResourceArn");
        }
        return r;
    }

    /**
     * DynamoDB's tag rules (TagResource and CreateTable): keys of 1 to 128 and values of up to 256 letters,
     * digits, spaces and {@code + - = . _ : / @}, no {@code aws:} prefix, no key twice.
     */
    public static void checkTags(List<Tag> tags) {
        Set<String> keys = new HashSet<>();
        for (Tag t : tags) {
            checkKey(t.key());
            if (t.key().startsWith("aws:")) {
                throw DynamoException.validation("Tag Key cannot be prefixed with aws:, Key: " + t.key());
            }
            if (t.value() == null || t.value().length() > MAX_VALUE_LENGTH || !TAG_TEXT.matcher(t.value()).matches()) {
                throw DynamoException.validation("The Tag Value provided is invalid, Value: " + t.value());
            }
        }
        for (Tag t : tags) {
            if (!keys.add(t.key())) {
                throw DynamoException.validation(
                        "Duplicate Tag Keys provided as input: Duplicate Tag Key found " + t.key());
            }
        }
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH || !TAG_TEXT.matcher(key).matches()) {
            throw DynamoException.validation("The Tag Key provided is invalid, Key: " + key);
        }
    }

    public static TagsRequest decodeListTags(byte[] body) {
        TagsRequest r = read(body);
        new Constraints().notNull(r.resourceArn, "resourceArn").check();
        return r;
    }

    private static TagsRequest read(byte[] body) {
        var f = new Object() {
            String arn;
            List<Tag> tags;
            List<String> keys;
            String token;
        };
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "ResourceArn" -> f.arn = r.readString();
                case "Tags" -> f.tags = readTags(r);
                case "TagKeys" -> f.keys = r.readList(JsonReader::readString);
                case "NextToken" -> f.token = r.readString();
                default -> r.skip();
            }
        });
        return new TagsRequest(f.arn, f.tags, f.keys, f.token);
    }

    /** A {@code Tags} list, as TagResource and CreateTable carry it. */
    static List<Tag> readTags(JsonReader r) throws IOException {
        return r.readList(e -> {
            String[] kv = new String[2];
            e.readObject((n, v) -> {
                switch (n) {
                    case "Key" -> kv[0] = v.readString();
                    case "Value" -> kv[1] = v.readString();
                    default -> v.skip();
                }
            });
            return new Tag(kv[0], kv[1]);
        });
    }
}
