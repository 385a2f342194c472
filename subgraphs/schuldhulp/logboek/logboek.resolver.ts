import { logboekResolver } from '../../../platform/audit/logboek.resolver';
import { ACTIVITEITEN } from '../toegang';
import { Logboek } from './logboek.type';

/** `Logboek.schuldhulp`: the lines of the Stadsbank's own processing log. */
export const LogboekResolver = logboekResolver(Logboek, { veld: 'schuldhulp', register: ACTIVITEITEN });
