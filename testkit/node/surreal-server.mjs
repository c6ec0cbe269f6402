#!/usr/bin/env node
// The real SurrealDB engine (3.0.2, embedded in @surrealdb/node; or 2.6.0 with --engine v2)
// behind the HTTP endpoints of `surreal start`: POST /rpc, GET /health, GET /version.
//
//   node surreal-server.mjs [--port N] [--bind ADDR] [--user NAME --pass SECRET]
//                           [--path memory | surrealkv://DIR] [--engine v3 | v2] [--exit-with-stdin]
//
//   --port   port to listen on; 0 (the default) picks a free one
//   --bind   address to listen on (default 127.0.0.1)
//   --user / --pass
//            the root user, created at start when the store has no root user yet
//            (like `surreal start --user --pass`); without them every caller is a guest.
//            As with `surreal start`, SURREAL_USER and SURREAL_PASS may give them instead,
//            which keeps the password off the command line
//   --path   `memory` (default) or `surrealkv://DIR`, kept across restarts on the same DIR
//   --engine `v3` (default): SurrealDB 3.0.2; `v2`: SurrealDB 2.6.0 (lib/engine-v2.mjs), in
//            memory only, whose single session callers with different headers take in turns
//   --exit-with-stdin
//            stop when standard input closes, so that a parent process that dies,
//            however it dies, takes the server with it
//
// Once listening it prints one line to stdout: `READY port=N`. The engine's own output
// goes to stderr. SIGTERM or SIGINT close the listener, then the engine (flushing disk).
//
// As on the real server, for every request:
//   - Authorization `Basic` (a root user, or a namespace/database user named by
//     surreal-auth-ns / surreal-auth-db) or `Bearer <token from signin>`; refused
//     credentials give HTTP 401 with the error text; no credentials make a guest, whose
//     queries fail with SurrealDB's "Anonymous access not allowed" error (guests are not
//     allowed, the server's default);
//   - surreal-ns / surreal-db choose the namespace and database; `use` and `signin` do
//     not outlast the request;
//   - /rpc takes one request `{method, params}` as application/cbor or application/json;
//     an Accept header must name the same format (else 415); bodies over 4 MiB get 413;
//     replies carry `{result}` or `{error}` with HTTP 200 and no `id`.
// Not provided: WebSocket RPC, flatbuffers bodies, HTTP sessions (attach/detach and a
// request's `session`), the other HTTP routes (/sql, /key, /import, /export, ...).
// Known differences: the embedded engine runs with authentication off, so guests are
// refused here rather than by the engine (with the server's error; signed-in users get the
// engine's own permission checks); JSON bodies must be strict JSON, and only `table:key`
// strings with a plain, numeric or escaped key are read as record ids; the session built
// from a set of headers is reused for up to 30 s, so a removed user keeps access that long;
// a surreal-ns header creates its namespace and database, as `use` does.

import http from 'node:http';
import { parseArgs } from 'node:util';
import { readTopLevelMap, mapOfRawEntries, decode, CborError } from './lib/cbor.mjs';
import { SurrealEngine, EngineRequestError, isErrorReply, sessionNode } from './lib/engine.mjs';
import { SessionPool, AuthFailure } from './lib/sessions.mjs';
import { SurrealEngineV2 } from './lib/engine-v2.mjs';
import { SharedSession } from './lib/sessions-v2.mjs';
import { jsonBodyToCbor, JsonBodyError } from './lib/json-request.mjs';
import { cborToJsonText } from './lib/json-response.mjs';
import { formatUuid } from './lib/surreal-values.mjs';
import * as errors from './lib/errors.mjs';

const MAX_RPC_BODY = 4 << 20; // the server's SURREAL_HTTP_MAX_RPC_BODY_SIZE default

// Methods that run statements: the server checks guests here (`Datastore::check_anon`).
const QUERY_METHODS = new Set([
    'query', 'select', 'create', 'insert', 'insert_relation', 'upsert', 'update', 'merge',
    'patch', 'delete', 'relate', 'run', 'kill', 'live', 'info',
]);
// Methods that change the session; over HTTP the change ends with the request.
const SESSION_METHODS = new Set(['use', 'signin', 'signup', 'authenticate', 'refresh', 'invalidate', 'reset', 'let', 'set', 'unset']);
// The server's HTTP RPC has no transactions; sessions are not kept by this one.
const UNAVAILABLE_METHODS = new Set(['begin', 'commit', 'cancel', 'attach', 'detach', 'sessions']);

