// Errors the server itself gives, where the engine cannot give them: RPC errors in the
// wire form of SurrealDB 3.0.2 (`surrealdb_types::Error`, keys sorted as the engine sorts
// them) and the JSON bodies of its HTTP errors (`ntw::error::ErrorMessage`).

import { encode, map, text, int, tag, NULL } from './cbor.mjs';
import { TAG } from './surreal-values.mjs';

/** An `{error}` reply as the engine would give it. */
function rpcError(code, kind, message, details) {
    const error = map({ cause: tag(TAG.NONE, NULL), code: int(code), details, kind: text(kind), message: text(message) });
    return encode(map({ error }));
}

function detail(kind, inner) {
    return inner ? map({ details: inner, kind: text(kind) }) : map({ kind: text(kind) });
}

/** What the server answers for begin/commit/cancel over HTTP, and for unknown methods. */
export function methodNotFound(name) {
    return rpcError(-32601, 'NotFound', 'Method not found', detail('Method', map({ name: text(name) })));
}

/** A `txn` on a request: HTTP keeps no transactions, so the server cannot look one up. */
export function methodNotAllowed(name) {
    return rpcError(-32602, 'NotAllowed', 'Method not allowed', detail('Method', map({ name: text(name) })));
}

/** HTTP sessions are not kept here, so any session id is unknown. */
export function sessionNotFound(id) {
    return rpcError(-32000, 'NotFound', `Session not found: ${id}`, detail('Session', map({ id: text(id) })));
}

/** A request without credentials on a server that does not allow guests (`Datastore::check_anon`). */
export function anonymousNotAllowed() {
    const who = map({ action: text('process'), actor: text('anonymous'), resource: text('query') });
    return rpcError(
        -32002,
        'NotAllowed',
        'Anonymous access not allowed: Not enough permissions to perform this action',
        detail('Auth', detail('NotAllowed', who)),
    );
}

/** The server's JSON error body; `information` is left out when absent, as serde skips it. */
export function httpErrorBody(code, details, description, information) {
    const body = { code, details, description };
    if (information !== undefined) body.information = information;
    return JSON.stringify(body);
}

export const UNSUPPORTED_MEDIA_TYPE = httpErrorBody(
    415,
    'Unsupported media type',
    'The request needs to adhere to certain constraints. Refer to the documentation for supported content types.',
);

/** 400 for a body the server cannot read ("Parse error", "Invalid request"). */
export function badRequestBody(information) {
    return httpErrorBody(
        400,
        'Request problems dectected',
        'There is a problem with your request. Refer to the documentation for further information.',
        information,
    );
}

export const HEALTH_CHECK_FAILED = httpErrorBody(
    500,
    'Health check failed',
    'The database health check for this instance failed. There was an issue with the underlying storage engine.',
    'There was a problem connecting with the storage engine',
);
