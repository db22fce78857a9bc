package io.dynarocks.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * Netty's transport: the native epoll one on Linux x86-64 when its bundled library loads (fewer
 * system calls and less garbage per request than NIO, measured in bench/RESULTS.md), NIO otherwise:
 * on other platforms, when the library cannot load (e.g. a relocated copy of Netty whose native
 * library name no longer matches, or a no-exec temporary directory), or when
 * {@code -Dio.netty.transport.noNative=true} (Netty's own switch) asks for it.
 */
public enum NettyTransport {
    EPOLL, NIO;

    /** The transport this process can use. */
    public static NettyTransport available() {
        try {
            return Epoll.isAvailable() ? EPOLL : NIO;
        } catch (LinkageError e) {
            // Netty's epoll classes are not on the class path at all (a trimmed or relocated copy).
            return NIO;
        }
    }

    public IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    public Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Lower case, as the server's start-up line prints it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
