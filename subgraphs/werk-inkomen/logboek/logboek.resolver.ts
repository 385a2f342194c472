import { logboekResolver } from '../../../platform/audit/logboek.resolver';
import { ACTIVITEITEN } from '../toegang';
import { Logboek } from './logboek.type';

/** `Logboek.werkInkomen`: the lines of Werk en Inkomen's own processing log. */
export const LogboekResolver = logboekResolver(Logboek, { veld: 'werkInkomen', register: ACTIVITEITEN });
