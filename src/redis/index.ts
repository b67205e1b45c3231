// neardup/redis: an LSH index kept in Redis, shared by many processes and machines. A subpath of
// its own, so that programs which keep their index in memory never load a Redis client.
export { RedisIndex, connectRedisIndex, REDIS_LAYOUT_VERSION } from './RedisIndex.js';
export { DEFAULT_PREFIX, DEFAULT_REDIS_URL, type RedisIndexOptions } from './RedisIndexOptions.js';
export { IndexMismatchError } from '../errors/IndexMismatchError.js';
export { IndexUnavailableError } from '../errors/IndexUnavailableError.js';
