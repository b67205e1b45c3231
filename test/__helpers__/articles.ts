import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../examples/articles/', import.meta.url));

/** The text of an example article, e.g. `article('000_912c03f999ecb889.txt')`. */
export function article(name: string): string {
  return readFileSync(dir + name, 'utf8');
}

/** The first seed article (Amber Rudd, Guardian) and its syndicated copy: a known near-duplicate pair. */
export const ARTICLE_000 = '000_912c03f999ecb889.txt';
export const ARTICLE_001 = '001_b93039228490cdd2.txt';
