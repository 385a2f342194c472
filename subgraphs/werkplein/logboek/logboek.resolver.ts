import { logboekResolver } from '../../../platform/audit/logboek.resolver';
import { ACTIVITEITEN } from '../toegang';
import { Logboek } from './logboek.type';

/** `Logboek.werkplein`: the lines of the Werkplein's own processing log. */
export const LogboekResolver = logboekResolver(Logboek, { veld: 'werkplein', register: ACTIVITEITEN });
