package io.dynarocks.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionGuardTest {

    private static final int MAX_BODY = 1_000;

    /** A connection's pipeline as the server builds it, answering 200 to what reaches the end, 503 to refusals. */
    private static final class Connection {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final List<FullHttpRequest> received = new ArrayList<>();
        final List<String> refusedTargets = new ArrayList<>();

        Connection(TransportLimits limits, ConnectionGuard.Budget budget) {
            channel.pipeline().addLast("codec", new HttpServerCodec());
            ConnectionGuard.install(channel.pipeline(), "codec", limits, budget, MAX_BODY, (ctx, target, keepAlive) -> {
                refusedTargets.add(target);
                new HttpReply(ctx, keepAlive, null).send(503, new byte[0], "application/x-amz-json-1.0");
            });
            channel.pipeline().addLast(new HttpObjectAggregator(MAX_BODY), new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    received.add((FullHttpRequest) msg);
                }
            });
        }

        void send(String text) {
            channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
        }

        void answer(FullHttpRequest request) {
            request.release();
            new HttpReply(channel.pipeline().lastContext(), true, null).send(200, new byte[0], "text/plain");
        }

        String written() {
            StringBuilder out = new StringBuilder();
            for (Object o; (o = channel.readOutbound()) != null; ) {
                out.append(((ByteBuf) o).toString(StandardCharsets.ISO_8859_1));
                ((ByteBuf) o).release();
            }
            return out.toString();
        }
    }

    private static String post(int bodyBytes) {
        return "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\nContent-Length: " + bodyBytes
                + "\r\n\r\n" + "b".repeat(bodyBytes);
    }

    @Test
    void aRequestBeyondTheSharedInFlightBudgetIsAnswered503WithoutBeingReadAndTheConnectionStaysUsable() {
        ConnectionGuard.Budget budget = new ConnectionGuard.Budget(900);
        TransportLimits limits = TransportLimits.defaults();
        Connection first = new Connection(limits, budget);
        Connection second = new Connection(limits, budget);

        first.send(post(600));
        assertThat(first.received).hasSize(1);
        assertThat(budget.used()).isEqualTo(600);

        second.send(post(600));
        assertThat(second.received).isEmpty();
        assertThat(second.refusedTargets).containsExactly("DynamoDB_20120810.PutItem");
        assertThat(second.written()).startsWith("HTTP/1.1 503");
        assertThat(second.channel.isActive()).isTrue();

        // Answering the first request gives its bytes back: the second connection's next request is read.
        first.answer(first.received.get(0));
        assertThat(first.written()).startsWith("HTTP/1.1 200");
        assertThat(budget.used()).isZero();
        second.send(post(600));
        assertThat(second.received).hasSize(1);
    }

    @Test
    void oneRequestMayUseTheWholeBudgetAlone() {
        ConnectionGuard.Budget budget = new ConnectionGuard.Budget(100);
        Connection c = new Connection(TransportLimits.defaults(), budget);
        c.send(post(600));
        assertThat(c.received).hasSize(1);
    }

    @Test
    void aClosedConnectionGivesItsBytesBack() {
        ConnectionGuard.Budget budget = new ConnectionGuard.Budget(10_000);
        Connection c = new Connection(TransportLimits.defaults(), budget);
        c.send(post(600));
        assertThat(budget.used()).isEqualTo(600);
        c.channel.close();
        assertThat(budget.used()).isZero();
    }

    @Test
    void aRequestStillArrivingAfterTheRequestTimeoutIsDisconnected() throws Exception {
        Connection c = new Connection(TransportLimits.defaults().withRequestTimeout(Duration.ofMillis(50)),
                new ConnectionGuard.Budget(10_000));
        c.send("POST / HTTP/1.1\r\nHo");
        TimeUnit.MILLISECONDS.sleep(100);
        c.channel.runPendingTasks();
        c.channel.runScheduledPendingTasks();
        assertThat(c.channel.isOpen()).isFalse();
    }

    @Test
    void aConnectionWithoutARequestIsClosedAfterTheIdleTimeoutButNotWhileARequestIsAnswered() throws Exception {
        Connection c = new Connection(TransportLimits.defaults().withIdleTimeout(Duration.ofMillis(50)),
                new ConnectionGuard.Budget(10_000));
        c.send(post(10));
        TimeUnit.MILLISECONDS.sleep(100);
        c.channel.runScheduledPendingTasks();
        assertThat(c.channel.isOpen()).as("open while its request is being answered").isTrue();
        c.answer(c.received.get(0));
        TimeUnit.MILLISECONDS.sleep(100);
        c.channel.runScheduledPendingTasks();
        assertThat(c.channel.isOpen()).isFalse();
    }
}
