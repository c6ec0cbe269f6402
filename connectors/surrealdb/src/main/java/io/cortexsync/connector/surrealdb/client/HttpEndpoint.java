package io.cortexsync.connector.surrealdb.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The server of the configured URL: host, port, path prefix and TLS, and how to open a connection
 * to it. A connection is a blocking {@link SocketChannel}, so that interrupting a thread that waits
 * on it (Flink cancelling a task) closes it at once instead of waiting out the request timeout.
 */
final class HttpEndpoint {

    private final String host;
    private final int port;
    private final String hostHeader;
    private final String basePath;
    private final SSLContext tls;
    private final int connectTimeoutMillis;

    private HttpEndpoint(String host, int port, String hostHeader, String basePath, SSLContext tls, int connectTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.hostHeader = hostHeader;
        this.basePath = basePath;
        this.tls = tls;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    static HttpEndpoint of(SurrealConnectionConfig config) {
        URI uri = URI.create(config.url());
        boolean https = uri.getScheme().toLowerCase(Locale.ROOT).equals("https");
        String host = uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        boolean defaultPort = uri.getPort() < 0;
        String hostHeader = defaultPort ? host : host + ":" + port;
        String unbracketed = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        SSLContext tls = null;
        if (https) {
            tls = config.trustStorePath().isPresent() ? TlsContexts.trusting(config) : defaultTls();
        }
        return new HttpEndpoint(unbracketed, port, hostHeader, path,
                tls, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
    }

    /** The request target for a route of the server, such as {@code /rpc}. */
    String target(String route) {
        return basePath + route;
    }

    String hostHeader() {
        return hostHeader;
    }

    /**
     * Connects (and shakes hands, for https); the channel is closed if that fails. Every read on
     * the connection, the handshake's included, waits at most {@code readTimeoutMillis}.
     */
    HttpConnection open(int readTimeoutMillis) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().setTcpNoDelay(true);
            channel.socket().connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            channel.socket().setSoTimeout(readTimeoutMillis);
            if (tls == null) {
                return new HttpConnection(channel, null, channel.socket().getInputStream(),
                        channel.socket().getOutputStream(), readTimeoutMillis);
            }
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(channel.socket(), host, port, true);
            SSLParameters parameters = socket.getSSLParameters();
            // what https clients check: the certificate names the host we asked for
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return new HttpConnection(channel, socket, socket.getInputStream(), socket.getOutputStream(), readTimeoutMillis);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no default TLS context", e);
        }
    }
}
