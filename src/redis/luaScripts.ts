// The Lua scripts that read and change an index in Redis. Each runs atomically on the server:
// no other command runs in the middle of one, and its writes are replicated and persisted as one
// unit, so a document is inserted or removed whole or not at all.
//
// Every script takes the same keys, all under one hash tag ({prefix}) so that in Redis Cluster
// they hash to one slot and a script may touch them together:
//   KEYS[1] meta     hash: the index's settings ('params' is their canonical text) and 'seq'
//   KEYS[2] ids      hash: document id -> document number
//   KEYS[3] docs     hash: document number -> record (see documentRecord.ts)
//   KEYS[4] expiry   sorted set: document number, scored by its expiry time (ms, server clock)
//   KEYS[5] bands    hash: bucket (1 byte band number, 8 bytes band key) -> the numbers of its
//                    documents, 4 bytes each, big-endian, in insertion order
// and ARGV[1] is the caller's 'params', checked first: a caller with other settings, or an index
// deleted and made again with other settings, is refused instead of mixing signatures. A
// document's buckets travel as one string of 9 bytes each, read and written with one HMGET and
// one HSET: a call from Lua into Redis costs more than the work of most of them.

const PRELUDE = `
local params = redis.call('HGET', KEYS[1], 'params')
if params ~= ARGV[1] then return {'mismatch', params or ''} end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local expiring = redis.call('ZCARD', KEYS[4]) > 0
local function expired(num)
  if not expiring then return false end
  local at = redis.call('ZSCORE', KEYS[4], num)
  return at and tonumber(at) <= now
end
local function buckets(packed)
  local fields = {}
  for i = 1, #packed, 9 do fields[#fields + 1] = string.sub(packed, i, i + 8) end
  if #fields == 0 then return fields, {} end
  return fields, redis.call('HMGET', KEYS[5], unpack(fields))
end
`;

/**
 * Matches a document and, in mode 'add', inserts it. ARGV: params, mode ('add' or 'check'), id,
 * record, ttl in ms (0: none), the document's buckets ('' for an empty document), its content's
 * fingerprint (8 bytes, as in records at byte 9). Returns {status, candidates...}: a candidate is
 * its record, or, when its content is the same as this document's, a zero byte and its id (many
 * copies of one text would otherwise send every copy's whole record back for each new copy). The
 * status is 'added', 'replayed' (the id holds this very
 * record: candidates are then only the documents inserted before it), 'checked', 'duplicate'
 * (the id holds another record) or 'mismatch'. An id whose document expired is free: the new
 * document gets a number of its own, and the expired one, invisible already, waits for purging.
 */
export const ADD_SCRIPT = `${PRELUDE}
local mode, id, record, ttl = ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
local status, own = 'checked', nil
if mode == 'add' then
  local existing = redis.call('HGET', KEYS[2], id)
  if existing and not expired(existing) then
    if redis.call('HGET', KEYS[3], existing) ~= record then return {'duplicate'} end
    status, own = 'replayed', tonumber(existing)
  else
    status = 'added'
  end
end
local out, seen, walked = {status}, {}, {}
local print = ARGV[7]
local fields, found = buckets(ARGV[6])
for b = 1, #fields do
  local bucket = found[b]
  -- Lua interns strings: a bucket equal to one already walked (copies share every bucket) is
  -- recognized at once and skipped.
  if bucket and not walked[bucket] then
    walked[bucket] = true
    for i = 1, #bucket, 4 do
      local n = struct.unpack('>I4', bucket, i)
      if not seen[n] and (own == nil or n < own) then
        seen[n] = true
        local num = tostring(n)
        if not expired(num) then
          local stored = redis.call('HGET', KEYS[3], num)
          if stored then
            if string.sub(stored, 9, 16) == print then
              out[#out + 1] = '\0' .. string.sub(stored, 17, 16 + struct.unpack('<I4', stored, 5))
            else
              out[#out + 1] = stored
            end
          end
        end
      end
    end
  end
end
if status == 'added' then
  local n = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  if n > 4294967295 then return redis.error_reply('neardup: this index has used all 2^32 document numbers') end
  redis.call('HSET', KEYS[2], id, n)
  redis.call('HSET', KEYS[3], n, record)
  if ttl > 0 then redis.call('ZADD', KEYS[4], now + ttl, n) end
  if #fields > 0 then
    local packed, pairs = struct.pack('>I4', n), {}
    for b = 1, #fields do
      pairs[#pairs + 1] = fields[b]
      pairs[#pairs + 1] = (found[b] or '') .. packed
    end
    redis.call('HSET', KEYS[5], unpack(pairs))
  end
end
return out
`;

