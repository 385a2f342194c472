import { manyByKey } from '../../../platform/loaders';
import { Plaatsing } from '../plaatsing/plaatsing.entity';

export const plaatsingenByBsn = manyByKey(Plaatsing, 'bsn', { orderBy: { startdatum: 'desc', id: 'desc' } });
