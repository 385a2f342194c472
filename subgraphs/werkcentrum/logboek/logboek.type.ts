import { logboekType } from '../../../platform/audit/logboek.type';

/** The federated log search; Werkcentrum Twente adds its own lines as `werkcentrum`. */
export const Logboek = logboekType();
export type Logboek = InstanceType<typeof Logboek>;
