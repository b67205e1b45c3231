// The syndicated-copy demo: five articles on one event, two of them the same wire story as printed
// by two outlets. With default options, neardup clusters those two and nothing else.
//
//   npm run demo            (builds, then runs this file)
//   node examples/demo.mjs [folder]   (any folder of .txt files)
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findNearDuplicates } from '../dist/index.js';

const folder = process.argv[2] ?? fileURLToPath(new URL('./articles', import.meta.url));
const names = (await readdir(folder)).filter((name) => name.endsWith('.txt')).sort();
const docs = await Promise.all(names.map(async (name) => ({ id: name, text: await readFile(join(folder, name), 'utf8') })));

const { clusters, stats } = await findNearDuplicates(docs);

console.log(`${stats.documents} articles in ${relative(process.cwd(), folder) || '.'}: ${clusters.length} cluster(s) of near-duplicates\n`);
for (const [n, cluster] of clusters.entries()) {
  console.log(`cluster ${n + 1} (representative ${cluster.representative})`);
  for (const id of cluster.ids) console.log(`  ${id}`);
  for (const { a, b, similarity } of cluster.pairs) console.log(`  similarity ${a} ~ ${b}: ${similarity.toFixed(3)}`);
}
