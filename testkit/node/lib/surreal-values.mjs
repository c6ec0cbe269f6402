// SurrealDB's CBOR tags and the text forms SurrealDB 3.0.2 gives its values (its `Display`
// and `ToSql`), for nodes decoded by cbor.mjs. Record ids, ranges and files reach JSON
// clients in their SurrealQL form, so that form must match the server's byte for byte.

export const TAG = Object.freeze({
    DATETIME_STRING: 0,
    NONE: 6,
    TABLE: 7,
    RECORD_ID: 8,
    UUID_STRING: 9,
    DECIMAL: 10,
    DATETIME: 12,
    DURATION_STRING: 13,
    DURATION: 14,
    FUTURE: 15,
    UUID: 37,
    RANGE: 49,
    BOUND_INCLUDED: 50,
    BOUND_EXCLUDED: 51,
    FILE: 55,
    SET: 56,
    GEOMETRY_POINT: 88,
    GEOMETRY_LINE: 89,
    GEOMETRY_POLYGON: 90,
    GEOMETRY_MULTIPOINT: 91,
    GEOMETRY_MULTILINE: 92,
    GEOMETRY_MULTIPOLYGON: 93,
    GEOMETRY_COLLECTION: 94,
});

const SECONDS_PER = { y: 365n * 86400n, w: 7n * 86400n, d: 86400n, h: 3600n, m: 60n };

/** A duration `[secs?, nanos?]` as SurrealDB prints it, e.g. `1h30m`, `0ns`. */
export function formatDuration(node) {
    const [secsNode, nanosNode] = node.v;
    let secs = secsNode ? BigInt(secsNode.v) : 0n;
    let nanos = nanosNode ? BigInt(nanosNode.v) : 0n;
    if (secs === 0n && nanos === 0n) return '0ns';
    let out = '';
    for (const [unit, size] of Object.entries(SECONDS_PER)) {
        const count = secs / size;
        secs %= size;
        if (count > 0n) out += count + unit;
    }
    if (secs > 0n) out += secs + 's';
    const parts = [[nanos / 1000000n, 'ms'], [(nanos / 1000n) % 1000n, 'µs'], [nanos % 1000n, 'ns']];
    for (const [count, unit] of parts) if (count > 0n) out += count + unit;
    return out;
}

/** A datetime `[secs, nanos?]` as RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits (chrono's AutoSi). */
export function formatDatetime(node) {
    const secs = Number(node.v[0]?.v ?? 0n);
    const nanos = Number(node.v[1]?.v ?? 0n);
    const base = new Date(secs * 1000).toISOString().slice(0, 19);
    let fraction = '';
    if (nanos % 1e9 !== 0) {
        const digits = String(nanos).padStart(9, '0');
        fraction = '.' + (nanos % 1e6 === 0 ? digits.slice(0, 3) : nanos % 1e3 === 0 ? digits.slice(0, 6) : digits);
    }
    return base + fraction + 'Z';
}

