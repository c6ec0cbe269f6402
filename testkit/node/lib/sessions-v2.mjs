// The one session of a SurrealDB 2.x engine, shared by HTTP callers in turns. The 2.x engine
// cannot attach sessions, so the session is set up for one set of headers (namespace,
// database, credentials) at a time: callers with those headers run concurrently, a caller
// with other headers waits until they are done and then sets the session up again. Same
// interface as SessionPool in sessions.mjs; the "session" handed to callers is their turn.

import { AuthFailure } from './sessions.mjs';
import { errorMessage } from './engine.mjs';

const INVALID_AUTH = 'There was a problem with authentication';

export class SharedSession {
    #engine;
    #ttlMs;
    #waiting = [];
    #active = 0;
    #activeKey = null; // the headers the running callers share; null when one runs alone
    #setUpFor = null; // the headers the session is set up for, null when unknown
    #setUpUntil = 0;

    constructor(engine, { ttlMs = 30_000 } = {}) {
        this.#engine = engine;
        this.#ttlMs = ttlMs;
    }

    /** Runs `fn(turn)` once the session is set up for these headers, alongside callers with the same ones. */
    async run(identity, fn) {
        await this.#enter(identity, false);
        const turn = { held: true };
        try {
            return await fn(turn);
        } finally {
            if (turn.held) this.#leave();
        }
    }

    /**
     * Runs `fn(null)` with the session to itself, for methods such as `use` or `signin` that
     * change it; the change is forgotten afterwards, as the real server forgets it after the request.
     * Called within `run`, it gives up that caller's `turn` first: waiting for it would never end.
     */
    async runAlone(identity, fn, turn) {
        if (turn?.held) {
            turn.held = false;
            this.#leave();
        }
        await this.#enter(identity, true);
        try {
            return await fn(null);
        } finally {
            this.#setUpFor = null;
            this.#leave();
        }
    }

    async #enter(identity, alone) {
        const mayJoin = !alone && this.#waiting.length === 0 && this.#active > 0 && this.#activeKey === identity.key;
        if (this.#active === 0 && this.#waiting.length === 0) {
            this.#grant(identity.key, alone);
        } else if (!mayJoin) {
            await new Promise((resolve) => this.#waiting.push({ key: identity.key, alone, resolve }));
        } else {
            this.#active++;
        }
        try {
            await this.#setUp(identity);
        } catch (e) {
            this.#leave();
            throw e;
        }
    }

    #grant(key, alone) {
        this.#active++;
        this.#activeKey = alone ? null : key;
    }

    #leave() {
        this.#active--;
        if (this.#active > 0 || this.#waiting.length === 0) return;
        const head = this.#waiting.shift();
        this.#grant(head.key, head.alone);
        head.resolve();
        if (head.alone) return;
        // Everyone else waiting with the same headers can run now too.
        const same = this.#waiting.filter((w) => !w.alone && w.key === head.key);
        this.#waiting = this.#waiting.filter((w) => !same.includes(w));
        for (const waiter of same) {
            this.#active++;
            waiter.resolve();
        }
    }

    /** Sets the session up unless it already is; concurrent callers share one set-up. */
    async #setUp(identity) {
        // A set-up past its time is renewed only when nobody else relies on it just now.
        const fresh = Date.now() < this.#setUpUntil || this.#active > 1;
        if (this.#setUpFor?.key === identity.key && fresh) return this.#setUpFor.ready;
        const ready = this.#apply(identity);
        this.#setUpFor = { key: identity.key, ready };
        this.#setUpUntil = Date.now() + this.#ttlMs;
        try {
            await ready;
        } catch (e) {
            if (this.#setUpFor?.ready === ready) this.#setUpFor = null; // a refused login is not kept
            throw e;
        }
    }

    /** Forgets the previous caller's state, then signs in and chooses namespace and database. */
    async #apply(identity) {
        // `invalidate` and `use`, since `reset` aborts the 2.6.0 WebAssembly engine.
        await this.#engine.expect('invalidate', []);
        const credentials = identity.credentials;
        if (credentials?.kind === 'basic') {
            const { user, pass } = credentials;
            if (identity.authDb !== undefined && identity.authNs === undefined) throw new AuthFailure(INVALID_AUTH);
            const reply = await this.#engine.call('signin', [{ user, pass, ns: identity.authNs, db: identity.authDb }]);
            if (reply.error) throw new AuthFailure(errorMessage(reply.error));
        }
        // null unsets, so a request without headers does not inherit the previous caller's choice.
        await this.#engine.expect('use', [identity.ns ?? null, identity.db ?? null]);
        // A token's own namespace and database win over the headers, as on the server.
        if (credentials?.kind === 'bearer') {
            const reply = await this.#engine.call('authenticate', [credentials.token]);
            if (reply.error) throw new AuthFailure(errorMessage(reply.error));
        }
    }
}
