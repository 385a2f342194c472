import type { RequestContext } from '../../../platform/context';
import { manyByKey, oneByKey } from '../../../platform/loaders';
import { Vacature } from '../vacature/vacature.entity';
import { Werkgever } from './werkgever.entity';

export const werkgeverById = oneByKey(Werkgever, 'id', { scoped: false });
export const vacaturesByWerkgeverId = manyByKey(Vacature, 'werkgeverId', {
  orderBy: { geopend: 'desc', id: 'desc' },
  scoped: false,
});

/** The employer a row refers to by foreign key, so it always exists. */
export async function loadWerkgever(ctx: RequestContext, id: number): Promise<Werkgever> {
  const werkgever = await ctx.loaders.get(werkgeverById).load(id);
  // Only a broken database gets here; the message names no resident.
  if (!werkgever) throw new Error(`werkgever ${id} is missing despite its foreign key`);
  return werkgever;
}
