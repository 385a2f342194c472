import { logboekSchema } from '../../../platform/audit/logboek.schema';
import { ACTIVITEITEN } from '../toegang';

/**
 * The processing log of Werkcentrum Twente in the federated log types, as `werkcentrum`: its lines for its own
 * PRIVACY_OFFICER, its residents' access reports and its usage reports.
 */
export const logboek = logboekSchema({ veld: 'werkcentrum', register: ACTIVITEITEN });
