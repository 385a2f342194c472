import { logboekSchema } from '../../../platform/audit/logboek.schema';
import { ACTIVITEITEN } from '../toegang';

/**
 * The processing log of the Stadsbank in the federated log types, as `schuldhulp`: its lines for its own
 * PRIVACY_OFFICER, its residents' access reports and its usage reports.
 */
export const logboek = logboekSchema({ veld: 'schuldhulp', register: ACTIVITEITEN });
