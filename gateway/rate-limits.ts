import { createHmac, randomBytes } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../platform/config';
import { isResident, type Principal } from '../platform/auth/principals';
import { logger } from '../platform/logger';
import type { HubContext } from './context';
import { verifiedRequestOf } from './caller';
import { jsonResponse } from './responses';

/** A limiter's verdict on one request: admitted, or refused until `retryAfterSeconds` have passed. */
export type RateVerdict = { admitted: true } | { admitted: false; retryAfterSeconds: number; limit: string };

/** Counts requests per caller and per organisation over a window; shared through Redis when configured. */
export interface CallerRateLimiter {
  admit(principal: Principal): Promise<RateVerdict>;
  /** Settles when the shared store is connected (at once in memory); until then each replica counts alone. */
  connected(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The limiters of a configuration: per employee (the highest limit of their roles), per organisation,
 * and per resident. With Redis, every gateway replica counts together; should Redis fail, each replica
 * counts on alone in memory (the library's insurance limiter) rather than refusing everyone or no one.
 */
export function callerRateLimiter(config: RateLimitConfig): CallerRateLimiter {
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
    : null;
  // One line when the store goes away and one when it is back, not one per reconnect attempt.
  let storeDown = false;
  redis?.on('error', (error: Error) => {
    if (storeDown) return;
    storeDown = true;
    logger.warn(
      { service: 'gateway', err: error.message },
      'rate-limit store unreachable; counting in memory',
    );
  });
  redis?.on('ready', () => {
    if (storeDown) logger.info({ service: 'gateway' }, 'rate-limit store reachable again');
    storeDown = false;
  });
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiter = (name: string, points: number): RateLimiterAbstract => {
    const key = `${name}:${points}`;
    let found = limiters.get(key);
    if (!found) {
      const options = { keyPrefix: `keten:rl:${name}`, points, duration: config.windowSeconds };
      const memory = new RateLimiterMemory(options);
      found = redis
        ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory })
        : memory;
      limiters.set(key, found);
    }
    return found;
  };
  // A resident's BSN never leaves the gateway as a key: the store sees a keyed hash of it.
  const residentKey = config.residentKey ?? randomBytes(32);
  const consume = async (name: string, points: number, key: string): Promise<RateVerdict> => {
    try {
      await limiter(name, points).consume(key);
      return { admitted: true };
    } catch (refusal: unknown) {
      if (refusal instanceof RateLimiterRes) {
        return {
          admitted: false,
          retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
          limit: name,
        };
      }
      throw refusal;
    }
  };
  return {
    async admit(principal) {
      if (isResident(principal)) {
        const key = createHmac('sha256', residentKey).update(principal.bsn).digest('base64url');
        return consume('inwoner', config.perRole.INWONER, key);
      }
      const points = Math.max(...principal.roles.map((rol) => config.perRole[rol]));
      const employee = await consume(
        'medewerker',
        points,
        `${principal.organisation}:${principal.employeeId}`,
      );
      if (!employee.admitted) return employee;
      return consume('organisatie', config.perOrganisation, principal.organisation);
    },
    connected: () =>
      !redis || redis.status === 'ready'
        ? Promise.resolve()
        : new Promise((resolve) => redis.once('ready', () => resolve())),
    async close() {
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * Refuses a verified caller over their limit with 429 and `Retry-After`, before the document is parsed.
 * Runs after the caller plugin: an unverified request has been answered already.
 */
export function useRateLimits(limiter: CallerRateLimiter, graphqlPath: string): GatewayPlugin<HubContext> {
  return {
    onRequest(payload) {
      if (payload.url.pathname !== graphqlPath) return;
      const verified = verifiedRequestOf(payload.request);
      if (!verified) return;
      return limiter.admit(verified.caller).then((verdict) => {
        if (verdict.admitted) return;
        const response = jsonResponse(
          payload.fetchAPI,
          429,
          `Too many requests (limit per ${verdict.limit}): try again in ${verdict.retryAfterSeconds} s.`,
          'RATE_LIMITED',
        );
        response.headers.set('retry-after', String(verdict.retryAfterSeconds));
        payload.endResponse(response);
      });
    },
    onDispose: () => limiter.close(),
  };
}
