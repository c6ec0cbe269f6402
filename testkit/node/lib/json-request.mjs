// Reads an `application/json` RPC body the way SurrealDB 3.0.2 does and hands it to the
// engine as CBOR. The server parses JSON bodies as SurrealQL values with "legacy strands":
// a string that reads as a record id, then as a datetime, then as a UUID becomes that
// value; numbers with a fraction or exponent are floats, others integers. JSON.parse
// would lose both distinctions, hence this small parser.
//
// Only strict JSON is accepted (the server's value parser takes a superset). Record-id
// strings are recognised when they are `table:key` with a plain or escaped key; they are
// passed as a tag-8 string so the engine's own record-id parser reads the key.

import { CborError, encode, float, int, tag, text } from './cbor.mjs';
import { TAG } from './surreal-values.mjs';

export class JsonBodyError extends Error {}

const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const RECORD_KEY = '(?:-?[0-9]{1,18}|[A-Za-z_][A-Za-z0-9_]*|⟨[^⟩]*⟩|`[^`]*`)';
const RECORD_ID = new RegExp(`^(?:${IDENT}|\`[^\`]+\`):${RECORD_KEY}$`);
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Converts a JSON body to CBOR bytes with SurrealDB's value semantics. */
export function jsonBodyToCbor(bodyText) {
    const parser = new Parser(bodyText);
    parser.skipWhitespace();
    const node = parser.value(0);
    parser.skipWhitespace();
    if (parser.pos !== bodyText.length) throw new JsonBodyError('trailing characters');
    return encode(node);
}

/** A string as the server's legacy-strand rule reads it. */
export function legacyStrand(value) {
    if (RECORD_ID.test(value)) return tag(TAG.RECORD_ID, text(value));
    const datetime = parseDatetime(value);
    if (datetime) return datetime;
    if (UUID.test(value)) return tag(TAG.UUID, { t: 'bytes', v: Buffer.from(value.replace(/-/g, ''), 'hex') });
    return text(value);
}

function parseDatetime(value) {
    const m = DATETIME.exec(value);
    if (!m) return null;
    const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
    const millis = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
    const check = new Date(millis);
    const valid = check.getUTCFullYear() === +y && check.getUTCMonth() === +mo - 1 && check.getUTCDate() === +d
        && +h < 24 && +mi < 60 && +s < 60 && (!oh || (+oh < 24 && +om < 60));
    if (!valid) return null;
    const offset = sign ? (sign === '-' ? -1 : 1) * (+oh * 3600 + +om * 60) : 0;
    const secs = BigInt(Math.floor(millis / 1000) - offset);
    const nanos = BigInt((frac ?? '').slice(0, 9).padEnd(9, '0'));
    return tag(TAG.DATETIME, { t: 'array', v: [int(secs), int(nanos)] });
}

class Parser {
    constructor(source) {
        this.source = source;
        this.pos = 0;
    }

    fail(what) {
        throw new JsonBodyError(`${what} at ${this.pos}`);
    }

    skipWhitespace() {
        while (this.pos < this.source.length && ' \t\n\r'.includes(this.source[this.pos])) this.pos++;
    }

    value(depth) {
        if (depth > 128) this.fail('nesting too deep');
        const c = this.source[this.pos];
        if (c === '{') return this.object(depth);
        if (c === '[') return this.array(depth);
        if (c === '"') return legacyStrand(this.string());
        if (c === '-' || (c >= '0' && c <= '9')) return this.number();
        for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
            if (this.source.startsWith(word, this.pos)) {
                this.pos += word.length;
                return { t: 'simple', v };
            }
        }
        return this.fail('unexpected character');
    }

    object(depth) {
        const entries = new Map(); // the server keeps the last of repeated keys
        this.pos++;
        this.skipWhitespace();
        if (this.source[this.pos] === '}') {
            this.pos++;
            return { t: 'map', v: [] };
        }
        for (;;) {
            this.skipWhitespace();
            if (this.source[this.pos] !== '"') this.fail('expected a key');
            const key = this.string();
            this.skipWhitespace();
            if (this.source[this.pos++] !== ':') this.fail('expected :');
            this.skipWhitespace();
            entries.set(key, this.value(depth + 1));
            this.skipWhitespace();
            const c = this.source[this.pos++];
            if (c === '}') break;
            if (c !== ',') this.fail('expected , or }');
        }
        return { t: 'map', v: [...entries].map(([k, v]) => [text(k), v]) };
    }

    array(depth) {
        const items = [];
        this.pos++;
        this.skipWhitespace();
        if (this.source[this.pos] === ']') {
            this.pos++;
            return { t: 'array', v: items };
        }
        for (;;) {
            this.skipWhitespace();
            items.push(this.value(depth + 1));
            this.skipWhitespace();
            const c = this.source[this.pos++];
            if (c === ']') break;
            if (c !== ',') this.fail('expected , or ]');
        }
        return { t: 'array', v: items };
    }

    sticky(pattern) {
        pattern.lastIndex = this.pos;
        return pattern.exec(this.source);
    }

    string() {
        const start = this.pos;
        let i = start + 1;
        for (;;) {
            const c = this.source.charCodeAt(i);
            if (Number.isNaN(c) || c < 0x20) this.fail('bad string');
            if (c === 0x22) break;
            i += c === 0x5c ? 2 : 1; // JSON.parse below checks the escape itself
        }
        this.pos = i + 1;
        return JSON.parse(this.source.slice(start, this.pos));
    }

    number() {
        const match = this.sticky(NUMBER);
        if (!match) this.fail('bad number');
        this.pos += match[0].length;
        if (match[1] || match[2]) return float(Number(match[0]));
        const value = BigInt(match[0]);
        if (value > 9223372036854775807n || value < -9223372036854775808n) this.fail('integer out of range');
        return int(value);
    }
}

export { CborError };
