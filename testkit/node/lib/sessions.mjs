// Engine sessions for HTTP callers. The real server builds a fresh session from each
// request's headers (namespace, database, credentials); here each distinct set of headers
// gets its own attached engine session, reused while it is fresh, so that concurrent
// requests with different headers never share state and never wait on one another.

import { randomUUID } from 'node:crypto';
import { errorMessage } from './engine.mjs';

/** Credentials the server refuses; the message is the body of the HTTP 401. */
export class AuthFailure extends Error {}

const INVALID_AUTH = 'There was a problem with authentication';

export class SessionPool {
    #engine;
    #entries = new Map();
    #ttlMs;
    #maxEntries;

    constructor(engine, { ttlMs = 30_000, maxEntries = 256 } = {}) {
        this.#engine = engine;
        this.#ttlMs = ttlMs;
        this.#maxEntries = maxEntries;
    }

    /** Runs `fn(session)` on the shared session for these headers; the session is set up once. */
    async run(identity, fn) {
        const entry = this.#acquire(identity);
        entry.users++;
        try {
            return await fn(await entry.ready);
        } finally {
            entry.users--;
            this.#detachIfUnused(entry);
        }
    }

    /**
     * Runs `fn(session)` on a session of its own, dropped afterwards: for methods such as
     * `use` or `signin` that change the session, whose effect the real server forgets
     * after the request.
     */
    async runAlone(identity, fn) {
        const session = await this.#open(identity);
        try {
            return await fn(session);
        } finally {
            await this.#engine.call('detach', [], session).catch(() => {});
        }
    }

    #acquire(identity) {
        const existing = this.#entries.get(identity.key);
        if (existing && Date.now() < existing.expiresAt) return existing;
        if (existing) this.#retire(existing);
        const entry = { key: identity.key, users: 0, retired: false, expiresAt: this.#expiry(identity) };
        entry.ready = this.#open(identity);
        entry.ready.catch(() => this.#retire(entry)); // a refused login is not cached
        this.#entries.set(identity.key, entry);
        if (this.#entries.size > this.#maxEntries) this.#retire(this.#entries.values().next().value);
        return entry;
    }

    /** Sessions are re-created now and then so that changed users or expired tokens are noticed. */
    #expiry(identity) {
        const limit = Date.now() + this.#ttlMs;
        const exp = identity.credentials?.kind === 'bearer' ? tokenExpiry(identity.credentials.token) : null;
        return exp === null ? limit : Math.min(limit, exp * 1000);
    }

    #retire(entry) {
        if (this.#entries.get(entry.key) === entry) this.#entries.delete(entry.key);
        entry.retired = true;
        this.#detachIfUnused(entry);
    }

    #detachIfUnused(entry) {
        if (!entry.retired || entry.users > 0 || entry.detached) return;
        entry.detached = true;
        entry.ready.then((session) => this.#engine.call('detach', [], session)).catch(() => {});
    }

    /** Attaches a session and gives it the request's credentials, namespace and database. */
    async #open(identity) {
        const session = Buffer.from(randomUUID().replace(/-/g, ''), 'hex');
        await this.#engine.expect('attach', [], session);
        try {
            const credentials = identity.credentials;
            if (credentials?.kind === 'basic') await this.#signIn(identity, session);
            await this.#use(identity, session);
            // A token's own namespace and database win over the headers, as on the server.
            if (credentials?.kind === 'bearer') await this.#authenticate(credentials.token, session);
            return session;
        } catch (e) {
            await this.#engine.call('detach', [], session).catch(() => {});
            throw e;
        }
    }

    /** Basic credentials: a root user, or a namespace/database user with surreal-auth-ns/-db. */
    async #signIn(identity, session) {
        const { user, pass } = identity.credentials;
        if (identity.authDb !== undefined && identity.authNs === undefined) throw new AuthFailure(INVALID_AUTH);
        const reply = await this.#engine.call('signin', [{ user, pass, ns: identity.authNs, db: identity.authDb }], session);
        if (reply.error) throw new AuthFailure(errorMessage(reply.error));
    }

    async #authenticate(token, session) {
        const reply = await this.#engine.call('authenticate', [token], session);
        if (reply.error) throw new AuthFailure(errorMessage(reply.error));
    }

    async #use(identity, session) {
        // A database without a namespace means nothing to the server; the engine would panic.
        if (identity.ns !== undefined) {
            await this.#engine.expect('use', [identity.ns, identity.db ?? null], session);
        } else if (identity.authNs !== undefined) {
            await this.#engine.expect('use', [null, null], session); // signin chose one; the server would not
        }
    }
}

/** The `exp` claim (seconds) of a JWT, or null when it cannot be read. */
function tokenExpiry(token) {
    try {
        const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
        return typeof payload.exp === 'number' ? payload.exp : null;
    } catch {
        return null;
    }
}
