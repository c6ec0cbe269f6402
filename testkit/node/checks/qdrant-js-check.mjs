// Drives a Qdrant gRPC endpoint with the official JS client (@qdrant/js-client-grpc) and checks
// the answers against Qdrant's documented behaviour. Usage: node qdrant-js-check.mjs <host> <port>
// Exits 0 when every check passes, 1 on the first mismatch.
import {
    QdrantClient,
    Distance,
    UpdateStatus,
    ConnectError,
    ConnectErrorCode,
    toDenseVector,
} from '@qdrant/js-client-grpc';

const [host, portText] = process.argv.slice(2);
if (!host || !portText) {
    console.error('usage: node qdrant-js-check.mjs <host> <port>');
    process.exit(2);
}

const client = new QdrantClient({ host, port: Number(portText), checkCompatibility: false, timeout: 20000 });
const collections = client.api('collections');
const points = client.api('points');
const collectionName = `js_check_${process.pid}`;
const uuid = '5c56c793-69f3-4fbf-87e6-c4bf54c28c26';

function check(condition, what, actual) {
    if (!condition) {
        throw new Error(`${what}; got ${JSON.stringify(actual, (k, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
    }
}

const num = (n) => ({ pointIdOptions: { case: 'num', value: BigInt(n) } });
const uuidId = (u) => ({ pointIdOptions: { case: 'uuid', value: u } });
const idText = (id) => String(id.pointIdOptions.value);
const dense = (data) => ({ vectorsOptions: { case: 'vector', value: { vector: { case: 'dense', value: { data } } } } });
const str = (s) => ({ kind: { case: 'stringValue', value: s } });
const int = (i) => ({ kind: { case: 'integerValue', value: BigInt(i) } });
const keyword = (key, value) => ({
    must: [{ conditionOneOf: { case: 'field', value: { key, match: { matchValue: { case: 'keyword', value } } } } }],
});
const near = (a, b) => Math.abs(a - b) < 1e-6;

async function expectError(promise, code, message, what) {
    try {
        await promise;
    } catch (error) {
        check(error instanceof ConnectError, `${what}: a gRPC error`, String(error));
        check(error.code === code, `${what}: code ${ConnectErrorCode[code]}`, ConnectErrorCode[error.code]);
        check(error.rawMessage === message, `${what}: message "${message}"`, error.rawMessage);
        return;
    }
    throw new Error(`${what}: expected an error, the call succeeded`);
}

async function main() {
    const health = await client.api('service').healthCheck({});
    check(health.version === '1.18.3', 'health check reports version 1.18.3', health.version);

    const created = await collections.create({
        collectionName,
        vectorsConfig: { config: { case: 'params', value: { size: 4n, distance: Distance.Cosine } } },
    });
    check(created.result === true, 'collection created', created.result);
    const exists = await collections.collectionExists({ collectionName });
    check(exists.result?.exists === true, 'collection exists', exists.result);

    const upserted = await points.upsert({
        collectionName,
        wait: true,
        points: [
            { id: num(1), vectors: dense([3, 4, 0, 0]), payload: { kind: str('a'), rank: int(1) } },
            { id: num(2), vectors: dense([0, 0, 1, 0]), payload: { kind: str('b'), rank: int(2) } },
            { id: uuidId(uuid.toUpperCase()), vectors: dense([0, 1, 0, 0]), payload: { kind: str('b') } },
        ],
    });
    check(upserted.result?.status === UpdateStatus.Completed, 'upsert with wait is Completed', upserted.result);

    const got = await points.get({
        collectionName,
        ids: [uuidId(uuid), num(99), num(1)],
        withPayload: { selectorOptions: { case: 'enable', value: true } },
        withVectors: { selectorOptions: { case: 'enable', value: true } },
    });
    check(got.result.map((p) => idText(p.id)).join() === `${uuid},1`, 'get keeps request order, drops missing ids', got.result.map((p) => p.id));
    const normalised = toDenseVector(got.result[1].vectors.vectorsOptions.value).data;
    check(near(normalised[0], 0.6) && near(normalised[1], 0.8), 'cosine vector normalised at upsert', normalised);
    check(got.result[1].payload.kind?.kind.value === 'a', 'payload returned when asked', got.result[1].payload);

    const page1 = await points.scroll({ collectionName, limit: 2 });
    check(page1.result.map((p) => idText(p.id)).join() === '1,2', 'scroll page 1 in id order', page1.result.map((p) => p.id));
    check(page1.nextPageOffset && idText(page1.nextPageOffset) === uuid, 'next page offset is the next id', page1.nextPageOffset);
    check(page1.result[0].payload.rank?.kind.value === 1n, 'scroll returns payload by default', page1.result[0].payload);
    const page2 = await points.scroll({ collectionName, limit: 2, offset: page1.nextPageOffset });
    check(page2.result.map((p) => idText(p.id)).join() === uuid, 'scroll page 2', page2.result.map((p) => p.id));
    check(page2.nextPageOffset === undefined, 'no next page offset on the last page', page2.nextPageOffset);

    const hits = await points.search({ collectionName, vector: [1, 1, 0, 0], limit: 2n });
    check(hits.result.map((p) => idText(p.id)).join() === `1,${uuid}`, 'search ranks by cosine', hits.result.map((p) => p.id));
    check(near(hits.result[0].score, 1.4 / Math.SQRT2), 'cosine score', hits.result[0].score);

    const all = await points.count({ collectionName });
    check(all.result?.count === 3n, 'count of all points', all.result);
    const onlyB = await points.count({ collectionName, filter: keyword('kind', 'b') });
    check(onlyB.result?.count === 2n, 'count with a filter', onlyB.result);

    await expectError(
        points.upsert({ collectionName, wait: true, points: [{ id: num(5), vectors: dense([1, 2, 3]) }] }),
        ConnectErrorCode.InvalidArgument,
        'Wrong input: Vector dimension error: expected dim: 4, got 3',
        'wrong dimension',
    );
    await expectError(
        points.count({ collectionName: `${collectionName}_missing` }),
        ConnectErrorCode.NotFound,
        `Not found: Collection \`${collectionName}_missing\` doesn't exist!`,
        'missing collection',
    );

    const deleted = await points.delete({
        collectionName,
        wait: true,
        points: { pointsSelectorOneOf: { case: 'points', value: { ids: [num(2), num(404)] } } },
    });
    check(deleted.result?.status === UpdateStatus.Completed, 'delete with wait is Completed', deleted.result);
    const afterDelete = await points.count({ collectionName });
    check(afterDelete.result?.count === 2n, 'count after delete', afterDelete.result);

    const dropped = await collections.delete({ collectionName });
    check(dropped.result === true, 'collection deleted', dropped.result);
}

main().then(
    () => {
        console.log('qdrant-js-check: all checks passed');
        process.exit(0);
    },
    (error) => {
        console.error(`qdrant-js-check: FAILED: ${error.message}`);
        process.exit(1);
    },
);
