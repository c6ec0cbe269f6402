"""Independent reference for point ids and content hashes (see SCHEMA.md).

Prints the golden values that the Java tests hold as literals:
    python3 reference.py
"""
import hashlib
import struct
import uuid
from decimal import Decimal

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "cortex-sync")


def point_id(canonical_id):
    return uuid.uuid5(NAMESPACE, canonical_id)


def es_number(x):
    """ECMAScript Number::toString (RFC 8785) of a finite float."""
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    d = Decimal(repr(abs(x))).normalize()  # repr is the shortest round-trip decimal
    t = d.as_tuple()
    digits = "".join(map(str, t.digits))
    k = len(digits)
    n = k + t.exponent
    if k <= n <= 21:
        s = digits + "0" * (n - k)
    elif 0 < n <= 21:
        s = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        s = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        s = digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("-" if e < 0 else "+") + str(abs(e))
    return sign + s


def json_string(s):
    out = ['"']
    for c in s:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c in "\b\t\n\f\r":
            out.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[c])
        elif ord(c) < 0x20:
            out.append("\\u%04x" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def canonical(v, skip_underscore=False):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return es_number(v)
    if isinstance(v, str):
        return json_string(v)
    if isinstance(v, list):
        return "[" + ",".join(canonical(e) for e in v) + "]"
    if isinstance(v, dict):
        keys = [k for k in v if not (skip_underscore and k.startswith("_"))]
        keys.sort(key=lambda k: k.encode("utf-16-be"))  # UTF-16 code unit order
        return "{" + ",".join(json_string(k) + ":" + canonical(v[k]) for k in keys) + "}"
    raise TypeError(type(v))


def f32(x):
    """The binary32 value nearest to x, widened back (what a Java float holds)."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


def content_hash(canonical_id, vector, metadata):
    id_bytes = canonical_id.encode("utf-8")
    json_bytes = canonical(metadata, skip_underscore=True).encode("utf-8")
    data = struct.pack("<I", len(id_bytes)) + id_bytes
    data += struct.pack("<I", len(vector)) + b"".join(struct.pack("<f", x) for x in vector)
    data += struct.pack("<I", len(json_bytes)) + json_bytes
    return hashlib.sha256(data).hexdigest()[:32]


IDS = [
    "doc:42",
    "doc:-7",
    "doc:intro_2",
    "doc:⟨hello world⟩",
    "doc:⟨42⟩",
    "doc:⟨a\\⟩b⟩",
    "doc:⟨back\\\\slash⟩",
    "doc:⟨naïve café 🚀⟩",
    "doc:0190c5b2-7d4e-7a11-8f00-123456789abc",
    "文档:⟨日本語⟩",
]

HASHES = [
    ("doc:1", [0.5, -1.25, 3.0], {}),
    ("doc:⟨hello world⟩", [0.1, 0.2, 0.3],
     {"title": "Hello", "tags": ["a", "b"], "n": 1, "x": 1.5,
      "nested": {"b": True, "a": None, "_kept": 1}, "_synced_at": "2026-01-01T00:00:00Z"}),
    ("doc:u1", [-0.0, 1e-45, 3.4028235e38],
     {"z\n": "line\u0001", "é": "café", "\U0001F680": "rocket", "\ufb01": "fi", "q": "say \"hi\" \\ bye"}),
    ("doc:nums", [1.0],
     {"int": 1, "float_one": 1.0, "big": 12345678901234567890, "neg_zero": -0.0, "tiny": 1e-7,
      "small": 0.000001, "huge": 1e21, "large": 1e20, "pi": 3.141592653589793, "third": 1 / 3,
      "f32": f32(0.1), "neg": -2.5e-10, "min_long": -9223372036854775808}),
    ("doc:0190c5b2-7d4e-7a11-8f00-123456789abc", [], {"_only": "sync"}),
]

if __name__ == "__main__":
    print("namespace", NAMESPACE)
    for i in IDS:
        print(repr(i), point_id(i))
    for cid, vec, meta in HASHES:
        print(repr(cid), canonical(meta, skip_underscore=True))
        print("   ", content_hash(cid, [f32(x) for x in vec], meta))
