import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeduper } from '../../src/index.js';
import { connectRedisIndex, IndexUnavailableError, type RedisIndexOptions } from '../../src/redis/index.js';
import { ARTICLE_000, ARTICLE_001, article } from '../__helpers__/articles.js';
import { requireRedisServer, uniquePrefix } from '../__helpers__/redis.js';
import { freePort, startRedisServer, type RedisServer } from '../__helpers__/redisServer.js';
import { rejection } from '../__helpers__/thrown.js';

// Servers that ask who is connecting: a password (requirepass), ACL users, TLS. Each group starts
// its own redis-server, configured so.

// A refused connection must settle well before ioredis's 10-second connectTimeout: a test that
// hangs instead fails on this timeout.
const SETTLES_MS = 4000;

/** Connects to the index on `redis`, adds the two wire copies of the first seed article, and checks the second matches the first. */
async function addsAndFinds(options: RedisIndexOptions): Promise<void> {
  const index = await connectRedisIndex({ prefix: uniquePrefix('auth'), ...options });
  try {
    const deduper = await createDeduper({ index });
    expect(await deduper.add(ARTICLE_000, article(ARTICLE_000))).toEqual([]);
    expect(await deduper.add(ARTICLE_001, article(ARTICLE_001))).toEqual([{ id: ARTICLE_000, similarity: expect.closeTo(0.668, 3) }]);
    expect(await index.has(ARTICLE_000)).toBe(true);
    expect(await index.size()).toBe(2);
    await index.drop();
  } finally {
    await index.close();
  }
}

/** The IndexUnavailableError connecting with `options` rejects with. */
async function refusal(options: RedisIndexOptions): Promise<IndexUnavailableError> {
  return rejection(IndexUnavailableError, connectRedisIndex({ prefix: uniquePrefix('auth'), ...options }));
}

function redisCli(port: number, ...args: string[]): string {
  return execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8' }).trim();
}

