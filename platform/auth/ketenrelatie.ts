import DataLoader from 'dataloader';
import type { RequestContext } from '../context';
import { logger } from '../logger';
import { signToken, verifyToken, type TokenKind } from './jws';
import { isOrganisatie, type Organisatie } from './principals';

/**
 * The chain relation of a resident (ACCESS.md rule 2): which organisation pays them a benefit today, as
 * werk-inkomen states it. Partners decide the chain view on it, so they never take it unsigned from an
 * entity representation: werk-inkomen signs it with its own key (the one partners know from its JWKS),
 * bound to the resident and to this one request, and every partner verifies it before it decides.
 */
export const KETENRELATIE_ISSUER = 'urn:twente-ketenhub:werk-inkomen';
export const KETENRELATIE_AUDIENCE = 'urn:twente-ketenhub:ketenrelatie';
/** A JOSE `typ` of its own, so neither a consent grant nor any other token can pass for one. */
export const KETENRELATIE_TYPE = 'ketenrelatie+jwt';
const KETENRELATIE_TTL_SECONDS = 60;

type Context = Pick<RequestContext, 'keys' | 'requestId' | 'regels'>;

const KETENRELATIE: TokenKind = {
  type: KETENRELATIE_TYPE,
  issuer: KETENRELATIE_ISSUER,
  audience: KETENRELATIE_AUDIENCE,
};

/** Werk-inkomen's signed statement that `organisatie` pays the resident a benefit today. */
export function signKetenrelatie(ctx: Context, bsn: string, organisatie: Organisatie): string {
  return signToken(
    ctx.keys.signing,
    KETENRELATIE,
    { bsn, org: organisatie, req: ctx.requestId },
    KETENRELATIE_TTL_SECONDS,
  );
}

/** The claims of a chain relation werk-inkomen signed and that is valid now, or null. */
async function verifiedClaims(ctx: Context, token: string): Promise<Record<string, unknown> | null> {
  const verified = await verifyToken(ctx.keys.toegang, token, KETENRELATIE);
  return 'claims' in verified ? verified.claims : null;
}

/**
 * The organisation a signed chain relation states for this resident in this request, or null: absent,
 * forged, for another resident or request, expired. Null fails closed: the chain view is refused.
 */
export async function verifyKetenrelatie(
  ctx: Context,
  token: unknown,
  bsn: string,
): Promise<Organisatie | null> {
  if (typeof token !== 'string' || !token) return null;
  const claims = await verifiedClaims(ctx, token);
  if (!claims) {
    logger.warn({ service: ctx.regels.subgraph }, 'chain relation not signed by werk-inkomen: ignored');
    return null;
  }
  if (claims.bsn !== bsn || claims.req !== ctx.requestId || !isOrganisatie(claims.org)) {
    logger.warn({ service: ctx.regels.subgraph }, 'chain relation of another resident or request: ignored');
    return null;
  }
  return claims.org;
}

/**
 * The chain relations of one request's representations, verified together: the entities of one
 * `_entities` batch then resolve in the same tick, so their fields' loaders still batch into one
 * statement per relation (each verification finishing on its own would split them).
 */
const verifiers = new WeakMap<Context, DataLoader<{ token: unknown; bsn: string }, Organisatie | null>>();

export function verifyKetenrelatieBatched(
  ctx: Context,
  token: unknown,
  bsn: string,
): Promise<Organisatie | null> {
  let loader = verifiers.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      (items) => Promise.all(items.map((item) => verifyKetenrelatie(ctx, item.token, item.bsn))),
      { cache: false },
    );
    verifiers.set(ctx, loader);
  }
  return loader.load({ token, bsn });
}
