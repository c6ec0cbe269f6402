// A SurrealDB 2.x engine (2.6.0, the WebAssembly build in @surrealdb/wasm 2.6.1) behind the
// same interface as the 3.x engine of engine.mjs.
//
// Why WebAssembly: the native @surrealdb/node 2.x binaries for Linux need glibc 2.38 or newer
// (they call the C23 `__isoc23_strtol` family), which common build images do not have; the
// WebAssembly build runs wherever Node runs. It keeps its data in memory only.
//
// How the 2.x engine differs, and what this adapter does about it:
//   - an RPC error is thrown as a bare message string, not answered as `{error}`: it is
//     turned into the `{error: {code, message}}` reply that the 2.x server sends;
//   - the engine has one session and no `attach`: the request's `session` field is ignored
//     by the engine (see SharedSession in sessions-v2.mjs for how callers take turns);
//   - the binding is not exported: the package's own engine class is driven with a codec
//     that passes the request and reply bytes through unchanged.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { decode, encode, map, text, int } from './cbor.mjs';
import { EngineRequestError, isErrorReply, errorMessage, toNode } from './engine.mjs';

/** Error messages of 2.x's RpcError with their JSON-RPC codes; any other message is -32000. */
const ERROR_CODES = new Map([
    ['Method not found', -32601],
    ['Method not allowed', -32602],
    ['Invalid params', -32603],
]);

/** Messages for requests the engine cannot read; the server answers these with HTTP 400. */
const UNREADABLE_REQUEST = new Set(['Invalid request', 'Parse error']);

export class SurrealEngineV2 {
    #engine;
    #version;

    constructor(engine, version) {
        this.#engine = engine;
        this.#version = version;
    }

    /** Opens `mem://`, the only store of the WebAssembly build that Node can use. */
    static async open(url) {
        if (url !== 'mem://') throw new Error(`the SurrealDB 2.x engine runs in memory only, not on ${url}`);
        const { createWasmEngines } = await import('surrealdb-engine-v2');
        const engine = createWasmEngines().mem(passThroughContext());
        await withFileFetch(async () => {
            const opened = new Promise((resolve, reject) => {
                engine.subscribe('connected', resolve);
                engine.subscribe('error', reject);
            });
            engine.open({ url: new URL(url) });
            await opened;
        });
        const adapter = new SurrealEngineV2(engine, null);
        const version = decode(await adapter.execute(encode(map({ method: text('version'), params: { t: 'array', v: [] } }))));
        adapter.#version = String(version.v).replace(/^surrealdb-/, '');
        return adapter;
    }

    /** The engine's version, e.g. `2.6.0`. */
    version() {
        return this.#version;
    }

    /** Runs one encoded request; returns the result bytes or an `{error}` reply. */
    async execute(requestBytes) {
        try {
            return Buffer.from(await this.#engine.send({ bytes: new Uint8Array(requestBytes) }));
        } catch (e) {
            const message = typeof e === 'string' ? e : String(e?.message ?? e);
            if (UNREADABLE_REQUEST.has(message)) throw new EngineRequestError(message);
            const error = map({ code: int(ERROR_CODES.get(message) ?? -32000), message: text(message) });
            return encode(map({ error }));
        }
    }

    /** Runs `method` with plain JavaScript params; returns {result} or {error} nodes. */
    async call(method, params) {
        const reply = await this.execute(encode(map({ method: text(method), params: { t: 'array', v: params.map(toNode) } })));
        return isErrorReply(reply) ? { error: decode(reply).v[0][1] } : { result: decode(reply) };
    }

    /** Like `call`, but throws the engine's error message. */
    async expect(method, params) {
        const reply = await this.call(method, params);
        if (reply.error) throw new Error(errorMessage(reply.error));
        return reply.result;
    }

    async close() {
        await this.#engine.close();
    }
}

/**
 * The package's engine encodes each request with the context's codec and decodes the reply
 * with it; a codec that hands bytes through lets this adapter speak CBOR itself.
 */
function passThroughContext() {
    let next = 0;
    return {
        uniqueId: () => String(++next),
        codecs: { cbor: { encode: (request) => request.bytes, decode: (bytes) => bytes } },
    };
}

/** The package loads its .wasm file with `fetch`, which in Node does not read file: URLs. */
async function withFileFetch(fn) {
    const original = globalThis.fetch;
    globalThis.fetch = async (resource, init) => {
        const url = resource instanceof URL ? resource : new URL(String(resource));
        if (url.protocol !== 'file:') return original(resource, init);
        return new Response(await readFile(fileURLToPath(url)), { headers: { 'content-type': 'application/wasm' } });
    };
    try {
        await fn();
    } finally {
        globalThis.fetch = original;
    }
}
