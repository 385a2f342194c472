import { casusinzageReferenceType } from '../../../platform/casusinzage';

/** Werk en Inkomen holds the case conference; Werkcentrum Twente adds its detail data when the grant's scope names it. */
export const Casusinzage = casusinzageReferenceType();
export type Casusinzage = InstanceType<typeof Casusinzage>;