const FORMATS = { 'application/json': 'json', 'application/cbor': 'cbor' };
const KNOWN_MEDIA_TYPES = new Set(['text/plain', 'application/json', 'application/cbor', 'application/octet-stream', 'application/vnd.surrealdb.flatbuffers']);

class HttpReply {
    constructor(status, body = '', contentType = 'text/plain; charset=utf-8') {
        this.status = status;
        this.body = body;
        this.contentType = contentType;
    }
}

const jsonReply = (status, body) => new HttpReply(status, body, 'application/json');

// ---------------------------------------------------------------------------------------
// Request headers

/** Namespace, database and credentials of a request: the key of its engine session. */
function identityOf(headers) {
    const identity = {
        ns: headers['surreal-ns'],
        db: headers['surreal-db'],
        authNs: headers['surreal-auth-ns'],
        authDb: headers['surreal-auth-db'],
        credentials: credentialsOf(headers.authorization),
    };
    identity.key = JSON.stringify([identity.ns, identity.db, identity.authNs, identity.authDb, identity.credentials]);
    return identity;
}

/** Basic or Bearer credentials; anything else is ignored, as the server's typed headers do. */
function credentialsOf(authorization) {
    const match = /^(\S+) +(\S+)$/.exec(authorization ?? '');
    if (!match) return null;
    const [, scheme, value] = match;
    if (scheme.toLowerCase() === 'bearer') return { kind: 'bearer', token: value };
    if (scheme.toLowerCase() !== 'basic') return null;
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? null : { kind: 'basic', user: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

/** The media type of Content-Type or Accept, as the server's typed headers read it; null if unknown. */
function mediaTypeOf(value) {
    const type = value.split(';')[0];
    return KNOWN_MEDIA_TYPES.has(type) ? type : null;
}

// ---------------------------------------------------------------------------------------
// POST /rpc

/** Reads the body up to the limit; null when it is longer. */
async function readBody(req) {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
        size += chunk.length;
        if (size > MAX_RPC_BODY) return null;
        chunks.push(chunk);
    }
    return Buffer.concat(chunks);
}

/** Checks the headers in the server's order; returns the body format or an error reply. */
function negotiate(req) {
    // The server reads Accept `*/*` as JSON.
    const acceptHeader = req.headers.accept?.split(';')[0] === '*/*' ? 'application/json' : req.headers.accept;
    const accept = acceptHeader === undefined ? undefined : mediaTypeOf(acceptHeader);
    if (accept === null) return new HttpReply(400, 'invalid HTTP header (accept)');
    if (req.headers['content-type'] === undefined) return new HttpReply(400, 'Header of type `content-type` was missing');
    const contentType = mediaTypeOf(req.headers['content-type']);
    if (contentType === null) return new HttpReply(400, 'invalid HTTP header (content-type)');
    return { format: FORMATS[contentType], acceptFormat: accept === undefined ? undefined : FORMATS[accept] ?? 'other' };
}

async function handleRpc(req, identity, session) {
    if (Number(req.headers['content-length']) > MAX_RPC_BODY) return new HttpReply(413, 'length limit exceeded');
    const negotiated = negotiate(req);
    if (negotiated instanceof HttpReply) return negotiated;
    const body = await readBody(req);
    if (body === null) return new HttpReply(413, 'Failed to buffer the request body: length limit exceeded');
    const { format, acceptFormat } = negotiated;
    if (format === undefined) return jsonReply(415, errors.UNSUPPORTED_MEDIA_TYPE);
    if (acceptFormat !== undefined && acceptFormat !== format) return jsonReply(415, errors.UNSUPPORTED_MEDIA_TYPE);

    let request;
    try {
        request = readRequest(format === 'json' ? jsonBodyToCbor(body.toString('utf8')) : body);
    } catch (e) {
        if (e instanceof CborError || e instanceof JsonBodyError) return jsonReply(400, errors.badRequestBody('Parse error'));
        throw e;
    }
    if (request.invalid) return jsonReply(400, errors.badRequestBody('Invalid request'));
    const reply = await dispatch(request, identity, session);
    if (reply instanceof HttpReply) return reply;
    return format === 'json' ? jsonReply(200, jsonEnvelope(reply)) : new HttpReply(200, cborEnvelope(reply), 'application/cbor');
}

/** Splits a CBOR request into its entries; `method`, `session` and `txn` are read, the rest kept as bytes. */
function readRequest(bytes) {
    const entries = readTopLevelMap(bytes);
    const field = (name) => entries.find((e) => e.key.v === name);
    const value = (name) => field(name) && valueOf(bytes, field(name));
    const methodNode = value('method');
    if (methodNode?.t !== 'text') return { invalid: true };
    const kept = entries.filter((e) => !['session', 'txn'].includes(e.key.v));
    return { bytes, kept, method: methodNode.v, session: presentId(value('session')), txn: presentId(value('txn')), params: field('params') };
}

/** One value of the top-level map, decoded alone. */
function valueOf(bytes, entry) {
    return decode(bytes.subarray(entry.valueStart, entry.valueEnd));
}

/** A session or txn field: absent, NONE and null mean none; a UUID (tag 37 or text) is one. */
function presentId(node) {
    if (!node || node.t === 'simple' || (node.t === 'tag' && node.tag === 6)) return undefined;
    if (node.t === 'tag' && node.tag === 37 && node.v.t === 'bytes' && node.v.v.length === 16) return formatUuid(node.v.v);
    if (node.t === 'text' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(node.v)) return node.v.toLowerCase();
    return { invalid: true };
}

/** Runs the request on the right session; returns the engine's reply bytes or an HttpReply. */
async function dispatch(request, identity, session) {
    const { method } = request;
    if (request.session?.invalid || request.txn?.invalid) return jsonReply(400, errors.badRequestBody('Invalid request'));
    if (UNAVAILABLE_METHODS.has(method)) return errors.methodNotFound(method);
    if (request.session) return errors.sessionNotFound(request.session);
    if (request.txn && QUERY_METHODS.has(method)) return errors.methodNotAllowed('unknown');
    if (identity.credentials === null && QUERY_METHODS.has(method)) return errors.anonymousNotAllowed();
    if (method === 'use' && options.engine === 'v3' && usePanics(request, identity)) return new HttpReply(500, 'Service panicked');
    try {
        if (SESSION_METHODS.has(method)) return await pool.runAlone(identity, (alone) => execute(request, alone), session);
        return await execute(request, session);
    } catch (e) {
        if (e instanceof EngineRequestError) {
            return jsonReply(400, errors.badRequestBody(e.message === 'Invalid request' ? e.message : 'Parse error'));
        }
        throw e;
    }
}

function execute(request, session) {
    // A 3.x engine session is its 16-byte id; the 2.x engine has none to name.
    const extra = Buffer.isBuffer(session) ? [['session', sessionNode(session)]] : [];
    return engine.execute(mapOfRawEntries(request.bytes, request.kept, extra));
}

/** `use` with a database but no namespace panics in SurrealDB 3.0.2 (the server answers 500). */
function usePanics(request, identity) {
    if (!request.params) return false;
    const params = valueOf(request.bytes, request.params);
    const [ns, db] = params.t === 'array' ? params.v : [];
    const nsUnset = ns === undefined || (ns.t === 'tag' && ns.tag === 6);
    return db?.t === 'text' && ((ns?.t === 'simple' && ns.v === null) || (nsUnset && identity.ns === undefined));
}

const RESULT_KEY = Buffer.from([0xa1, 0x66, ...Buffer.from('result')]);

/** `{result: …}` around a successful reply; an error reply is already `{error: …}`. The engine's bytes pass unchanged. */
function cborEnvelope(reply) {
    return isErrorReply(reply) ? reply : Buffer.concat([RESULT_KEY, reply]);
}

function jsonEnvelope(reply) {
    return isErrorReply(reply) ? cborToJsonText(reply) : `{"result":${cborToJsonText(reply)}}`;
}

// ---------------------------------------------------------------------------------------
// Routing

async function route(req, identity, session) {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (path === '/rpc') {
        if (req.method === 'POST') return handleRpc(req, identity, session);
        if (req.method === 'OPTIONS') return new HttpReply(200);
        if (req.method === 'GET') return new HttpReply(400, "Connection header did not include 'upgrade'");
        return new HttpReply(405);
    }
    if (path === '/health' && req.method === 'GET') return health(session);
    if (path === '/version' && req.method === 'GET') return new HttpReply(200, `surrealdb-${engineVersion}`);
    if (path === '/status' && req.method === 'GET') return new HttpReply(200);
    return new HttpReply(404);
}

async function health(session) {
    const reply = await engine.call('ping', [], session).catch(() => ({ error: true }));
    return reply.error ? jsonReply(500, errors.HEALTH_CHECK_FAILED) : new HttpReply(200);
}

/** Authenticates first, as the server's authorization layer wraps every route. */
async function handle(req, res) {
    let reply;
    try {
        const identity = identityOf(req.headers);
        reply = await pool.run(identity, (session) => route(req, identity, session));
    } catch (e) {
        if (e instanceof AuthFailure) {
            reply = new HttpReply(401, e.message, undefined);
        } else {
            console.error('request failed:', e);
            reply = new HttpReply(500, 'Service panicked');
        }
    }
    send(res, reply);
    req.resume(); // discard what was not read, so that the connection can be reused
}

function send(res, reply) {
    const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
    const headers = { 'content-length': body.length, server: 'SurrealDB', 'surreal-version': `surrealdb/${engineVersion}` };
    if (reply.contentType && body.length > 0) headers['content-type'] = reply.contentType;
    res.writeHead(reply.status, headers);
    res.end(body);
}

// ---------------------------------------------------------------------------------------
// Start and stop

function parseOptions() {
    const { values } = parseArgs({
        options: {
            port: { type: 'string', default: '0' },
            bind: { type: 'string', default: '127.0.0.1' },
            user: { type: 'string' },
            pass: { type: 'string' },
            path: { type: 'string', default: 'memory' },
            engine: { type: 'string', default: 'v3' },
            'exit-with-stdin': { type: 'boolean', default: false },
        },
    });
    values.user ??= process.env.SURREAL_USER;
    values.pass ??= process.env.SURREAL_PASS;
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad --port ${values.port}`);
    if ((values.user === undefined) !== (values.pass === undefined)) throw new Error('--user and --pass go together');
    if (values.path !== 'memory' && !values.path.startsWith('surrealkv://')) throw new Error(`bad --path ${values.path}`);
    if (values.engine !== 'v3' && values.engine !== 'v2') throw new Error(`bad --engine ${values.engine}`);
    return { ...values, port, url: values.path === 'memory' ? 'mem://' : values.path };
}

/** Like `surreal start --user --pass`: the root user is created only when none exists. */
async function ensureRootUser(user, pass) {
    const [info] = (await engine.expect('query', ['INFO FOR ROOT'])).v;
    const users = info.v.find(([k]) => k.v === 'result')?.[1].v.find(([k]) => k.v === 'users')?.[1];
    if (users?.v.length > 0) return;
    // DEFINE USER takes literals only, not parameters.
    const literal = (value, quote) => quote + value.replace(/\\/g, '\\\\').replaceAll(quote, '\\' + quote) + quote;
    const statement = `DEFINE USER ${literal(user, '`')} ON ROOT PASSWORD ${literal(pass, "'")} ROLES OWNER`;
    const [result] = (await engine.expect('query', [statement])).v;
    const status = result.v.find(([k]) => k.v === 'status')[1].v;
    if (status !== 'OK') throw new Error('could not create the root user');
}

const options = parseOptions();
const engine = options.engine === 'v2' ? await SurrealEngineV2.open(options.url) : await SurrealEngine.open(options.url);
const engineVersion = options.engine === 'v2' ? engine.version() : SurrealEngine.version();
const pool = options.engine === 'v2' ? new SharedSession(engine) : new SessionPool(engine);
if (options.user !== undefined) await ensureRootUser(options.user, options.pass);

const server = http.createServer((req, res) => {
    handle(req, res);
});
// Node closes a keep-alive connection after 5 s idle; a client that sends its next request on it
// just then reads EOF ("header parser received no bytes" in Java's HttpClient). The real server
// keeps idle connections until the client closes them, and so does this one.
server.keepAliveTimeout = 0;
server.listen(options.port, options.bind, () => {
    process.stdout.write(`READY port=${server.address().port}\n`);
});

let stopping = false;
async function stop() {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 5000);
    await new Promise((resolve) => server.once('close', resolve));
    clearTimeout(force);
    try {
        await engine.close();
    } catch (e) {
        console.error(`engine close failed: ${e.message}`);
        process.exit(1);
    }
    console.error('engine closed');
    process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (options['exit-with-stdin']) {
    process.stdin.on('end', stop).on('error', stop).resume();
}
