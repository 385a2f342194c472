import { runSubgraph } from '../../platform/run';
import { schuldhulp } from '.';

runSubgraph(schuldhulp);