/** 16 UUID bytes in lower-case hyphenated form. */
export function formatUuid(bytes) {
    const hex = Buffer.from(bytes).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Rust's `f64` Display: shortest round-trip digits, never an exponent. */
export function rustFloat(value) {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    if (value === 0) return Object.is(value, -0) ? '-0' : '0';
    const sign = value < 0 ? '-' : '';
    const [mantissa, exp] = Math.abs(value).toExponential().split('e');
    const digits = mantissa.replace('.', '');
    const point = Number(exp) + 1;
    if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
    if (point > 0) return sign + digits.slice(0, point) + '.' + digits.slice(point);
    return sign + '0.' + '0'.repeat(-point) + digits;
}

// --- SurrealQL text (ToSql) ------------------------------------------------------------

const SIMPLE_IDENT = /^[A-Za-z0-9_]+$/;

/** Identifiers: raw when plain, otherwise in back-ticks. */
function escapeIdent(name) {
    if (name === '' || /^[0-9]/.test(name) || !SIMPLE_IDENT.test(name)) return '`' + escapeChars(name, '`') + '`';
    return name;
}

/** Record keys: back-ticks when not plain or when made only of digits and underscores. */
function escapeRecordKey(key) {
    if (key === '' || !SIMPLE_IDENT.test(key) || /^[0-9_]+$/.test(key)) return '`' + escapeChars(key, '`') + '`';
    return key;
}

function escapeObjectKey(key) {
    if (key === '' || /^[0-9]/.test(key) || !SIMPLE_IDENT.test(key)) return '"' + escapeChars(key, '"') + '"';
    return key;
}

function quoteString(value) {
    const quote = value.includes("'") ? '"' : "'";
    return quote + escapeChars(value, quote) + quote;
}

const CHAR_ESCAPES = { '\0': '\\0', '\r': '\\r', '\t': '\\t', '\n': '\\n', '\b': '\\u{8}', '\f': '\\f', '\\': '\\\\' };

function escapeChars(value, quote) {
    let out = '';
    for (const c of value) out += CHAR_ESCAPES[c] ?? (c === quote ? '\\' + c : c);
    return out;
}

/** `table:key` as the server prints a record id. */
export function recordIdToSql(inner) {
    if (inner.t === 'text') return inner.v; // the `table:key` string form some clients send
    const [table, key] = inner.v;
    return escapeIdent(String(table.v)) + ':' + recordKeyToSql(key);
}

function recordKeyToSql(key) {
    if (key.t === 'text') return escapeRecordKey(key.v);
    if (key.t === 'tag' && key.tag === TAG.RANGE) return rangeToSql(key.v, true);
    return toSql(key);
}

/** A range's bounds; record-key ranges mark an excluded start before the value. */
function rangeToSql(bounds, isRecordKey) {
    const [start, end] = bounds.v;
    let out = '';
    if (start.t === 'tag') {
        const value = isRecordKey ? recordKeyToSql(start.v) : toSql(start.v);
        if (start.tag === TAG.BOUND_EXCLUDED) out += isRecordKey ? '>' + value : value + '>';
        else out += value;
    }
    out += '..';
    if (end.t === 'tag') {
        const value = isRecordKey ? recordKeyToSql(end.v) : toSql(end.v);
        out += end.tag === TAG.BOUND_INCLUDED ? '=' + value : value;
    }
    return out;
}

function fileToSql(node) {
    const [bucket, key] = node.v.map((n) => String(n.v));
    const part = (value, escapeSlash) =>
        [...value].map((c) => (/[A-Za-z0-9._-]/.test(c) || (!escapeSlash && c === '/') ? c : '\\' + c)).join('');
    return `f"${part(bucket, true)}:${part(key, false)}"`;
}

/** SurrealQL text of a value, as the server's `ToSql` writes it on one line. */
export function toSql(node) {
    switch (node.t) {
        case 'int':
            return node.v.toString();
        case 'float':
            return Number.isFinite(node.v) ? rustFloat(node.v) + 'f' : rustFloat(node.v);
        case 'text':
            return quoteString(node.v);
        case 'bytes':
            return 'b"' + Buffer.from(node.v).toString('hex').toUpperCase() + '"';
        case 'array':
            return '[' + node.v.map(toSql).join(', ') + ']';
        case 'map':
            if (node.v.length === 0) return '{  }';
            return '{ ' + node.v.map(([k, v]) => escapeObjectKey(String(k.v)) + ': ' + toSql(v)).join(', ') + ' }';
        case 'tag':
            return taggedToSql(node);
        default:
            return node.v === true ? 'true' : node.v === false ? 'false' : node.v === null ? 'NULL' : 'NONE';
    }
}

function taggedToSql(node) {
    switch (node.tag) {
        case TAG.NONE:
            return 'NONE';
        case TAG.TABLE:
            return escapeIdent(node.v.v);
        case TAG.RECORD_ID:
            return recordIdToSql(node.v);
        case TAG.UUID:
            return `u'${formatUuid(node.v.v)}'`;
        case TAG.UUID_STRING:
            return `u'${node.v.v}'`;
        case TAG.DECIMAL:
            return node.v.v + 'dec';
        case TAG.DATETIME:
            return 'd' + quoteString(formatDatetime(node.v));
        case TAG.DATETIME_STRING:
            return 'd' + quoteString(node.v.v);
        case TAG.DURATION:
            return formatDuration(node.v);
        case TAG.DURATION_STRING:
            return node.v.v;
        case TAG.RANGE:
            return rangeToSql(node.v, false);
        case TAG.FILE:
            return fileToSql(node.v);
        case TAG.SET:
            return '{' + node.v.v.map(toSql).join(', ') + (node.v.v.length === 1 ? ',}' : '}');
        default:
            return toSql(node.v);
    }
}
