import type { SubgraphName } from '../platform/config';
import type { SubgraphModule } from '../platform/subgraph';
import { werkInkomen } from './werk-inkomen';
import { schuldhulp } from './schuldhulp';
import { swb } from './swb';
import { werkcentrum } from './werkcentrum';
import { werkplein } from './werkplein';

/** Every partner subgraph, by name. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphModule> = {
  'werk-inkomen': werkInkomen,
  swb,
  werkplein,
  schuldhulp,
  werkcentrum,
};
