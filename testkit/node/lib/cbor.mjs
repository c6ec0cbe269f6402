// A minimal CBOR reader and writer (RFC 8949) that keeps what a JavaScript value loses:
// integers stay distinct from floats, 64-bit integers stay exact, and tags stay as tags.
// The server needs this to re-encode values the way SurrealDB does and to splice request
// bytes without decoding and re-encoding the caller's parameters.
//
// Decoded items are plain nodes: {t: 'int', v: bigint}, {t: 'float', v: number},
// {t: 'text', v}, {t: 'bytes', v: Uint8Array}, {t: 'array', v: [node]},
// {t: 'map', v: [[keyNode, valueNode]]}, {t: 'tag', tag: number, v: node},
// {t: 'simple', v: true | false | null | undefined}.

export class CborError extends Error {}

const BREAK = 0xff;

/** Reads the initial byte and argument of the item at `pos`. */
function readHead(buf, pos) {
    if (pos >= buf.length) throw new CborError('unexpected end of input');
    const initial = buf[pos];
    const major = initial >> 5;
    const info = initial & 0x1f;
    let next = pos + 1;
    let arg;
    if (info < 24) {
        arg = BigInt(info);
    } else if (info <= 27) {
        const size = 1 << (info - 24);
        if (next + size > buf.length) throw new CborError('unexpected end of input');
        arg = 0n;
        for (let i = 0; i < size; i++) arg = (arg << 8n) | BigInt(buf[next + i]);
        next += size;
    } else if (info === 31 && major >= 2 && major <= 5) {
        arg = null; // indefinite length
    } else if (info === 31 && major === 7) {
        throw new CborError('unexpected break');
    } else {
        throw new CborError(`reserved additional information ${info}`);
    }
    return { major, info, arg, next };
}

function safeLength(arg, buf, pos) {
    if (arg > BigInt(buf.length - pos)) throw new CborError('length exceeds input');
    return Number(arg);
}

/** Decodes one item at `pos`; returns [node, nextPos]. */
export function decodeItem(buf, pos = 0, depth = 0) {
    if (depth > 256) throw new CborError('nesting too deep');
    const { major, info, arg, next } = readHead(buf, pos);
    switch (major) {
        case 0:
            return [{ t: 'int', v: arg }, next];
        case 1:
            return [{ t: 'int', v: -1n - arg }, next];
        case 2:
        case 3:
            return decodeString(buf, major, arg, next);
        case 4: {
            const items = [];
            let at = next;
            if (arg === null) {
                while (buf[at] !== BREAK) {
                    const [item, end] = decodeItem(buf, at, depth + 1);
                    items.push(item);
                    at = end;
                }
                return [{ t: 'array', v: items }, at + 1];
            }
            const count = safeLength(arg, buf, at);
            for (let i = 0; i < count; i++) {
                const [item, end] = decodeItem(buf, at, depth + 1);
                items.push(item);
                at = end;
            }
            return [{ t: 'array', v: items }, at];
        }
        case 5: {
            const entries = [];
            let at = next;
            const count = arg === null ? Infinity : safeLength(arg, buf, at);
            for (let i = 0; i < count && !(arg === null && buf[at] === BREAK); i++) {
                const [key, keyEnd] = decodeItem(buf, at, depth + 1);
                const [value, valueEnd] = decodeItem(buf, keyEnd, depth + 1);
                entries.push([key, value]);
                at = valueEnd;
            }
            return [{ t: 'map', v: entries }, arg === null ? at + 1 : at];
        }
        case 6: {
            const [value, end] = decodeItem(buf, next, depth + 1);
            return [{ t: 'tag', tag: Number(arg), v: value }, end];
        }
        default:
            return [decodeSimple(buf, pos, info, arg), next];
    }
}

function decodeString(buf, major, arg, next) {
    let bytes;
    let at = next;
    if (arg === null) {
        const chunks = [];
        while (buf[at] !== BREAK) {
            const head = readHead(buf, at);
            if (head.major !== major || head.arg === null) throw new CborError('bad string chunk');
            const len = safeLength(head.arg, buf, head.next);
            chunks.push(buf.subarray(head.next, head.next + len));
            at = head.next + len;
        }
        bytes = Buffer.concat(chunks);
        at += 1;
    } else {
        const len = safeLength(arg, buf, at);
        bytes = buf.subarray(at, at + len);
        at += len;
    }
    if (major === 2) return [{ t: 'bytes', v: Uint8Array.from(bytes) }, at];
    return [{ t: 'text', v: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }, at];
}

function decodeSimple(buf, pos, info, arg) {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    switch (info) {
        case 20:
            return { t: 'simple', v: false };
        case 21:
            return { t: 'simple', v: true };
        case 22:
            return { t: 'simple', v: null };
        case 23:
            return { t: 'simple', v: undefined };
        case 25:
            return { t: 'float', v: halfToNumber(view.getUint16(pos + 1)) };
        case 26:
            return { t: 'float', v: view.getFloat32(pos + 1) };
        case 27:
            return { t: 'float', v: view.getFloat64(pos + 1) };
        default:
            return { t: 'simple', v: Number(arg) === 22 ? null : undefined };
    }
}

