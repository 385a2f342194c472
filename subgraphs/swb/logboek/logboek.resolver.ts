import { logboekResolver } from '../../../platform/audit/logboek.resolver';
import { ACTIVITEITEN } from '../toegang';
import { Logboek } from './logboek.type';

/** `Logboek.swb`: the lines of SWB's own processing log. */
export const LogboekResolver = logboekResolver(Logboek, { veld: 'swb', register: ACTIVITEITEN });
