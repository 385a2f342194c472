import { logboekType } from '../../../platform/audit/logboek.type';

/** The federated log search; the Stadsbank adds its own lines as `schuldhulp`. */
export const Logboek = logboekType();
export type Logboek = InstanceType<typeof Logboek>;