function halfToNumber(half) {
    const sign = half & 0x8000 ? -1 : 1;
    const exponent = (half >> 10) & 0x1f;
    const fraction = half & 0x3ff;
    if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
    if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
    return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Decodes a whole buffer that must hold exactly one item. */
export function decode(buf) {
    const [node, end] = decodeItem(buf, 0);
    if (end !== buf.length) throw new CborError('trailing bytes after the CBOR item');
    return node;
}

/**
 * Reads a top-level map without decoding its values: returns its entries as
 * {key, keyStart, valueStart, valueEnd} so that values can be copied byte for byte.
 */
export function readTopLevelMap(buf) {
    const head = readHead(buf, 0);
    if (head.major !== 5) throw new CborError('not a map');
    const entries = [];
    let at = head.next;
    const count = head.arg === null ? Infinity : safeLength(head.arg, buf, at);
    for (let i = 0; i < count && !(head.arg === null && buf[at] === BREAK); i++) {
        const [key, keyEnd] = decodeItem(buf, at, 1);
        const [, valueEnd] = decodeItem(buf, keyEnd, 1);
        entries.push({ key, keyStart: at, valueStart: keyEnd, valueEnd });
        at = valueEnd;
    }
    const end = head.arg === null ? at + 1 : at;
    if (end !== buf.length) throw new CborError('trailing bytes after the CBOR item');
    return entries;
}

// ---------------------------------------------------------------------------------------
// Writing

function head(major, length) {
    const n = BigInt(length);
    if (n < 24n) return Buffer.from([(major << 5) | Number(n)]);
    if (n < 0x100n) return Buffer.from([(major << 5) | 24, Number(n)]);
    if (n < 0x10000n) {
        const b = Buffer.alloc(3);
        b[0] = (major << 5) | 25;
        b.writeUInt16BE(Number(n), 1);
        return b;
    }
    if (n < 0x100000000n) {
        const b = Buffer.alloc(5);
        b[0] = (major << 5) | 26;
        b.writeUInt32BE(Number(n), 1);
        return b;
    }
    const b = Buffer.alloc(9);
    b[0] = (major << 5) | 27;
    b.writeBigUInt64BE(n, 1);
    return b;
}

/** Encodes a node tree (see the header) into CBOR bytes. */
export function encode(node) {
    const parts = [];
    encodeInto(node, parts);
    return Buffer.concat(parts);
}

function encodeInto(node, parts) {
    switch (node.t) {
        case 'int':
            parts.push(node.v >= 0n ? head(0, node.v) : head(1, -1n - node.v));
            return;
        case 'float': {
            const b = Buffer.alloc(9);
            b[0] = 0xfb;
            b.writeDoubleBE(node.v, 1);
            parts.push(b);
            return;
        }
        case 'text': {
            const bytes = Buffer.from(node.v, 'utf8');
            parts.push(head(3, bytes.length), bytes);
            return;
        }
        case 'bytes':
            parts.push(head(2, node.v.length), Buffer.from(node.v));
            return;
        case 'array':
            parts.push(head(4, node.v.length));
            for (const item of node.v) encodeInto(item, parts);
            return;
        case 'map':
            parts.push(head(5, node.v.length));
            for (const [key, value] of node.v) {
                encodeInto(key, parts);
                encodeInto(value, parts);
            }
            return;
        case 'tag':
            parts.push(head(6, node.tag));
            encodeInto(node.v, parts);
            return;
        case 'raw':
            parts.push(node.v);
            return;
        default: {
            const simple = { false: 0xf4, true: 0xf5, null: 0xf6, undefined: 0xf7 }[String(node.v)];
            parts.push(Buffer.from([simple]));
        }
    }
}

// Node constructors, for readable call sites.
export const text = (v) => ({ t: 'text', v });
export const int = (v) => ({ t: 'int', v: BigInt(v) });
export const float = (v) => ({ t: 'float', v });
export const array = (v) => ({ t: 'array', v });
export const map = (obj) => ({ t: 'map', v: Object.entries(obj).map(([k, v]) => [text(k), v]) });
export const tag = (tagNumber, v) => ({ t: 'tag', tag: tagNumber, v });
export const raw = (bytes) => ({ t: 'raw', v: bytes });
export const NULL = { t: 'simple', v: null };

/** Builds a map from raw key and value byte ranges plus extra nodes. */
export function mapOfRawEntries(buf, entries, extra) {
    const v = entries.map((e) => [
        raw(buf.subarray(e.keyStart, e.valueStart)),
        raw(buf.subarray(e.valueStart, e.valueEnd)),
    ]);
    for (const [key, value] of extra) v.push([text(key), value]);
    return encode({ t: 'map', v });
}
