import { SurrealEngine } from './lib/engine.mjs';
import { encode, decode, map, text } from './lib/cbor.mjs';
const e = await SurrealEngine.open('mem://');
const req = (sql) => encode(map({ method: text('query'), params: { t: 'array', v: [{ t: 'text', v: sql }] } }));
async function q(sql) { const r = await e.execute(req(sql)); return r; }
console.log(JSON.stringify(decode(await e.execute(encode(map({ method: text('use'), params: { t: 'array', v: [{ t: 'text', v: 'b' }, { t: 'text', v: 'b' }] } }))))));
await q('DEFINE TABLE t SCHEMALESS CHANGEFEED 1d');
const dim = 768;
const N = 5000;
let t = Date.now();
const TX = Number(process.env.TX || 1);
for (let k = 0; k < N; k += TX) {
  let sql = 'BEGIN;';
  for (let m = k; m < k + TX; m++) {
    const v = Array.from({length: dim}, (_, j) => Math.sin(m + j).toFixed(6)).join(',');
    sql += `CREATE t:${m} SET title = 'doc ${m}', embedding = [${v}] RETURN NONE;`;
  }
  await q(sql + 'COMMIT;');
}
console.log('wrote', N, 'in', Date.now() - t, 'ms');
for (const limit of (process.env.LIMITS || '1000,100').split(',').map(Number)) {
  let engineMs = 0, decodeMs = 0, bytes = 0;
  const reps = 3;
  for (let r = 0; r < reps; r++) {
    const t0 = Date.now();
    const reply = await q(`SHOW CHANGES FOR DATABASE SINCE 0 LIMIT ${limit}`);
    const t1 = Date.now();
    decode(reply);
    engineMs += t1 - t0; decodeMs += Date.now() - t1; bytes += reply.length;
  }
  console.log(`limit ${limit}: engine ${engineMs / reps} ms/page, js decode ${decodeMs / reps} ms/page, ${bytes / reps} bytes/page, => ${Math.round(limit * TX / (engineMs / reps) * 1000)} changes/s engine-only`);
}
const t0 = Date.now();
const sel = await q(`SELECT * FROM t LIMIT 1000`);
console.log(JSON.stringify(decode(sel),(k,v)=>typeof v==="bigint"?Number(v):v).slice(0,300)); console.log('select 1000 records', Date.now() - t0, 'ms', sel.length, 'bytes');
process.exit(0);
