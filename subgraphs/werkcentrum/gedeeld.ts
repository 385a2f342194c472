import { gedeeldeTypen } from '../../platform/partner';

/** Werk en Inkomen owns the resident and the municipality, and holds the case conference; Werkcentrum adds its own fields to them. */
export const { Inwoner, Gemeente, Casusinzage } = gedeeldeTypen();
export type Inwoner = InstanceType<typeof Inwoner>;
export type Gemeente = InstanceType<typeof Gemeente>;
export type Casusinzage = InstanceType<typeof Casusinzage>;
