package io.dynarocks.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A command line as DynamoDB Local users write it, made ready for the {@code dynarocks} command. The
 * {@code amazon/dynamodb-local} image runs {@code java} with the arguments after the image name, so compose
 * files pass JVM arguments ({@code -Djava.library.path=./DynamoDBLocal_lib}, {@code -Xmx1g},
 * {@code -jar DynamoDBLocal.jar}) before DynamoDB Local's options; here the server is already running, so
 * those are dropped (JVM options belong in {@code JAVA_TOOL_OPTIONS}).
 *
 * @param options        the arguments left for the command's options
 * @param dynamoDbLocal  whether the command line is DynamoDB Local's (one of its options, or {@code -jar}),
 *                       in which case DynamoDB Local's defaults apply (a database per credential)
 * @param dropped        the JVM arguments that were dropped
 * @param inMemoryAndDbPath whether both {@code -inMemory} and {@code -dbPath} were given, which DynamoDB Local refuses
 */
record DynamoDbLocalArguments(List<String> options, boolean dynamoDbLocal, List<String> dropped,
        boolean inMemoryAndDbPath) {

    /** DynamoDB Local's own options (single dash), as its {@code -help} lists them. */
    static final Set<String> OPTIONS = Set.of("-port", "-inMemory", "-dbPath", "-sharedDb", "-delayTransientStatuses",
            "-optimizeDbBeforeStartup", "-cors", "-disableTelemetry");

    static DynamoDbLocalArguments of(String... args) {
        List<String> options = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        boolean dynamoDbLocal = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-jar") && i + 1 < args.length) {
                dropped.add(arg + " " + args[++i]);
                dynamoDbLocal = true;
            } else if (arg.startsWith("-D") || arg.startsWith("-X")) {
                dropped.add(arg);
            } else {
                dynamoDbLocal |= OPTIONS.contains(arg);
                options.add(arg);
            }
        }
        boolean both = options.contains("-inMemory") && options.contains("-dbPath");
        return new DynamoDbLocalArguments(List.copyOf(options), dynamoDbLocal, List.copyOf(dropped), both);
    }
}
