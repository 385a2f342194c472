import type { Gemeente } from './gemeente.type';

/** Municipalities are owned by werk-inkomen; here the key is all there is to resolve. */
export function resolveGemeenteReference(reference: Pick<Gemeente, 'code'>): Gemeente {
  return { code: reference.code };
}