describe('Redis with requirepass, ACL users and TLS', () => {
  describe('a server with requirepass', () => {
    let server: RedisServer;
    let at: string;
    beforeAll(async () => {
      requireRedisServer();
      server = await startRedisServer(['--requirepass', 'secret']);
      at = `127.0.0.1:${server.port}`;
    });
    afterAll(() => server?.stop());

    it(
      'refuses a wrong password at once, saying the server refused the credentials',
      async () => {
        const error = await refusal({ redis: `redis://:wrong@${at}` });
        expect(error.message).toBe(
          `Redis at ${at} failed during connect: the server refused the credentials (WRONGPASS invalid username-password pair or user is disabled.); ` +
            'check the password (and, for an ACL user, the username) in the URL or clientOptions',
        );
        expect([error.server, error.operation]).toEqual([at, 'connect']);
      },
      SETTLES_MS,
    );

    it(
      'says the server requires a password when none is given, and where to give it',
      async () => {
        const error = await refusal({ redis: `redis://${at}` });
        expect(error.message).toBe(
          `Redis at ${at} failed during connect: the server requires a password (NOAUTH Authentication required.); ` +
            'give it in the URL (redis://:secret@host:port) or clientOptions.password',
        );
      },
      SETTLES_MS,
    );

    it('adds and finds documents with the password in the URL', async () => {
      await addsAndFinds({ redis: `redis://:secret@${at}` });
    });

    it('adds and finds documents with the password in clientOptions', async () => {
      await addsAndFinds({ redis: `redis://${at}`, clientOptions: { password: 'secret' } });
    });
  });

  describe('a server with ACL users', () => {
    let server: RedisServer;
    let at: string;
    beforeAll(async () => {
      requireRedisServer();
      server = await startRedisServer();
      at = `127.0.0.1:${server.port}`;
      expect(redisCli(server.port, 'ACL', 'SETUSER', 'alice', 'on', '>pw', '~*', '&*', '+@all')).toBe('OK');
      expect(redisCli(server.port, 'ACL', 'SETUSER', 'bob', 'on', '>pw', '~other:*', '&*', '+@all')).toBe('OK');
      // Every key of an index starts with '{prefix}:' (braces and all): '~{news}:*' grants one index.
      expect(redisCli(server.port, 'ACL', 'SETUSER', 'carol', 'on', '>p@ss:w/rd', '~{news}:*', '+@all')).toBe('OK');
    });
    afterAll(() => server?.stop());

    it('adds and finds documents as the user named in the URL', async () => {
      await addsAndFinds({ redis: `redis://alice:pw@${at}` });
    });

    it('adds and finds documents as the user named in clientOptions', async () => {
      await addsAndFinds({ redis: `redis://${at}`, clientOptions: { username: 'alice', password: 'pw' } });
    });

    it(
      "refuses the user's wrong password at once, saying the server refused the credentials",
      async () => {
        for (const options of [{ redis: `redis://alice:wrong@${at}` }, { redis: `redis://${at}`, clientOptions: { username: 'alice', password: 'wrong' } }]) {
          const error = await refusal(options);
          expect(error.message).toContain(`Redis at ${at} failed during connect: the server refused the credentials (WRONGPASS`);
          expect(error.message).toContain('check the password (and, for an ACL user, the username)');
        }
      },
      SETTLES_MS,
    );

    it(
      "refuses an unknown user as it refuses a wrong password (the server doesn't tell them apart)",
      async () => {
        const error = await refusal({ redis: `redis://mallory:pw@${at}` });
        expect(error.message).toContain('the server refused the credentials (WRONGPASS');
      },
      SETTLES_MS,
    );

    it(
      "refuses a user who may not touch the index's keys with the server's NOPERM, at once",
      async () => {
        const error = await refusal({ redis: `redis://bob:pw@${at}`, prefix: 'bobs' });
        expect(error.message).toBe(
          `Redis at ${at} failed during connect: the server's ACL refused this user (NOPERM this user has no permissions to access one of the keys used as arguments); ` +
            'an index needs its keys (~{bobs}:*) and the commands of +@scripting +@hash +@sortedset +@keyspace +ping',
        );
      },
      SETTLES_MS,
    );

    it("lets a user whose keys are '{prefix}:*' use that index and no other (password percent-encoded in the URL)", async () => {
      const redis = `redis://carol:${encodeURIComponent('p@ss:w/rd')}@${at}`;
      await addsAndFinds({ redis, prefix: 'news' });
      await addsAndFinds({ redis: `redis://${at}`, prefix: 'news', clientOptions: { username: 'carol', password: 'p@ss:w/rd' } });
      const error = await refusal({ redis, prefix: 'sport' });
      expect(error.message).toContain('NOPERM');
      expect(error.message).toContain('(~{sport}:*)');
    });
  });

  describe('a server that speaks TLS only', () => {
    let certs: string;
    let ca: Buffer;
    let server: RedisServer;
    let at: string;
    beforeAll(async () => {
      requireRedisServer();
      // A self-signed certificate for 127.0.0.1 (subjectAltName IP:127.0.0.1), so that the client
      // verifies both the chain (the certificate is its own CA) and the host.
      certs = mkdtempSync(join(tmpdir(), 'neardup-tls-'));
      const [cert, key] = [join(certs, 'cert.pem'), join(certs, 'key.pem')];
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
        { stdio: 'ignore' },
      );
      ca = readFileSync(cert);
      const tlsPort = await freePort();
      const tls = ['--tls-port', String(tlsPort), '--tls-cert-file', cert, '--tls-key-file', key, '--tls-ca-cert-file', cert, '--tls-auth-clients', 'no'];
      server = await startRedisServer(tls, { port: 0, readyPort: tlsPort });
      at = `127.0.0.1:${tlsPort}`;
    });
    afterAll(async () => {
      await server?.stop();
      if (certs !== undefined) rmSync(certs, { recursive: true, force: true });
    });

    it('adds and finds documents over rediss:// with the certificate authority in clientOptions.tls', async () => {
      await addsAndFinds({ redis: `rediss://${at}`, clientOptions: { tls: { ca } } });
    });

    it(
      'refuses a server whose certificate it cannot verify, saying to give the certificate authority',
      async () => {
        const error = await refusal({ redis: `rediss://${at}` });
        expect(error.message).toBe(
          `Redis at ${at} failed during connect: the server's TLS certificate was not accepted (self-signed certificate); ` +
            'give the authority that signed it in clientOptions.tls.ca, and a host the certificate names',
        );
        expect((error.cause as NodeJS.ErrnoException).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
      },
      SETTLES_MS,
    );

    it(
      'refuses a certificate that does not name the host it expects, even from a trusted authority',
      async () => {
        const error = await refusal({ redis: `rediss://${at}`, clientOptions: { tls: { ca, servername: 'cache.example.com' } } });
        expect(error.message).toContain(`Redis at ${at} failed during connect: the server's TLS certificate was not accepted (Hostname/IP does not match certificate's altnames`);
        expect((error.cause as NodeJS.ErrnoException).code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
      },
      SETTLES_MS,
    );

    it(
      'fails at once when plain redis:// is given for the TLS port: the server drops the connection',
      async () => {
        const error = await refusal({ redis: `redis://${at}` });
        expect(error.message).toMatch(new RegExp(`^Redis at ${at} failed during connect: the connection was lost \\(`));
      },
      SETTLES_MS,
    );
  });
});
