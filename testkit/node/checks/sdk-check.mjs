#!/usr/bin/env node
// Drives a SurrealDB HTTP endpoint with the official JavaScript SDK (npm `surrealdb`),
// unchanged: signin, use, create, select, query, delete, and a refused login.
//
//   node sdk-check.mjs <http://host:port/rpc> <user> <pass>
//
// Prints one `ok <step>` line per passed step and `SDK CHECK PASSED` at the end;
// exits 1 on the first mismatch, 2 on wrong arguments.

import { Surreal, RecordId, Table } from 'surrealdb';
import { isDeepStrictEqual } from 'node:util';

const [url, user, pass] = process.argv.slice(2);
if (!url || user === undefined || pass === undefined) {
    console.error('usage: sdk-check.mjs <url> <user> <pass>');
    process.exit(2);
}

function check(step, actual, expected) {
    if (!isDeepStrictEqual(actual, expected)) {
        throw new Error(`${step}: expected ${show(expected)} but got ${show(actual)}`);
    }
    console.log(`ok ${step}`);
}

const show = (value) => JSON.stringify(value, (k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof RecordId ? v.toString() : v));

async function main() {
    const namespace = `sdk_${process.pid}`;
    const db = new Surreal();
    await db.connect(url);
    try {
        const tokens = await db.signin({ username: user, password: pass });
        check('signin returns an access token', typeof tokens.access === 'string' && tokens.access.split('.').length, 3);

        check('use', await db.use({ namespace, database: 'check' }), { namespace, database: 'check' });

        const id = new RecordId('person', 'alice');
        const created = await db.create(id).content({ name: 'Alice', age: 42, tags: ['a', 'b'] });
        check('create', { ...created, id: created.id.toString() }, { id: 'person:alice', name: 'Alice', age: 42, tags: ['a', 'b'] });

        const selected = await db.select(id);
        check('select by id', selected.name, 'Alice');
        check('select keeps the record id type', selected.id instanceof RecordId && selected.id.table.name === 'person', true);

        await db.create(new RecordId('person', 'bob')).content({ name: 'Bob', age: 17 });
        const [adults, count] = await db
            .query('SELECT VALUE name FROM person WHERE age >= $min ORDER BY name; RETURN count(SELECT * FROM person)', { min: 18 })
            .collect();
        check('query with bindings', adults, ['Alice']);
        check('query second statement', count, 2);

        const all = await db.select(new Table('person'));
        check('select table', all.map((p) => p.name).sort(), ['Alice', 'Bob']);

        await db.delete(id);
        check('delete', await db.select(id), undefined);
        check('delete leaves the rest', (await db.select(new Table('person'))).map((p) => p.name), ['Bob']);

        await db.query(`REMOVE NAMESPACE ${namespace}`).collect();
    } finally {
        await db.close();
    }

    const refused = new Surreal();
    await refused.connect(url);
    try {
        await refused.signin({ username: user, password: `${pass}-wrong` });
        throw new Error('signin with a wrong password: expected a refusal');
    } catch (e) {
        check('wrong password is refused', /problem with authentication/.test(String(e.message)), true);
    } finally {
        await refused.close();
    }
    console.log('SDK CHECK PASSED');
}

main().catch((e) => {
    console.error(`SDK CHECK FAILED: ${e.stack ?? e}`);
    process.exit(1);
});