/**
 * Removes a document and all its band entries. ARGV: params, id, number, the document's buckets,
 * mode: 'remove' removes it if its id still has the number the caller read; 'purge' removes it if
 * it has expired (its id too, unless the id was taken again since). Returns {'removed'} or
 * {'changed'}.
 */
export const REMOVE_SCRIPT = `${PRELUDE}
local id, num = ARGV[2], ARGV[3]
local owner = redis.call('HGET', KEYS[2], id)
if ARGV[5] == 'purge' then
  if not expired(num) or redis.call('HEXISTS', KEYS[3], num) == 0 then return {'changed'} end
elseif owner ~= num then
  return {'changed'}
end
local packed = struct.pack('>I4', tonumber(num))
local fields, found = buckets(ARGV[4])
local keep, drop = {}, {}
for b = 1, #fields do
  local bucket = found[b]
  if bucket then
    local kept = {}
    for i = 1, #bucket, 4 do
      local entry = string.sub(bucket, i, i + 3)
      if entry ~= packed then kept[#kept + 1] = entry end
    end
    if #kept == 0 then
      drop[#drop + 1] = fields[b]
    else
      keep[#keep + 1] = fields[b]
      keep[#keep + 1] = table.concat(kept)
    end
  end
end
if #drop > 0 then redis.call('HDEL', KEYS[5], unpack(drop)) end
if #keep > 0 then redis.call('HSET', KEYS[5], unpack(keep)) end
if owner == num then redis.call('HDEL', KEYS[2], id) end
redis.call('HDEL', KEYS[3], num)
redis.call('ZREM', KEYS[4], num)
return {'removed'}
`;

/**
 * Reads documents by id. ARGV: params, then ids. Returns {'ok', number, record, ...}: a pair per
 * id, both '' when the id is absent or expired.
 */
export const GET_SCRIPT = `${PRELUDE}
local out = {'ok'}
for i = 2, #ARGV do
  local num = redis.call('HGET', KEYS[2], ARGV[i])
  if num and not expired(num) then
    out[#out + 1] = num
    out[#out + 1] = redis.call('HGET', KEYS[3], num) or ''
  else
    out[#out + 1] = ''
    out[#out + 1] = ''
  end
end
return out
`;

/**
 * Lists expired documents still stored (at most ARGV[2]). Returns {'ok', number, record, ...}.
 */
export const EXPIRED_SCRIPT = `${PRELUDE}
local out = {'ok'}
for _, num in ipairs(redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))) do
  out[#out + 1] = num
  out[#out + 1] = redis.call('HGET', KEYS[3], num) or ''
end
return out
`;

/** Counts the live documents: every record but the expired ones. Returns {'ok', count}. */
export const SIZE_SCRIPT = `${PRELUDE}
return {'ok', redis.call('HLEN', KEYS[3]) - redis.call('ZCOUNT', KEYS[4], '-inf', now)}
`;

/**
 * Creates the index's settings when the prefix is free, or returns the stored ones. KEYS: meta,
 * ids, docs. ARGV: params, then field, value pairs. Returns {'created'}, {'exists', field, value,
 * ...}, or {'foreign', type} when the keys hold something else.
 */
export const INIT_SCRIPT = `
local kind = redis.call('TYPE', KEYS[1]).ok
if kind == 'none' then
  if redis.call('EXISTS', KEYS[2], KEYS[3]) > 0 then return {'foreign', 'ids or docs without settings'} end
  redis.call('HSET', KEYS[1], 'params', ARGV[1], unpack(ARGV, 2))
  return {'created'}
end
if kind ~= 'hash' then return {'foreign', kind} end
local stored = redis.call('HGETALL', KEYS[1])
table.insert(stored, 1, 'exists')
return stored
`;
