package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.model.Tag;
import java.io.IOException;
import java.util.List;

/** TagResource, UntagResource and ListTagsOfResource requests: a resource ARN with tags, tag keys or a page token. */
public record TagsRequest(String resourceArn, List<Tag> tags, List<String> tagKeys, String nextToken) {

    public static TagsRequest decodeTagResource(byte[] body) {
        TagsRequest r = read(body);
        Constraints c = new Constraints().notNull(r.resourceArn, "resourceArn").notNull(r.tags, "tags");
        if (r.tags != null) {
            for (int i = 0; i < r.tags.size(); i++) {
                Tag t = r.tags.get(i);
                String at = "tags." + (i + 1) + ".member.";
                c.notNull(t.key(), at + "key").notNull(t.value(), at + "value");
                if (t.key() != null && (t.key().isEmpty() || t.key().length() > 128)) {
                    c.fail(t.key(), at + "key", t.key().isEmpty() ? "Member must have length greater than or equal to 1"
                            : "Member must have length less than or equal to 128");
                }
                if (t.value() != null && t.value().length() > 256) {
                    c.fail(t.value(), at + "value", "Member must have length less than or equal to 256");
                }
            }
        }
        c.check();
        return r;
    }

    public static TagsRequest decodeUntagResource(byte[] body) {
        TagsRequest r = read(body);
        new Constraints().notNull(r.resourceArn, "resourceArn").notNull(r.tagKeys, "tagKeys").check();
        return r;
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
