import { gemeenteNaam } from '../../../platform/gemeenten';
import type { Gemeente } from './gemeente.type';

/** The code is all SWB needs; an unknown CBS code is null, as in the owning subgraph. */
export function resolveGemeenteReference(reference: Pick<Gemeente, 'code'>): Gemeente | null {
  return gemeenteNaam(reference.code) ? { code: reference.code } : null;
}
