package io.dynarocks.junit5;

import io.dynarocks.junit5.DynaRocksTest.Scope;
import io.dynarocks.server.DynaRocks;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Starts an embedded in-memory server for a test class (or once per JVM) and injects clients into
 * fields and parameters by type. Configure it with {@link DynaRocksTest}; without it, each class
 * gets its own server and HTTP clients.
 */
public final class DynaRocksExtension
        implements BeforeAllCallback, BeforeEachCallback, TestInstancePostProcessor, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DynaRocksExtension.class);

    /** What can be injected, and how to get it from a session. */
    private static final Map<Class<?>, Function<Session, Object>> INJECTABLE = Map.of(
            DynamoDbClient.class, Session::client,
            DynamoDbAsyncClient.class, Session::asyncClient,
            DynamoDbEnhancedClient.class, Session::enhancedClient,
            DynamoDbStreamsClient.class, Session::streamsClient,
            DynaRocks.class, Session::server,
            URI.class, s -> s.server().endpoint());

    @Override
    public void beforeAll(ExtensionContext context) {
        session(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (settings(context).resetTables()) {
            session(context).deleteAllTables();
        }
    }

    @Override
    public void postProcessTestInstance(Object instance, ExtensionContext context) throws IllegalAccessException {
        Session session = session(context);
        for (Field field : ReflectionSupport.findFields(instance.getClass(),
                f -> !Modifier.isStatic(f.getModifiers()) && INJECTABLE.containsKey(f.getType()),
                HierarchyTraversalMode.TOP_DOWN)) {
            field.setAccessible(true);
            if (field.get(instance) == null) {
                field.set(instance, INJECTABLE.get(field.getType()).apply(session));
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTABLE.containsKey(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTABLE.get(parameter.getParameter().getType()).apply(session(context));
    }

    /** The class's session, created on first use (field injection can come before beforeAll). */
    private static Session session(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        DynaRocksTest settings = settings(classContext);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Session.class, k -> {
            if (settings.scope() == Scope.JVM) {
                DynaRocks shared = classContext.getRoot().getStore(NAMESPACE)
                        .getOrComputeIfAbsent(SharedServer.class, c -> new SharedServer(startServer()), SharedServer.class)
                        .server();
                return new Session(shared, false, settings.transport());
            }
            return new Session(startServer(), true, settings.transport());
        }, Session.class);
    }

    private static DynaRocks startServer() {
        return DynaRocks.builder().inMemory().port(0).start();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private static DynaRocksTest settings(ExtensionContext context) {
        return context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, DynaRocksTest.class))
                .orElse(Defaults.SETTINGS);
    }

    /** The JVM-scoped server, closed when the root context closes (by JUnit 5.9 and later alike, see {@link Session}). */
    private record SharedServer(DynaRocks server) implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }

    /** The settings of a class that uses {@code @ExtendWith(DynaRocksExtension.class)} without {@link DynaRocksTest}. */
    @DynaRocksTest
    private static final class Defaults {
        static final DynaRocksTest SETTINGS = Defaults.class.getAnnotation(DynaRocksTest.class);
    }

}
