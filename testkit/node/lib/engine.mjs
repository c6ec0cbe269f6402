// The embedded SurrealDB engine of @surrealdb/node, driven with raw CBOR RPC requests.
// `execute` takes one request `{method, params, session?}` and answers with the bare
// result or with `{error}`; it throws when the request itself cannot be read.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { decode, encode, map, text, array, tag, int, NULL } from './cbor.mjs';
import { TAG } from './surreal-values.mjs';

/** The native binding ships inside the package, one file per platform. */
function loadNativeBinding() {
    const entry = fileURLToPath(import.meta.resolve('@surrealdb/node'));
    const dir = path.dirname(entry);
    const libc = process.platform !== 'linux' ? '' : process.report?.getReport()?.header?.glibcVersionRuntime ? '-gnu' : '-musl';
    const abi = process.platform === 'win32' ? '-msvc' : libc;
    const file = path.join(dir, `surrealdb-node.${process.platform}-${process.arch}${abi}.node`);
    return createRequire(import.meta.url)(file);
}

/** Thrown when the engine refuses to read a request (bad CBOR values, bad fields). */
export class EngineRequestError extends Error {}

/**
 * How long a close may take to write a store's last changes (a memory table of about 100 MB took
 * 0.3 s); short enough that the server reports a stuck close itself, before EmbeddedSurrealDb's
 * stop, which waits 15 s in all, kills the process.
 */
const CLOSE_TIMEOUT_MS = 8_000;

export class SurrealEngine {
    #native;
    #storeDir;

    constructor(native, storeDir) {
        this.#native = native;
        this.#storeDir = storeDir;
    }

    /** Opens `mem://` or `surrealkv://<dir>` (the engine's own URL forms). */
    static async open(url) {
        const { SurrealNodeEngine } = loadNativeBinding();
        const storeDir = url.startsWith('surrealkv://') ? url.slice('surrealkv://'.length) : null;
        return new SurrealEngine(await SurrealNodeEngine.connect(url, {}), storeDir);
    }

    static version() {
        return loadNativeBinding().SurrealNodeEngine.version();
    }

    /** Runs one encoded request; returns the engine's reply bytes. */
    async execute(requestBytes) {
        try {
            return Buffer.from(await this.#native.execute(requestBytes));
        } catch (e) {
            throw new EngineRequestError(e.message);
        }
    }

    /** Runs `method` with plain JavaScript params on `session`; returns {result} or {error} nodes. */
    async call(method, params, session) {
        const request = { method: text(method), params: array(params.map(toNode)) };
        if (session) request.session = sessionNode(session);
        const reply = await this.execute(encode(map(request)));
        return isErrorReply(reply) ? { error: decode(reply).v[0][1] } : { result: decode(reply) };
    }

    /** Like `call`, but throws the engine's error message. */
    async expect(method, params, session) {
        const reply = await this.call(method, params, session);
        if (reply.error) throw new Error(errorMessage(reply.error));
        return reply.result;
    }

    /**
     * Frees the engine and, on disk, waits until the store is closed. The binding's free()
     * resolves before surrealkv has written its last memtable: a process that ends then loses
     * what the write-ahead log held (a whole recent block of commits, found missing after a
     * restart). The store deletes its log once that memtable is safely in a table file, so the
     * close is done when no log file with content is left.
     */
    async close() {
        await this.#native.free();
        if (this.#storeDir === null) return;
        const deadline = Date.now() + CLOSE_TIMEOUT_MS;
        while (unflushedLogs(this.#storeDir).length > 0) {
            if (Date.now() > deadline) {
                throw new Error(`the store at ${this.#storeDir} still holds unwritten logs ${unflushedLogs(this.#storeDir).join(', ')} `
                    + `${CLOSE_TIMEOUT_MS / 1000} s after its close`);
            }
            await sleep(20);
        }
    }
}

/** The write-ahead log files of a surrealkv store that still hold data. */
function unflushedLogs(storeDir) {
    const logDir = path.join(storeDir, 'wal');
    if (!fs.existsSync(logDir)) return [];
    return fs.readdirSync(logDir).filter((name) => {
        try {
            return fs.statSync(path.join(logDir, name)).size > 0;
        } catch {
            return false; // deleted meanwhile: written
        }
    });
}

/** A session id (16 bytes) as the tag-37 UUID the engine expects. */
export function sessionNode(sessionBytes) {
    return tag(TAG.UUID, { t: 'bytes', v: sessionBytes });
}

/** Plain JavaScript values (strings, integers, objects, arrays, null, undefined) as nodes. */
export function toNode(value) {
    if (value === undefined) return tag(TAG.NONE, NULL);
    if (value === null) return NULL;
    if (typeof value === 'string') return text(value);
    if (typeof value === 'number' || typeof value === 'bigint') return int(value);
    if (typeof value === 'boolean') return { t: 'simple', v: value };
    if (Array.isArray(value)) return array(value.map(toNode));
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return map(Object.fromEntries(entries.map(([k, v]) => [k, toNode(v)])));
}

const ERROR_PREFIX = Buffer.from([0xa1, 0x65, ...Buffer.from('error')]);

/**
 * The engine answers an error as `{error: {code, message, ...}}` and a success as the bare
 * result, so a result that is itself a one-key `{error: {code, message}}` object would
 * look the same; checking the shape keeps that case down to such contrived values.
 */
export function isErrorReply(bytes) {
    if (!bytes.subarray(0, ERROR_PREFIX.length).equals(ERROR_PREFIX)) return false;
    const inner = decode(bytes).v[0][1];
    if (inner.t !== 'map') return false;
    const keys = new Set(inner.v.map(([k]) => k.v));
    return keys.has('code') && keys.has('message');
}

/** The `message` of an error node. */
export function errorMessage(errorNode) {
    const entry = errorNode.v.find(([k]) => k.v === 'message');
    return entry ? String(entry[1].v) : 'unknown error';
}
