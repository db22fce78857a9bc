package io.dynarocks.bench.jmh;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.RequestGuard;
import io.dynarocks.protocol.operation.BatchGetItemRequest;
import io.dynarocks.protocol.operation.GetItemRequest;
import io.dynarocks.protocol.operation.QueryRequest;
import io.dynarocks.security.AccessKey;
import io.dynarocks.security.ResourcePolicies;
import io.dynarocks.security.Security;
import io.dynarocks.security.SecurityConfig;
import io.dynarocks.security.SignedRequest;
import io.dynarocks.storage.memory.MemoryStorage;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * What authentication costs a request: SigV4 verification of a GetItem signed by the AWS SDK, and IAM
 * policy evaluation (a fine-grained policy with dynamodb:LeadingKeys, dynamodb:Attributes and
 * dynamodb:Select conditions) of a GetItem, a Query and a BatchGetItem of 10 keys.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SecurityBenchmark {

    private static final String POLICY = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"],
              "Resource": "arn:aws:dynamodb:*:*:table/bench",
              "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:username}"],
                                                         "dynamodb:Attributes": ["pk", "sk", "n", "data"]},
                            "StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}},
              {"Effect": "Deny", "Action": "dynamodb:DeleteTable", "Resource": "*"}]}
            """;

    private Security security;
    private Engine engine;
    private ResourcePolicies resourcePolicies;
    private SignedRequest signedGet;
    private RequestGuard guard;
    private GetItemRequest get;
    private QueryRequest query;
    private BatchGetItemRequest batchGet;

    @Setup
    public void setUp() throws IOException {
        Path policy = Files.createTempFile("policy", ".json");
        Files.writeString(policy, POLICY);
        engine = new Engine(new MemoryStorage(), Clock.systemUTC());
        OperationRegistry registry = new OperationRegistry(engine);
        // Every database of the server has resource policies (none set here), and every request consults them.
        resourcePolicies = ResourcePolicies.install(engine, registry);
        registry.handle("DynamoDB_20120810.CreateTable", ("{\"TableName\":\"bench\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\","
                + "\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
                + "\"BillingMode\":\"PAY_PER_REQUEST\"}").getBytes(StandardCharsets.UTF_8));
        security = Security.of(SecurityConfig.none().withAuthKey("p123:secret:" + policy), Clock.systemUTC());
        byte[] getBody = ("{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"p123\"},\"sk\":{\"S\":\"s4\"}},"
                + "\"ProjectionExpression\":\"#d, n\",\"ExpressionAttributeNames\":{\"#d\":\"data\"}}")
                .getBytes(StandardCharsets.UTF_8);
        signedGet = sign(getBody);
        guard = security.authenticate(signedGet, engine, resourcePolicies);
        get = GetItemRequest.decode(getBody);
        query = QueryRequest.decode(("{\"TableName\":\"bench\",\"KeyConditionExpression\":\"#pk = :pk AND "
                + "begins_with(#sk, :prefix)\",\"ExpressionAttributeNames\":{\"#pk\":\"pk\",\"#sk\":\"sk\"},"
                + "\"ExpressionAttributeValues\":{\":pk\":{\"S\":\"p123\"},\":prefix\":{\"S\":\"s\"}},"
                + "\"ProjectionExpression\":\"#sk, n\",\"Limit\":10}").getBytes(StandardCharsets.UTF_8));
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            keys.append(i == 0 ? "" : ",").append("{\"pk\":{\"S\":\"p123\"},\"sk\":{\"S\":\"s").append(i).append("\"}}");
        }
        batchGet = BatchGetItemRequest.decode(("{\"RequestItems\":{\"bench\":{\"Keys\":[" + keys
                + "],\"ProjectionExpression\":\"n\"}}}").getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public AccessKey verifySignature() {
        return security.verify(signedGet);
    }

    /** The whole per-request cost with authentication on: verify the signature, then authorize the request. */
    @Benchmark
    public RequestGuard verifyAndAuthorizeGetItem() {
        RequestGuard admitted = security.authenticate(signedGet, engine, resourcePolicies);
        admitted.admit("DynamoDB_20120810.GetItem", get);
        return admitted;
    }

    @Benchmark
    public void authorizeGetItem() {
        guard.admit("DynamoDB_20120810.GetItem", get);
    }

    @Benchmark
    public void authorizeQuery() {
        guard.admit("DynamoDB_20120810.Query", query);
    }

    @Benchmark
    public void authorizeBatchGetItemOf10() {
        guard.admit("DynamoDB_20120810.BatchGetItem", batchGet);
    }

    private static SignedRequest sign(byte[] body) {
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("p123", "secret"))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://127.0.0.1:8000/"))
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("X-Amz-Target", "DynamoDB_20120810.GetItem").build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        // Netty's headers, looked up as the server's NettySignedRequest does, so lookups cost what they cost there.
        HttpHeaders headers = new DefaultHttpHeaders();
        signed.headers().forEach(headers::add);
        if (!headers.contains("Host")) {
            headers.add("Host", "127.0.0.1:8000");
        }
        InetAddress source = InetAddress.getLoopbackAddress();
        return new SignedRequest() {
            @Override public String method() { return "POST"; }
            @Override public String uri() { return "/"; }
            @Override public List<String> headers(String name) { return headers.getAll(name); }
            @Override public byte[] body() { return body; }
            @Override public InetAddress sourceAddress() { return source; }
        };
    }
}
