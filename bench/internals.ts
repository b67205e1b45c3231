// Entry point that bench/lib/internals.mjs bundles with esbuild at bench time, into a temporary
// file: the hot path's own functions, which the package does not export. Never shipped.
export { fmix32, mixBlock, murmur3Bytes, murmur3Scrambled, murmur3Words, scrambleBlock } from '../src/internal/murmur3.js';
export { hashToken, scanShingles, SHINGLE_SEED, TOKEN_SEED } from '../src/internal/scanShingles.js';
// The Redis benchmark's throwaway server: the same helper the Redis tests use.
export { INSTALL_HINT, redisServerVersion, startRedisServer } from '../test/__helpers__/redisServer.js';
