import { LRUCache } from "lru-cache";
import { awaitShared } from "./availability.server";
import { getConfig } from "./env.server";

/**
 * A small per-process cache of answers every reader shares (counts, the signing context):
 * a spike of readers then costs one load per key per `ttlMs` instead of one per request.
 * Concurrent misses share one load (lru-cache's fetchMethod), and a thrown Response (a 503
 * when the database went away) reaches each caller as its own copy (awaitShared). Bounded
 * by `max` keys, so memory does not grow with the number of slugs a crawler tries.
 *
 * Arguments are the key (as JSON: pass null, never undefined). Under NODE_ENV=test every call
 * loads afresh (data tests change rows and read at once); tests that prove the cached
 * behaviour switch NODE_ENV for their own run (tests/data/short-caches.test.ts).
 */
/**
 * How long a count read for the public (JSON API, embed widget, social card) is kept per
 * process. Half a second: server/app.js may keep a JSON answer up to a second more, and the
 * README promises counts at most 1.5 s old there, under a second as a rule.
 */
export const COUNTS_TTL_MS = 500;

export interface ShortCache<A extends unknown[], V> {
  get: (...args: A) => Promise<V>;
  clear: () => void;
}

const everyCache = new Set<{ clear: () => void }>();

export function shortCache<A extends unknown[], V>(opts: {
  max: number;
  ttlMs: number;
  load: (...args: A) => Promise<V>;
}): ShortCache<A, V> {
  const cache = new LRUCache<string, { value: V }>({
    max: opts.max,
    ttl: opts.ttlMs,
    fetchMethod: async (key) => ({ value: await opts.load(...(JSON.parse(key) as A)) }),
  });
  everyCache.add(cache);
  return {
    get: async (...args) => {
      if (getConfig().nodeEnv === "test") return opts.load(...args);
      const entry = await awaitShared(cache.fetch(JSON.stringify(args)));
      // fetchMethod always returns an entry; undefined only if it was aborted.
      return entry ? entry.value : opts.load(...args);
    },
    clear: () => cache.clear(),
  };
}

/** Forgets every short cache of this process (an organizer changed what they show). */
export function clearShortCaches(): void {
  for (const cache of everyCache) cache.clear();
}
