package io.cortexsync.connector.surrealdb.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** The TLS context that trusts the configured trust store. */
final class TlsContexts {

    private TlsContexts() {}

    static SSLContext trusting(SurrealConnectionConfig config) {
        String path = config.trustStorePath().orElseThrow();
        char[] password = config.trustStorePassword().map(String::toCharArray).orElse(null);
        try (InputStream in = Files.newInputStream(Paths.get(path))) {
            KeyStore store = KeyStore.getInstance(config.trustStoreType());
            store.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            // The store's password is not part of the message: only the path and the cause.
            throw new IllegalArgumentException(
                    "cannot load the trust store " + path + " (" + config.trustStoreType() + "): " + e.getMessage(), e);
        }
    }
}
