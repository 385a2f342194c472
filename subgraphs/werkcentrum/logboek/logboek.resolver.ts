import { logboekResolver } from '../../../platform/audit/logboek.resolver';
import { ACTIVITEITEN } from '../toegang';
import { Logboek } from './logboek.type';

/** `Logboek.werkcentrum`: the lines of Werkcentrum Twente's own processing log. */
export const LogboekResolver = logboekResolver(Logboek, { veld: 'werkcentrum', register: ACTIVITEITEN });
