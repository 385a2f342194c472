import { logboekSchema } from '../../../platform/audit/logboek.schema';
import { ACTIVITEITEN } from '../toegang';

/**
 * The processing log of SWB Midden Twente in the federated log types, as `swb`: its lines for its own
 * PRIVACY_OFFICER, its residents' access reports and its usage reports.
 */
export const logboek = logboekSchema({ veld: 'swb', register: ACTIVITEITEN });
