import { manyByKey } from '../../../platform/loaders';
import { SwDienstverband } from '../sw-dienstverband/sw-dienstverband.entity';
import { Traject } from '../traject/traject.entity';

export const trajectenByBsn = manyByKey(Traject, 'bsn', { orderBy: { startdatum: 'desc', id: 'desc' } });
export const swDienstverbandenByBsn = manyByKey(SwDienstverband, 'bsn', {
  orderBy: { startdatum: 'desc', id: 'desc' },
});
