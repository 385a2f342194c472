import { gemeenteNaam } from '../../../platform/gemeenten';
import type { Gemeente } from './gemeente.type';

/** A known CBS code becomes a Gemeente; anything else is null, not an error. */
export function resolveGemeente(code: string): Gemeente | null {
  const naam = gemeenteNaam(code);
  return naam ? { code, naam } : null;
}

export function resolveGemeenteReference(reference: Pick<Gemeente, 'code'>): Gemeente | null {
  return resolveGemeente(reference.code);
}
