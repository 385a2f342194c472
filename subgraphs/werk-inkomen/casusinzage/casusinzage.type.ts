import { casusinzageReferenceType } from '../../../platform/casusinzage';

/** Werk en Inkomen signs the grant in `Casusoverleg.inzage` and adds its own detail data to it. */
export const Casusinzage = casusinzageReferenceType();
export type Casusinzage = InstanceType<typeof Casusinzage>;
