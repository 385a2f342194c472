import { manyByKey, oneByKey } from '../../../platform/loaders';
import { Inburgering } from '../inburgering/inburgering.entity';
import { Loonkostensubsidie } from '../loonkostensubsidie/loonkostensubsidie.entity';
import { Uitkering } from '../uitkering/uitkering.entity';
import { Inwoner } from './inwoner.entity';

export const inwonerByBsn = oneByKey(Inwoner, 'bsn');
export const uitkeringenByBsn = manyByKey(Uitkering, 'bsn', {
  orderBy: { ingangsdatum: 'desc', id: 'desc' },
});
export const loonkostensubsidiesByBsn = manyByKey(Loonkostensubsidie, 'bsn', {
  orderBy: {
    startdatum: 'desc',
    id: 'desc',
  },
});
export const inburgeringenByBsn = manyByKey(Inburgering, 'bsn', {
  orderBy: { startdatum: 'desc', id: 'desc' },
});
