import { logboekType } from '../../../platform/audit/logboek.type';

/** The federated log search; SWB adds its own lines as `swb`. */
export const Logboek = logboekType();
export type Logboek = InstanceType<typeof Logboek>;
