// Turns a CBOR value from the engine into the JSON text the real server sends for
// `application/json` (SurrealDB 3.0.2 `Value::into_json_value`, written by serde_json):
// record ids, tables, datetimes, durations, uuids, decimals and ranges become strings,
// NONE becomes null, bytes become arrays of numbers, geometries become GeoJSON, floats
// keep their `.0`. The engine only speaks CBOR, so the conversion happens here.

import { decode } from './cbor.mjs';
import { TAG, formatDatetime, formatDuration, formatUuid, toSql, recordIdToSql } from './surreal-values.mjs';

/** Converts engine CBOR bytes to SurrealDB's JSON text. */
export function cborToJsonText(bytes) {
    const out = [];
    writeJson(decode(bytes), out);
    return out.join('');
}

/** Writes a node (see cbor.mjs) as JSON into `out`. */
export function writeJson(node, out) {
    switch (node.t) {
        case 'int':
            out.push(node.v.toString());
            return;
        case 'float':
            out.push(jsonFloat(node.v));
            return;
        case 'text':
            out.push(JSON.stringify(node.v));
            return;
        case 'bytes':
            out.push('[', Array.from(node.v).join(','), ']');
            return;
        case 'array':
            writeArray(node.v, out);
            return;
        case 'map':
            writeObject(node.v, out);
            return;
        case 'tag':
            writeTagged(node, out);
            return;
        default:
            out.push(node.v === true ? 'true' : node.v === false ? 'false' : 'null');
    }
}

function writeArray(items, out) {
    out.push('[');
    items.forEach((item, i) => {
        if (i > 0) out.push(',');
        writeJson(item, out);
    });
    out.push(']');
}

function writeObject(entries, out) {
    out.push('{');
    entries.forEach(([key, value], i) => {
        if (i > 0) out.push(',');
        out.push(JSON.stringify(String(key.v)), ':');
        writeJson(value, out);
    });
    out.push('}');
}

function writeTagged(node, out) {
    const inner = node.v;
    switch (node.tag) {
        case TAG.NONE:
            out.push('null');
            return;
        case TAG.TABLE:
        case TAG.UUID_STRING:
        case TAG.DECIMAL:
        case TAG.DURATION_STRING:
        case TAG.DATETIME_STRING:
            out.push(JSON.stringify(inner.v));
            return;
        case TAG.RECORD_ID:
            out.push(JSON.stringify(recordIdToSql(inner)));
            return;
        case TAG.DATETIME:
            out.push(JSON.stringify(formatDatetime(inner)));
            return;
        case TAG.DURATION:
            out.push(JSON.stringify(formatDuration(inner)));
            return;
        case TAG.UUID:
            out.push(JSON.stringify(formatUuid(inner.v)));
            return;
        case TAG.RANGE:
        case TAG.FILE:
            out.push(JSON.stringify(toSql(node)));
            return;
        case TAG.SET:
            writeArray(inner.v, out);
            return;
        default:
            if (node.tag >= TAG.GEOMETRY_POINT && node.tag <= TAG.GEOMETRY_COLLECTION) {
                out.push(geoJsonText(node));
                return;
            }
            writeJson(inner, out);
    }
}

/** serde_json's float text: shortest round-trip digits, `.0` on integral values, `e` outside 1e-5..1e16. */
export function jsonFloat(value) {
    if (!Number.isFinite(value)) return 'null';
    if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
    const sign = value < 0 ? '-' : '';
    const [mantissa, exp] = Math.abs(value).toExponential().split('e');
    const digits = mantissa.replace('.', '');
    const length = digits.length;
    const kk = Number(exp) + 1; // position of the decimal point relative to the first digit
    const k = kk - length;
    if (k >= 0 && kk <= 16) return sign + digits + '0'.repeat(k) + '.0';
    if (kk > 0 && kk <= 16) return sign + digits.slice(0, kk) + '.' + digits.slice(kk);
    if (kk > -5 && kk <= 0) return sign + '0.' + '0'.repeat(-kk) + digits;
    const rest = length === 1 ? '' : '.' + digits.slice(1);
    return sign + digits[0] + rest + 'e' + (kk - 1);
}

// GeoJSON, with serde_json's sorted keys ("coordinates" before "type").
const GEO_TYPES = {
    [TAG.GEOMETRY_POINT]: 'Point',
    [TAG.GEOMETRY_LINE]: 'LineString',
    [TAG.GEOMETRY_POLYGON]: 'Polygon',
    [TAG.GEOMETRY_MULTIPOINT]: 'MultiPoint',
    [TAG.GEOMETRY_MULTILINE]: 'MultiLineString',
    [TAG.GEOMETRY_MULTIPOLYGON]: 'MultiPolygon',
};

function geoJsonText(node) {
    if (node.tag === TAG.GEOMETRY_COLLECTION) {
        return `{"geometries":[${node.v.v.map(geoJsonText).join(',')}],"type":"GeometryCollection"}`;
    }
    return `{"coordinates":${coordinatesText(node)},"type":"${GEO_TYPES[node.tag]}"}`;
}

function coordinatesText(node) {
    if (node.t === 'tag' && node.tag === TAG.GEOMETRY_POINT) {
        return `[${node.v.v.map((n) => jsonFloat(Number(n.v))).join(',')}]`;
    }
    const inner = node.t === 'tag' ? node.v : node;
    return `[${inner.v.map(coordinatesText).join(',')}]`;
}
