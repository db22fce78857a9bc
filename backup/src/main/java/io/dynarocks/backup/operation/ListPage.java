package io.dynarocks.backup.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.backup.s3.Descriptions;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;
import java.io.IOException;
import java.util.List;

/**
 * ListExports' and ListImports' paging: an optional table ARN, a page size (1-25; ListExports'
 * MaxResults, ListImports' PageSize) and a NextToken, here the ARN of the last entry returned.
 */
record ListPage(String tableArn, int size, String nextToken) {

    /** Writes one entry of the list. */
    interface EntryWriter {
        void write(JsonGenerator g, Descriptions.Entry e) throws IOException;
    }

    static ListPage decodeExports(byte[] body) {
        return decode(body, "MaxResults", "maxResults");
    }

    static ListPage decodeImports(byte[] body) {
        return decode(body, "PageSize", "pageSize");
    }

    private static ListPage decode(byte[] body, String sizeMember, String sizeName) {
        var f = new Object() {
            String table;
            Integer size;
            String token;
        };
        JsonReader.readBody(body, (n, r) -> {
            if (n.equals("TableArn")) {
                f.table = r.readString();
            } else if (n.equals(sizeMember)) {
                f.size = r.readInt();
            } else if (n.equals("NextToken")) {
                f.token = r.readString();
            } else {
                r.skip();
            }
        });
        Constraints c = new Constraints().range(f.size, 1, 25, sizeName);
        c.length(f.table, 1, 1024, "tableArn");
        c.check();
        return new ListPage(f.table, f.size == null ? 25 : f.size, f.token);
    }

    /** The entries of this page and the token of the next (null: none). */
    record Slice(List<Descriptions.Entry> entries, String nextToken) {
        void write(JsonGenerator g, String member, EntryWriter entry) throws IOException {
            g.writeArrayFieldStart(member);
            for (Descriptions.Entry e : entries) {
                entry.write(g, e);
            }
            g.writeEndArray();
            if (nextToken != null) {
                g.writeStringField("NextToken", nextToken);
            }
        }
    }

    Slice slice(List<Descriptions.Entry> all) {
        int from = 0;
        if (nextToken != null) {
            from = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).arn().equals(nextToken)) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw DynamoException.validation("Invalid NextToken");
            }
        }
        int to = Math.min(all.size(), from + size);
        return new Slice(all.subList(from, to), to < all.size() ? all.get(to - 1).arn() : null);
    }
}
